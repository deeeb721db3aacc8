package io.altostratus.azure;

import io.altostratus.core.config.ProviderSettings;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@code azure} provider reads from {@code alto.toml}'s {@code [azure]} section (flattened into
 * {@link ProviderContext#settings()}, overlaid with {@code ALTO_AZURE_<KEY>}). Every key is optional.
 *
 * @param subscription     the subscription ({@code subscription}); else {@code AZURE_SUBSCRIPTION_ID}; against an
 *                         endpoint override, the context's account
 * @param tenant           the Entra tenant ({@code tenant}); else {@code AZURE_TENANT_ID}
 * @param accessToken      a fixed bearer token ({@code access_token}; else {@code AZURE_ACCESS_TOKEN}), for an
 *                         endpoint of ours that checks tokens; never refreshed
 * @param resourceGroup    the resource group a session works in ({@code resource_group}, default {@code alto}); made
 *                         on first launch, tagged {@code alto:managed=true}
 * @param maxAttempts      tries per call for 429, 5xx and busy 409s ({@code max_attempts}, default 6)
 * @param baseDelay        first backoff delay ({@code retry_base_ms}, default 500)
 * @param maxDelay         backoff cap, and the cap on a server's {@code Retry-After} ({@code retry_max_ms},
 *                         default 20000)
 * @param operationTimeout how long a long-running operation is polled ({@code operation_timeout_s}, default 900)
 * @param parallelism      per-VM calls in flight at once ({@code parallelism}, default 8)
 * @param publicIp         give launched VMs a public IP ({@code public_ip}, default true)
 * @param adminUser        the Linux admin user ({@code admin_user}, default {@code azureuser})
 * @param osDiskType       the OS disk's storage type ({@code os_disk_type}, default {@code StandardSSD_LRS})
 * @param sshPublicKey     the OpenSSH public key put on VMs launched without a key name ({@code ssh_public_key});
 *                         without it they get a throwaway key nobody holds
 */
public record AzureSettings(String subscription, String tenant, String accessToken, String resourceGroup,
                            int maxAttempts, Duration baseDelay, Duration maxDelay, Duration operationTimeout,
                            int parallelism, boolean publicIp, String adminUser, String osDiskType,
                            String sshPublicKey) {
    public AzureSettings {
        if (maxAttempts < 1 || parallelism < 1) {
            throw invalid("max_attempts and parallelism must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(operationTimeout, "operationTimeout");
        resourceGroup = resourceGroup == null ? "alto" : resourceGroup;
        if (!resourceGroup.matches("[-\\w._()]{1,89}[-\\w_()]")
                && !(resourceGroup.length() == 1 && resourceGroup.matches("[-\\w_()]"))) {
            throw invalid("resource_group '" + resourceGroup + "' is not a resource group name");
        }
        adminUser = adminUser == null ? "azureuser" : adminUser;
        osDiskType = osDiskType == null ? "StandardSSD_LRS" : osDiskType;
    }

    /** The settings in a provider context and the environment, with defaults for what neither says. */
    static AzureSettings from(ProviderContext context, Map<String, String> environment) {
        Map<String, String> s = context.settings();
        ProviderSettings settings = new ProviderSettings(s, AzureSettings::invalid);
        return new AzureSettings(
                first(s.get("subscription"), environment.get("AZURE_SUBSCRIPTION_ID")),
                first(s.get("tenant"), environment.get("AZURE_TENANT_ID")),
                first(s.get("access_token"), environment.get("AZURE_ACCESS_TOKEN")),
                blankToNull(s.get("resource_group")),
                settings.integer("max_attempts", 6),
                Duration.ofMillis(settings.integer("retry_base_ms", 500)),
                Duration.ofMillis(settings.integer("retry_max_ms", 20_000)),
                Duration.ofSeconds(settings.integer("operation_timeout_s", 900)),
                settings.integer("parallelism", 8),
                settings.bool("public_ip", true),
                blankToNull(s.get("admin_user")),
                blankToNull(s.get("os_disk_type")),
                blankToNull(s.get("ssh_public_key")));
    }

    private static String first(String a, String b) {
        return blankToNull(a) != null ? blankToNull(a) : blankToNull(b);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    static AltoException invalid(String message) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", "[azure] " + message);
    }
}
