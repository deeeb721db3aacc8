package io.altostratus.gcp.catalog;

import com.sun.net.httpserver.HttpHandler;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.decorate.Latency;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.gce.BillingFront;
import io.altostratus.gateway.gce.GceFront;
import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.local.LocalProviderFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What a gcp catalog refresh talks to, in this process, as {@code alto serve --api gce} serves it: the Compute Engine
 * front over the local cloud on the shipped GCP catalog and, unless left out, the Cloud Billing Catalog front serving
 * that catalog's unit prices, on one port. A latency goes either before every backend call of the Compute Engine
 * front (the {@link Latency} decorator, as {@code --latency} applies it) or before every Compute Engine request (as a
 * WAN between client and cloud would add it); in both cases before every billing request (its front has no backend:
 * the catalog is in memory). Requests are counted per API.
 */
final class RefreshFronts implements AutoCloseable {
    private final GceFront gce;
    private final Gateway gateway;
    private final AtomicLong computeRequests = new AtomicLong();
    private final AtomicLong billingRequests = new AtomicLong();
    private final AtomicLong backendCalls = new AtomicLong();

    /** Where the latency goes. */
    enum Delay {
        /** before every call the Compute Engine front makes to its backend ({@code alto serve --latency}) */
        BACKEND_CALL,
        /** before every Compute Engine request the front answers */
        API_REQUEST
    }

    RefreshFronts(boolean billing, Duration latency) {
        this(billing, latency, Delay.BACKEND_CALL);
    }

    RefreshFronts(boolean billing, Duration latency, Delay where) {
        UnaryOperator<ComputeProvider> delay = Latency.decorator(where == Delay.BACKEND_CALL ? latency
                : Duration.ZERO, Sleeper.SYSTEM);
        UnaryOperator<ComputeProvider> decorator = provider -> new CountingProvider(delay.apply(provider),
                backendCalls);
        gce = GceFront.builder(LocalProviderFactory.withCatalog(Catalogs.gcp()))
                .context(new ProviderContext("us-central1", ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of(),
                        null))
                .decorator(decorator)
                .authMode(AuthMode.PERMISSIVE).build();
        ActionDispatcher noEc2 = call -> {
            throw new IllegalStateException("no EC2 calls in a gcp refresh");
        };
        Gateway.Builder builder = Gateway.builder().port(0).dispatcher(noEc2).authMode(AuthMode.PERMISSIVE)
                .mount(GceFront.PATH_PREFIX, counted(gce.handler(), computeRequests,
                        where == Delay.API_REQUEST ? latency : Duration.ZERO));
        if (billing) {
            builder.mount(BillingFront.PATH_PREFIX, counted(BillingFront.builder().authMode(AuthMode.PERMISSIVE)
                    .build().handler(), billingRequests, latency));
        }
        gateway = builder.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + gateway.port();
    }

    long computeRequests() {
        return computeRequests.get();
    }

    long billingRequests() {
        return billingRequests.get();
    }

    /** Calls the Compute Engine front made to its backend (each one delayed by the latency). */
    long backendCalls() {
        return backendCalls.get();
    }

    private static HttpHandler counted(HttpHandler handler, AtomicLong count, Duration latency) {
        return exchange -> {
            count.incrementAndGet();
            if (!latency.isZero()) {
                try {
                    Thread.sleep(latency);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            handler.handle(exchange);
        };
    }

    @Override
    public void close() {
        gateway.close();
        gce.close();
    }

    /** Counts the backend calls of the sessions the front opens. */
    private static final class CountingProvider extends ForwardingComputeProvider {
        private final AtomicLong calls;

        CountingProvider(ComputeProvider delegate, AtomicLong calls) {
            super(delegate);
            this.calls = calls;
        }

        @Override
        protected <R> R call(String operation, Supplier<R> call) {
            calls.incrementAndGet();
            return super.call(operation, call);
        }
    }
}
