package io.altostratus.cli.serve;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Providers;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.gke.GkeFront;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Google Kubernetes Engine's container/v1 API under {@code /v1/projects/}, over the backend's clusters service: over
 * the local cloud on the GCP catalog (home region us-central1, as the Compute Engine front), else the region serve
 * was given. Bearer tokens of its own kind; strict mode registers the same default token as Compute Engine's.
 */
final class GkeServed implements ServedFront {
    private final GkeFront front;
    private final boolean tokenCreated;

    private GkeServed(GkeFront front, boolean tokenCreated) {
        this.front = front;
        this.tokenCreated = tokenCreated;
    }

    static GkeServed mount(Gateway.Builder gateway, ServeOptions options, StateStore store, boolean local) {
        ProviderFactory factory = local ? LocalProviderFactory.withStore(store, Catalogs.gcp())
                : Providers.named(options.backend());
        String home = local ? GatewayServer.GCE_LOCAL_HOME_REGION : options.region();
        ProviderContext template = new ProviderContext(home, ProviderContext.DEFAULT_ACCOUNT, options.endpoint(),
                options.stateDir(), options.backendSettings(), options.clock());
        GkeFront front = GkeFront.builder(factory).context(template).stateStore(store).authMode(options.auth())
                .homeRegion(home).build();
        try {
            front.mountOn(gateway);
            boolean created = options.auth() == AuthMode.STRICT
                    && front.tokens().ensureDefault(GatewayServer.DEFAULT_GCE_PROJECT, GatewayServer.DEFAULT_GCE_TOKEN);
            return new GkeServed(front, created);
        } catch (RuntimeException e) {
            front.close();
            throw e;
        }
    }

    @Override
    public void resetState() {
        front.resetState();
    }

    @Override
    public void warm() {
        front.warmInBackground();
    }

    @Override
    public List<String> announcement(URI server, String backend, String auth) {
        List<String> lines = new ArrayList<>();
        lines.add("alto serve: GKE endpoint " + server + "v1/projects/ (backend " + backend + " clusters, auth " + auth
                + "; gcloud: CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER=" + server
                + " and CLOUDSDK_API_ENDPOINT_OVERRIDES_SERVICEUSAGE=" + server + ")");
        if (tokenCreated) {
            lines.add("alto serve: created GKE bearer token '" + GatewayServer.DEFAULT_GCE_TOKEN + "' for project "
                    + GatewayServer.DEFAULT_GCE_PROJECT);
        }
        return lines;
    }

    @Override
    public void close() {
        front.close();
    }
}
