package io.altostratus.cli.serve;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Providers;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.gce.BillingFront;
import io.altostratus.gateway.gce.GceFront;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Compute Engine v1 under {@code /compute/v1/} and the Cloud Billing Catalog under {@code /v1/services/}, over the
 * same backend as EC2. Over the local cloud it runs on the GCP catalog (GCE's regions, machine types and images) in
 * the gateway's store, so its resources live beside the EC2 ones in one file; its home region is the catalog's
 * us-central1 there, else the region serve was given.
 */
final class GceServed implements ServedFront {
    private final GceFront front;
    private final boolean tokenCreated;

    private GceServed(GceFront front, boolean tokenCreated) {
        this.front = front;
        this.tokenCreated = tokenCreated;
    }

    static GceServed mount(Gateway.Builder gateway, ServeOptions options, StateStore store, boolean local,
                           UnaryOperator<ComputeProvider> decorator) {
        ProviderFactory factory = local ? LocalProviderFactory.withStore(store, Catalogs.gcp())
                : Providers.named(options.backend());
        String home = local ? GatewayServer.GCE_LOCAL_HOME_REGION : options.region();
        ProviderContext template = new ProviderContext(home, ProviderContext.DEFAULT_ACCOUNT, options.endpoint(),
                options.stateDir(), options.backendSettings(), options.clock());
        GceFront front = GceFront.builder(factory).context(template).decorator(decorator).stateStore(store)
                .authMode(options.auth()).homeRegion(home).build();
        try {
            front.mountOn(gateway);
            // Compute Engine's prices as the Cloud Billing Catalog API answers them, from the shipped catalog, so a
            // GCP catalog refresh can run against this server; the same tokens as the Compute API.
            BillingFront.builder().authMode(options.auth()).tokens(front.tokens()).clock(options.clock()).build()
                    .mountOn(gateway);
            boolean created = options.auth() == AuthMode.STRICT
                    && front.tokens().ensureDefault(GatewayServer.DEFAULT_GCE_PROJECT, GatewayServer.DEFAULT_GCE_TOKEN);
            return new GceServed(front, created);
        } catch (RuntimeException e) {
            front.close();
            throw e;
        }
    }

    GceFront front() {
        return front;
    }

    static URI endpoint(URI server) {
        return server.resolve("compute/v1/");
    }

    @Override
    public void resetState() {
        front.resetState();
    }

    @Override
    public List<String> announcement(URI server, String backend, String auth) {
        List<String> lines = new ArrayList<>();
        URI endpoint = endpoint(server);
        lines.add("alto serve: GCE endpoint " + endpoint + " (backend " + backend + ", auth " + auth
                + "; gcloud: CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE=" + endpoint + "); Cloud Billing "
                + "Catalog on " + server.resolve("v1/services"));
        if (tokenCreated) {
            lines.add("alto serve: created bearer token '" + GatewayServer.DEFAULT_GCE_TOKEN + "' for project "
                    + GatewayServer.DEFAULT_GCE_PROJECT);
        }
        return lines;
    }

    @Override
    public void warm() {
        try {
            front.warmInBackground().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        front.close();
    }
}
