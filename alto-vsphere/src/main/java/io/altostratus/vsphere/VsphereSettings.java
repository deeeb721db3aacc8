package io.altostratus.vsphere;

import io.altostratus.core.config.ProviderSettings;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What the {@code vsphere} provider reads from {@code alto.toml}'s {@code [vsphere]} section (and
 * {@code ALTO_VSPHERE_*} variables, which {@code AltoConfig} overlays). Only an endpoint and credentials are required.
 *
 * @param endpoint        the vim25 URL {@code https://HOST/sdk} ({@code endpoint}; {@code --endpoint} wins); a
 *                        bare host gets {@code /sdk}; {@code user:pass@} in it is taken as the credentials
 * @param user            {@code user}, else {@code ALTO_VSPHERE_USER}, else the URL's user
 * @param password        {@code password}, else {@code ALTO_VSPHERE_PASSWORD}, else the URL's password
 * @param insecure        accept any certificate ({@code insecure = true} or {@code ALTO_VSPHERE_INSECURE=true})
 * @param fingerprint     the server certificate's SHA-256 to pin, colon hex ({@code fingerprint})
 * @param regionName      the region's name ({@code region}, default the endpoint's host name)
 * @param datacenter      the datacenter (the scope; {@code datacenter}, default the only one)
 * @param datastore       where seeds, imports and clones go ({@code datastore}, default the template's)
 * @param network         the network of imported templates' NIC ({@code network}, default {@code VM Network})
 * @param folder          the VM folder instances go to ({@code folder}, default the datacenter's VM folder)
 * @param keysDir         where a launch's key name is found as {@code NAME.pub} ({@code keys_dir})
 * @param guestConfig     how cloud-init gets its data when the template does not say ({@code guest_config}:
 *                        {@code guestinfo}, the default, or {@code nocloud})
 * @param toolsTimeout    how long after power-on an instance is {@code pending} while VMware Tools has not
 *                        reported an address ({@code tools_timeout_s}, default 120)
 * @param shutdownTimeout how long a guest shutdown may take before the VM is powered off
 *                        ({@code shutdown_timeout_s}, default 120)
 * @param taskTimeout     how long a vSphere task may run ({@code task_timeout_s}, default 1800)
 * @param maxAttempts     tries per call for {@code TaskInProgress} and lost connections ({@code max_attempts}, 6)
 * @param baseDelay       first backoff delay ({@code retry_base_ms}, default 500)
 * @param maxDelay        backoff cap ({@code retry_max_ms}, default 10000)
 * @param qemuImg         the {@code qemu-img} to run for imports ({@code qemu_img})
 */
public record VsphereSettings(URI endpoint, String user, String password, boolean insecure, String fingerprint,
                              String regionName, String datacenter, String datastore, String network, String folder,
                              String keysDir, String guestConfig, Duration toolsTimeout, Duration shutdownTimeout,
                              Duration taskTimeout, int maxAttempts, Duration baseDelay, Duration maxDelay,
                              String qemuImg) {
    public static final String GUESTINFO = "guestinfo";
    public static final String NOCLOUD = "nocloud";

    public VsphereSettings {
        if (maxAttempts < 1) {
            throw invalid("max_attempts must be at least 1");
        }
        if (insecure && fingerprint != null) {
            throw invalid("set insecure or fingerprint, not both");
        }
        network = network == null ? "VM Network" : network;
        guestConfig = guestConfig == null ? GUESTINFO : guestConfig.toLowerCase(Locale.ROOT);
        if (!guestConfig.equals(GUESTINFO) && !guestConfig.equals(NOCLOUD)) {
            throw invalid("guest_config must be guestinfo or nocloud, not '" + guestConfig + "'");
        }
    }

    /** The settings of a context; {@code environment} gives the {@code ALTO_VSPHERE_*} credentials. */
    public static VsphereSettings from(ProviderContext context, Map<String, String> environment) {
        Map<String, String> s = context.settings();
        ProviderSettings settings = new ProviderSettings(s, VsphereSettings::invalid);
        String raw = blank(context.endpoint());
        if (raw == null) {
            raw = blank(s.get("endpoint"));
        }
        URI endpoint = null;
        String urlUser = null;
        String urlPassword = null;
        if (raw != null) {
            URI u;
            try {
                u = URI.create(raw.contains("://") ? raw : "https://" + raw);
            } catch (IllegalArgumentException e) {
                throw invalid("endpoint '" + raw + "' is not a URL");
            }
            if (u.getHost() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http"))) {
                throw invalid("endpoint '" + raw + "' is not an https://HOST/sdk URL");
            }
            if (u.getRawUserInfo() != null) {
                String[] parts = u.getRawUserInfo().split(":", 2);
                urlUser = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                urlPassword = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
            }
            String path = u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/") ? "/sdk"
                    : u.getPath();
            endpoint = URI.create(u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
                    + path);
        }
        String user = first(s.get("user"), environment.get("ALTO_VSPHERE_USER"), urlUser);
        String password = first(s.get("password"), environment.get("ALTO_VSPHERE_PASSWORD"), urlPassword);
        boolean insecure = settings.bool("insecure", false)
                || "true".equalsIgnoreCase(blank(environment.get("ALTO_VSPHERE_INSECURE")));
        String region = blank(context.region());
        if (region == null) {
            region = blank(s.get("region"));
        }
        if (region == null && endpoint != null) {
            region = endpoint.getHost();
        }
        return new VsphereSettings(endpoint, user, password, insecure, blank(s.get("fingerprint")),
                region == null ? VsphereProviderFactory.DEFAULT_REGION : region, blank(s.get("datacenter")),
                blank(s.get("datastore")), blank(s.get("network")), blank(s.get("folder")),
                blank(s.get("keys_dir")), blank(s.get("guest_config")),
                Duration.ofSeconds(settings.integer("tools_timeout_s", 120)),
                Duration.ofSeconds(settings.integer("shutdown_timeout_s", 120)),
                Duration.ofSeconds(settings.integer("task_timeout_s", 1800)),
                settings.integer("max_attempts", 6),
                Duration.ofMillis(settings.integer("retry_base_ms", 500)),
                Duration.ofMillis(settings.integer("retry_max_ms", 10_000)),
                blank(s.get("qemu_img")));
    }

    private static String first(String... values) {
        for (String v : values) {
            if (blank(v) != null) {
                return v.strip();
            }
        }
        return null;
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    static AltoException invalid(String message) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", "[vsphere] " + message);
    }
}
