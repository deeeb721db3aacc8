package io.altostratus.gateway.gke;

import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.auth.BearerTokens;
import io.altostratus.gateway.gke.internal.ClusterSessions;
import io.altostratus.gateway.gke.internal.GkeActions;
import io.altostratus.gateway.gke.internal.GkeHttpHandler;
import io.altostratus.gateway.gke.internal.GkeOperations;
import io.altostratus.gateway.gke.internal.Kept;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.util.Objects;

/**
 * The Google Kubernetes Engine front ({@code alto serve --api gke}): container/v1's REST API over any backend's
 * {@link io.altostratus.core.clusters.Clusters} service, on the gateway's port beside the other fronts.
 *
 * <pre>{@code
 * try (GkeFront gke = GkeFront.builder(LocalProviderFactory.withStore(store, Catalogs.gcp()))
 *          .stateStore(store).authMode(AuthMode.STRICT).build();
 *      Gateway gateway = gke.mountOn(Gateway.builder().port(0).stateStore(store).dispatcher(ec2)).start()) {
 *     gke.tokens().register("my-project", "ya29.my-token");
 *     // CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER=http://127.0.0.1:<port>/ gcloud container clusters list
 * }
 * }</pre>
 *
 * The project in the URL is the backend account; a location is a backend region or a zone of one (its region's
 * service answers). Requests carry a bearer token of this front (store kind {@code gke-bearer-token}) that grants
 * the project; in permissive mode any or none is taken. Every mutating call answers an operation that is done when
 * the backend has settled. What GKE has and the portable model does not (where a cluster was made, operations) is
 * kept in the given {@link StateStore}.
 */
public final class GkeFront implements AutoCloseable {
    /**
     * Where the front is mounted: every container/v1 path clients use starts here (narrower than {@code /v1/}, which
     * other Google APIs on the same port share, e.g. the Cloud Billing Catalog's {@code /v1/services/}).
     */
    public static final String PATH_PREFIX = GkeHttpHandler.PREFIX + "projects/";

    private final ClusterSessions sessions;
    private final Kept kept;
    private final GkeHttpHandler handler;
    private final BearerTokens tokens;
    private final StateStore ownedStore;

    private GkeFront(ClusterSessions sessions, Kept kept, GkeHttpHandler handler, BearerTokens tokens,
                     StateStore ownedStore) {
        this.sessions = sessions;
        this.kept = kept;
        this.handler = handler;
        this.tokens = tokens;
        this.ownedStore = ownedStore;
    }

    public static Builder builder(ProviderFactory factory) {
        return new Builder(factory);
    }

    /** The handler to mount at {@link #PATH_PREFIX}. */
    public HttpHandler handler() {
        return handler;
    }

    public Gateway.Builder mountOn(Gateway.Builder gateway) {
        return gateway.mount(PATH_PREFIX, handler);
    }

    /**
     * Starts a low-priority daemon thread that loads container/v1's message descriptors and JSON tables (a second or
     * two on a cold JVM) before the first request would; it touches no backend and no state.
     *
     * @return the started thread, for callers that want to wait for it
     */
    public Thread warmInBackground() {
        Thread thread = new Thread(() -> {
            try {
                io.altostratus.gateway.gke.internal.GkeJson.print(com.google.container.v1.ListClustersResponse
                        .newBuilder().addClusters(com.google.container.v1.Cluster.newBuilder().setName("warm")
                                .addNodePools(com.google.container.v1.NodePool.newBuilder().setName("warm")))
                        .build());
                io.altostratus.gateway.gke.internal.GkeJson.parse(
                        "{\"cluster\":{\"name\":\"warm\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        com.google.container.v1.CreateClusterRequest.newBuilder());
            } catch (RuntimeException e) {
                // Warming is an optimisation: whatever failed here will fail, and be answered, on a real request.
                java.util.logging.Logger.getLogger(GkeFront.class.getName())
                        .log(java.util.logging.Level.FINE, "GKE front warm-up failed", e);
            }
        }, "gke-front-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    /** The tokens strict mode accepts (kind {@code gke-bearer-token}), each granting one project. */
    public BearerTokens tokens() {
        return tokens;
    }

    /**
     * Forgets what the front keeps (cluster locations, operations) and closes its backend sessions; the backend's
     * clusters are the backend's to wipe. Tokens survive, as access keys do.
     *
     * @return how many documents were removed
     */
    public int resetState() {
        sessions.closeAll();
        return kept.clear();
    }

    @Override
    public void close() {
        sessions.close();
        if (ownedStore != null) {
            ownedStore.close();
        }
    }

    /** Configures a {@link GkeFront}. */
    public static final class Builder {
        private final ProviderFactory factory;
        private ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                null, null);
        private StateStore stateStore;
        private AuthMode authMode = AuthMode.STRICT;
        private String homeRegion;

        private Builder(ProviderFactory factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /**
         * The context backend services are opened from: its account and region are replaced by the request's
         * project and location; its endpoint, state directory, settings (the local cloud's
         * {@code cluster_transition_ms}) and clock are kept.
         */
        public Builder context(ProviderContext template) {
            this.template = Objects.requireNonNull(template, "template");
            return this;
        }

        /** Where operations, cluster locations and tokens live; the gateway's own store. Default: in memory. */
        public Builder stateStore(StateStore stateStore) {
            this.stateStore = Objects.requireNonNull(stateStore, "stateStore");
            return this;
        }

        /** {@link AuthMode#STRICT} (tokens from {@link #tokens()}) or {@link AuthMode#PERMISSIVE} (any or none). */
        public Builder authMode(AuthMode authMode) {
            this.authMode = Objects.requireNonNull(authMode, "authMode");
            return this;
        }

        /**
         * The region {@code locations/-} always lists (with every region the project has used since the start).
         * Default: the context's region, else the provider's default region.
         */
        public Builder homeRegion(String homeRegion) {
            this.homeRegion = Objects.requireNonNull(homeRegion, "homeRegion");
            return this;
        }

        public GkeFront build() {
            StateStore owned = stateStore == null ? StateStores.inMemory() : null;
            StateStore store = owned != null ? owned : stateStore;
            String home = homeRegion != null ? homeRegion
                    : template.region() != null ? template.region() : factory.defaultRegion();
            ClusterSessions sessions = new ClusterSessions(factory, template, home);
            Kept kept = new Kept(store);
            GkeOperations operations = new GkeOperations(kept, sessions, template.clock());
            BearerTokens tokens = new BearerTokens(store, "gke", "ya29.alto-");
            GkeHttpHandler handler = new GkeHttpHandler(new GkeActions(sessions, kept, operations), authMode,
                    tokens);
            return new GkeFront(sessions, kept, handler, tokens, owned);
        }
    }
}
