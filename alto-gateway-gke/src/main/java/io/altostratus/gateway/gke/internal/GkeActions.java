package io.altostratus.gateway.gke.internal;

import com.google.container.v1.CreateClusterRequest;
import com.google.container.v1.CreateNodePoolRequest;
import com.google.container.v1.ListClustersResponse;
import com.google.container.v1.ListNodePoolsResponse;
import com.google.container.v1.ListOperationsResponse;
import com.google.container.v1.Operation;
import com.google.container.v1.ServerConfig;
import com.google.container.v1.SetNodePoolSizeRequest;
import com.google.container.v1.UpdateClusterRequest;
import com.google.container.v1.UpdateMasterRequest;
import com.google.container.v1.UpdateNodePoolRequest;
import com.google.protobuf.Message;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.error.AltoException;
import io.altostratus.gateway.gke.internal.Kept.ClusterDoc;
import io.altostratus.gateway.gke.internal.Kept.OperationDoc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The served container/v1 methods, each over the backend's {@link Clusters} of the project and the location's region.
 * Mutating methods answer an {@link Operation}; reads answer the resource as it is now.
 */
public final class GkeActions {
    /** One call: the project and location of the path, the cluster and pool it names (or null), the body. */
    public record Call(String project, String location, String cluster, String pool, byte[] body, Links links) {
        String region() {
            return Locations.region(location);
        }

        String clusterPath() {
            return "projects/" + project + "/locations/" + location + "/clusters/" + cluster;
        }

        String poolPath() {
            return clusterPath() + "/nodePools/" + pool;
        }
    }

    private final ClusterSessions sessions;
    private final Kept kept;
    private final GkeOperations operations;

    public GkeActions(ClusterSessions sessions, Kept kept, GkeOperations operations) {
        this.sessions = sessions;
        this.kept = kept;
        this.operations = operations;
    }

    private Clusters clusters(Call call) {
        if (Locations.isAll(call.location())) {
            throw GkeException.invalid("Location \"-\" names no single location; name a zone or region.");
        }
        return sessions.of(call.project(), call.region());
    }

    // ---- clusters -----------------------------------------------------------------------------------------------

    @SuppressWarnings("deprecation") // the cluster-level initialNodeCount and nodeConfig: older clients still send them
    public Message createCluster(Call call) {
        CreateClusterRequest req = GkeJson.parse(call.body(), CreateClusterRequest.newBuilder()).build();
        com.google.container.v1.Cluster c = req.getCluster();
        GkeShapes.checkName("cluster.name", c.getName());
        Clusters clusters = clusters(call);
        ClusterSpec.Builder spec = ClusterSpec.builder(c.getName()).version(Versions.minor(c.getInitialClusterVersion()))
                .tags(c.getResourceLabelsMap());
        if (c.getNodePoolsCount() > 0) {
            c.getNodePoolsList().forEach(p -> spec.nodePool(GkeShapes.spec(p)));
        } else if (c.getInitialNodeCount() > 0) {
            // The older form: one pool's size and config on the cluster itself, which GKE calls default-pool.
            spec.nodePool(GkeShapes.spec(com.google.container.v1.NodePool.newBuilder().setName("default-pool")
                    .setInitialNodeCount(c.getInitialNodeCount()).setConfig(c.getNodeConfig()).build()));
        }
        Call named = new Call(call.project(), call.location(), c.getName(), null, null, call.links());
        Cluster made = backend(named.clusterPath(), () -> clusters.create(spec.build()));
        kept.putCluster(call.project(), new ClusterDoc(call.region(), made.name(), call.location(), made.version(),
                made.createdAt() == null ? 0 : made.createdAt().toEpochMilli()));
        return operation(operations.start(call.project(), call.location(), Operation.Type.CREATE_CLUSTER,
                made.name(), null, null), call);
    }

    public Message getCluster(Call call) {
        Clusters clusters = clusters(call);
        operations.advanceDeletes(call.project());
        Cluster c = backend(call.clusterPath(), () -> clusters.get(call.cluster()))
                .orElseThrow(() -> clusterNotFound(call));
        // A zonal cluster is not found through another zone of its region, as on GKE.
        String location = locationOf(call.project(), call.region(), c);
        if (Locations.isZone(call.location()) && !location.equals(call.location())) {
            throw clusterNotFound(call);
        }
        return clusterMessage(call, clusters, c);
    }

    public Message listClusters(Call call) {
        List<String> regions = Locations.isAll(call.location()) ? sessions.regionsInUse(call.project())
                : List.of(call.region());
        operations.advanceDeletes(call.project());
        List<com.google.container.v1.Cluster> all = new ArrayList<>();
        for (String region : regions) {
            Clusters clusters = sessions.of(call.project(), region);
            for (Cluster c : backend("projects/" + call.project() + "/locations/" + region, clusters::list)) {
                String location = locationOf(call.project(), region, c);
                if (Locations.isAll(call.location()) || !Locations.isZone(call.location())
                        || location.equals(call.location())) {
                    all.add(GkeShapes.cluster(c, pools(clusters, c.name()), location, initialVersion(call.project(),
                            region, c), call.links(), call.project()));
                }
            }
        }
        all.sort(Comparator.comparing(com.google.container.v1.Cluster::getName)
                .thenComparing(com.google.container.v1.Cluster::getLocation));
        return ListClustersResponse.newBuilder().addAllClusters(all).build();
    }

    public Message deleteCluster(Call call) {
        Clusters clusters = clusters(call);
        Cluster c = backend(call.clusterPath(), () -> clusters.get(call.cluster()))
                .orElseThrow(() -> clusterNotFound(call));
        if (c.state() == io.altostratus.core.clusters.ClusterState.CREATING) {
            throw GkeException.failedPrecondition("Cluster \"" + c.name() + "\" is still being created; try again "
                    + "when its operation is done.");
        }
        return operation(operations.start(call.project(), call.location(), Operation.Type.DELETE_CLUSTER, c.name(),
                null, null), call);
    }

    /** {@code PUT clusters/{c}}: a master upgrade ({@code desiredMasterVersion}) or a pool's node upgrade. */
    public Message updateCluster(Call call) {
        UpdateClusterRequest req = GkeJson.parse(call.body(), UpdateClusterRequest.newBuilder()).build();
        com.google.container.v1.ClusterUpdate u = req.getUpdate();
        if (!u.getDesiredMasterVersion().isEmpty()) {
            return upgradeMaster(call, u.getDesiredMasterVersion());
        }
        if (!u.getDesiredNodeVersion().isEmpty()) {
            Clusters clusters = clusters(call);
            String pool = u.getDesiredNodePoolId();
            if (pool.isEmpty()) {
                List<NodePool> pools = pools(clusters, call.cluster());
                if (pools.size() != 1) {
                    throw GkeException.invalid("desiredNodePoolId must be set when the cluster has " + pools.size()
                            + " node pools.");
                }
                pool = pools.get(0).name();
            }
            Call poolCall = new Call(call.project(), call.location(), call.cluster(), pool, null, call.links());
            return upgradeNodes(poolCall, u.getDesiredNodeVersion());
        }
        throw GkeException.invalid("This endpoint updates a cluster's desiredMasterVersion, or desiredNodeVersion "
                + "with desiredNodePoolId; the request sets neither.");
    }

    /** {@code clusters/{c}:updateMaster} and the zonal {@code clusters/{c}/master}. */
    public Message updateMaster(Call call) {
        UpdateMasterRequest req = GkeJson.parse(call.body(), UpdateMasterRequest.newBuilder()).build();
        if (req.getMasterVersion().isEmpty()) {
            throw GkeException.invalid("masterVersion must be set.");
        }
        return upgradeMaster(call, req.getMasterVersion());
    }

    private Message upgradeMaster(Call call, String requested) {
        Clusters clusters = clusters(call);
        String version = Versions.minor(requested);
        if (version == null) {
            Cluster c = backend(call.clusterPath(), () -> clusters.get(call.cluster()))
                    .orElseThrow(() -> clusterNotFound(call));
            version = Versions.nextAfter(clusters, c.version());
        }
        String target = version;
        ClusterUpdate update = backend(call.clusterPath(), () -> clusters.upgrade(call.cluster(), target));
        return operation(operations.start(call.project(), call.location(), Operation.Type.UPGRADE_MASTER,
                call.cluster(), null, update.id()), call);
    }

    public Message serverConfig(Call call) {
        Clusters clusters = clusters(call);
        List<KubernetesVersion> versions = new ArrayList<>(backend("projects/" + call.project() + "/locations/"
                + call.location(), clusters::versions));
        // GKE lists versions newest first.
        java.util.Collections.reverse(versions);
        ServerConfig.Builder b = ServerConfig.newBuilder()
                .setDefaultImageType("COS_CONTAINERD")
                .addValidImageTypes("COS_CONTAINERD")
                .addValidImageTypes("UBUNTU_CONTAINERD");
        for (KubernetesVersion v : versions) {
            b.addValidMasterVersions(Versions.gke(v.version())).addValidNodeVersions(Versions.gke(v.version()));
            if (v.isDefault()) {
                b.setDefaultClusterVersion(Versions.gke(v.version()));
            }
        }
        return b.build();
    }

    // ---- node pools ---------------------------------------------------------------------------------------------

    public Message createNodePool(Call call) {
        CreateNodePoolRequest req = GkeJson.parse(call.body(), CreateNodePoolRequest.newBuilder()).build();
        NodePoolSpec spec = GkeShapes.spec(req.getNodePool());
        Clusters clusters = clusters(call);
        Call named = new Call(call.project(), call.location(), call.cluster(), spec.name(), null, call.links());
        NodePool made = backend(named.poolPath(), () -> clusters.addNodePool(call.cluster(), spec));
        return operation(operations.start(call.project(), call.location(), Operation.Type.CREATE_NODE_POOL,
                call.cluster(), made.name(), null), call);
    }

    public Message getNodePool(Call call) {
        Clusters clusters = clusters(call);
        NodePool p = backend(call.poolPath(), () -> clusters.nodePool(call.cluster(), call.pool()))
                .orElseThrow(() -> GkeException.notFound("Not found: " + call.poolPath() + "."));
        return GkeShapes.nodePool(p, call.links(), call.project(), locationOf(call));
    }

    public Message listNodePools(Call call) {
        Clusters clusters = clusters(call);
        String location = locationOf(call);
        ListNodePoolsResponse.Builder b = ListNodePoolsResponse.newBuilder();
        for (NodePool p : backend(call.clusterPath(), () -> clusters.nodePools(call.cluster()))) {
            b.addNodePools(GkeShapes.nodePool(p, call.links(), call.project(), location));
        }
        return b.build();
    }

    public Message deleteNodePool(Call call) {
        Clusters clusters = clusters(call);
        NodePool p = backend(call.poolPath(), () -> clusters.deleteNodePool(call.cluster(), call.pool()));
        return operation(operations.start(call.project(), call.location(), Operation.Type.DELETE_NODE_POOL,
                call.cluster(), p.name(), null), call);
    }

    /** {@code :setSize}: the pool's bounds widen to take the new size, as GKE keeps autoscaling's own. */
    public Message setNodePoolSize(Call call) {
        SetNodePoolSizeRequest req = GkeJson.parse(call.body(), SetNodePoolSizeRequest.newBuilder()).build();
        int n = req.getNodeCount();
        if (n < 0) {
            throw GkeException.invalid("nodeCount must not be negative.");
        }
        Clusters clusters = clusters(call);
        NodePool p = backend(call.poolPath(), () -> clusters.nodePool(call.cluster(), call.pool()))
                .orElseThrow(() -> GkeException.notFound("Not found: " + call.poolPath() + "."));
        ClusterUpdate u = backend(call.poolPath(), () -> clusters.scaleNodePool(call.cluster(), call.pool(), n,
                Math.min(p.min(), n), Math.max(Math.max(p.max(), n), 1)));
        return operation(operations.start(call.project(), call.location(), Operation.Type.SET_NODE_POOL_SIZE,
                call.cluster(), call.pool(), u.id()), call);
    }

    /**
     * {@code :setAutoscaling} and the zonal {@code /autoscaling}: the pool's bounds (its size kept within them); off,
     * the pool stays at its size. GKE reports this change as {@code UPDATE_CLUSTER}.
     */
    public Message setNodePoolAutoscaling(Call call) {
        com.google.container.v1.NodePoolAutoscaling a = GkeJson.parse(call.body(),
                com.google.container.v1.SetNodePoolAutoscalingRequest.newBuilder()).build().getAutoscaling();
        Clusters clusters = clusters(call);
        NodePool p = backend(call.poolPath(), () -> clusters.nodePool(call.cluster(), call.pool()))
                .orElseThrow(() -> GkeException.notFound("Not found: " + call.poolPath() + "."));
        int min = a.getEnabled() ? a.getMinNodeCount() : p.desired();
        int max = a.getEnabled() ? a.getMaxNodeCount() : Math.max(p.desired(), 1);
        if (a.getEnabled() && (min < 0 || max < 1 || min > max)) {
            throw GkeException.invalid("Autoscaling needs 0 <= minNodeCount <= maxNodeCount and maxNodeCount >= 1, "
                    + "not " + min + " and " + max + ".");
        }
        int desired = Math.clamp(p.desired(), min, max);
        ClusterUpdate u = backend(call.poolPath(), () -> clusters.scaleNodePool(call.cluster(), call.pool(), desired,
                min, max));
        return operation(operations.start(call.project(), call.location(), Operation.Type.UPDATE_CLUSTER,
                call.cluster(), call.pool(), u.id()), call);
    }

    /** {@code PUT nodePools/{np}} and {@code :update}/{@code /update}: a node version change. */
    public Message updateNodePool(Call call) {
        UpdateNodePoolRequest req = GkeJson.parse(call.body(), UpdateNodePoolRequest.newBuilder()).build();
        if (req.getNodeVersion().isEmpty()) {
            throw GkeException.invalid("This endpoint updates a node pool's nodeVersion; the request does not set "
                    + "it.");
        }
        return upgradeNodes(call, req.getNodeVersion());
    }

    private Message upgradeNodes(Call call, String requested) {
        Clusters clusters = clusters(call);
        // "-" and "latest" mean the control plane's version, which the backend takes as null.
        String version = Versions.minor(requested);
        ClusterUpdate u = backend(call.poolPath(), () -> clusters.upgradeNodePool(call.cluster(), call.pool(),
                version));
        return operation(operations.start(call.project(), call.location(), Operation.Type.UPGRADE_NODES,
                call.cluster(), call.pool(), u.id()), call);
    }

    // ---- operations ---------------------------------------------------------------------------------------------

    public Message getOperation(Call call, String name) {
        OperationDoc op = backend("projects/" + call.project() + "/locations/" + call.location() + "/operations/"
                + name, () -> operations.get(call.project(), name));
        return GkeOperations.message(op, call.links());
    }

    public Message listOperations(Call call) {
        ListOperationsResponse.Builder b = ListOperationsResponse.newBuilder();
        for (OperationDoc op : backend("projects/" + call.project() + "/locations/" + call.location(),
                () -> operations.list(call.project(), call.location()))) {
            b.addOperations(GkeOperations.message(op, call.links()));
        }
        return b.build();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Message clusterMessage(Call call, Clusters clusters, Cluster c) {
        return GkeShapes.cluster(c, pools(clusters, c.name()), locationOf(call.project(), call.region(), c),
                initialVersion(call.project(), call.region(), c), call.links(), call.project());
    }

    private Operation operation(OperationDoc op, Call call) {
        return GkeOperations.message(op, call.links());
    }

    private static List<NodePool> pools(Clusters clusters, String cluster) {
        try {
            return clusters.nodePools(cluster);
        } catch (AltoException e) {
            // A cluster deleted between the two calls has no pools.
            return List.of();
        }
    }

    /** Where the cluster was made, as kept; the region for one made elsewhere (or before the front kept it). */
    private String locationOf(String project, String region, Cluster c) {
        return kept(project, region, c).map(ClusterDoc::location).orElse(region);
    }

    private String locationOf(Call call) {
        return kept.cluster(call.project(), call.region(), call.cluster()).map(ClusterDoc::location)
                .orElse(call.location());
    }

    private String initialVersion(String project, String region, Cluster c) {
        return kept(project, region, c).map(ClusterDoc::initialVersion).orElse(null);
    }

    /** The kept facts when they are of this cluster and not of an older one of the same name. */
    private Optional<ClusterDoc> kept(String project, String region, Cluster c) {
        return kept.cluster(project, region, c.name()).filter(d -> c.createdAt() == null
                || d.createdAt() == c.createdAt().toEpochMilli());
    }

    private static GkeException clusterNotFound(Call call) {
        return GkeException.notFound("Not found: " + call.clusterPath() + ".");
    }

    /** Runs a backend call, answering its portable error in GKE's words about {@code what}. */
    private static <T> T backend(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (AltoException e) {
            throw GkeException.from(e, what);
        }
    }
}
