package io.altostratus.gateway.arm.internal;

import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.gateway.arm.internal.AksKept.AksCluster;
import io.altostratus.gateway.arm.internal.AksShapes.PoolRequest;
import io.altostratus.gateway.arm.internal.AksShapes.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A managed cluster's {@code agentPools}: PUT (create; on an existing pool a change of count, autoscaling bounds,
 * orchestratorVersion or mode), GET, DELETE and list, over the backend's node pools.
 * AKS's rules are kept: Linux pool names are 1 to 12 lowercase letters and digits, a cluster's User pools need a
 * System pool beside them, and a pool takes one change at a time. One rule is relaxed: AKS refuses to delete a
 * cluster's only pool, but the portable API makes clusters and pools separately (a cluster may have none, as on EKS,
 * and callers delete the pools before the cluster), so the last pool may go when no User pool is left. What the backend cannot change on an existing pool (its VM size, node
 * labels and taints) is refused.
 */
public final class AgentPools {
    private final ManagedClusters clusters;

    public AgentPools(ManagedClusters clusters) {
        this.clusters = clusters;
    }

    /** What one request changes on an existing pool: sizes, version, mode (kept by the front). */
    record Change(NodePool pool, Sizes sizes, boolean autoscale, String version, String mode) {
        boolean resizes() {
            return sizes.desired() != pool.desired() || sizes.min() != pool.min() || sizes.max() != pool.max();
        }

        boolean upgrades() {
            return version != null && !version.equals(pool.version());
        }

        /** Starts the backend changes (their update ids added to {@code updates}) and returns the kept facts. */
        AksCluster apply(AksCluster doc, Clusters backend, String coreName, List<String> updates) {
            AksCluster next = doc.withPool(pool.name(), mode, autoscale);
            if (resizes()) {
                ClusterUpdate u = ManagedClusters.backend(() -> backend.scaleNodePool(coreName, pool.name(),
                        sizes.desired(), sizes.min(), sizes.max()));
                updates.add(u.id());
                next = next.withChange(pool.name(), "Scaling");
            } else if (upgrades()) {
                ClusterUpdate u = ManagedClusters.backend(() -> backend.upgradeNodePool(coreName, pool.name(),
                        version));
                updates.add(u.id());
                next = next.withChange(pool.name(), "Upgrading");
            }
            return next;
        }
    }

    /** Checks a request against an existing pool and says what it changes; refuses what cannot change. */
    static Change plan(AksCluster doc, NodePool pool, PoolRequest p) {
        String mode = p.mode() == null ? modeOf(doc, pool.name()) : ManagedClusters.canonicalMode(p.mode());
        if (p.vmSize() != null && !p.vmSize().equalsIgnoreCase(pool.instanceType())) {
            throw new ArmException(400, "PropertyChangeNotAllowed", "Changing property 'vmSize' of agent pool '"
                    + pool.name() + "' is not allowed.");
        }
        if (p.nodeLabels() != null && !p.nodeLabels().equals(pool.labels())) {
            throw new ArmException(409, "OperationNotAllowed", "Changing the nodeLabels of agent pool '"
                    + pool.name() + "' is not supported by this endpoint's backend: labels are set when a pool is "
                    + "made.");
        }
        if (p.nodeTaints() != null && !AksShapes.taints(p.nodeTaints()).equals(pool.taints())) {
            throw new ArmException(409, "OperationNotAllowed", "Changing the nodeTaints of agent pool '"
                    + pool.name() + "' is not supported by this endpoint's backend: taints are set when a pool is "
                    + "made.");
        }
        if (mode.equals("User") && modeOf(doc, pool.name()).equals("System") && lastSystem(doc, pool.name())) {
            throw new ArmException(409, "OperationNotAllowed", "Agent pool '" + pool.name() + "' is the cluster's "
                    + "last System pool: it cannot become a User pool. A cluster must keep at least one System pool.");
        }
        Sizes sizes = AksShapes.sizes(p, pool.desired(), mode.equals("System"));
        String version = AksShapes.minor(p.orchestratorVersion(), "orchestratorVersion");
        Change change = new Change(pool, sizes, p.autoscale(), version, mode);
        if (change.resizes() && change.upgrades()) {
            throw new ArmException(409, "OperationNotAllowed", "Agent pool '" + pool.name() + "' takes one change "
                    + "at a time: change its count or autoscaling, or its orchestratorVersion, not both at once.");
        }
        if ((change.resizes() || change.upgrades()) && pool.state() != NodePoolState.ACTIVE) {
            throw ManagedClusters.inProgress(AksShapes.poolState(pool.state(), doc.changes().get(pool.name())));
        }
        return change;
    }

    public Reply put(ArmRequest req, String group, String cluster, String name) {
        AksShapes.checkPoolName(name);
        AgentPoolInner model = Json.parse(req.body(), AgentPoolInner::fromJson);
        PoolRequest p = PoolRequest.of(name, model);
        String sub = req.subscription();
        synchronized (clusters.lock(sub, group, cluster)) {
            AksCluster doc = clusters.require(req, group, cluster);
            if (doc.deleting()) {
                throw ManagedClusters.inProgress("Deleting");
            }
            Clusters backend = clusters.backendOf(sub, doc);
            Cluster c = clusters.requireBackend(sub, backend, doc);
            Optional<NodePool> existing = ManagedClusters.backend(() -> backend.nodePool(c.name(), name));
            ManagedClusters.checkConditions(req, existing.isPresent(), "agent pool '" + name + "'");
            if (existing.isPresent()) {
                Change change = plan(doc, existing.get(), p);
                List<String> updates = new ArrayList<>();
                AksCluster next = change.apply(doc, backend, c.name(), updates);
                clusters.kept().put(sub, next);
                NodePool now = ManagedClusters.backend(() -> backend.nodePool(c.name(), name)).orElse(existing.get());
                Reply reply = Reply.ok(render(req, next, now));
                if (updates.isEmpty()) {
                    return reply;
                }
                List<String> ids = new ArrayList<>(List.of(next.group(), next.name(), name));
                ids.addAll(updates);
                return clusters.operations().accepted(reply, req, clusters.operations().start(sub,
                        AksShapes.NAMESPACE, next.region(), ManagedClusters.UPDATE, ids), false);
            }
            if (c.state() != ClusterState.ACTIVE) {
                throw ManagedClusters.inProgress(AksShapes.clusterState(c.state(), doc.changes().get("")));
            }
            String mode = p.mode() == null ? "User" : ManagedClusters.canonicalMode(p.mode());
            Sizes sizes = AksShapes.sizes(p, null, mode.equals("System"));
            NodePoolSpec spec = ManagedClusters.backend(() -> AksShapes.spec(p, sizes));
            NodePool made = ManagedClusters.backend(() -> backend.addNodePool(c.name(), spec));
            AksCluster next = doc.withPool(name, mode, p.autoscale());
            clusters.kept().put(sub, next);
            Kept.Operation op = clusters.operations().start(sub, AksShapes.NAMESPACE, next.region(),
                    ManagedClusters.POOL_CREATE, List.of(next.group(), next.name(), name));
            return clusters.operations().accepted(Reply.of(201, render(req, next, made)), req, op, false);
        }
    }

    public Reply get(ArmRequest req, String group, String cluster, String name) {
        AksCluster doc = clusters.require(req, group, cluster);
        Clusters backend = clusters.backendOf(req.subscription(), doc);
        Cluster c = clusters.requireBackend(req.subscription(), backend, doc);
        NodePool p = ManagedClusters.backend(() -> backend.nodePool(c.name(), name))
                .orElseThrow(() -> poolNotFound(cluster, name));
        return Reply.ok(render(req, doc, p));
    }

    public Reply list(ArmRequest req, String group, String cluster) {
        AksCluster doc = clusters.require(req, group, cluster);
        Clusters backend = clusters.backendOf(req.subscription(), doc);
        Cluster c = clusters.requireBackend(req.subscription(), backend, doc);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode value = body.putArray("value");
        for (NodePool p : ManagedClusters.pools(backend, c.name())) {
            value.add(render(req, doc, p));
        }
        return Reply.ok(body);
    }

    public Reply delete(ArmRequest req, String group, String cluster, String name) {
        String sub = req.subscription();
        synchronized (clusters.lock(sub, group, cluster)) {
            AksCluster doc = clusters.require(req, group, cluster);
            Clusters backend = clusters.backendOf(sub, doc);
            Cluster c = clusters.requireBackend(sub, backend, doc);
            Optional<NodePool> p = ManagedClusters.backend(() -> backend.nodePool(c.name(), name));
            if (p.isEmpty()) {
                return Reply.empty(204);
            }
            List<NodePool> live = ManagedClusters.pools(backend, c.name());
            boolean othersRemain = live.stream().anyMatch(o -> !o.name().equals(name)
                    && o.state() != NodePoolState.DELETING);
            if (p.get().state() != NodePoolState.DELETING && modeOf(doc, name).equals("System") && othersRemain
                    && lastSystem(doc, name, live)) {
                throw new ArmException(409, "OperationNotAllowed", "Agent pool '" + name + "' is the last System "
                        + "pool of cluster '" + cluster + "': there has to be at least one System agent pool while "
                        + "User pools remain. Make another pool System first, or delete the User pools.");
            }
            ManagedClusters.backend(() -> backend.deleteNodePool(c.name(), name));
            Kept.Operation op = clusters.operations().start(sub, AksShapes.NAMESPACE, doc.region(),
                    ManagedClusters.POOL_DELETE, List.of(doc.group(), doc.name(), name));
            return clusters.operations().accepted(Reply.empty(202), req, op, true);
        }
    }

    /** The pool's properties with the front's facts (mode, autoscaling, the caller's patch, what is changing). */
    static ObjectNode properties(AksCluster doc, NodePool p) {
        String auto = doc.poolAutoscale().get(p.name());
        boolean autoscale = auto != null ? Boolean.parseBoolean(auto) : AksShapes.looksAutoscaled(p);
        String requested = doc.requestedVersion();
        return AksShapes.poolProperties(p, modeOf(doc, p.name()), autoscale, requested, doc.changes().get(p.name()));
    }

    private ObjectNode render(ArmRequest req, AksCluster doc, NodePool p) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", poolId(req, doc, p.name()));
        out.put("name", p.name());
        out.put("type", AksShapes.POOL_TYPE);
        out.set("systemData", AksShapes.systemData(p.createdAt()));
        out.set("properties", properties(doc, p));
        return out;
    }

    private String poolId(ArmRequest req, AksCluster doc, String pool) {
        return clusters.clusterId(req, doc) + "/agentPools/" + pool;
    }

    static String modeOf(AksCluster doc, String pool) {
        return doc.poolModes().getOrDefault(pool, "User");
    }

    /** Whether no other pool of the cluster is kept as System. */
    private static boolean lastSystem(AksCluster doc, String pool) {
        return doc.poolModes().entrySet().stream().noneMatch(e -> !e.getKey().equals(pool)
                && e.getValue().equals("System"));
    }

    /** Whether no other live (not deleting) pool of the cluster is System. */
    private static boolean lastSystem(AksCluster doc, String pool, List<NodePool> live) {
        return live.stream().noneMatch(p -> !p.name().equals(pool) && p.state() != NodePoolState.DELETING
                && modeOf(doc, p.name()).equals("System"));
    }

    static ArmException poolNotFound(String cluster, String pool) {
        return new ArmException(404, "NotFound", "Could not find agent pool '" + pool + "' of managed cluster '"
                + cluster + "'.");
    }
}
