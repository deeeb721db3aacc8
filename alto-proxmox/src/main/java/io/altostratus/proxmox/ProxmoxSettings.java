package io.altostratus.proxmox;

import io.altostratus.core.config.ProviderSettings;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import java.time.Duration;
import java.util.Map;

/**
 * What the {@code proxmox} provider reads from {@code alto.toml}'s {@code [proxmox]} section. Every key is optional
 * except that an endpoint and a token must come from somewhere.
 *
 * @param endpoint         the cluster's API URL ({@code endpoint}, e.g. {@code https://pve1:8006}); {@code --endpoint}
 *                         wins
 * @param token            the API token {@code USER@REALM!TOKENID=SECRET} ({@code token}, else {@code PROXMOX_TOKEN})
 * @param fingerprint      SHA-256 of the server certificate to pin ({@code fingerprint})
 * @param caFile           a PEM CA to trust, such as the cluster's {@code pve-root-ca.pem} ({@code ca_file})
 * @param storage          where full clones put their disks ({@code storage}, default {@code local-lvm})
 * @param bridge           the bridge of net0 when a template has none ({@code bridge}, default {@code vmbr0})
 * @param fullClone        full clones (default) rather than linked ones ({@code full_clone})
 * @param snippetsStorage  a storage with the snippets content type, for user data ({@code snippets_storage})
 * @param importStorage    a storage with the import content type, where image imports put the cloud image file
 *                         ({@code import_storage}, default {@code local})
 * @param ciuser           the cloud-init user ({@code ciuser}); else the image's distro's usual one
 * @param keysDir          where a launch's key name is found as {@code NAME.pub} ({@code keys_dir})
 * @param agentTimeout     how long one guest-agent call may take ({@code agent_timeout_s}, default 5)
 * @param shutdownTimeout  how long an ACPI shutdown may take before the VM is stopped ({@code shutdown_timeout_s},
 *                         default 120)
 * @param taskTimeout      how long a task may run ({@code task_timeout_s}, default 900)
 * @param maxAttempts      tries per call for locks and lost connections ({@code max_attempts}, default 6)
 * @param baseDelay        first backoff delay ({@code retry_base_ms}, default 500)
 * @param maxDelay         backoff cap ({@code retry_max_ms}, default 10000)
 */
public record ProxmoxSettings(String endpoint, String token, String fingerprint, String caFile, String storage,
                              String bridge, boolean fullClone, String snippetsStorage, String importStorage,
                              String ciuser, String keysDir,
                              Duration agentTimeout, Duration shutdownTimeout, Duration taskTimeout, int maxAttempts,
                              Duration baseDelay, Duration maxDelay) {
    public ProxmoxSettings {
        if (maxAttempts < 1) {
            throw invalid("max_attempts must be at least 1");
        }
        if (fingerprint != null && caFile != null) {
            throw invalid("set fingerprint or ca_file, not both");
        }
        storage = storage == null ? "local-lvm" : storage;
        bridge = bridge == null ? "vmbr0" : bridge;
        importStorage = importStorage == null ? "local" : importStorage;
    }

    /** The settings of a context; {@code environment} gives {@code PROXMOX_TOKEN}. */
    public static ProxmoxSettings from(ProviderContext context, Map<String, String> environment) {
        Map<String, String> s = context.settings();
        ProviderSettings settings = new ProviderSettings(s, ProxmoxSettings::invalid);
        String token = blankToNull(s.get("token"));
        if (token == null) {
            token = blankToNull(environment.get("PROXMOX_TOKEN"));
        }
        String endpoint = blankToNull(context.endpoint());
        if (endpoint == null) {
            endpoint = blankToNull(s.get("endpoint"));
        }
        return new ProxmoxSettings(endpoint, token, blankToNull(s.get("fingerprint")), blankToNull(s.get("ca_file")),
                blankToNull(s.get("storage")), blankToNull(s.get("bridge")), settings.bool("full_clone", true),
                blankToNull(s.get("snippets_storage")), blankToNull(s.get("import_storage")),
                blankToNull(s.get("ciuser")), blankToNull(s.get("keys_dir")),
                Duration.ofSeconds(settings.integer("agent_timeout_s", 5)),
                Duration.ofSeconds(settings.integer("shutdown_timeout_s", 120)),
                Duration.ofSeconds(settings.integer("task_timeout_s", 900)),
                settings.integer("max_attempts", 6),
                Duration.ofMillis(settings.integer("retry_base_ms", 500)),
                Duration.ofMillis(settings.integer("retry_max_ms", 10_000)));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    static AltoException invalid(String message) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", "[proxmox] " + message);
    }
}
