package io.altostratus.gateway.eks;

import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AccessKeys;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.backend.ClusterServices;
import io.altostratus.gateway.eks.internal.EksException;
import io.altostratus.gateway.eks.internal.EksActions;
import io.altostratus.gateway.eks.internal.EksAuth;
import io.altostratus.gateway.eks.internal.EksHttpHandler;
import io.altostratus.gateway.eks.internal.EksOperations;
import io.altostratus.gateway.eks.internal.Kept;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Amazon EKS API front ({@code alto serve --api eks}): EKS's rest-json over any backend's
 * {@link io.altostratus.core.clusters.Clusters} service, on the gateway's port beside EC2.
 *
 * <pre>{@code
 * try (EksFront eks = EksFront.builder(LocalProviderFactory.withStore(store, Catalogs.aws()))
 *          .stateStore(store).authMode(AuthMode.STRICT).build();
 *      Gateway gateway = eks.mountOn(Gateway.builder().port(0).stateStore(store).dispatcher(ec2)).start()) {
 *     // aws eks list-clusters --endpoint-url http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * Requests are SigV4-signed for the {@code eks} signing name with the gateway's access keys (the same accounts as
 * EC2); the region is the signature's. Operations and their paths come from the SDK's model; EKS's paths
 * ({@code /clusters}, {@code /cluster-versions}, {@code /tags}, ...) are mounted by their first segment, so they never
 * meet EC2's {@code POST /}. Operations the front does not serve answer {@code InvalidRequestException} naming them.
 * EKS-only facts (node roles, node group subnets and tags, tags changed later, the list of updates) live in the given
 * {@link StateStore}.
 */
public final class EksFront implements AutoCloseable {
    private final ClusterServices sessions;
    private final Kept kept;
    private final EksHttpHandler handler;
    private final List<String> prefixes;
    private final StateStore ownedStore;

    private EksFront(ClusterServices sessions, Kept kept, EksHttpHandler handler, List<String> prefixes,
                     StateStore ownedStore) {
        this.sessions = sessions;
        this.kept = kept;
        this.handler = handler;
        this.prefixes = prefixes;
        this.ownedStore = ownedStore;
    }

    public static Builder builder(ProviderFactory factory) {
        return new Builder(factory);
    }

    public HttpHandler handler() {
        return handler;
    }

    /** The path prefixes the front is mounted under: {@code /} and the first segment of every EKS operation. */
    public List<String> pathPrefixes() {
        return prefixes;
    }

    public Gateway.Builder mountOn(Gateway.Builder gateway) {
        for (String prefix : prefixes) {
            gateway.mount(prefix, handler);
        }
        return gateway;
    }

    /** The EKS operations served, by EKS's names; EKS's others answer {@code InvalidRequestException}. */
    public static Set<String> operations() {
        return EksActions.SERVED;
    }

    /**
     * Forgets what the front keeps and closes its backend sessions (the backend's clusters are the backend's to
     * wipe: on the local cloud, the serve's store reset does it). Access keys survive.
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

    /** Configures an {@link EksFront}. */
    public static final class Builder {
        private final ProviderFactory factory;
        private ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                null, null);
        private StateStore stateStore;
        private AccessKeys accessKeys;
        private AuthMode authMode = AuthMode.STRICT;
        private String defaultRegion = Gateway.DEFAULT_REGION;
        private java.time.Clock signatureClock = java.time.Clock.systemUTC();

        private Builder(ProviderFactory factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /**
         * The context backend services are opened from (its account and region are replaced by the caller's; its
         * settings, e.g. the local cloud's {@code cluster_transition_ms}, endpoint, state directory and clock are
         * kept).
         */
        public Builder context(ProviderContext template) {
            this.template = Objects.requireNonNull(template, "template");
            return this;
        }

        /** Where the front keeps EKS-only facts, and (unless {@link #accessKeys} is given) the access keys. */
        public Builder stateStore(StateStore stateStore) {
            this.stateStore = Objects.requireNonNull(stateStore, "stateStore");
            return this;
        }

        /** The keys requests are checked against (default: those in the state store, as the gateway keeps them). */
        public Builder accessKeys(AccessKeys accessKeys) {
            this.accessKeys = Objects.requireNonNull(accessKeys, "accessKeys");
            return this;
        }

        public Builder authMode(AuthMode authMode) {
            this.authMode = Objects.requireNonNull(authMode, "authMode");
            return this;
        }

        /** The region of unsigned requests in permissive mode (default the gateway's, us-east-1). */
        public Builder defaultRegion(String region) {
            this.defaultRegion = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * The clock signatures' dates are checked against (default the system's, as the gateway's; the context's
         * clock drives the backend, and a test's manual one would make every signature look stale).
         */
        public Builder signatureClock(java.time.Clock clock) {
            this.signatureClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public EksFront build() {
            StateStore owned = stateStore == null ? StateStores.inMemory() : null;
            StateStore store = owned != null ? owned : stateStore;
            AccessKeys keys = accessKeys != null ? accessKeys : new AccessKeys(store, signatureClock);
            ClusterServices sessions = new ClusterServices(factory, template, () -> EksException.invalidRequest("the "
                    + factory.name() + " backend offers no managed Kubernetes clusters"));
            Kept kept = new Kept(store);
            EksOperations operations = EksOperations.instance();
            EksHttpHandler handler = new EksHttpHandler(operations, new EksActions(sessions, kept),
                    new EksAuth(authMode, keys, defaultRegion, signatureClock));
            List<String> prefixes = operations.roots().stream().map(r -> "/" + r).toList();
            return new EksFront(sessions, kept, handler, prefixes, owned);
        }
    }
}
