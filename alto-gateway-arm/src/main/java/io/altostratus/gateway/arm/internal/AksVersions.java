package io.altostratus.gateway.arm.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.gateway.arm.internal.AksKept.AksCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where clusters may go, from the backend's {@link Clusters#versions}: the location's {@code kubernetesVersions} and
 * {@code orchestrators}, a cluster's {@code upgradeProfiles/default} and an agent pool's. The backend moves a control
 * plane one minor version at a time, so each version's upgrade is the next minor; a pool may go up to its cluster's.
 */
public final class AksVersions {
    private final ManagedClusters clusters;

    public AksVersions(ManagedClusters clusters) {
        this.clusters = clusters;
    }

    /** {@code upgradeProfiles/default}: the next minor for the control plane, and for each pool up to it. */
    public Reply upgradeProfile(ArmRequest req, String group, String name) {
        String sub = req.subscription();
        AksCluster doc = clusters.require(req, group, name);
        Clusters backend = clusters.backendOf(sub, doc);
        Cluster c = clusters.requireBackend(sub, backend, doc);
        List<KubernetesVersion> versions = ManagedClusters.backend(backend::versions);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", clusters.clusterId(req, doc) + "/upgradeProfiles/default");
        out.put("name", "default");
        out.put("type", "Microsoft.ContainerService/managedClusters/upgradeProfiles");
        ObjectNode props = out.putObject("properties");
        ObjectNode cp = props.putObject("controlPlaneProfile");
        cp.put("kubernetesVersion", AksShapes.patch(c.version(), doc.requestedVersion()));
        cp.put("osType", "Linux");
        ArrayNode upgrades = cp.putArray("upgrades");
        nextMinor(versions, c.version()).ifPresent(v -> upgrades.addObject().put("kubernetesVersion",
                AksShapes.patch(v, null)));
        ArrayNode poolProfiles = props.putArray("agentPoolProfiles");
        for (NodePool p : ManagedClusters.pools(backend, c.name())) {
            ObjectNode pp = poolProfiles.addObject();
            pp.put("kubernetesVersion", AksShapes.patch(p.version(), null));
            pp.put("name", p.name());
            pp.put("osType", "Linux");
            ArrayNode pu = pp.putArray("upgrades");
            poolUpgrades(versions, p.version(), c.version()).forEach(v -> pu.addObject().put("kubernetesVersion",
                    AksShapes.patch(v, null)));
        }
        return Reply.ok(out);
    }

    /** The location's {@code kubernetesVersions}: each backend minor with its patch and where it may go. */
    public Reply kubernetesVersions(ArmRequest req, String location) {
        Clusters backend = clusters.backendIn(req.subscription(), location);
        List<KubernetesVersion> versions = ManagedClusters.backend(backend::versions);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode values = body.putArray("values");
        for (KubernetesVersion v : versions) {
            ObjectNode o = values.addObject();
            o.put("version", v.version());
            o.putObject("capabilities").putArray("supportPlan").add("KubernetesOfficial");
            if (v.isDefault()) {
                o.put("isDefault", true);
            }
            ArrayNode to = o.putObject("patchVersions").putObject(AksShapes.patch(v.version(), null))
                    .putArray("upgrades");
            nextMinor(versions, v.version()).ifPresent(n -> to.add(AksShapes.patch(n, null)));
        }
        return Reply.ok(body);
    }

    /** The location's {@code orchestrators} (the older call some clients still use for versions). */
    public Reply orchestrators(ArmRequest req, String location) {
        Clusters backend = clusters.backendIn(req.subscription(), location);
        List<KubernetesVersion> versions = ManagedClusters.backend(backend::versions);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", req.subscriptionId() + "/providers/Microsoft.ContainerService/locations/" + location
                + "/orchestrators");
        out.put("name", "default");
        out.put("type", "Microsoft.ContainerService/locations/orchestrators");
        ArrayNode list = out.putObject("properties").putArray("orchestrators");
        for (KubernetesVersion v : versions) {
            ObjectNode o = list.addObject();
            o.put("orchestratorType", "Kubernetes");
            o.put("orchestratorVersion", AksShapes.patch(v.version(), null));
            if (v.isDefault()) {
                o.put("default", true);
            }
            ArrayNode up = o.putArray("upgrades");
            nextMinor(versions, v.version()).ifPresent(n -> {
                ObjectNode u = up.addObject();
                u.put("orchestratorType", "Kubernetes");
                u.put("orchestratorVersion", AksShapes.patch(n, null));
            });
        }
        return Reply.ok(out);
    }

    /** {@code agentPools/{pool}/upgradeProfiles/default}: the versions the pool may move to (up to the cluster's). */
    public Reply poolUpgradeProfile(ArmRequest req, String group, String cluster, String name) {
        AksCluster doc = clusters.require(req, group, cluster);
        Clusters backend = clusters.backendOf(req.subscription(), doc);
        Cluster c = clusters.requireBackend(req.subscription(), backend, doc);
        NodePool p = ManagedClusters.backend(() -> backend.nodePool(c.name(), name))
                .orElseThrow(() -> AgentPools.poolNotFound(cluster, name));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", clusters.clusterId(req, doc) + "/agentPools/" + name + "/upgradeProfiles/default");
        out.put("name", "default");
        out.put("type", "Microsoft.ContainerService/managedClusters/agentPools/upgradeProfiles");
        ObjectNode props = out.putObject("properties");
        props.put("kubernetesVersion", AksShapes.patch(p.version(), null));
        props.put("osType", "Linux");
        ArrayNode upgrades = props.putArray("upgrades");
        poolUpgrades(ManagedClusters.backend(backend::versions), p.version(), c.version())
                .forEach(v -> upgrades.addObject().put("kubernetesVersion", AksShapes.patch(v, null)));
        props.put("latestNodeImageVersion", AksShapes.NODE_IMAGE);
        return Reply.ok(out);
    }

    static Optional<String> nextMinor(List<KubernetesVersion> versions, String current) {
        for (int i = 0; i < versions.size() - 1; i++) {
            if (versions.get(i).version().equals(current)) {
                return Optional.of(versions.get(i + 1).version());
            }
        }
        return Optional.empty();
    }

    static List<String> poolUpgrades(List<KubernetesVersion> versions, String pool, String controlPlane) {
        List<String> out = new ArrayList<>();
        for (KubernetesVersion v : versions) {
            if (io.altostratus.core.clusters.ClusterRules.compareVersions(v.version(), pool) > 0
                    && io.altostratus.core.clusters.ClusterRules.compareVersions(v.version(), controlPlane) <= 0) {
                out.add(v.version());
            }
        }
        return out;
    }
}
