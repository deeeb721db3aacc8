package io.altostratus.aws.clusters;

import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.Taint;
import io.altostratus.core.clusters.TaintEffect;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.clusters.UpdateType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.eks.model.ClusterVersionInformation;
import software.amazon.awssdk.services.eks.model.ErrorDetail;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.Update;
import software.amazon.awssdk.services.eks.model.UpdateParam;

/**
 * EKS's model in the core's terms, and back where a request needs it. Status words:
 * <ul>
 *   <li>clusters: {@code PENDING} reads as creating; {@code FAILED} is failed;</li>
 *   <li>node groups: {@code CREATE_FAILED} and {@code DELETE_FAILED} are failed. {@code DEGRADED} reads as
 *       <em>active</em>: EKS uses it for a node group that is settled and serving but has health issues (an
 *       Auto Scaling group short of capacity, say), still takes updates in it and may leave it on its own, so it is
 *       neither a failure a wait should give up on nor a transition that ends by itself;
 *       the raw status and the health issues (in details) say so;</li>
 *   <li>a word this SDK does not know reads as updating: a wait keeps polling until it times out rather than
 *       taking an unknown state for success or failure.</li>
 * </ul>
 * The raw status is EKS's word whenever it is not simply the portable state's name.
 */
final class EksConvert {
    private EksConvert() {
    }

    static ClusterState clusterState(String status) {
        return switch (status == null ? "" : status) {
            case "CREATING", "PENDING" -> ClusterState.CREATING;
            case "ACTIVE" -> ClusterState.ACTIVE;
            case "UPDATING" -> ClusterState.UPDATING;
            case "DELETING" -> ClusterState.DELETING;
            case "FAILED" -> ClusterState.FAILED;
            default -> ClusterState.UPDATING;
        };
    }

    static NodePoolState nodePoolState(String status) {
        return switch (status == null ? "" : status) {
            case "CREATING" -> NodePoolState.CREATING;
            case "ACTIVE", "DEGRADED" -> NodePoolState.ACTIVE;
            case "UPDATING" -> NodePoolState.UPDATING;
            case "DELETING" -> NodePoolState.DELETING;
            case "CREATE_FAILED", "DELETE_FAILED" -> NodePoolState.FAILED;
            default -> NodePoolState.UPDATING;
        };
    }

    /** EKS's word when it says more than the portable state's name, else null. */
    static String raw(String status, Enum<?> portable) {
        return status == null || status.equals(portable.name()) ? null : status;
    }

    static Cluster cluster(software.amazon.awssdk.services.eks.model.Cluster c, String sessionRegion) {
        String status = c.statusAsString();
        ClusterState state = clusterState(status);
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "roleArn", c.roleArn());
        if (c.resourcesVpcConfig() != null) {
            put(details, "vpcId", c.resourcesVpcConfig().vpcId());
            put(details, "subnetIds", join(c.resourcesVpcConfig().subnetIds()));
            put(details, "securityGroupIds", join(c.resourcesVpcConfig().securityGroupIds()));
            put(details, "clusterSecurityGroupId", c.resourcesVpcConfig().clusterSecurityGroupId());
        }
        if (c.kubernetesNetworkConfig() != null) {
            put(details, "serviceIpv4Cidr", c.kubernetesNetworkConfig().serviceIpv4Cidr());
        }
        if (c.identity() != null && c.identity().oidc() != null) {
            put(details, "oidcIssuer", c.identity().oidc().issuer());
        }
        if (c.health() != null && c.health().hasIssues() && !c.health().issues().isEmpty()) {
            put(details, "healthIssues", c.health().issues().stream()
                    .map(i -> i.codeAsString() + ": " + i.message()).collect(Collectors.joining("; ")));
        }
        return new Cluster(c.name(), c.arn(), regionOf(c.arn(), sessionRegion), c.version(), state, raw(status, state),
                c.endpoint(), c.certificateAuthority() == null ? null : c.certificateAuthority().data(),
                c.createdAt(), c.platformVersion(), c.hasTags() ? c.tags() : Map.of(), details);
    }

    static NodePool nodePool(Nodegroup g) {
        String status = g.statusAsString();
        NodePoolState state = nodePoolState(status);
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "releaseVersion", g.releaseVersion());
        put(details, "amiType", g.amiTypeAsString());
        put(details, "capacityType", g.capacityTypeAsString());
        put(details, "nodeRole", g.nodeRole());
        put(details, "subnets", join(g.subnets()));
        if (g.instanceTypes().size() > 1) {
            put(details, "instanceTypes", join(g.instanceTypes()));
        }
        if (g.resources() != null && g.resources().hasAutoScalingGroups()) {
            put(details, "autoScalingGroups", g.resources().autoScalingGroups().stream()
                    .map(a -> a.name()).collect(Collectors.joining(",")));
        }
        if (g.health() != null && g.health().hasIssues() && !g.health().issues().isEmpty()) {
            put(details, "healthIssues", g.health().issues().stream()
                    .map(i -> i.codeAsString() + ": " + i.message()).collect(Collectors.joining("; ")));
        }
        int desired = 0;
        int min = 0;
        int max = 0;
        if (g.scalingConfig() != null) {
            desired = orZero(g.scalingConfig().desiredSize());
            min = orZero(g.scalingConfig().minSize());
            max = orZero(g.scalingConfig().maxSize());
        }
        List<Taint> taints = new ArrayList<>();
        for (software.amazon.awssdk.services.eks.model.Taint t : g.taints()) {
            taints.add(new Taint(t.key(), t.value(), TaintEffect.parse(t.effectAsString())));
        }
        return new NodePool(g.clusterName(), g.nodegroupName(), g.nodegroupArn(), state, raw(status, state),
                g.instanceTypes().isEmpty() ? null : g.instanceTypes().get(0), desired, min, max, g.version(),
                g.hasLabels() ? g.labels() : Map.of(), taints, g.diskSize(), List.of(), g.createdAt(), details);
    }

    /** EKS's taint for ours: its effects are the same three, spelled {@code NO_SCHEDULE}. */
    static software.amazon.awssdk.services.eks.model.Taint taint(Taint t) {
        return software.amazon.awssdk.services.eks.model.Taint.builder().key(t.key())
                .value(t.value().isEmpty() ? null : t.value())
                .effect(t.effect().name()).build();
    }

    static ClusterUpdate update(Update u, String cluster, String nodePool) {
        Map<String, String> params = new LinkedHashMap<>();
        for (UpdateParam p : u.params()) {
            params.put(p.typeAsString(), p.value());
        }
        List<String> errors = new ArrayList<>();
        for (ErrorDetail e : u.errors()) {
            errors.add(e.errorCodeAsString() + (e.errorMessage() == null ? "" : ": " + e.errorMessage()));
        }
        UpdateType type = "VersionUpdate".equals(u.typeAsString()) ? UpdateType.VERSION_UPDATE
                : UpdateType.CONFIG_UPDATE;
        return new ClusterUpdate(u.id(), cluster, nodePool, type, updateStatus(u.statusAsString()), params, errors,
                u.createdAt());
    }

    /** EKS's update status; an unknown word reads as still in progress (a wait then times out, never lies). */
    static UpdateStatus updateStatus(String status) {
        for (UpdateStatus s : UpdateStatus.values()) {
            if (s.wireName().equals(status)) {
                return s;
            }
        }
        return UpdateStatus.IN_PROGRESS;
    }

    static KubernetesVersion version(ClusterVersionInformation v) {
        LocalDate end = v.endOfStandardSupportDate() == null ? null
                : LocalDate.ofInstant(v.endOfStandardSupportDate(), ZoneOffset.UTC);
        return new KubernetesVersion(v.clusterVersion(), Boolean.TRUE.equals(v.defaultVersion()), end);
    }

    /** The region in an EKS ARN ({@code arn:aws:eks:REGION:ACCOUNT:cluster/NAME}), else the session's. */
    static String regionOf(String arn, String fallback) {
        if (arn != null) {
            String[] parts = arn.split(":", 6);
            if (parts.length == 6 && !parts[3].isEmpty()) {
                return parts[3];
            }
        }
        return fallback;
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    private static String join(List<String> items) {
        return items == null || items.isEmpty() ? null : String.join(",", items);
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
