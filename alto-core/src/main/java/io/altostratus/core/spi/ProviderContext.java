package io.altostratus.core.spi;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a provider factory may need to open a session: where, as whom, and the provider's own settings.
 *
 * @param region   the region to work in, or null for the provider's default
 * @param account  the tenant whose resources this session sees (the gateway maps access keys to accounts)
 * @param endpoint an API endpoint override, or null
 * @param stateDir where a provider that keeps local state puts it, or null for in memory
 * @param settings the provider's section of {@code alto.toml}, flattened to strings
 * @param clock    the time source (tests inject a manual one)
 */
public record ProviderContext(String region, String account, String endpoint, Path stateDir,
                              Map<String, String> settings, Clock clock) {
    /**
     * The account a single-user tool acts as when none is configured: the CLI, the library and the gateway's default
     * tenant agree on it, so they see each other's resources in a shared state directory.
     */
    public static final String DEFAULT_ACCOUNT = "000000000000";

    public ProviderContext {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        clock = clock == null ? Clock.systemUTC() : clock;
        Objects.requireNonNull(account, "account");
    }

    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }

    /**
     * The endpoint override as clients need it: an absolute http or https URL; null when there is none. Checked here
     * because clients' own checks of a bare host name or a typo fail with a NullPointerException (or an
     * IllegalArgumentException from URI.create), which a user would see as an internal error instead of a bad value.
     *
     * @throws AltoException INVALID_PARAMETER (InvalidEndpoint) for anything else
     */
    public URI endpointUrl() {
        if (endpoint == null) {
            return null;
        }
        URI uri = null;
        try {
            uri = new URI(endpoint.strip());
        } catch (URISyntaxException e) {
            // reported below, with the value as given
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidEndpoint", "the endpoint must be an http:// "
                    + "or https:// URL such as http://127.0.0.1:8773, not '" + endpoint + "'");
        }
        return uri;
    }

    public ProviderContext withRegion(String newRegion) {
        return new ProviderContext(newRegion, account, endpoint, stateDir, settings, clock);
    }
}
