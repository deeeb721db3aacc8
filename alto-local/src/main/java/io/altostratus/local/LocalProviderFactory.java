package io.altostratus.local;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.ProviderService;
import io.altostratus.local.clusters.LocalClusters;
import io.altostratus.local.internal.Errors;
import io.altostratus.local.internal.StoreIndexes;
import io.altostratus.local.internal.StoreRegistry;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code local} provider: an embedded cloud that looks like a small EC2 and needs no account and no network.
 * State lives in {@link ProviderContext#stateDir()} (shared by every session and process on that directory), or,
 * when there is none, in one in-memory store shared by the sessions of this process that are open at the same time
 * and dropped when the last of them closes (use {@link #withStore} to keep one for longer).
 *
 * <p>Settings: {@code transition_ms} (how long pending, stopping and shutting-down last, default 1500),
 * {@code terminated_retention_s} (how long terminated instances stay listed, default 3600) and
 * {@code max_instances} (instances per region and account that are not terminated, default 20000),
 * {@code store} (a {@code postgresql://USER@HOST[:PORT]/DATABASE} URL: the state lives in that database, the store
 * {@code alto serve --store} replicas share, instead of the state directory; the CLI fills it from alto.toml's
 * {@code [store] url}) and {@code store_reads} ({@code mirror}, the default: the state is loaded into memory once and
 * reads are answered from there, which suits a long-running process; {@code direct}: every read is an indexed query
 * on the state file or database and nothing is loaded, which suits a short-lived one such as a CLI command).
 */
public final class LocalProviderFactory implements ProviderFactory {
    /** The provider name. */
    public static final String NAME = "local";
    /** The setting that names a PostgreSQL database to keep the state in instead of the state directory. */
    public static final String STORE = "store";
    /** The setting that chooses how the state is read: {@code mirror} (the default) or {@code direct}. */
    public static final String STORE_READS = "store_reads";
    /** The region a session gets when the context names none. */
    public static final String DEFAULT_REGION = "us-east-1";

    private final Catalog catalog;
    private final StateStore sharedStore;

    /** The factory {@link java.util.ServiceLoader} finds: the shipped AWS catalog, stores by state directory. */
    public LocalProviderFactory() {
        this(null, null);
    }

    private LocalProviderFactory(Catalog catalog, StateStore sharedStore) {
        this.catalog = catalog;
        this.sharedStore = sharedStore;
    }

    /** A factory whose sessions use another catalog (tests, or a trimmed catalog). */
    public static LocalProviderFactory withCatalog(Catalog catalog) {
        return new LocalProviderFactory(Objects.requireNonNull(catalog, "catalog"), null);
    }

    /**
     * A factory whose sessions all use one store the caller owns and closes (e.g. one in-memory store shared by every
     * account and region a gateway serves); the context's state directory is then ignored.
     */
    public static LocalProviderFactory withStore(StateStore store, Catalog catalog) {
        // Registered now rather than by the first session: a server's store (see StateStores.openServing) then files
        // the index while it loads, instead of making the first request after that wait for it.
        StoreIndexes.register(Objects.requireNonNull(store, "store"));
        return new LocalProviderFactory(catalog, store);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "embedded local cloud: simulated EC2-like machines, networks and disks, no account needed";
    }

    @Override
    public ComputeProvider open(ProviderContext context) {
        Catalog cat = catalog != null ? catalog : Catalogs.aws();
        if (sharedStore != null) {
            return LocalCloud.open(context, cat, sharedStore, () -> { });
        }
        StoreRegistry.Lease lease = lease(context);
        try {
            return LocalCloud.open(context, cat, lease.store(), lease::release);
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
    }

    /**
     * {@link Clusters}: the local cloud's managed Kubernetes ({@link LocalClusters}), on the same store as compute.
     * Settings: {@code cluster_transition_ms} (how long clusters and node pools take to change, default 10000) and
     * {@code cluster_node_image} (what nodes launch from, default {@code ubuntu:24.04}).
     */
    @Override
    public <S extends ProviderService> Optional<S> service(Class<S> type, ProviderContext context) {
        if (type != Clusters.class) {
            return Optional.empty();
        }
        Catalog cat = catalog != null ? catalog : Catalogs.aws();
        if (sharedStore != null) {
            return Optional.of(type.cast(LocalClusters.open(context, cat, sharedStore, () -> { })));
        }
        StoreRegistry.Lease lease = lease(context);
        try {
            return Optional.of(type.cast(LocalClusters.open(context, cat, lease.store(), lease::release)));
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
    }

    /** The store the context names: the database of setting {@code store} when set, else the state directory's. */
    private static StoreRegistry.Lease lease(ProviderContext context) {
        boolean direct = directReads(context);
        String url = context.setting(STORE, null);
        if (url == null) {
            return StoreRegistry.acquire(context.stateDir(), direct);
        }
        if (!StateStores.isPostgres(url)) {
            throw Errors.invalidValue("local provider setting " + STORE + " must be a "
                    + "postgresql://USER@HOST[:PORT]/DATABASE URL (a directory is the state directory): " + url);
        }
        return StoreRegistry.acquire(url, direct);
    }

    /** Whether the context asks for a store that reads the file directly (setting {@code store_reads}). */
    static boolean directReads(ProviderContext context) {
        String mode = context.setting(STORE_READS, "mirror");
        return switch (mode) {
            case "mirror" -> false;
            case "direct" -> true;
            default -> throw Errors.invalidValue("local provider setting " + STORE_READS
                    + " must be 'mirror' or 'direct': " + mode);
        };
    }
}
