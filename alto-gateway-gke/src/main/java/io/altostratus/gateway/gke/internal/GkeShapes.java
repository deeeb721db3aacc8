package io.altostratus.gateway.gke.internal;

import com.google.container.v1.MasterAuth;
import com.google.container.v1.NodeConfig;
import com.google.container.v1.NodePoolAutoscaling;
import com.google.container.v1.NodeTaint;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.Taint;
import io.altostratus.core.clusters.TaintEffect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The portable clusters model in container/v1's messages, and GKE's requests in the portable model. Fields the API
 * marks deprecated ({@code zone}, {@code currentNodeVersion}, {@code currentNodeCount}, {@code statusMessage}) are
 * still filled: GKE still sends them and older clients (and the recordings) read them.
 */
@SuppressWarnings("deprecation")
public final class GkeShapes {
    /** GKE's rule for cluster and node pool names, stricter than the portable one (no capitals, no underscores). */
    private static final java.util.regex.Pattern NAME =
            java.util.regex.Pattern.compile("[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?");

    private GkeShapes() {
    }

    /** Checks a cluster or node pool name against GKE's rule; {@code field} is the request's field. */
    public static void checkName(String field, String name) {
        if (name.isEmpty()) {
            throw GkeException.invalid(field + " must be set.");
        }
        if (!NAME.matcher(name).matches()) {
            throw GkeException.invalid("Invalid value for field \"" + field + "\": \"" + name + "\". It must be 1 to "
                    + "40 lower-case letters, digits and hyphens, start with a letter and end with a letter or digit.");
        }
    }

    public static com.google.container.v1.Cluster.Status status(ClusterState state) {
        return switch (state) {
            case CREATING -> com.google.container.v1.Cluster.Status.PROVISIONING;
            case ACTIVE -> com.google.container.v1.Cluster.Status.RUNNING;
            case UPDATING -> com.google.container.v1.Cluster.Status.RECONCILING;
            case DELETING -> com.google.container.v1.Cluster.Status.STOPPING;
            case FAILED -> com.google.container.v1.Cluster.Status.ERROR;
        };
    }

    public static com.google.container.v1.NodePool.Status status(NodePoolState state) {
        return switch (state) {
            case CREATING -> com.google.container.v1.NodePool.Status.PROVISIONING;
            case ACTIVE -> com.google.container.v1.NodePool.Status.RUNNING;
            case UPDATING -> com.google.container.v1.NodePool.Status.RECONCILING;
            case DELETING -> com.google.container.v1.NodePool.Status.STOPPING;
            case FAILED -> com.google.container.v1.NodePool.Status.ERROR;
        };
    }

    /**
     * A cluster as GKE shows it. {@code location} is where it was made (a zone or a region); the node version is the
     * oldest of its pools' (GKE's {@code currentNodeVersion}), the master's when it has none.
     */
    public static com.google.container.v1.Cluster cluster(Cluster c, List<NodePool> pools, String location,
                                                          String initialVersion, Links links, String project) {
        com.google.container.v1.Cluster.Builder b = com.google.container.v1.Cluster.newBuilder()
                .setName(c.name())
                .setLocation(location)
                .setZone(location)
                .addLocations(location)
                .setStatus(status(c.state()))
                .setSelfLink(links.cluster(project, location, c.name()))
                .putAllResourceLabels(c.tags())
                .setNetwork("default")
                .setSubnetwork("default");
        if (c.version() != null) {
            b.setCurrentMasterVersion(Versions.gke(c.version())).setInitialClusterVersion(
                    Versions.gke(initialVersion != null ? initialVersion : c.version()));
        }
        String nodeVersion = pools.stream().map(NodePool::version).filter(v -> v != null)
                .min(Comparator.comparing(GkeShapes::versionKey)).orElse(c.version());
        if (nodeVersion != null) {
            b.setCurrentNodeVersion(Versions.gke(nodeVersion));
        }
        if (c.rawStatus() != null) {
            b.setStatusMessage(c.rawStatus());
        }
        if (c.endpoint() != null) {
            b.setEndpoint(host(c.endpoint()));
        }
        if (c.certificateAuthority() != null) {
            b.setMasterAuth(MasterAuth.newBuilder().setClusterCaCertificate(c.certificateAuthority()));
        }
        if (c.createdAt() != null) {
            b.setCreateTime(c.createdAt().toString());
        }
        int nodes = 0;
        for (NodePool p : pools) {
            b.addNodePools(nodePool(p, links, project, location));
            nodes += p.desired();
        }
        b.setCurrentNodeCount(nodes);
        return b.build();
    }

    public static com.google.container.v1.NodePool nodePool(NodePool p, Links links, String project,
                                                            String location) {
        NodeConfig.Builder config = NodeConfig.newBuilder().putAllLabels(p.labels())
                .setImageType("COS_CONTAINERD");
        if (p.instanceType() != null) {
            config.setMachineType(p.instanceType());
        }
        if (p.diskGiB() != null) {
            config.setDiskSizeGb(p.diskGiB());
        }
        for (Taint t : p.taints()) {
            config.addTaints(NodeTaint.newBuilder().setKey(t.key()).setValue(t.value())
                    .setEffect(NodeTaint.Effect.valueOf(t.effect().name())));
        }
        com.google.container.v1.NodePool.Builder b = com.google.container.v1.NodePool.newBuilder()
                .setName(p.name())
                .setConfig(config)
                .setInitialNodeCount(p.desired())
                .setStatus(status(p.state()))
                .setSelfLink(links.nodePool(project, location, p.cluster(), p.name()))
                .addLocations(location);
        if (p.min() != p.max()) {
            b.setAutoscaling(NodePoolAutoscaling.newBuilder().setEnabled(true).setMinNodeCount(p.min())
                    .setMaxNodeCount(p.max()));
        } else {
            b.setAutoscaling(NodePoolAutoscaling.getDefaultInstance());
        }
        if (p.version() != null) {
            b.setVersion(Versions.gke(p.version()));
        }
        if (p.rawStatus() != null) {
            b.setStatusMessage(p.rawStatus());
        }
        return b.build();
    }

    /**
     * A node pool of a request as a portable spec: the initial count is the desired size; autoscaling, when enabled,
     * gives the bounds, else the pool stays at its size.
     */
    public static NodePoolSpec spec(com.google.container.v1.NodePool p) {
        checkName("nodePool.name", p.getName());
        int count = p.getInitialNodeCount();
        int min = count;
        int max = Math.max(count, 1);
        if (p.getAutoscaling().getEnabled()) {
            min = Math.min(count, p.getAutoscaling().getMinNodeCount());
            max = Math.max(count, p.getAutoscaling().getMaxNodeCount());
        }
        NodeConfig config = p.getConfig();
        List<Taint> taints = new ArrayList<>();
        for (NodeTaint t : config.getTaintsList()) {
            if (t.getEffect() == NodeTaint.Effect.EFFECT_UNSPECIFIED || t.getEffect() == NodeTaint.Effect.UNRECOGNIZED) {
                throw GkeException.invalid("Taint " + t.getKey() + " needs an effect.");
            }
            taints.add(new Taint(t.getKey(), t.getValue(), TaintEffect.valueOf(t.getEffect().name())));
        }
        return new NodePoolSpec(p.getName(), config.getMachineType().isEmpty() ? null : config.getMachineType(),
                count, min, max, config.getLabelsMap(), taints,
                config.getDiskSizeGb() == 0 ? null : config.getDiskSizeGb(), Versions.minor(p.getVersion()));
    }

    /** GKE's endpoint is the API server's address alone, without a scheme. */
    static String host(String endpoint) {
        int scheme = endpoint.indexOf("://");
        return scheme < 0 ? endpoint : endpoint.substring(scheme + 3);
    }

    private static long versionKey(String minor) {
        String[] parts = minor.split("\\.");
        try {
            return Long.parseLong(parts[0]) * 1_000_000 + (parts.length > 1 ? Long.parseLong(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
