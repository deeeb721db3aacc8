package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.cli.view.InstanceView;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Instance;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.wait.InstanceCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alto launch}: starts instances and prints them (as launched, or once running with --wait). */
@Command(name = "launch", description = "Launch instances and print them (a JSON array with -o json).")
public final class LaunchCommand extends CloudCommand {
    @Option(names = "--image", required = true, paramLabel = "IMAGE",
            description = "Image id or alias such as ubuntu:24.04 or ubuntu:24.04/arm64.")
    String image;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "Instance type; without it the cheapest type with --min-vcpus/--min-memory is used.")
    String type;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N", description = "How many (default: 1).")
    int count;

    @Option(names = "--min-count", paramLabel = "N",
            description = "Succeed if at least this many can be launched (default: --count).")
    Integer minCount;

    @Option(names = "--name", paramLabel = "NAME", description = "The Name tag.")
    String name;

    @Option(names = "--user-data", paramLabel = "FILE",
            description = "User data from FILE, @FILE, or - for stdin.")
    String userData;

    @Option(names = "--key", paramLabel = "KEY", description = "Key pair name.")
    String key;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
            description = "A tag (repeatable).")
    List<Args.Tag> tags = new ArrayList<>();

    @Option(names = "--subnet", paramLabel = "SUBNET", description = "Subnet id.")
    String subnet;

    @Option(names = "--security-group", paramLabel = "SG", split = ",",
            description = "Security group id (repeatable or comma-separated).")
    List<String> securityGroups = new ArrayList<>();

    @Option(names = "--zone", paramLabel = "ZONE", description = "Availability zone.")
    String zone;

    @Option(names = "--min-vcpus", paramLabel = "N", description = "Pick a type with at least N vCPUs.")
    int minVcpus;

    @Option(names = "--min-memory", paramLabel = "GIB", description = "Pick a type with at least this much memory.")
    Double minMemory;

    @Option(names = "--arch", paramLabel = "ARCH", description = "Architecture: x86_64/amd64 or arm64/aarch64.")
    String arch;

    @Option(names = "--client-token", paramLabel = "TOKEN",
            description = "Idempotency token: repeating a launch with it launches nothing new.")
    String clientToken;

    @Option(names = "--disk", paramLabel = "SIZE[:TYPE]", converter = Args.DiskConverter.class,
            description = "An extra disk in GiB, e.g. 20 or 100:io2 (repeatable).")
    List<DiskSpec> disks = new ArrayList<>();

    @Option(names = "--imds-tokens", paramLabel = "required|optional",
            description = "Whether the instance metadata service needs session tokens (IMDSv2); the other metadata "
                    + "options keep EC2's defaults. Without it the provider's default applies.")
    String imdsTokens;

    @Option(names = "--wait", description = "Wait until the instances are running, then print them.")
    boolean await;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    protected void validate() {
        if (count < 1) {
            throw new UsageException("--count must be at least 1, got " + count);
        }
        if (minCount != null && (minCount < 1 || minCount > count)) {
            throw new UsageException("--min-count must be between 1 and --count (" + count + "), got " + minCount);
        }
        if (timeoutSeconds < 0) {
            throw new UsageException("--timeout must not be negative");
        }
        if (imdsTokens != null && !imdsTokens.equals("required") && !imdsTokens.equals("optional")) {
            throw new UsageException("--imds-tokens must be required or optional, got '" + imdsTokens + "'");
        }
    }

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        Architecture architecture = arch == null ? null : Architecture.parse(arch);
        long minMemoryMiB = Args.gibToMib(minMemory);
        String chosenType = type;
        if (chosenType == null) {
            if (minVcpus <= 0 && minMemoryMiB <= 0) {
                throw new UsageException("give --type, or --min-vcpus/--min-memory to pick the cheapest fitting type");
            }
            chosenType = cloud.cheapestType(Math.max(minVcpus, 1), minMemoryMiB, architecture).name();
            note("using instance type " + chosenType);
        }
        LaunchSpec.Builder spec = LaunchSpec.builder()
                .image(image)
                .instanceType(chosenType)
                .minVcpus(minVcpus)
                .minMemoryMiB(minMemoryMiB)
                .architecture(architecture)
                .count(count)
                .name(name)
                .keyName(key)
                .zone(zone)
                .subnetId(subnet)
                .securityGroupIds(securityGroups)
                .disks(disks)
                .tags(Args.tags(tags))
                .clientToken(clientToken);
        if (minCount != null) {
            spec.minCount(minCount);
        }
        if (imdsTokens != null) {
            spec.metadataOptions(InstanceMetadataOptions.defaults()
                    .withTokensRequired(InstanceMetadataOptions.parseHttpTokens(imdsTokens)));
        }
        if (userData != null) {
            spec.userData(Args.readText(userData, main().environment().stdin(), "user data"));
        }
        List<Instance> launched;
        try {
            launched = cloud.launch(spec.build());
        } catch (PartialLaunchException partial) {
            // The ones that were made exist and cost money: print them before the error so nobody loses them.
            out.list(partial.launched(), InstanceView::of, Tables.instances());
            throw partial;
        }
        if (await) {
            List<String> ids = launched.stream().map(Instance::id).toList();
            launched = cloud.waitForAll(ids, InstanceCondition.RUNNING, Duration.ofSeconds(timeoutSeconds));
        }
        out.list(launched, InstanceView::of, Tables.instances());
        return ExitCode.OK;
    }
}
