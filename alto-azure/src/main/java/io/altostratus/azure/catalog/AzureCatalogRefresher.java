package io.altostratus.azure.catalog;

import io.altostratus.azure.internal.ArmClients;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The azure catalog refresh as the provider service the CLI opens by name ({@code alto catalog refresh --provider
 * azure}): where and as whom come from the ARM clients it is made with, what to refresh from each request. Against
 * an endpoint of ours the prices come from the same endpoint ({@code /api/retail/prices} is mounted beside ARM);
 * against Azure from {@value AzureCatalogRefresh#PRICES_URL}.
 */
public final class AzureCatalogRefresher implements CatalogRefresher {
    private final ArmClients clients;
    private final String endpoint;
    private final String pricesUrl;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Retrier.Listener retries;
    private final Clock clock;

    /**
     * @param clients     the session's ARM clients
     * @param endpoint    the ARM-compatible endpoint they call, or null for Azure's
     * @param maxAttempts tries per call for 429 and 5xx
     */
    public AzureCatalogRefresher(ArmClients clients, String endpoint, int maxAttempts, Backoff backoff,
                                 Sleeper sleeper, Retrier.Listener retries, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.endpoint = endpoint;
        this.pricesUrl = endpoint != null ? endpoint : AzureCatalogRefresh.PRICES_URL;
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.retries = retries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** With the default retry policy (6 tries, 0.5 s doubling to 20 s) and the system clock. */
    public AzureCatalogRefresher(ArmClients clients, String endpoint) {
        this(clients, endpoint, 6, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), 2.0, true),
                Sleeper.SYSTEM, Retrier.Listener.NONE, Clock.systemUTC());
    }

    @Override
    public String provider() {
        return "azure";
    }

    @Override
    public Result refresh(Request request) {
        return AzureCatalogRefresh.builder()
                .clients(clients, endpoint)
                .pricesUrl(pricesUrl)
                .clock(clock)
                .retries(maxAttempts, backoff, sleeper)
                .retryListener(retries)
                .request(request)
                .build()
                .run();
    }
}
