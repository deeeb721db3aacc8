package io.altostratus.aws;

import io.altostratus.core.config.ProviderSettings;
import io.altostratus.core.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@code aws} provider reads from {@code alto.toml}'s {@code [aws]} section (flattened into
 * {@link ProviderContext#settings()}) besides region and endpoint. Every key is optional; without any, the provider
 * behaves like the AWS CLI: the SDK's default credential chain and region.
 *
 * @param profile          a named profile in {@code ~/.aws/config} and {@code ~/.aws/credentials} ({@code profile})
 * @param accessKeyId      static credentials, mainly for EC2-compatible endpoints ({@code access_key_id})
 * @param secretAccessKey  the secret of {@code accessKeyId} ({@code secret_access_key})
 * @param owner            the value of the {@code alto:owner} tag ({@code owner}; default the OS user name)
 * @param runId            the value of the {@code alto:run-id} tag ({@code run_id}; default one per session)
 * @param maxAttempts      tries per call for throttling and 5xx ({@code max_attempts}, default 6)
 * @param baseDelay        first backoff delay ({@code retry_base_ms}, default 200)
 * @param maxDelay         backoff cap ({@code retry_max_ms}, default 10000)
 * @param consistencyGrace how long a just-made id may read as not found ({@code consistency_grace_s}, default 60)
 * @param batchSize        instances per RunInstances call ({@code batch_size}, default 100)
 * @param parallelism      RunInstances calls in flight at once ({@code parallelism}, default 8)
 * @param capacityFallback on InsufficientInstanceCapacity, try other zones, then other fitting types
 *                         ({@code capacity_fallback}, default false)
 * @param keepOnFailure    keep what a failed launch made, for debugging ({@code keep_on_failure}, default false)
 * @param sshGroup         give a launch without security groups a new group admitting SSH ({@code ssh_group})
 * @param createMissingKey make the launch's key pair when it does not exist yet ({@code create_missing_key})
 * @param useSsm           look up Ubuntu images in SSM's public parameters first ({@code ssm}, default true)
 * @param keyDir           where private keys of made key pairs are kept ({@code key_dir})
 * @param imdsV2Required   launch with IMDSv2 required ({@code imdsv2}, default true)
 * @param guestAccess      whether instances run real guests ({@code guest_access}; default: only without an endpoint)
 */
public record AwsSettings(String profile, String accessKeyId, String secretAccessKey, String owner, String runId,
                          int maxAttempts, Duration baseDelay, Duration maxDelay, Duration consistencyGrace,
                          int batchSize, int parallelism, boolean capacityFallback, boolean keepOnFailure,
                          boolean sshGroup, boolean createMissingKey, boolean useSsm, Path keyDir,
                          boolean imdsV2Required, boolean guestAccess) {
    public AwsSettings {
        if (maxAttempts < 1 || batchSize < 1 || parallelism < 1) {
            throw new IllegalArgumentException("max_attempts, batch_size and parallelism must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(consistencyGrace, "consistencyGrace");
        Objects.requireNonNull(keyDir, "keyDir");
        owner = owner == null || owner.isBlank() ? System.getProperty("user.name", "alto") : owner;
    }

    /** The settings in a provider context, with defaults for what it does not say. */
    public static AwsSettings from(ProviderContext context) {
        Map<String, String> s = context.settings();
        ProviderSettings settings = new ProviderSettings(s, message -> new IllegalArgumentException("[aws] " + message));
        return new AwsSettings(
                blankToNull(s.get("profile")),
                blankToNull(s.get("access_key_id")),
                blankToNull(s.get("secret_access_key")),
                blankToNull(s.get("owner")),
                blankToNull(s.get("run_id")),
                settings.integer("max_attempts", 6),
                Duration.ofMillis(settings.integer("retry_base_ms", 200)),
                Duration.ofMillis(settings.integer("retry_max_ms", 10_000)),
                Duration.ofSeconds(settings.integer("consistency_grace_s", 60)),
                settings.integer("batch_size", 100),
                settings.integer("parallelism", 8),
                settings.bool("capacity_fallback", false),
                settings.bool("keep_on_failure", false),
                settings.bool("ssh_group", false),
                settings.bool("create_missing_key", false),
                settings.bool("ssm", true),
                s.get("key_dir") != null ? Path.of(s.get("key_dir")) : defaultKeyDir(),
                settings.bool("imdsv2", true),
                settings.bool("guest_access", context.endpoint() == null));
    }

    /** {@code $XDG_CONFIG_HOME/alto/keys}, else {@code ~/.config/alto/keys}: beside the user's alto.toml. */
    public static Path defaultKeyDir() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("alto").resolve("keys");
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
