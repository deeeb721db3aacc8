package io.altostratus.local.clusters;

import io.altostratus.catalog.Catalog;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterErrors;
import io.altostratus.core.clusters.ClusterRules;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubeAuth;
import io.altostratus.core.clusters.Kubeconfig;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.clusters.UpdateType;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.TypeQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.local.clusters.ClusterDocs.ClusterDoc;
import io.altostratus.local.clusters.ClusterDocs.PoolDoc;
import io.altostratus.local.clusters.ClusterDocs.UpdateDoc;
import io.altostratus.local.internal.Env;
import io.altostratus.local.internal.Errors;
import io.altostratus.local.internal.StoreIndexes;
import io.altostratus.local.internal.InstanceOps;
import io.altostratus.local.internal.Lookup;
import io.altostratus.local.internal.Session;
import io.altostratus.local.internal.Settings;
import io.altostratus.local.internal.TagOps;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local cloud's managed Kubernetes, shaped like EKS: clusters with ARNs, node groups, updates with ids, EKS's
 * error names as provider codes. Every call is one transaction on the local cloud's store, so a cluster, its node
 * pools and their nodes change together or not at all, and every session and process on the same state sees them.
 * Creating, updating and deleting last {@code cluster_transition_ms} (default 10 s, 0 in most tests) and settle
 * when read after that, as instances do; nothing runs in the background.
 *
 * <p>Nodes are local instances launched from {@code cluster_node_image} (default {@code ubuntu:24.04}) and tagged
 * {@code alto:cluster}, {@code alto:nodepool} and {@code alto:k8s-version}, so {@code alto ls} lists them; scaling
 * launches or terminates (the newest first), a pool upgrade replaces every node at once (no rolling surge: there are
 * no workloads to drain), deleting a pool terminates its nodes. Deleting a cluster that still has node pools is
 * refused with {@code DEPENDENCY_VIOLATION} ({@code ResourceInUseException}), as EKS refuses it.
 *
 * <p>There is no Kubernetes API server behind a local cluster. Its endpoint is an {@code https} URL under the
 * reserved {@code .invalid} domain, its certificate authority is a real self-signed certificate made for it
 * ({@link SelfSignedCa}) whose key nothing keeps, and its static token opens nothing: the kubeconfig is structurally
 * valid, so tools that read kubeconfigs can be tested with it, and kubectl commands that reach for a server fail to
 * resolve the host.
 */
public final class LocalClusters implements Clusters {
    static final String VERSION_TAG = "alto:k8s-version";
    private static final Set<String> ROLE_KEYS = Set.of("clusterRoleArn", "nodeRoleArn");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Session session;
    private final Env env;
    private final ClusterSettings settings;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalClusters(Session session, ClusterSettings settings, Runnable onClose) {
        this.session = session;
        this.env = session.env();
        this.settings = settings;
        this.onClose = onClose;
    }

    /**
     * Opens the service on a store the caller provides; {@code onClose} runs once when it closes. An unknown region
     * or a bad setting fails here with {@code INVALID_PARAMETER}.
     */
    public static LocalClusters open(ProviderContext context, Catalog catalog, StateStore store, Runnable onClose) {
        String region = context.region() == null ? LocalProviderFactory.DEFAULT_REGION : context.region();
        if (catalog.regions().stream().noneMatch(r -> r.name().equals(region))) {
            throw Errors.invalid("InvalidRegion", "the local cloud has no region '" + region + "' (it has the "
                    + catalog.provider() + " catalog's regions)");
        }
        Env env = Env.of(LocalProviderFactory.NAME, context.account(), region, catalog, context.clock(),
                Settings.from(context));
        ClusterSettings clusterSettings = ClusterSettings.from(context);
        StoreIndexes.register(store);
        return new LocalClusters(new Session(env, store), clusterSettings, onClose);
    }

    @Override
    public String provider() {
        return LocalProviderFactory.NAME;
    }

    @Override
    public String region() {
        return env.region();
    }

    @Override
    public Clock clock() {
        return env.clock();
    }

    // ---- clusters ---------------------------------------------------------------------------------------------

    @Override
    public Cluster create(ClusterSpec spec) {
        if (spec.region() != null && !spec.region().equals(env.region())) {
            throw ClusterRules.invalid("this session works in " + env.region() + ", not in " + spec.region());
        }
        for (String key : spec.roles().keySet()) {
            if (!ROLE_KEYS.contains(key)) {
                throw ClusterRules.invalid("unknown role '" + key + "' (the local cloud takes " + ROLE_KEYS + ")");
            }
        }
        TagOps.validate(spec.tags());
        String version = spec.version() == null ? defaultVersion().version() : offered(spec.version());
        String caData = SelfSignedCa.kubeconfigData(env.clock().instant());
        List<String> types = new ArrayList<>();
        List<String> poolVersions = new ArrayList<>();
        for (NodePoolSpec pool : spec.nodePools()) {
            types.add(chooseType(pool));
            poolVersions.add(poolVersion(spec.name(), version, pool.version()));
        }
        return session.write(tx -> {
            tidy(tx);
            if (live(tx, spec.name()).isPresent()) {
                throw ClusterErrors.clusterExists(spec.name());
            }
            spec.subnetIds().forEach(id -> Lookup.subnet(tx, env, id));
            spec.securityGroupIds().forEach(id -> Lookup.group(tx, env, id));
            long now = env.now();
            long settles = now + settings.transitionMs();
            ClusterDoc doc = new ClusterDoc(spec.name(), arn(spec.name()), version, null, ClusterState.CREATING,
                    settles, now, "https://" + hex(16).toUpperCase(Locale.ROOT) + "." + env.region()
                    + ".k8s.alto.invalid", caData, "alto-local." + hex(24), null, spec.subnetIds(),
                    spec.securityGroupIds(), spec.roles(), spec.tags());
            tx.put(ClusterDocs.CLUSTER, env.scope(), doc.name(), doc);
            for (int i = 0; i < spec.nodePools().size(); i++) {
                // A pool made with its cluster becomes active once the control plane is.
                makePool(tx, doc, spec.nodePools().get(i), types.get(i), poolVersions.get(i),
                        settles + settings.transitionMs());
            }
            return toCluster(doc.settled(now));
        });
    }

    @Override
    public Optional<Cluster> get(String name) {
        ClusterRules.checkClusterName(name);
        return session.read(view -> live(view, name).map(this::toCluster));
    }

    @Override
    public List<Cluster> list() {
        return session.read(view -> {
            long now = env.now();
            List<Cluster> out = new ArrayList<>();
            for (ClusterDoc doc : view.list(ClusterDocs.CLUSTER, env.scope(), ClusterDoc.class)) {
                ClusterDoc settled = doc.settled(now);
                if (settled != null) {
                    out.add(toCluster(settled));
                }
            }
            return out;
        });
    }

    @Override
    public Cluster delete(String name) {
        ClusterRules.checkClusterName(name);
        return session.write(tx -> {
            tidy(tx);
            ClusterDoc doc = requireLive(tx, name);
            if (doc.state() == ClusterState.DELETING) {
                return toCluster(doc);
            }
            if (doc.state() == ClusterState.UPDATING) {
                throw ClusterErrors.busy("cluster " + name, doc.state(), "deleted");
            }
            List<String> pools = livePools(tx, doc).stream().map(PoolDoc::name).toList();
            if (!pools.isEmpty()) {
                throw ClusterErrors.hasNodePools(name, pools);
            }
            ClusterDoc deleting = doc.withState(ClusterState.DELETING, env.now() + settings.transitionMs(), null);
            tx.put(ClusterDocs.CLUSTER, env.scope(), name, deleting);
            return toCluster(deleting);
        });
    }

    @Override
    public List<KubernetesVersion> versions() {
        return ShippedVersions.all();
    }

    @Override
    public ClusterUpdate upgrade(String name, String version) {
        ClusterRules.checkClusterName(name);
        ClusterRules.checkVersion(version);
        return session.write(tx -> {
            ClusterDoc doc = requireLive(tx, name);
            if (doc.state() != ClusterState.ACTIVE) {
                throw ClusterErrors.busy("cluster " + name, doc.state(), "upgraded");
            }
            ClusterRules.checkUpgradeStep(name, doc.version(), version);
            offered(version);
            long now = env.now();
            long settles = now + settings.transitionMs();
            tx.put(ClusterDocs.CLUSTER, env.scope(), name, doc.withState(ClusterState.UPDATING, settles, version));
            return record(tx, new UpdateDoc(UUID.randomUUID().toString(), name, null, UpdateType.VERSION_UPDATE,
                    Map.of(ClusterUpdate.VERSION, version), now, settles, null));
        });
    }

    @Override
    public ClusterUpdate update(String cluster, String updateId) {
        ClusterRules.checkClusterName(cluster);
        if (updateId == null || updateId.isBlank()) {
            throw ClusterRules.invalid("an update id is required");
        }
        return session.read(view -> {
            ClusterDoc doc = requireLive(view, cluster);
            return view.get(ClusterDocs.UPDATE, env.scope(), updateId, UpdateDoc.class)
                    .filter(u -> u.cluster().equals(cluster) && u.createdAt() >= doc.createdAt())
                    .map(u -> toUpdate(u, env.now()))
                    .orElseThrow(() -> ClusterErrors.updateNotFound(cluster, updateId));
        });
    }

    @Override
    public Kubeconfig kubeconfig(String name) {
        ClusterRules.checkClusterName(name);
        ClusterDoc doc = session.read(view -> requireLive(view, name));
        if (doc.state() != ClusterState.ACTIVE && doc.state() != ClusterState.UPDATING) {
            throw ClusterErrors.busy("cluster " + name, doc.state(), "reached (it has no endpoint)");
        }
        return Kubeconfig.of(name, doc.endpoint(), doc.caData(), new KubeAuth.Token(doc.token()));
    }

    // ---- node pools -------------------------------------------------------------------------------------------

    @Override
    public NodePool addNodePool(String cluster, NodePoolSpec spec) {
        ClusterRules.checkClusterName(cluster);
        String type = chooseType(spec);
        return session.write(tx -> {
            tidy(tx);
            ClusterDoc doc = requireLive(tx, cluster);
            if (doc.state() != ClusterState.ACTIVE) {
                throw ClusterErrors.busy("cluster " + cluster, doc.state(), "given a node pool");
            }
            if (livePool(tx, doc, spec.name()).isPresent()) {
                throw ClusterErrors.nodePoolExists(cluster, spec.name());
            }
            String version = poolVersion(cluster, doc.version(), spec.version());
            PoolDoc pool = makePool(tx, doc, spec, type, version, env.now() + settings.transitionMs());
            return toNodePool(tx, pool.settled(env.now()));
        });
    }

    @Override
    public List<NodePool> nodePools(String cluster) {
        ClusterRules.checkClusterName(cluster);
        return session.read(view -> {
            ClusterDoc doc = requireLive(view, cluster);
            return livePools(view, doc).stream().map(p -> toNodePool(view, p)).toList();
        });
    }

    @Override
    public Optional<NodePool> nodePool(String cluster, String name) {
        ClusterRules.checkClusterName(cluster);
        ClusterRules.checkPoolName(name);
        return session.read(view -> livePool(view, requireLive(view, cluster), name).map(p -> toNodePool(view, p)));
    }

    @Override
    public ClusterUpdate scaleNodePool(String cluster, String pool, int desired, int min, int max) {
        ClusterRules.checkClusterName(cluster);
        ClusterRules.checkPoolName(pool);
        ClusterRules.checkCounts(pool, desired, min, max);
        return session.write(tx -> {
            ClusterDoc doc = requireLive(tx, cluster);
            PoolDoc p = requirePool(tx, doc, pool);
            if (p.state() != NodePoolState.ACTIVE) {
                throw ClusterErrors.busy("node pool " + pool, p.state(), "scaled");
            }
            List<String> nodes = liveNodes(tx, cluster, pool);
            if (desired > nodes.size()) {
                launchNodes(tx, doc, p, p.version(), desired - nodes.size());
            } else if (desired < nodes.size()) {
                InstanceOps.terminate(tx, env, nodes.subList(desired, nodes.size()));
            }
            long now = env.now();
            long settles = now + settings.transitionMs();
            tx.put(ClusterDocs.POOL, env.scope(), p.id(), p.with(NodePoolState.UPDATING, settles, desired, min, max,
                    null));
            Map<String, String> params = new LinkedHashMap<>();
            params.put(ClusterUpdate.DESIRED_SIZE, Integer.toString(desired));
            params.put(ClusterUpdate.MIN_SIZE, Integer.toString(min));
            params.put(ClusterUpdate.MAX_SIZE, Integer.toString(max));
            return record(tx, new UpdateDoc(UUID.randomUUID().toString(), cluster, pool, UpdateType.CONFIG_UPDATE,
                    params, now, settles, null));
        });
    }

    @Override
    public ClusterUpdate upgradeNodePool(String cluster, String pool, String version) {
        ClusterRules.checkClusterName(cluster);
        ClusterRules.checkPoolName(pool);
        return session.write(tx -> {
            ClusterDoc doc = requireLive(tx, cluster);
            if (doc.state() != ClusterState.ACTIVE) {
                throw ClusterErrors.busy("cluster " + cluster, doc.state(), "given node upgrades");
            }
            PoolDoc p = requirePool(tx, doc, pool);
            if (p.state() != NodePoolState.ACTIVE) {
                throw ClusterErrors.busy("node pool " + pool, p.state(), "upgraded");
            }
            String target = poolVersion(cluster, doc.version(), version);
            if (ClusterRules.compareVersions(target, p.version()) <= 0) {
                throw ClusterRules.invalid("node pool " + pool + " runs Kubernetes " + p.version()
                        + ": it can only move to a newer version, up to the control plane's " + doc.version()
                        + ", not to " + target);
            }
            // Every node is replaced at once: new instances on the new version, the old ones terminated.
            List<String> old = liveNodes(tx, cluster, pool);
            if (!old.isEmpty()) {
                InstanceOps.terminate(tx, env, old);
            }
            launchNodes(tx, doc, p, target, p.desired());
            long now = env.now();
            long settles = now + settings.transitionMs();
            tx.put(ClusterDocs.POOL, env.scope(), p.id(), p.with(NodePoolState.UPDATING, settles, p.desired(),
                    p.min(), p.max(), target));
            return record(tx, new UpdateDoc(UUID.randomUUID().toString(), cluster, pool, UpdateType.VERSION_UPDATE,
                    Map.of(ClusterUpdate.VERSION, target), now, settles, null));
        });
    }

    @Override
    public NodePool deleteNodePool(String cluster, String pool) {
        ClusterRules.checkClusterName(cluster);
        ClusterRules.checkPoolName(pool);
        return session.write(tx -> {
            tidy(tx);
            ClusterDoc doc = requireLive(tx, cluster);
            PoolDoc p = requirePool(tx, doc, pool);
            if (p.state() == NodePoolState.DELETING) {
                return toNodePool(tx, p);
            }
            List<String> nodes = liveNodes(tx, cluster, pool);
            if (!nodes.isEmpty()) {
                InstanceOps.terminate(tx, env, nodes);
            }
            long now = env.now();
            for (UpdateDoc u : tx.list(ClusterDocs.UPDATE, env.scope(), UpdateDoc.class)) {
                if (u.cluster().equals(cluster) && pool.equals(u.pool()) && u.status(now) == UpdateStatus.IN_PROGRESS) {
                    tx.put(ClusterDocs.UPDATE, env.scope(), u.id(), new UpdateDoc(u.id(), u.cluster(), u.pool(),
                            u.type(), u.params(), u.createdAt(), u.settlesAt(), UpdateStatus.CANCELLED));
                }
            }
            PoolDoc deleting = p.with(NodePoolState.DELETING, now + settings.transitionMs(), p.desired(), p.min(),
                    p.max(), null);
            tx.put(ClusterDocs.POOL, env.scope(), p.id(), deleting);
            return toNodePool(tx, deleting);
        });
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }

    // ---- inside -----------------------------------------------------------------------------------------------

    private Optional<ClusterDoc> live(StateView view, String name) {
        return view.get(ClusterDocs.CLUSTER, env.scope(), name, ClusterDoc.class)
                .map(d -> d.settled(env.now()));
    }

    private ClusterDoc requireLive(StateView view, String name) {
        return live(view, name).orElseThrow(() -> ClusterErrors.clusterNotFound(name));
    }

    /** The cluster's pools that are not gone; leftovers of an earlier cluster of the same name do not count. */
    private List<PoolDoc> livePools(StateView view, ClusterDoc cluster) {
        long now = env.now();
        List<PoolDoc> out = new ArrayList<>();
        for (PoolDoc p : view.list(ClusterDocs.POOL, env.scope(), PoolDoc.class)) {
            if (p.cluster().equals(cluster.name()) && p.createdAt() >= cluster.createdAt()) {
                PoolDoc settled = p.settled(now);
                if (settled != null) {
                    out.add(settled);
                }
            }
        }
        return out;
    }

    private Optional<PoolDoc> livePool(StateView view, ClusterDoc cluster, String name) {
        return view.get(ClusterDocs.POOL, env.scope(), PoolDoc.id(cluster.name(), name), PoolDoc.class)
                .filter(p -> p.createdAt() >= cluster.createdAt())
                .map(p -> p.settled(env.now()));
    }

    private PoolDoc requirePool(StateView view, ClusterDoc cluster, String name) {
        return livePool(view, cluster, name).orElseThrow(() -> ClusterErrors.nodePoolNotFound(cluster.name(), name));
    }

    /** Drops the documents of clusters and pools whose deletion has finished, and the updates of gone clusters. */
    private void tidy(StateTx tx) {
        long now = env.now();
        Map<String, Long> liveClusters = new LinkedHashMap<>();
        for (ClusterDoc c : tx.list(ClusterDocs.CLUSTER, env.scope(), ClusterDoc.class)) {
            if (c.settled(now) == null) {
                tx.delete(ClusterDocs.CLUSTER, env.scope(), c.name());
            } else {
                liveClusters.put(c.name(), c.createdAt());
            }
        }
        for (PoolDoc p : tx.list(ClusterDocs.POOL, env.scope(), PoolDoc.class)) {
            Long clusterMade = liveClusters.get(p.cluster());
            if (p.settled(now) == null || clusterMade == null || p.createdAt() < clusterMade) {
                tx.delete(ClusterDocs.POOL, env.scope(), p.id());
            }
        }
        for (UpdateDoc u : tx.list(ClusterDocs.UPDATE, env.scope(), UpdateDoc.class)) {
            Long clusterMade = liveClusters.get(u.cluster());
            if (clusterMade == null || u.createdAt() < clusterMade) {
                tx.delete(ClusterDocs.UPDATE, env.scope(), u.id());
            }
        }
    }

    private PoolDoc makePool(StateTx tx, ClusterDoc cluster, NodePoolSpec spec, String type, String version,
                             long settlesAt) {
        String arn = "arn:aws:eks:" + env.region() + ":" + env.account() + ":nodegroup/" + cluster.name() + "/"
                + spec.name() + "/" + UUID.randomUUID();
        PoolDoc pool = new PoolDoc(cluster.name(), spec.name(), arn, NodePoolState.CREATING, settlesAt, env.now(), type,
                spec.desired(), spec.min(), spec.max(), version, null, spec.labels(), spec.taints(), spec.diskGiB());
        tx.put(ClusterDocs.POOL, env.scope(), pool.id(), pool);
        launchNodes(tx, cluster, pool, version, spec.desired());
        return pool;
    }

    /** Launches {@code count} nodes, spread over the cluster's subnets when it names some. */
    private void launchNodes(StateTx tx, ClusterDoc cluster, PoolDoc pool, String version, int count) {
        if (count <= 0) {
            return;
        }
        List<String> subnets = cluster.subnetIds();
        int groups = subnets.isEmpty() ? 1 : Math.min(subnets.size(), count);
        for (int g = 0; g < groups; g++) {
            int n = count / groups + (g < count % groups ? 1 : 0);
            LaunchSpec.Builder b = LaunchSpec.builder().image(settings.nodeImage()).instanceType(pool.instanceType())
                    .name(cluster.name() + "-" + pool.name()).count(n).minCount(n)
                    .tag(NodePool.CLUSTER_TAG, cluster.name()).tag(NodePool.POOL_TAG, pool.name())
                    .tag(VERSION_TAG, version).rootVolumeSizeGiB(pool.diskGiB());
            if (!subnets.isEmpty()) {
                b.subnetId(subnets.get(g));
            }
            InstanceOps.launch(tx, env, b.build());
        }
    }

    /** The pool's nodes that are not terminating or terminated, oldest first. */
    private List<String> liveNodes(StateView view, String cluster, String pool) {
        InstanceQuery query = InstanceQuery.builder().tag(NodePool.CLUSTER_TAG, cluster)
                .tag(NodePool.POOL_TAG, pool).build();
        List<String> ids = new ArrayList<>();
        for (Instance i : InstanceOps.list(view, env, query)) {
            if (i.state() != InstanceState.TERMINATING && i.state() != InstanceState.TERMINATED) {
                ids.add(i.id());
            }
        }
        return ids;
    }

    /** The spec's type, checked against the catalog; without one, the cheapest with 2 vCPUs and 4 GiB (EKS's). */
    private String chooseType(NodePoolSpec spec) {
        if (spec.instanceType() != null) {
            if (env.catalog().instanceType(env.region(), spec.instanceType()).isEmpty()) {
                throw ClusterRules.invalid("node pool " + spec.name() + ": the instance type '" + spec.instanceType()
                        + "' is not offered in " + env.region());
            }
            return spec.instanceType();
        }
        List<InstanceType> fits = new TypeQuery(2, 4096, false, Architecture.X86_64, null)
                .select(env.catalog().instanceTypes(env.region()));
        if (fits.isEmpty()) {
            throw ClusterRules.invalid("node pool " + spec.name() + ": no instance type in " + env.region()
                    + " has 2 vCPUs and 4 GiB; name one");
        }
        return fits.get(0).name();
    }

    private String poolVersion(String cluster, String clusterVersion, String requested) {
        String version = requested == null ? clusterVersion : offered(requested);
        ClusterRules.checkPoolVersion(cluster, clusterVersion, version);
        return version;
    }

    private String offered(String version) {
        ClusterRules.checkVersion(version);
        if (versions().stream().noneMatch(v -> v.version().equals(version))) {
            throw ClusterRules.invalid("unsupported Kubernetes version " + version + " (the local cloud offers "
                    + versions().stream().map(KubernetesVersion::version).toList() + ")");
        }
        return version;
    }

    private ClusterUpdate record(StateTx tx, UpdateDoc update) {
        tx.put(ClusterDocs.UPDATE, env.scope(), update.id(), update);
        return toUpdate(update, env.now());
    }

    private String arn(String name) {
        return "arn:aws:eks:" + env.region() + ":" + env.account() + ":cluster/" + name;
    }

    private Cluster toCluster(ClusterDoc d) {
        Map<String, String> details = new LinkedHashMap<>(d.roles());
        if (!d.subnetIds().isEmpty()) {
            details.put("subnetIds", String.join(",", d.subnetIds()));
        }
        if (!d.securityGroupIds().isEmpty()) {
            details.put("securityGroupIds", String.join(",", d.securityGroupIds()));
        }
        // EKS has no endpoint (nor its certificate) to give until the control plane is up.
        boolean up = d.state() != ClusterState.CREATING;
        return new Cluster(d.name(), d.arn(), env.region(), d.version(), d.state(), null, up ? d.endpoint() : null,
                up ? d.caData() : null,
                Instant.ofEpochMilli(d.createdAt()), d.platformVersion(), d.tags(), details);
    }

    private NodePool toNodePool(StateView view, PoolDoc p) {
        return new NodePool(p.cluster(), p.name(), p.arn(), p.state(), null, p.instanceType(), p.desired(), p.min(),
                p.max(), p.version(), p.labels(), p.taints(), p.diskGiB(), liveNodes(view, p.cluster(), p.name()),
                Instant.ofEpochMilli(p.createdAt()), Map.of("nodeImage", settings.nodeImage()));
    }

    private static ClusterUpdate toUpdate(UpdateDoc u, long now) {
        return new ClusterUpdate(u.id(), u.cluster(), u.pool(), u.type(), u.status(now), u.params(), List.of(),
                Instant.ofEpochMilli(u.createdAt()));
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
