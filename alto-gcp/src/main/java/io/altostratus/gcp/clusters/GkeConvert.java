package io.altostratus.gcp.clusters;

import com.google.container.v1.NodeConfig;
import com.google.container.v1.NodePoolAutoscaling;
import com.google.container.v1.NodeTaint;
import com.google.container.v1.Operation;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.Taint;
import io.altostratus.core.clusters.TaintEffect;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.clusters.UpdateType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GKE's resources (container/v1 protos) as the portable records, and node pool specs as GKE's node pools. */
final class GkeConvert {
    /** {@code 1.31.5-gke.1000}, {@code 1.31.5}, {@code 1.31}: the major and minor numbers lead. */
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:[.\\-].*)?");

    private GkeConvert() {
    }

    /** The portable minor version of a GKE version ({@code 1.31.5-gke.1000} -> {@code 1.31}); null for none. */
    static String minor(String gkeVersion) {
        if (gkeVersion == null || gkeVersion.isBlank()) {
            return null;
        }
        Matcher m = VERSION.matcher(gkeVersion.strip());
        return m.matches() ? Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2)) : null;
    }

    static ClusterState state(com.google.container.v1.Cluster.Status status) {
        return switch (status) {
            case PROVISIONING -> ClusterState.CREATING;
            case RUNNING -> ClusterState.ACTIVE;
            case RECONCILING -> ClusterState.UPDATING;
            case STOPPING -> ClusterState.DELETING;
            case ERROR, DEGRADED -> ClusterState.FAILED;
            // A status this client does not know yet: read as changing, so that waits go on rather than fail.
            default -> ClusterState.UPDATING;
        };
    }

    static NodePoolState state(com.google.container.v1.NodePool.Status status) {
        return switch (status) {
            case PROVISIONING -> NodePoolState.CREATING;
            // RUNNING_WITH_ERROR: some nodes could not be made, but the pool serves; the raw status says so.
            case RUNNING, RUNNING_WITH_ERROR -> NodePoolState.ACTIVE;
            case RECONCILING -> NodePoolState.UPDATING;
            case STOPPING -> NodePoolState.DELETING;
            case ERROR -> NodePoolState.FAILED;
            default -> NodePoolState.UPDATING;
        };
    }

    /** A GKE cluster; {@code fallbackLocation} when the answer names none (older answers carry only a zone). */
    static Cluster cluster(com.google.container.v1.Cluster c, String fallbackLocation) {
        String location = firstNonBlank(c.getLocation(), c.getZone(), fallbackLocation);
        String version = firstNonNull(minor(c.getCurrentMasterVersion()), minor(c.getInitialClusterVersion()));
        String endpoint = c.getEndpoint().isBlank() ? null
                : c.getEndpoint().contains("://") ? c.getEndpoint() : "https://" + c.getEndpoint();
        String ca = c.hasMasterAuth() && !c.getMasterAuth().getClusterCaCertificate().isBlank()
                ? c.getMasterAuth().getClusterCaCertificate() : null;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("location", location);
        put(details, "currentMasterVersion", c.getCurrentMasterVersion());
        put(details, "currentNodeVersion", c.getCurrentNodeVersion());
        put(details, "initialClusterVersion", c.getInitialClusterVersion());
        put(details, "network", c.getNetwork());
        put(details, "subnetwork", c.getSubnetwork());
        put(details, "statusMessage", c.getStatusMessage());
        if (!c.getLocationsList().isEmpty()) {
            details.put("nodeLocations", String.join(",", c.getLocationsList()));
        }
        return new Cluster(c.getName(), blankToNull(c.getSelfLink()), location, version, state(c.getStatus()),
                c.getStatus().name(), endpoint, ca, instant(c.getCreateTime()), null, c.getResourceLabelsMap(),
                details);
    }

    /**
     * A GKE node pool. GKE does not say when a pool was made: {@code createdAt} is what the caller knows (when this
     * service asked for it, else its cluster's creation, which a pool cannot precede), and the details say which.
     */
    static NodePool nodePool(String cluster, com.google.container.v1.NodePool p, Instant createdAt,
                             String createdAtSource) {
        NodeConfig config = p.getConfig();
        int desired = p.getInitialNodeCount();
        NodePoolAutoscaling autoscaling = p.getAutoscaling();
        int min = autoscaling.getEnabled() ? autoscaling.getMinNodeCount() : desired;
        int max = autoscaling.getEnabled() ? autoscaling.getMaxNodeCount() : Math.max(desired, 1);
        List<Taint> taints = config.getTaintsList().stream().map(GkeConvert::taint).toList();
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "version", p.getVersion());
        put(details, "imageType", config.getImageType());
        put(details, "statusMessage", p.getStatusMessage());
        if (!p.getLocationsList().isEmpty()) {
            details.put("locations", String.join(",", p.getLocationsList()));
        }
        if (!p.getInstanceGroupUrlsList().isEmpty()) {
            details.put("instanceGroupUrls", String.join(",", p.getInstanceGroupUrlsList()));
        }
        if (createdAt != null) {
            details.put("createdAtSource", createdAtSource);
        }
        return new NodePool(cluster, p.getName(), blankToNull(p.getSelfLink()), state(p.getStatus()),
                p.getStatus().name(), blankToNull(config.getMachineType()), desired, min, max, minor(p.getVersion()),
                config.getLabelsMap(), taints, config.getDiskSizeGb() > 0 ? config.getDiskSizeGb() : null, List.of(),
                createdAt, details);
    }

    /**
     * A spec as GKE's node pool. Autoscaling is on when the spec lets the size move (min below max), off when it
     * pins it (min = desired = max), so that the sizes read back as they were asked for.
     */
    static com.google.container.v1.NodePool nodePool(NodePoolSpec spec) {
        NodeConfig.Builder config = NodeConfig.newBuilder().putAllLabels(spec.labels());
        if (spec.instanceType() != null) {
            config.setMachineType(spec.instanceType());
        }
        if (spec.diskGiB() != null) {
            config.setDiskSizeGb(spec.diskGiB());
        }
        spec.taints().forEach(t -> config.addTaints(taint(t)));
        com.google.container.v1.NodePool.Builder pool = com.google.container.v1.NodePool.newBuilder()
                .setName(spec.name()).setInitialNodeCount(spec.desired()).setConfig(config)
                .setAutoscaling(autoscaling(spec.desired(), spec.min(), spec.max()));
        if (spec.version() != null) {
            pool.setVersion(spec.version());
        }
        return pool.build();
    }

    static NodePoolAutoscaling autoscaling(int desired, int min, int max) {
        return min == max && desired == max ? NodePoolAutoscaling.newBuilder().setEnabled(false).build()
                : NodePoolAutoscaling.newBuilder().setEnabled(true).setMinNodeCount(min).setMaxNodeCount(max).build();
    }

    static NodeTaint taint(Taint t) {
        return NodeTaint.newBuilder().setKey(t.key()).setValue(t.value())
                .setEffect(NodeTaint.Effect.valueOf(t.effect().name())).build();
    }

    static Taint taint(NodeTaint t) {
        // GKE's effects carry the same names as the portable ones (NO_SCHEDULE, ...).
        return new Taint(t.getKey(), t.getValue(), TaintEffect.valueOf(t.getEffect().name()));
    }

    /** An operation as an update: version changes for master and node upgrades, configuration changes else. */
    static ClusterUpdate update(Operation op, String cluster, String pool, Map<String, String> params) {
        UpdateType type = switch (op.getOperationType()) {
            case UPGRADE_MASTER, UPGRADE_NODES -> UpdateType.VERSION_UPDATE;
            default -> UpdateType.CONFIG_UPDATE;
        };
        List<String> errors = List.of();
        UpdateStatus status = switch (op.getStatus()) {
            case DONE -> UpdateStatus.SUCCESSFUL;
            default -> UpdateStatus.IN_PROGRESS;
        };
        if (op.getStatus() == Operation.Status.DONE && failed(op)) {
            status = UpdateStatus.FAILED;
            String why = op.hasError() && !op.getError().getMessage().isBlank() ? op.getError().getMessage()
                    : op.getStatusMessage();
            errors = List.of(why.isBlank() ? "the operation failed" : why);
        }
        return new ClusterUpdate(op.getName(), cluster, pool != null ? pool : poolOf(op.getTargetLink()), type,
                status, params, errors, instant(op.getStartTime()));
    }

    private static boolean failed(Operation op) {
        return (op.hasError() && op.getError().getCode() != 0)
                || (!op.hasError() && !op.getStatusMessage().isBlank());
    }

    /** The node pool a target link names ({@code .../clusters/C/nodePools/P}), or null. */
    static String poolOf(String targetLink) {
        int at = targetLink == null ? -1 : targetLink.indexOf("/nodePools/");
        if (at < 0) {
            return null;
        }
        String rest = targetLink.substring(at + "/nodePools/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** The cluster a target link names ({@code .../clusters/C[/...]}), or null. */
    static String clusterOf(String targetLink) {
        int at = targetLink == null ? -1 : targetLink.indexOf("/clusters/");
        if (at < 0) {
            return null;
        }
        String rest = targetLink.substring(at + "/clusters/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** RFC 3339 as GKE writes it ({@code 2026-12-07T08:00:00+00:00} or with a Z); null when empty or unreadable. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null && !value.isBlank()) {
            details.put(key, value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
