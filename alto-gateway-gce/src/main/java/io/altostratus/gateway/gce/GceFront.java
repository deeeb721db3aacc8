package io.altostratus.gateway.gce;

import io.altostratus.gateway.auth.BearerTokens;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.gce.internal.DiskNames;
import io.altostratus.gateway.gce.internal.Disks;
import io.altostratus.gateway.gce.internal.Firewalls;
import io.altostratus.gateway.gce.internal.GceHttpHandler;
import io.altostratus.gateway.gce.internal.Images;
import io.altostratus.gateway.gce.internal.InstanceNames;
import io.altostratus.gateway.gce.internal.Instances;
import io.altostratus.gateway.gce.internal.NetworkResources;
import io.altostratus.gateway.gce.internal.Operations;
import io.altostratus.gateway.gce.internal.Places;
import io.altostratus.gateway.gce.internal.Router;
import io.altostratus.gateway.gce.internal.Sessions;
import io.altostratus.gateway.gce.internal.SnapshotResources;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The Compute Engine v1 front ({@code alto serve --api gce}): serves {@code /compute/v1/projects/{project}/...} over
 * any provider through the core SPI, mounted on the gateway's server beside the EC2 front.
 *
 * <pre>{@code
 * try (GceFront gce = GceFront.builder(factory).stateStore(store).authMode(AuthMode.PERMISSIVE).build();
 *      Gateway gateway = gce.mountOn(Gateway.builder().port(0).dispatcher(ec2)).start()) {
 *     // InstancesSettings.newHttpJsonBuilder().setEndpoint("http://127.0.0.1:" + gateway.port()) ...
 * }
 * }</pre>
 *
 * The project in the URL is the backend account; a GCE region is a backend region. The front keeps only what
 * Compute Engine has and the core model does not: instance names, operations, images made here and tokens, all in
 * the given {@link StateStore}.
 */
public final class GceFront implements AutoCloseable {
    /** Where the front is mounted. */
    public static final String PATH_PREFIX = "/compute/";
    /** How long {@code operations.wait} blocks at most (Compute Engine's bound is about two minutes). */
    public static final Duration DEFAULT_WAIT_BOUND = Duration.ofSeconds(60);

    /** The store kinds this front keeps; tokens ({@link BearerTokens}) are configuration and not among them. */
    private static final Set<String> STATE_KINDS = Set.of(InstanceNames.KIND, Operations.KIND,
            Operations.REQUEST_KIND, Images.KIND, DiskNames.KIND, SnapshotResources.KIND, Firewalls.KIND);

    private final Sessions sessions;
    private final GceHttpHandler handler;
    private final BearerTokens tokens;
    private final StateStore store;
    private final StateStore ownedStore;

    private GceFront(Sessions sessions, GceHttpHandler handler, BearerTokens tokens, StateStore store,
                     StateStore ownedStore) {
        this.sessions = sessions;
        this.store = store;
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

    /** Mounts this front on a gateway being built. */
    public Gateway.Builder mountOn(Gateway.Builder gateway) {
        return gateway.mount(PATH_PREFIX, handler);
    }

    /**
     * Starts a low-priority daemon thread that pays the front's one-time costs (the compute API's message
     * descriptors and JSON tables, about two seconds on a cold JVM) before the first request would; it touches no
     * backend and no state, so a server can call it right after building the front. A request arriving meanwhile
     * just shares the loading.
     *
     * @return the started thread, for callers that want to wait for it
     */
    public Thread warmInBackground() {
        Thread thread = new Thread(() -> {
            try {
                io.altostratus.gateway.gce.internal.Warmup.run();
            } catch (RuntimeException e) {
                // Warming is an optimisation: whatever failed here will fail, and be answered, on a real request.
                java.util.logging.Logger.getLogger(GceFront.class.getName())
                        .log(java.util.logging.Level.FINE, "GCE front warm-up failed", e);
            }
        }, "gce-front-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    /** The tokens strict mode accepts. */
    public BearerTokens tokens() {
        return tokens;
    }

    /**
     * Forgets what this front keeps about the backend's resources (instance names, operations, images, request
     * ids), for a server's reset hook after the backend's own state is wiped; tokens survive, as access keys do.
     *
     * @return how many documents were removed
     */
    public int resetState() {
        sessions.closeSessions();
        return store.clear(STATE_KINDS::contains);
    }

    /** Closes the backend sessions (and the store, if the front opened it). */
    @Override
    public void close() {
        sessions.close();
        if (ownedStore != null) {
            ownedStore.close();
        }
    }

    /** Configures a {@link GceFront}. */
    public static final class Builder {
        private final ProviderFactory factory;
        private ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                null, null);
        private UnaryOperator<ComputeProvider> decorator = UnaryOperator.identity();
        private StateStore stateStore;
        private AuthMode authMode = AuthMode.STRICT;
        private String homeRegion;
        private Duration waitBound = DEFAULT_WAIT_BOUND;

        private Builder(ProviderFactory factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** The context sessions start from (endpoint, state directory, settings, clock); region and account vary. */
        public Builder context(ProviderContext template) {
            this.template = Objects.requireNonNull(template, "template");
            return this;
        }

        /** Wraps each session's provider (latency, faults). */
        public Builder decorator(UnaryOperator<ComputeProvider> decorator) {
            this.decorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        /** Where names, operations, images and tokens live; the gateway's own store. Default: in memory. */
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
         * The region whose session answers account-wide questions (the list of regions, public images). Default:
         * the context's region, else the provider's {@link ProviderFactory#defaultRegion()}.
         */
        public Builder homeRegion(String homeRegion) {
            this.homeRegion = Objects.requireNonNull(homeRegion, "homeRegion");
            return this;
        }

        public Builder waitBound(Duration waitBound) {
            if (waitBound.isNegative()) {
                throw new IllegalArgumentException("waitBound must not be negative");
            }
            this.waitBound = waitBound;
            return this;
        }

        public GceFront build() {
            StateStore owned = stateStore == null ? StateStores.inMemory() : null;
            StateStore store = owned != null ? owned : stateStore;
            Clock clock = template.clock();
            String homeRegion = this.homeRegion != null ? this.homeRegion
                    : template.region() != null ? template.region() : factory.defaultRegion();
            Sessions sessions = new Sessions(factory, template, decorator, homeRegion);
            InstanceNames names = new InstanceNames(store);
            Operations operations = new Operations(store, sessions, clock);
            Images images = new Images(sessions, store, homeRegion, operations, names);
            DiskNames diskNames = new DiskNames(store);
            Instances instances = new Instances(sessions, names, images, operations, diskNames, clock);
            Disks disks = new Disks(instances, diskNames, sessions, operations, names, clock);
            SnapshotResources snapshots = new SnapshotResources(sessions, store, operations, disks);
            NetworkResources networks = new NetworkResources(sessions);
            Firewalls firewalls = new Firewalls(sessions, store, operations, networks, clock);
            Router router = new Router(new Places(sessions), instances, images, operations, disks, snapshots,
                    networks, firewalls, sessions, waitBound);
            BearerTokens tokens = new BearerTokens(store, "gce", "ya29.alto-");
            return new GceFront(sessions, new GceHttpHandler(router, authMode, tokens), tokens, store, owned);
        }
    }
}
