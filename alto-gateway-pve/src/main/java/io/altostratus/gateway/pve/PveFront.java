package io.altostratus.gateway.pve;

import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.auth.BearerTokens;
import io.altostratus.gateway.pve.internal.Backend;
import io.altostratus.gateway.pve.internal.Cluster;
import io.altostratus.gateway.pve.internal.GuestAgent;
import io.altostratus.gateway.pve.internal.Kept;
import io.altostratus.gateway.pve.internal.PveHttpHandler;
import io.altostratus.gateway.pve.internal.Router;
import io.altostratus.gateway.pve.internal.Snapshots;
import io.altostratus.gateway.pve.internal.Storage;
import io.altostratus.gateway.pve.internal.Tasks;
import io.altostratus.gateway.pve.internal.Vms;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The Proxmox VE API front ({@code alto serve --api pve}): {@code /api2/json} over any provider through the core SPI.
 *
 * <pre>{@code
 * try (PveFront pve = PveFront.builder(LocalProviderFactory.withCatalog(Catalogs.aws()))
 *          .template(PveTemplate.of(9000, "ubuntu-24.04", "ubuntu:24.04", true))
 *          .authMode(AuthMode.PERMISSIVE).build();
 *      Gateway gateway = pve.mountOn(Gateway.builder().port(0).dispatcher(ec2)).start()) {
 *     // a PVE client at https://127.0.0.1:<port>/api2/json (plain HTTP here)
 * }
 * }</pre>
 *
 * The cluster is one backend region (the context's, else the provider's default); its zones are the nodes. Templates
 * are backend images: those given to {@link Builder#template} appear in every account's cluster, and {@code qm
 * template} turns a VM into a new one. VMs, configs, locks and tasks live in the given {@link StateStore}.
 */
public final class PveFront implements AutoCloseable {
    /** Where PVE's API lives. */
    public static final String PATH_PREFIX = "/api2/json";

    private static final Set<String> STATE_KINDS = Set.of(Kept.VM_KIND, Kept.TASK_KIND, Kept.SNAPSHOT_KIND,
            Kept.VOLUME_KIND);

    private final Backend backend;
    private final Vms vms;
    private final Tasks tasks;
    private final PveHttpHandler handler;
    private final BearerTokens tokens;
    private final PveFaults faults;
    private final StateStore store;
    private final StateStore ownedStore;

    private PveFront(Backend backend, Vms vms, Tasks tasks, PveHttpHandler handler, BearerTokens tokens,
                     PveFaults faults, StateStore store, StateStore ownedStore) {
        this.backend = backend;
        this.vms = vms;
        this.tasks = tasks;
        this.handler = handler;
        this.tokens = tokens;
        this.faults = faults;
        this.store = store;
        this.ownedStore = ownedStore;
    }

    public static Builder builder(ProviderFactory factory) {
        return new Builder(factory);
    }

    public HttpHandler handler() {
        return handler;
    }

    public Gateway.Builder mountOn(Gateway.Builder gateway) {
        return gateway.mount(PATH_PREFIX, handler);
    }

    /**
     * The credentials strict mode accepts, each mapping to a backend account: API tokens as
     * {@code USER@REALM!TOKENID=SECRET}, and {@code USER@REALM:PASSWORD} for {@code POST /access/ticket}.
     */
    public BearerTokens tokens() {
        return tokens;
    }

    /** The fault hooks this front obeys. */
    public PveFaults faults() {
        return faults;
    }

    /** Forgets VMs and tasks (tokens survive; templates come back on next use). */
    public int resetState() {
        vms.forgetSeeds();
        backend.closeSessions();
        return store.clear(STATE_KINDS::contains);
    }

    @Override
    public void close() {
        tasks.close();
        backend.close();
        if (ownedStore != null) {
            ownedStore.close();
        }
    }

    /** Configures a {@link PveFront}. */
    public static final class Builder {
        private final ProviderFactory factory;
        private ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                null, null);
        private UnaryOperator<ComputeProvider> decorator = UnaryOperator.identity();
        private StateStore stateStore;
        private AuthMode authMode = AuthMode.STRICT;
        private String clusterName = "pve";
        private Duration agentBootDelay = Duration.ofSeconds(5);
        private PveFaults faults = new PveFaults();
        private final List<PveTemplate> templates = new ArrayList<>();

        private Builder(ProviderFactory factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** The context sessions start from; its region (else the provider's default) is the cluster. */
        public Builder context(ProviderContext template) {
            this.template = Objects.requireNonNull(template, "template");
            return this;
        }

        public Builder decorator(UnaryOperator<ComputeProvider> decorator) {
            this.decorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        public Builder stateStore(StateStore stateStore) {
            this.stateStore = Objects.requireNonNull(stateStore, "stateStore");
            return this;
        }

        public Builder authMode(AuthMode authMode) {
            this.authMode = Objects.requireNonNull(authMode, "authMode");
            return this;
        }

        /** The name {@code /cluster/status} gives (default {@code pve}). */
        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
            return this;
        }

        /** How long after a start the guest agent answers (default 5 s); zero answers at once. */
        public Builder agentBootDelay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("agentBootDelay must not be negative");
            }
            this.agentBootDelay = delay;
            return this;
        }

        /** A template shown in every account's cluster. */
        public Builder template(PveTemplate template) {
            templates.add(Objects.requireNonNull(template, "template"));
            return this;
        }

        public Builder faults(PveFaults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        public PveFront build() {
            StateStore owned = stateStore == null ? StateStores.inMemory() : null;
            StateStore store = owned != null ? owned : stateStore;
            String region = template.region() != null ? template.region() : factory.defaultRegion();
            Backend backend = new Backend(factory, template, decorator, region, clusterName);
            Kept kept = new Kept(store);
            Tasks tasks = new Tasks(kept, template.clock(), faults);
            Vms vms = new Vms(kept, backend, tasks, template.clock(), templates);
            Router router = new Router(backend, new Cluster(backend, vms), vms,
                    new GuestAgent(vms, template.clock(), agentBootDelay), tasks,
                    new Snapshots(kept, vms, backend, tasks, template.clock()),
                    new Storage(kept, vms, backend, tasks, template.clock()));
            BearerTokens tokens = new BearerTokens(store, "pve", "root@pam!alto=");
            PveHttpHandler handler = new PveHttpHandler(router, authMode, tokens, template.account(), faults);
            return new PveFront(backend, vms, tasks, handler, tokens, faults, store, owned);
        }
    }
}
