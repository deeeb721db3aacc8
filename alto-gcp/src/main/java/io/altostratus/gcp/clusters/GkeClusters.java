package io.altostratus.gcp.clusters;

import com.google.api.core.ApiFunction;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.cloud.container.v1.ClusterManagerSettings;
import com.google.container.v1.CreateClusterRequest;
import com.google.container.v1.CreateNodePoolRequest;
import com.google.container.v1.ListClustersResponse;
import com.google.container.v1.Operation;
import com.google.container.v1.ServerConfig;
import com.google.container.v1.SetNodePoolAutoscalingRequest;
import com.google.container.v1.SetNodePoolSizeRequest;
import com.google.container.v1.UpdateMasterRequest;
import com.google.container.v1.UpdateNodePoolRequest;
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
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gcp.GcpSettings;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The {@code gcp} provider's {@link Clusters}: Google Kubernetes Engine through Google's {@link ClusterManagerClient}
 * over HTTP/JSON (the transport the provider's Compute Engine clients use), one GKE call (or a few) per method,
 * every call through the session's {@link Retrier} (rate limits and 5xx retried, the rest translated by
 * {@link GkeErrors}).
 *
 * <p>How GKE meets the portable model:
 * <ul>
 *   <li><b>Location</b>: a cluster lives in the session's region (a regional cluster) unless its spec names a zone
 *       of that region. Reads find zonal clusters too: a name not found in the region is looked for among the
 *       clusters of every location ({@code locations/-}), kept to this region's zones.</li>
 *   <li><b>Versions</b>: GKE versions ({@code 1.31.5-gke.1000}) read as their minor version ({@code 1.31}); the full
 *       one stays in the cluster's details. A create or upgrade sends the minor version, which GKE takes as "the
 *       newest patch of that minor version" ({@link #versions()} reads the server config).</li>
 *   <li><b>Updates</b> are GKE operations: an update's id is the operation's name; InProgress while it is PENDING or
 *       RUNNING, Successful once DONE without an error, Failed with one.</li>
 *   <li><b>Node pool sizes</b>: a pool whose min is below its max autoscales between them; one pinned
 *       (min = desired = max) does not. Desired reads GKE's {@code initialNodeCount}: Google's v1 node pool carries
 *       no current node count, so a pool resized on Google's GKE may read its first size (alto's GKE endpoint
 *       answers the current one there). A resize that
 *       changes both the bounds and the size makes two operations, which GKE runs one at a time: the autoscaling one
 *       is waited for (within {@code operation_timeout_s}) before the size is set.</li>
 *   <li><b>Pool creation times</b>: GKE's node pools carry none. A pool reads as made when this service asked for
 *       it, else when its cluster was made (the earliest it can have been); its details' {@code createdAtSource}
 *       says which ({@code asked} or {@code cluster}).</li>
 *   <li>Checks GKE would make too (one minor version per upgrade, a pool no newer than its control plane, changes
 *       only to something active, a cluster without pools before it is deleted) are made first, so that the errors
 *       are every backend's. GKE's own name rule (lowercase, a letter first, at most 40 characters) is checked on
 *       create.</li>
 * </ul>
 */
public final class GkeClusters implements Clusters {
    /** GKE's cluster names: a lowercase letter, then lowercase letters, digits and hyphens, not ending in a hyphen. */
    private static final Pattern GKE_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,38}[a-z0-9])?");
    /** Where the clusters of every location are listed. */
    private static final String ALL_LOCATIONS = "-";
    /** A pool's {@code createdAtSource} when its time is when this service asked for it (else "cluster"). */
    private static final String ASKED = "asked";

    private static final ApiFunction<UnaryCallSettings.Builder<?, ?>, Void> NO_RETRIES = builder -> {
        builder.setRetryableCodes(Set.of());
        return null;
    };

    private final ClusterManagerClient gke;
    private final String project;
    private final String region;
    private final Retrier retrier;
    private final Duration operationTimeout;
    /** The endpoint override, or null for Google's; kubeconfigs pass it on to {@code alto kube-token}. */
    private final String endpoint;
    /** The program a kubeconfig runs for tokens ({@code kube_token_command}, default {@code alto}). */
    private final String kubeTokenCommand;
    /** Where each cluster this service has seen lives (a zone or the region), by name. */
    private final Map<String, String> locations = new ConcurrentHashMap<>();
    /** When this service asked for each pool ({@code cluster/pool}): GKE's pools do not say when they were made. */
    private final Map<String, Instant> poolsAskedAt = new ConcurrentHashMap<>();
    /** What each update this service started set, by operation name: GKE's operations do not say. */
    private final Map<String, Map<String, String>> updateParams = new ConcurrentHashMap<>();

    GkeClusters(ClusterManagerClient gke, String project, String region, Retrier retrier,
                Duration operationTimeout, String endpoint, String kubeTokenCommand) {
        this.gke = Objects.requireNonNull(gke, "gke");
        this.project = Objects.requireNonNull(project, "project");
        this.region = Objects.requireNonNull(region, "region");
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
        this.endpoint = endpoint;
        this.kubeTokenCommand = Objects.requireNonNull(kubeTokenCommand, "kubeTokenCommand");
    }

    /**
     * The service for a gcp session: a {@link ClusterManagerClient} over HTTP/JSON on the session's endpoint
     * (Google's when null) and credentials, the client's own retries off, and a retrier with the session's attempts
     * and backoff.
     *
     * @param kubeTokenCommand the program kubeconfigs run for tokens ({@code alto}, or another path to it)
     */
    public static GkeClusters open(String endpoint, String project, String region, CredentialsProvider credentials,
                                   GcpSettings settings, String kubeTokenCommand, Sleeper sleeper,
                                   Retrier.Listener listener, Clock clock) {
        ClusterManagerSettings.Builder builder = ClusterManagerSettings.newHttpJsonBuilder()
                .setCredentialsProvider(credentials);
        if (endpoint != null) {
            builder.setEndpoint(endpoint);
        }
        builder.applyToAllUnaryMethods(NO_RETRIES);
        ClusterManagerClient client;
        try {
            client = ClusterManagerClient.create(builder.build());
        } catch (IOException e) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "ClientSetup",
                    "cannot set up the GKE client: " + e.getMessage(), e);
        }
        Retrier retrier = new Retrier(settings.maxAttempts(), GkeErrors.FAILURES,
                new Backoff(settings.baseDelay(), settings.maxDelay(), 2.0, true), sleeper, clock,
                new SecureRandom(), listener);
        return new GkeClusters(client, project, region, retrier, settings.operationTimeout(), endpoint,
                kubeTokenCommand);
    }

    @Override
    public String provider() {
        return "gcp";
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Clock clock() {
        return retrier.clock();
    }

    // ---- names ------------------------------------------------------------------------------------------------

    private String parent(String location) {
        return "projects/" + project + "/locations/" + location;
    }

    private String clusterPath(String location, String cluster) {
        return parent(location) + "/clusters/" + cluster;
    }

    private String poolPath(String location, String cluster, String pool) {
        return clusterPath(location, cluster) + "/nodePools/" + pool;
    }

    /** Whether a location is this session's region or one of its zones. */
    private boolean inRegion(String location) {
        return location != null && (location.equals(region)
                || (location.startsWith(region + "-") && location.length() > region.length() + 1));
    }

    // ---- clusters ---------------------------------------------------------------------------------------------

    @Override
    public Cluster create(ClusterSpec spec) {
        String location = spec.region() != null ? spec.region() : region;
        if (!inRegion(location)) {
            throw ClusterRules.invalid("cluster " + spec.name() + " is asked for in " + location
                    + ", but this session works in " + region + " (give the region or one of its zones)");
        }
        checkGkeName("cluster", spec.name());
        if (!spec.roles().isEmpty()) {
            throw ClusterRules.invalid("GKE takes no roles in a cluster spec (the nodes use the project's default "
                    + "service account), not " + spec.roles().keySet());
        }
        for (NodePoolSpec pool : spec.nodePools()) {
            checkGkeName("node pool", pool.name());
            if (spec.version() != null && pool.version() != null) {
                ClusterRules.checkPoolVersion(spec.name(), spec.version(), pool.version());
            }
        }
        com.google.container.v1.Cluster.Builder cluster = com.google.container.v1.Cluster.newBuilder()
                .setName(spec.name()).putAllResourceLabels(spec.tags());
        if (spec.version() != null) {
            cluster.setInitialClusterVersion(spec.version());
        }
        if (!spec.subnetIds().isEmpty()) {
            cluster.setSubnetwork(spec.subnetIds().getFirst());
        }
        spec.nodePools().forEach(p -> cluster.addNodePools(GkeConvert.nodePool(p)));
        CreateClusterRequest request = CreateClusterRequest.newBuilder().setParent(parent(location))
                .setCluster(cluster).build();
        retrier.call("CreateCluster", () -> gke.createCluster(request));
        locations.put(spec.name(), location);
        Instant now = clock().instant();
        spec.nodePools().forEach(p -> poolsAskedAt.put(spec.name() + "/" + p.name(), now));
        // The create answers an operation; the cluster as GKE holds it now is what the caller wants to see.
        return find(spec.name()).orElseGet(() -> new Cluster(spec.name(), null, location, spec.version(),
                ClusterState.CREATING, "PROVISIONING", null, null, clock().instant(), null, spec.tags(),
                Map.of("location", location)));
    }

    @Override
    public Optional<Cluster> get(String name) {
        ClusterRules.checkClusterName(name);
        return find(name);
    }

    /** The cluster where it was last seen (the region by default), else wherever in the region it is. */
    private Optional<Cluster> find(String name) {
        String known = locations.get(name);
        Optional<Cluster> found = getAt(known != null ? known : region, name);
        if (found.isPresent() || known != null) {
            return found;
        }
        return listAll().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private Optional<Cluster> getAt(String location, String name) {
        try {
            Cluster c = GkeConvert.cluster(retrier.call("GetCluster",
                    () -> gke.getCluster(clusterPath(location, name))), location);
            locations.put(name, c.region());
            return Optional.of(c);
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<Cluster> list() {
        List<Cluster> clusters = new ArrayList<>(listAll());
        clusters.sort(Comparator.comparing(Cluster::name).thenComparing(c -> String.valueOf(c.region())));
        return clusters;
    }

    /** The clusters of every location GKE lists, kept to this region and its zones. */
    private List<Cluster> listAll() {
        ListClustersResponse answer = retrier.call("ListClusters", () -> gke.listClusters(parent(ALL_LOCATIONS)));
        List<Cluster> clusters = new ArrayList<>();
        for (com.google.container.v1.Cluster c : answer.getClustersList()) {
            Cluster cluster = GkeConvert.cluster(c, region);
            if (inRegion(cluster.region())) {
                locations.putIfAbsent(cluster.name(), cluster.region());
                clusters.add(cluster);
            }
        }
        return clusters;
    }

    @Override
    public Cluster delete(String name) {
        Cluster cluster = require(name);
        List<String> pools = nodePoolsOf(cluster).stream().map(NodePool::name).toList();
        if (!pools.isEmpty()) {
            throw ClusterErrors.hasNodePools(name, pools);
        }
        retrier.call("DeleteCluster", () -> gke.deleteCluster(clusterPath(cluster.region(), name)));
        return getAt(cluster.region(), name).orElseGet(() -> withState(cluster, ClusterState.DELETING));
    }

    /**
     * The server config of the region: every valid master version read as its minor version, oldest first; the
     * default is the minor version of GKE's default cluster version (else the newest).
     */
    @Override
    public List<KubernetesVersion> versions() {
        ServerConfig config = retrier.call("GetServerConfig", () -> gke.getServerConfig(parent(region)));
        String defaultMinor = GkeConvert.minor(config.getDefaultClusterVersion());
        TreeMap<String, String> minors = new TreeMap<>(ClusterRules::compareVersions);
        for (String v : config.getValidMasterVersionsList()) {
            String minor = GkeConvert.minor(v);
            if (minor != null) {
                minors.put(minor, v);
            }
        }
        if (defaultMinor != null) {
            minors.putIfAbsent(defaultMinor, config.getDefaultClusterVersion());
        }
        if (minors.isEmpty()) {
            return List.of();
        }
        String chosen = defaultMinor != null ? defaultMinor : minors.lastKey();
        return minors.keySet().stream().map(m -> new KubernetesVersion(m, m.equals(chosen), null)).toList();
    }

    @Override
    public ClusterUpdate upgrade(String name, String version) {
        ClusterRules.checkVersion(version);
        Cluster cluster = require(name);
        if (cluster.state() != ClusterState.ACTIVE) {
            throw ClusterErrors.busy("cluster " + name, cluster.stateName(), "upgraded");
        }
        ClusterRules.checkUpgradeStep(name, cluster.version(), version);
        UpdateMasterRequest request = UpdateMasterRequest.newBuilder()
                .setName(clusterPath(cluster.region(), name)).setMasterVersion(version).build();
        Operation op = retrier.call("UpdateMaster", () -> gke.updateMaster(request));
        return started(op, name, null, Map.of(ClusterUpdate.VERSION, version));
    }

    @Override
    public ClusterUpdate update(String cluster, String updateId) {
        Cluster c = require(cluster);
        if (updateId == null || updateId.isBlank() || updateId.contains("/")) {
            throw ClusterErrors.updateNotFound(cluster, updateId);
        }
        Operation op;
        try {
            op = retrier.call("GetOperation",
                    () -> gke.getOperation(parent(c.region()) + "/operations/" + updateId));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new AltoException(ErrorCode.NOT_FOUND, ClusterErrors.NOT_FOUND,
                        "No update found for ID: " + updateId + " of cluster " + cluster + ".", e);
            }
            throw e;
        }
        String target = GkeConvert.clusterOf(op.getTargetLink());
        if (target != null && !target.equals(cluster)) {
            throw ClusterErrors.updateNotFound(cluster, updateId);
        }
        return GkeConvert.update(op, cluster, null, updateParams.getOrDefault(op.getName(), Map.of()));
    }

    @Override
    public Kubeconfig kubeconfig(String name) {
        Cluster cluster = require(name);
        if (cluster.endpoint() == null) {
            throw ClusterErrors.busy("cluster " + name, cluster.stateName(), "reached (it has no endpoint yet)");
        }
        List<String> args = new ArrayList<>(List.of("kube-token", "--provider", "gcp", "--cluster", name,
                "--region", region));
        if (endpoint != null) {
            // The session's endpoint decides which credentials it uses (none, or access_token, on an emulator).
            args.addAll(List.of("--endpoint", endpoint));
        }
        KubeAuth auth = new KubeAuth.Exec(KubeAuth.Exec.V1BETA1, kubeTokenCommand, args, Map.of());
        // gcloud names the context gke_PROJECT_LOCATION_NAME; the same name keeps one context per cluster.
        return Kubeconfig.of("gke_" + project + "_" + cluster.region() + "_" + name, cluster.endpoint(),
                cluster.certificateAuthority(), auth);
    }

    // ---- node pools -------------------------------------------------------------------------------------------

    @Override
    public NodePool addNodePool(String cluster, NodePoolSpec spec) {
        Cluster c = require(cluster);
        checkGkeName("node pool", spec.name());
        if (c.state() != ClusterState.ACTIVE) {
            throw ClusterErrors.busy("cluster " + cluster, c.stateName(), "given node pools");
        }
        if (spec.version() != null && c.version() != null) {
            ClusterRules.checkPoolVersion(cluster, c.version(), spec.version());
        }
        CreateNodePoolRequest request = CreateNodePoolRequest.newBuilder()
                .setParent(clusterPath(c.region(), cluster)).setNodePool(GkeConvert.nodePool(spec)).build();
        Instant asked = clock().instant();
        try {
            retrier.call("CreateNodePool", () -> gke.createNodePool(request));
            poolsAskedAt.put(cluster + "/" + spec.name(), asked);
        } catch (AltoException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                throw new AltoException(ErrorCode.ALREADY_EXISTS, ClusterErrors.IN_USE,
                        "NodeGroup already exists with name " + spec.name() + " and cluster name " + cluster, e);
            }
            throw e;
        }
        return poolAt(c, spec.name()).orElseGet(() -> new NodePool(cluster, spec.name(), null,
                NodePoolState.CREATING, "PROVISIONING", spec.instanceType(), spec.desired(), spec.min(), spec.max(),
                spec.version() != null ? spec.version() : c.version(), spec.labels(), spec.taints(), spec.diskGiB(),
                List.of(), asked, Map.of("createdAtSource", ASKED)));
    }

    @Override
    public List<NodePool> nodePools(String cluster) {
        return nodePoolsOf(require(cluster));
    }

    private List<NodePool> nodePoolsOf(Cluster c) {
        List<NodePool> pools = new ArrayList<>();
        retrier.call("ListNodePools", () -> gke.listNodePools(clusterPath(c.region(), c.name())))
                .getNodePoolsList().forEach(p -> pools.add(pool(c, p)));
        pools.sort(Comparator.comparing(NodePool::name));
        return pools;
    }

    @Override
    public Optional<NodePool> nodePool(String cluster, String name) {
        ClusterRules.checkPoolName(name);
        return poolAt(require(cluster), name);
    }

    private Optional<NodePool> poolAt(Cluster c, String name) {
        try {
            return Optional.of(pool(c, retrier.call("GetNodePool",
                    () -> gke.getNodePool(poolPath(c.region(), c.name(), name)))));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public ClusterUpdate scaleNodePool(String cluster, String pool, int desired, int min, int max) {
        ClusterRules.checkPoolName(pool);
        ClusterRules.checkCounts(pool, desired, min, max);
        Cluster c = require(cluster);
        NodePool current = activePool(c, pool, "resized");
        String path = poolPath(c.region(), cluster, pool);
        Map<String, String> params = Map.of(ClusterUpdate.DESIRED_SIZE, Integer.toString(desired),
                ClusterUpdate.MIN_SIZE, Integer.toString(min), ClusterUpdate.MAX_SIZE, Integer.toString(max));
        boolean boundsChange = current.min() != min || current.max() != max
                || GkeConvert.autoscaling(desired, min, max).getEnabled()
                != GkeConvert.autoscaling(current.desired(), current.min(), current.max()).getEnabled();
        boolean sizeChanges = current.desired() != desired;
        Operation op = null;
        if (boundsChange) {
            SetNodePoolAutoscalingRequest request = SetNodePoolAutoscalingRequest.newBuilder().setName(path)
                    .setAutoscaling(GkeConvert.autoscaling(desired, min, max)).build();
            op = retrier.call("SetNodePoolAutoscaling", () -> gke.setNodePoolAutoscaling(request));
            if (sizeChanges) {
                awaitDone(c.region(), op);
            }
        }
        if (sizeChanges || op == null) {
            SetNodePoolSizeRequest request = SetNodePoolSizeRequest.newBuilder().setName(path)
                    .setNodeCount(desired).build();
            op = retrier.call("SetNodePoolSize", () -> gke.setNodePoolSize(request));
        }
        return started(op, cluster, pool, params);
    }

    /** Polls an operation until it is DONE (a failed one is thrown), within the session's operation timeout. */
    private void awaitDone(String location, Operation started) {
        Instant deadline = clock().instant().plus(operationTimeout);
        Operation op = started;
        for (int step = 0; op.getStatus() != Operation.Status.DONE; step++) {
            if (!clock().instant().isBefore(deadline)) {
                throw new AltoException(ErrorCode.TIMEOUT, "OperationTimeout", "GKE operation " + op.getName()
                        + " is still " + op.getStatus() + " after " + operationTimeout.toSeconds() + " s");
            }
            retrier.pauseBeforePoll("GetOperation", step);
            String name = parent(location) + "/operations/" + op.getName();
            op = retrier.call("GetOperation", () -> gke.getOperation(name));
        }
        ClusterUpdate done = GkeConvert.update(op, "", null, Map.of());
        if (done.status() == UpdateStatus.FAILED) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "OperationFailed", "GKE operation " + op.getName()
                    + " failed: " + String.join("; ", done.errors()));
        }
    }

    @Override
    public ClusterUpdate upgradeNodePool(String cluster, String pool, String version) {
        ClusterRules.checkPoolName(pool);
        if (version != null) {
            ClusterRules.checkVersion(version);
        }
        Cluster c = require(cluster);
        NodePool current = activePool(c, pool, "upgraded");
        String target = ClusterRules.poolUpgradeTarget(cluster, pool, c.version(), current.version(), version);
        UpdateNodePoolRequest.Builder request = UpdateNodePoolRequest.newBuilder()
                .setName(poolPath(c.region(), cluster, pool)).setNodeVersion(target);
        // GKE requires the image type with every update; the pool's own keeps its nodes' image.
        String imageType = current.details().get("imageType");
        request.setImageType(imageType != null ? imageType : "-");
        Operation op = retrier.call("UpdateNodePool", () -> gke.updateNodePool(request.build()));
        return started(op, cluster, pool, Map.of(ClusterUpdate.VERSION, target));
    }

    private NodePool activePool(Cluster c, String pool, String verb) {
        NodePool current = poolAt(c, pool).orElseThrow(() -> ClusterErrors.nodePoolNotFound(c.name(), pool));
        if (current.state() != NodePoolState.ACTIVE) {
            throw ClusterErrors.busy("node pool " + pool + " of cluster " + c.name(), current.stateName(), verb);
        }
        return current;
    }

    @Override
    public NodePool deleteNodePool(String cluster, String pool) {
        ClusterRules.checkPoolName(pool);
        Cluster c = require(cluster);
        NodePool current = poolAt(c, pool).orElseThrow(() -> ClusterErrors.nodePoolNotFound(cluster, pool));
        retrier.call("DeleteNodePool", () -> gke.deleteNodePool(poolPath(c.region(), cluster, pool)));
        return poolAt(c, pool).orElseGet(() -> withState(current, NodePoolState.DELETING));
    }

    @Override
    public void close() {
        gke.close();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private NodePool pool(Cluster c, com.google.container.v1.NodePool p) {
        Instant asked = poolsAskedAt.get(c.name() + "/" + p.getName());
        return asked != null ? GkeConvert.nodePool(c.name(), p, asked, ASKED)
                : GkeConvert.nodePool(c.name(), p, c.createdAt(), "cluster");
    }

    private ClusterUpdate started(Operation op, String cluster, String pool, Map<String, String> params) {
        updateParams.put(op.getName(), params);
        return GkeConvert.update(op, cluster, pool, params);
    }

    private static void checkGkeName(String what, String name) {
        if (!GKE_NAME.matcher(name).matches()) {
            throw ClusterRules.invalid("'" + name + "' is not a valid GKE " + what + " name: use 1 to 40 lowercase "
                    + "letters, digits and hyphens, a letter first and no hyphen last");
        }
    }

    private static Cluster withState(Cluster c, ClusterState state) {
        return new Cluster(c.name(), c.id(), c.region(), c.version(), state, null, c.endpoint(),
                c.certificateAuthority(), c.createdAt(), c.platformVersion(), c.tags(), c.details());
    }

    private static NodePool withState(NodePool p, NodePoolState state) {
        return new NodePool(p.cluster(), p.name(), p.id(), state, null, p.instanceType(), p.desired(), p.min(),
                p.max(), p.version(), p.labels(), p.taints(), p.diskGiB(), p.nodeIds(), p.createdAt(), p.details());
    }
}
