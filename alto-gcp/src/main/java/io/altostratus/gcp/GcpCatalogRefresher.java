package io.altostratus.gcp;

import com.google.api.gax.core.CredentialsProvider;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gcp.catalog.GcpCatalogRefresh;
import java.time.Clock;
import java.util.Objects;

/**
 * The gcp catalog refresh as the provider service the CLI opens by name: where, as whom and for which project come
 * from the context it was opened with (see {@link GcpProviderFactory#service}), what to refresh from each request.
 * Each refresh opens its own clients and closes them when it ends, so this service holds nothing between refreshes.
 */
final class GcpCatalogRefresher implements CatalogRefresher {
    private final String endpoint;
    private final String project;
    private final CredentialsProvider credentials;
    private final GcpSettings settings;
    private final Sleeper sleeper;
    private final Retrier.Listener retries;
    private final Clock clock;

    /**
     * @param endpoint    a GCE- and Cloud Billing-compatible endpoint, or null for Google's
     * @param project     the project whose regions, zones and machine types are read
     * @param credentials whom to call as
     * @param settings    the retry policy ({@code max_attempts}, {@code retry_base_ms}, {@code retry_max_ms})
     */
    GcpCatalogRefresher(String endpoint, String project, CredentialsProvider credentials, GcpSettings settings,
                        Sleeper sleeper, Retrier.Listener retries, Clock clock) {
        this.endpoint = endpoint;
        this.project = Objects.requireNonNull(project, "project");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.retries = retries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String provider() {
        return "gcp";
    }

    @Override
    public Result refresh(Request request) {
        return GcpCatalogRefresh.builder()
                .endpoint(endpoint)
                .project(project)
                .credentials(credentials)
                .clock(clock)
                .retries(settings.maxAttempts(), new Backoff(settings.baseDelay(), settings.maxDelay(), 2.0, true),
                        sleeper)
                .retryListener(retries)
                .request(request)
                .build()
                .run();
    }
}
