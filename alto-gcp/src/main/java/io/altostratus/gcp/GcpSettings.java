package io.altostratus.gcp;

import io.altostratus.core.config.ProviderSettings;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@code gcp} provider reads from {@code alto.toml}'s {@code [gcp]} section (flattened into
 * {@link ProviderContext#settings()}) besides region and endpoint. Every key is optional.
 *
 * @param project          the GCP project ({@code project}); else see {@link GcpProviderFactory} for where it is found
 * @param credentialsFile  a service-account (or authorized-user) JSON key ({@code credentials_file}); else
 *                         Application Default Credentials, or none against an endpoint override
 * @param accessToken      a fixed OAuth access token sent as it is ({@code access_token}, as gcloud's
 *                         {@code --access-token-file}): for an endpoint that checks bearer tokens, such as
 *                         {@code alto serve --api gce} in strict mode; it is never refreshed
 * @param maxAttempts      tries per call for rate limiting and 5xx ({@code max_attempts}, default 6)
 * @param baseDelay        first backoff delay ({@code retry_base_ms}, default 500)
 * @param maxDelay         backoff cap ({@code retry_max_ms}, default 20000)
 * @param consistencyGrace how long an instance just inserted may read as not found ({@code consistency_grace_s},
 *                         default 30)
 * @param operationTimeout how long a mutating call waits for its operation ({@code operation_timeout_s}, default 600)
 * @param parallelism      instance inserts (and other per-instance calls) in flight at once ({@code parallelism},
 *                         default 8)
 * @param keepOnFailure    keep the instances of a launch that made fewer than its minimum ({@code keep_on_failure},
 *                         default false: they are deleted and the failure is reported)
 * @param externalAddress  give launched instances an ephemeral external address ({@code external_address},
 *                         default true, as the console and gcloud do)
 * @param diskType         the boot disk type when the launch does not say ({@code disk_type}, default pd-balanced)
 * @param network          the VPC network instances join when the launch names no subnetwork ({@code network},
 *                         default {@code default})
 */
public record GcpSettings(String project, String credentialsFile, String accessToken, int maxAttempts, Duration baseDelay,
                          Duration maxDelay, Duration consistencyGrace, Duration operationTimeout, int parallelism,
                          boolean keepOnFailure, boolean externalAddress, String diskType, String network) {
    public GcpSettings {
        if (maxAttempts < 1 || parallelism < 1) {
            throw invalid("max_attempts and parallelism must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(consistencyGrace, "consistencyGrace");
        Objects.requireNonNull(operationTimeout, "operationTimeout");
        diskType = diskType == null ? "pd-balanced" : diskType;
        network = network == null ? "default" : network;
    }

    /** The settings in a provider context, with defaults for what it does not say. */
    public static GcpSettings from(ProviderContext context) {
        Map<String, String> s = context.settings();
        ProviderSettings settings = new ProviderSettings(s, GcpSettings::invalid);
        return new GcpSettings(
                blankToNull(s.get("project")),
                blankToNull(s.get("credentials_file")),
                blankToNull(s.get("access_token")),
                settings.integer("max_attempts", 6),
                Duration.ofMillis(settings.integer("retry_base_ms", 500)),
                Duration.ofMillis(settings.integer("retry_max_ms", 20_000)),
                Duration.ofSeconds(settings.integer("consistency_grace_s", 30)),
                Duration.ofSeconds(settings.integer("operation_timeout_s", 600)),
                settings.integer("parallelism", 8),
                settings.bool("keep_on_failure", false),
                settings.bool("external_address", true),
                blankToNull(s.get("disk_type")),
                blankToNull(s.get("network")));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static AltoException invalid(String message) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", "[gcp] " + message);
    }
}
