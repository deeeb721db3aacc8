package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.catalog.Catalogs;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.CatalogOfferings;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Progress;
import io.altostratus.cli.internal.Tables;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.cli.view.InstanceView;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Instance;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.placement.Attempt;
import io.altostratus.core.placement.Candidate;
import io.altostratus.core.placement.Candidates;
import io.altostratus.core.placement.FailoverPolicy;
import io.altostratus.core.placement.Offerings;
import io.altostratus.core.placement.PlacementResult;
import io.altostratus.core.placement.Requirements;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.core.wait.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alto launch}: starts instances and prints them (as launched, or once running with --wait). With
 * {@code --clouds}, {@code --regions} or {@code --zones} it launches anywhere: the fitting (cloud, region, zone, type)
 * candidates from the catalogs in use ({@link CatalogsInUse}), cheapest first, walked by the core
 * {@link FailoverPolicy}. A {@code --region} given on the command line is then the only region (as {@code --regions}
 * with one name); a region from the config is not, since a walk is asked for to look beyond the usual place.
 */
@Command(name = "launch", description = "Launch instances and print them (a JSON array with -o json). With --clouds, "
        + "--regions or --zones: at the cheapest place that takes the launch, failing over on capacity, quota and "
        + "credential errors.")
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

    @Option(names = "--clouds", paramLabel = "CLOUD", split = ",",
            description = "Launch anywhere in these clouds (aws, gcp, azure; local answers from the AWS catalog), "
                    + "cheapest fitting place first; each cloud's session uses its own section of alto.toml.")
    List<String> clouds = new ArrayList<>();

    @Option(names = "--regions", paramLabel = "REGION", split = ",",
            description = "Launch anywhere in these regions (names or globs such as eu-*), failing over between them. "
                    + "With --clouds or --zones, --region R stands for --regions R.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--zones", paramLabel = "ZONE", split = ",",
            description = "Launch anywhere in these zones, failing over between them.")
    List<String> zones = new ArrayList<>();

    @Option(names = "--gpu", paramLabel = "MODEL[:COUNT]",
            description = "With --clouds/--regions/--zones: types with at least COUNT GPUs of MODEL, e.g. A100:1.")
    String gpu;

    @Option(names = "--max-attempts", defaultValue = "16", paramLabel = "N",
            description = "With --clouds/--regions/--zones: launches tried at most (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--wait", description = "Wait until the instances are running, then print them.")
    boolean await;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    /** Whether this launch walks candidates instead of launching in the one configured place. */
    private boolean anywhere() {
        return !clouds.isEmpty() || !regions.isEmpty() || !zones.isEmpty();
    }

    @Override
    public Integer call() throws Exception {
        if (!anywhere()) {
            return super.call();
        }
        validate();
        Progress progress = new Progress(err(), main().environment().stderrTerminal());
        Output output = new Output(main().outputFormat(), out()).beforeWrite(progress::clear);
        try {
            return launchAnywhere(output, progress).code();
        } finally {
            progress.clear();
        }
    }

    @Override
    protected void validate() {
        if (anywhere()) {
            if (zone != null) {
                throw new UsageException("--zone names one place; with --clouds/--regions/--zones use --zones");
            }
            if (subnet != null || !securityGroups.isEmpty()) {
                throw new UsageException("--subnet and --security-group name one region's resources; they do not "
                        + "go with --clouds/--regions/--zones");
            }
            if (maxAttempts < 1) {
                throw new UsageException("--max-attempts must be at least 1, got " + maxAttempts);
            }
            if (regionOption() != null && !regions.isEmpty()) {
                throw new UsageException("--region names one region and --regions several; give them all in "
                        + "--regions");
            }
        } else if (gpu != null) {
            throw new UsageException("--gpu picks among candidates: give it with --clouds, --regions or --zones");
        }
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

    private ExitCode launchAnywhere(Output out, Progress progress) {
        Architecture architecture = arch == null ? null : Architecture.parse(arch);
        long minMemoryMiB = Args.gibToMib(minMemory);
        if (type == null && minVcpus <= 0 && minMemoryMiB <= 0 && gpu == null) {
            throw new UsageException("give --type, or --min-vcpus/--min-memory/--gpu to pick the cheapest fitting "
                    + "types");
        }
        Requirements requirements = new Requirements(Math.max(minVcpus, 0), minMemoryMiB, null, 0,
                architecture != null ? architecture : aliasArchitecture(), null);
        if (gpu != null) {
            try {
                requirements = requirements.withGpu(gpu);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--gpu: " + e.getMessage());
            }
        }
        List<String> cloudNames = clouds.isEmpty() ? List.of(main().providerName()) : List.copyOf(clouds);
        String onlyRegion = regionOption();
        Candidates.Builder builder = Candidates.builder().requirements(requirements)
                .regions(onlyRegion != null ? List.of(onlyRegion) : regions).zones(zones);
        cloudNames.forEach(name -> builder.offerings(offerings(name)));
        List<Candidate> candidates = builder.build();
        if (type != null) {
            candidates = candidates.stream().filter(c -> c.instanceType().equals(type)).toList();
            if (candidates.isEmpty()) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "NoMatchingInstanceType", "no candidate fits: "
                        + "type " + type + " is not offered in the chosen places of " + String.join(", ", cloudNames));
            }
        }
        LaunchSpec template = template(candidates.get(0).instanceType(), architecture, minMemoryMiB);
        FailoverPolicy policy = FailoverPolicy.builder()
                .sessions(this::openSession)
                .maxAttempts(maxAttempts)
                .waitForRunning(await ? Duration.ofSeconds(timeoutSeconds) : null)
                .waiters(Waiter.builder().clock(main().environment().clock())
                        .sleeper(main().environment().sleeper()).listener(progress))
                .sleeper(main().environment().sleeper())
                .listener(new FailoverPolicy.Listener() {
                    @Override
                    public void failed(Attempt attempt) {
                        progress.clear();
                        note("attempt failed: " + attempt.summary());
                    }
                })
                .build();
        PlacementResult result = policy.place(candidates, template);
        note("landed on " + result.landed() + (result.failed().isEmpty() ? ""
                : " after " + result.failed().size() + " failed attempt(s)")
                + (result.skipped() == 0 ? "" : ", " + result.skipped() + " candidate(s) skipped in blocked places"));
        out.list(result.instances(), InstanceView::of, Tables.instances());
        return ExitCode.OK;
    }

    /**
     * The architecture an image alias names ({@code ubuntu:24.04} is x86_64, {@code ubuntu:24.04/arm64} arm64), so
     * candidates of the other architecture are never tried: the image would not boot there, and the cloud's
     * INVALID_PARAMETER would block the whole cloud. Null for an image id (its architecture is the cloud's to say).
     */
    private Architecture aliasArchitecture() {
        ImageRef ref;
        try {
            ref = ImageRef.parse(image);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--image: " + e.getMessage());
        }
        return ref.isAlias() ? ref.architecture() : null;
    }

    /**
     * The {@code --region} typed on this command line, before the verb or after it; null when none was (the config's
     * region is not one). Picocli keeps an inherited option's match on the level where it was typed.
     */
    private String regionOption() {
        if (spec == null) {
            return null;
        }
        for (CommandLine level = spec.commandLine(); level != null; level = level.getParent()) {
            CommandLine.ParseResult parsed = level.getParseResult();
            if (parsed != null && parsed.hasMatchedOption("--region")) {
                return parsed.matchedOptionValue("--region", null);
            }
        }
        return null;
    }

    private ComputeProvider openSession(String provider, String region) {
        ComputeProvider opened = main().factory(provider).open(main().providerContext(provider, region));
        if (opened == null) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "provider '" + provider + "' opened no session");
        }
        return opened;
    }

    /**
     * Where a cloud's candidates come from: the catalog {@code alto types --clouds} lists (a fresh refreshed snapshot,
     * else the shipped data); {@code local} sessions run on the shipped AWS catalog, so that is theirs.
     */
    private Offerings offerings(String cloud) {
        if (cloud.equals("local")) {
            return new CatalogOfferings(cloud, Catalogs.aws());
        }
        if (!Catalogs.providers().contains(cloud)) {
            throw new UsageException("--clouds: no catalog for '" + cloud + "' (catalogs: "
                    + String.join(", ", Catalogs.providers()) + "; local uses the AWS one)");
        }
        return new CatalogOfferings(cloud, CatalogsInUse.choose(main(), cloud).catalog());
    }

    /** What each candidate launches, but for its type and zone. */
    private LaunchSpec template(String firstType, Architecture architecture, long minMemoryMiB) {
        LaunchSpec.Builder spec = LaunchSpec.builder()
                .image(image)
                .instanceType(firstType)
                .minVcpus(minVcpus)
                .minMemoryMiB(minMemoryMiB)
                .architecture(architecture)
                .count(count)
                .name(name)
                .keyName(key)
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
        return spec.build();
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
