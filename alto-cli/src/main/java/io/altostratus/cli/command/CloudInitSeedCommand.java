package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.cloudinit.NoCloudSeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alto cloud-init seed}: writes a NoCloud seed ISO (volume {@code cidata}) for hypervisors without a
 * metadata service. Attach it as a CD-ROM; cloud-init finds it by its label.
 */
@Command(name = "seed", description = "Write a NoCloud seed ISO (label cidata) with user-data, meta-data and "
        + "optionally network-config.")
public final class CloudInitSeedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--user-data", required = true, paramLabel = "FILE", description = "User data file, or - for stdin.")
    String userData;

    @Option(names = "--hostname", paramLabel = "H", description = "local-hostname in meta-data.")
    String hostname;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = "instance-id in meta-data (default: iid- and a hash of the seed's contents, so the same "
                    + "inputs give the same id and changed inputs make cloud-init run first-boot work again).")
    String instanceId;

    @Option(names = "--network-config", paramLabel = "FILE", description = "Network config (version 1 or 2).")
    Path networkConfig;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the ISO (replaced).")
    Path out;

    /** What was written, for -o json/yaml. */
    public record SeedView(String file, long bytes, String volumeId, String instanceId, String hostname,
                           boolean networkConfig) {
    }

    @Override
    public Integer call() {
        Main main = (Main) spec.root().userObject();
        byte[] data = "-".equals(userData)
                ? Args.readText(userData, main.environment().stdin(), "user data").getBytes(StandardCharsets.UTF_8)
                : read(Path.of(userData.startsWith("@") ? userData.substring(1) : userData), "--user-data");
        byte[] network = networkConfig == null ? null : read(networkConfig, "--network-config");
        String id = instanceId != null ? instanceId : derivedId(data, network);
        NoCloudSeed seed;
        try {
            seed = NoCloudSeed.builder().userData(data).instanceId(id).hostname(hostname).networkConfig(network)
                    .time(main.environment().clock().instant()).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        byte[] iso = seed.toIso();
        try {
            Files.write(out, iso);
        } catch (IOException e) {
            throw new UsageException("cannot write " + out + ": " + Args.reason(e), e);
        }
        Output output = new Output(main.outputFormat(), spec.commandLine().getOut());
        if (output.isTable()) {
            spec.commandLine().getErr().println("alto: wrote " + out + " (" + iso.length + " bytes, instance-id " + id + ")");
            spec.commandLine().getErr().flush();
        } else {
            output.object(new SeedView(out.toAbsolutePath().toString(), iso.length, NoCloudSeed.VOLUME_ID, id,
                    hostname, network != null));
        }
        return ExitCode.OK.code();
    }

    private String derivedId(byte[] data, byte[] network) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data);
            sha.update((byte) 0);
            sha.update(String.valueOf(hostname).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            if (network != null) {
                sha.update(network);
            }
            return "iid-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(what + " file not found: " + file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }
}
