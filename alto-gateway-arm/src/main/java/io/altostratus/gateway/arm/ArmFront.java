package io.altostratus.gateway.arm;

import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.arm.internal.ArmException;
import io.altostratus.gateway.backend.ClusterServices;
import io.altostratus.gateway.arm.internal.AgentPools;
import io.altostratus.gateway.arm.internal.AksKept;
import io.altostratus.gateway.arm.internal.AksRoutes;
import io.altostratus.gateway.arm.internal.AksVersions;
import io.altostratus.gateway.arm.internal.ArmHttpHandler;
import io.altostratus.gateway.arm.internal.Disks;
import io.altostratus.gateway.arm.internal.Images;
import io.altostratus.gateway.arm.internal.Kept;
import io.altostratus.gateway.arm.internal.ManagedClusters;
import io.altostratus.gateway.arm.internal.ManagedImages;
import io.altostratus.gateway.arm.internal.NetworkResources;
import io.altostratus.gateway.arm.internal.NsgBackend;
import io.altostratus.gateway.arm.internal.Operations;
import io.altostratus.gateway.arm.internal.Places;
import io.altostratus.gateway.arm.internal.ResourceGroups;
import io.altostratus.gateway.arm.internal.Router;
import io.altostratus.gateway.arm.internal.Sessions;
import io.altostratus.gateway.arm.internal.SshPublicKeys;
import io.altostratus.gateway.arm.internal.VirtualMachines;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.auth.BearerTokens;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The Azure Resource Manager front ({@code alto serve --api arm}): the Microsoft.Compute / Microsoft.Network /
 * Microsoft.Resources subset VM code needs, and Microsoft.ContainerService's managed clusters and agent pools (AKS)
 * over the provider's clusters service, under {@code /subscriptions/...}, over any provider through the core SPI.
 *
 * <pre>{@code
 * try (ArmFront arm = ArmFront.builder(LocalProviderFactory.withCatalog(Catalogs.shipped("azure")))
 *          .homeRegion("eastus").stateStore(store).authMode(AuthMode.PERMISSIVE).build();
 *      Gateway gateway = arm.mountOn(Gateway.builder().port(0).dispatcher(ec2)).start()) {
 *     // AzureEnvironment with resourceManagerEndpointUrl = "http://127.0.0.1:" + gateway.port() + "/"
 * }
 * }</pre>
 *
 * A subscription is a backend account and a location a backend region. The front keeps what ARM has and the core
 * does not (resource groups, VM names, NICs, public IPs, virtual networks, NSGs, managed images, operations, and a
 * managed cluster's group, settings, tags and pool modes) in the given {@link StateStore}.
 */
public final class ArmFront implements AutoCloseable {
    /** The prefixes to mount: every ARM call this front serves starts with one of them. */
    public static final List<String> PATH_PREFIXES = List.of("/subscriptions");
    /** ARM pages VM lists at 50. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    private static final Set<String> STATE_KINDS = Set.of(Kept.GROUP_KIND, Kept.VM_KIND, Kept.RESOURCE_KIND,
            Kept.OPERATION_KIND, AksKept.CLUSTER_KIND);

    private final Sessions sessions;
    private final ClusterServices clusterSessions;
    private final ArmHttpHandler handler;
    private final BearerTokens tokens;
    private final StateStore store;
    private final StateStore ownedStore;

    private ArmFront(Sessions sessions, ClusterServices clusterSessions, ArmHttpHandler handler, BearerTokens tokens,
                     StateStore store, StateStore ownedStore) {
        this.sessions = sessions;
        this.clusterSessions = clusterSessions;
        this.handler = handler;
        this.tokens = tokens;
        this.store = store;
        this.ownedStore = ownedStore;
    }

    public static Builder builder(ProviderFactory factory) {
        return new Builder(factory);
    }

    /** The handler to mount at each of {@link #PATH_PREFIXES}. */
    public HttpHandler handler() {
        return handler;
    }

    /** Mounts this front on a gateway being built. */
    public Gateway.Builder mountOn(Gateway.Builder gateway) {
        for (String prefix : PATH_PREFIXES) {
            gateway.mount(prefix, handler);
        }
        return gateway;
    }

    /** The tokens strict mode accepts (token -> subscription). */
    public BearerTokens tokens() {
        return tokens;
    }

    /** Forgets what the front keeps about resources (tokens survive), for a server's reset hook. */
    public int resetState() {
        sessions.closeSessions();
        clusterSessions.closeAll();
        return store.clear(STATE_KINDS::contains);
    }

    @Override
    public void close() {
        sessions.close();
        clusterSessions.close();
        if (ownedStore != null) {
            ownedStore.close();
        }
    }

    /** Configures an {@link ArmFront}. */
    public static final class Builder {
        private final ProviderFactory factory;
        private ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                null, null);
        private UnaryOperator<ComputeProvider> decorator = UnaryOperator.identity();
        private StateStore stateStore;
        private AuthMode authMode = AuthMode.STRICT;
        private String homeRegion;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int retryAfterSeconds = 1;

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

        /** Where groups, names, operations and tokens live; the gateway's own store. Default: in memory. */
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
         * The location whose session answers subscription-wide questions (the list of locations). Default: the
         * context's region, else the provider's default region.
         */
        public Builder homeRegion(String homeRegion) {
            this.homeRegion = Objects.requireNonNull(homeRegion, "homeRegion");
            return this;
        }

        /** How many VMs a list page holds before a nextLink (ARM: 50). */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1");
            }
            this.pageSize = pageSize;
            return this;
        }

        /** The Retry-After (seconds) sent with operations in progress; 0 lets pollers ask again at once. */
        public Builder retryAfterSeconds(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("retryAfterSeconds must not be negative");
            }
            this.retryAfterSeconds = seconds;
            return this;
        }

        public ArmFront build() {
            StateStore owned = stateStore == null ? StateStores.inMemory() : null;
            StateStore store = owned != null ? owned : stateStore;
            String home = this.homeRegion != null ? this.homeRegion
                    : template.region() != null ? template.region() : factory.defaultRegion();
            Sessions sessions = new Sessions(factory, template, decorator, home);
            Kept kept = new Kept(store);
            Operations operations = new Operations(kept, sessions, template.clock(), retryAfterSeconds);
            Images images = new Images(sessions, template.clock());
            NsgBackend nsgs = new NsgBackend(kept, sessions);
            NetworkResources network = new NetworkResources(kept, sessions, nsgs, pageSize);
            Disks disks = new Disks(kept, sessions, operations);
            VirtualMachines vms = new VirtualMachines(kept, sessions, operations, images, network, disks, nsgs,
                    template.clock(), pageSize);
            ClusterServices clusterSessions = new ClusterServices(factory, template, () -> new ArmException(400,
                    "MissingSubscriptionRegistration", "The subscription is not registered to use namespace "
                    + "'Microsoft.ContainerService': the " + factory.name() + " backend offers no managed "
                    + "Kubernetes clusters."));
            ManagedClusters managedClusters = new ManagedClusters(new AksKept(store), kept, sessions, clusterSessions,
                    operations, template.clock());
            AksRoutes aks = new AksRoutes(managedClusters, new AgentPools(managedClusters),
                    new AksVersions(managedClusters));
            ResourceGroups groups = new ResourceGroups(kept, sessions, operations);
            groups.onDelete(managedClusters::deleteGroup);
            Router router = new Router(groups, vms, network,
                    new ManagedImages(kept, sessions), disks, new SshPublicKeys(kept, sessions), new Places(sessions, images), operations,
                    aks);
            BearerTokens tokens = new BearerTokens(store, "arm", "eyJ0eXAiOiJKV1QiLCJhbGNvIjoiYWx0byJ9.");
            return new ArmFront(sessions, clusterSessions, new ArmHttpHandler(router, authMode, tokens,
                    template.account()), tokens, store, owned);
        }
    }
}
