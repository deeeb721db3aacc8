package io.altostratus.gateway.eks.internal;

import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.Taint;
import io.altostratus.gateway.eks.internal.Kept.NodegroupDoc;
import io.altostratus.gateway.eks.internal.Kept.ParamDoc;
import io.altostratus.gateway.eks.internal.Kept.TaintDoc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.eks.model.AccessConfigResponse;
import software.amazon.awssdk.services.eks.model.AutoScalingGroup;
import software.amazon.awssdk.services.eks.model.Certificate;
import software.amazon.awssdk.services.eks.model.ClusterHealth;
import software.amazon.awssdk.services.eks.model.KubernetesNetworkConfigResponse;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupHealth;
import software.amazon.awssdk.services.eks.model.NodegroupResources;
import software.amazon.awssdk.services.eks.model.NodegroupScalingConfig;
import software.amazon.awssdk.services.eks.model.NodegroupUpdateConfig;
import software.amazon.awssdk.services.eks.model.Update;
import software.amazon.awssdk.services.eks.model.UpdateParam;
import software.amazon.awssdk.services.eks.model.VpcConfigResponse;

/** The portable clusters records in EKS's shapes (the SDK's model objects), with EKS's ARNs and status words. */
final class EksShapes {
    /** The key under which backends keep EKS's cluster role ({@code ClusterSpec.roles}). */
    static final String CLUSTER_ROLE = "clusterRoleArn";
    private static final Set<String> NODEGROUP_FAILURES = Set.of("CREATE_FAILED", "DELETE_FAILED", "DEGRADED");
    private static final Set<String> CLUSTER_WORDS = Set.of("CREATING", "ACTIVE", "UPDATING", "DELETING", "FAILED",
            "PENDING");

    private EksShapes() {
    }

    static String clusterArn(String region, String account, String name) {
        return "arn:aws:eks:" + region + ":" + account + ":cluster/" + name;
    }

    /** The backend's node group ARN when it is EKS's, else one made from the pool's name and creation time. */
    static String nodegroupArn(String region, String account, NodePool pool) {
        if (pool.id() != null && pool.id().startsWith("arn:aws:eks:")) {
            return pool.id();
        }
        long made = pool.createdAt() == null ? 0 : pool.createdAt().toEpochMilli();
        UUID id = UUID.nameUUIDFromBytes((pool.cluster() + "/" + pool.name() + "/" + made)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "arn:aws:eks:" + region + ":" + account + ":nodegroup/" + pool.cluster() + "/" + pool.name() + "/" + id;
    }

    static String clusterStatus(Cluster c) {
        String raw = c.rawStatus() == null ? null : c.rawStatus().toUpperCase(java.util.Locale.ROOT);
        return raw != null && CLUSTER_WORDS.contains(raw) ? raw : c.state().name();
    }

    static String nodegroupStatus(NodePool p) {
        String raw = p.rawStatus() == null ? null : p.rawStatus().toUpperCase(java.util.Locale.ROOT);
        if (p.state() == NodePoolState.FAILED) {
            return raw != null && NODEGROUP_FAILURES.contains(raw) ? raw : "CREATE_FAILED";
        }
        return p.state().name();
    }

    static software.amazon.awssdk.services.eks.model.Cluster cluster(Cluster c, String region, String account,
                                                                    Map<String, String> tags) {
        String subnets = c.details().get("subnetIds");
        String groups = c.details().get("securityGroupIds");
        var b = software.amazon.awssdk.services.eks.model.Cluster.builder()
                .name(c.name())
                .arn(clusterArn(region, account, c.name()))
                .createdAt(c.createdAt())
                .version(c.version())
                .endpoint(c.endpoint())
                .roleArn(c.details().get(CLUSTER_ROLE))
                .resourcesVpcConfig(VpcConfigResponse.builder()
                        .subnetIds(split(subnets))
                        .securityGroupIds(split(groups))
                        .endpointPublicAccess(true)
                        .endpointPrivateAccess(false)
                        .publicAccessCidrs("0.0.0.0/0")
                        .build())
                .kubernetesNetworkConfig(KubernetesNetworkConfigResponse.builder()
                        .serviceIpv4Cidr("10.100.0.0/16").ipFamily("ipv4").build())
                .status(clusterStatus(c))
                .platformVersion(c.platformVersion())
                .tags(tags)
                .health(ClusterHealth.builder().issues(List.of()).build())
                .accessConfig(AccessConfigResponse.builder().authenticationMode("API_AND_CONFIG_MAP").build());
        if (c.certificateAuthority() != null) {
            b.certificateAuthority(Certificate.builder().data(c.certificateAuthority()).build());
        }
        return b.build();
    }

    static Nodegroup nodegroup(NodePool p, NodegroupDoc kept, String region, String account) {
        Map<String, String> labels = kept != null && kept.labels() != null ? kept.labels() : p.labels();
        List<TaintDoc> taints = kept != null && kept.taints() != null ? kept.taints() : taintDocs(p.taints());
        Instant modified = kept != null && kept.modifiedAt() > 0 ? Instant.ofEpochMilli(kept.modifiedAt())
                : p.createdAt();
        var b = Nodegroup.builder()
                .nodegroupName(p.name())
                .nodegroupArn(nodegroupArn(region, account, p))
                .clusterName(p.cluster())
                .version(p.version())
                .createdAt(p.createdAt())
                .modifiedAt(modified)
                .status(nodegroupStatus(p))
                .capacityType(kept != null && kept.capacityType() != null ? kept.capacityType() : "ON_DEMAND")
                .scalingConfig(NodegroupScalingConfig.builder().minSize(p.min()).maxSize(p.max())
                        .desiredSize(p.desired()).build())
                .instanceTypes(p.instanceType() == null ? List.of() : List.of(p.instanceType()))
                .subnets(kept != null ? kept.subnets() : List.of())
                .amiType(kept != null && kept.amiType() != null ? kept.amiType() : "AL2023_x86_64_STANDARD")
                .nodeRole(kept != null ? kept.nodeRole() : null)
                .labels(labels)
                .resources(NodegroupResources.builder().autoScalingGroups(AutoScalingGroup.builder()
                        .name("eks-" + p.name() + "-" + lastSegment(nodegroupArn(region, account, p))).build())
                        .build())
                .diskSize(p.diskGiB())
                .health(NodegroupHealth.builder().issues(List.of()).build())
                .updateConfig(NodegroupUpdateConfig.builder().maxUnavailable(1).build())
                .tags(kept != null ? kept.tags() : Map.of());
        String release = p.details().get("releaseVersion");
        if (release != null) {
            b.releaseVersion(release);
        }
        if (!taints.isEmpty()) {
            b.taints(taints.stream().map(t -> software.amazon.awssdk.services.eks.model.Taint.builder()
                    .key(t.key()).value(t.value().isEmpty() ? null : t.value()).effect(t.effect()).build()).toList());
        }
        return b.build();
    }

    static List<TaintDoc> taintDocs(List<Taint> taints) {
        List<TaintDoc> out = new ArrayList<>();
        for (Taint t : taints) {
            out.add(new TaintDoc(t.key(), t.value(), t.effect().name()));
        }
        return out;
    }

    /** The backend's update in EKS's shape; {@code extra} adds what only the front applied (labels, taints). */
    static Update update(ClusterUpdate u, List<ParamDoc> extra) {
        List<UpdateParam> params = new ArrayList<>();
        u.params().forEach((k, v) -> params.add(UpdateParam.builder().type(k).value(v).build()));
        for (ParamDoc p : extra) {
            if (!u.params().containsKey(p.type())) {
                params.add(UpdateParam.builder().type(p.type()).value(p.value()).build());
            }
        }
        return Update.builder().id(u.id()).status(u.status().wireName()).type(u.type().wireName()).params(params)
                .createdAt(u.createdAt()).errors(List.of()).build();
    }

    /** An update only the front applied, from what it kept. */
    static Update update(Kept.UpdateDoc d) {
        return Update.builder().id(d.id()).status(d.status()).type(d.type())
                .params(d.params().stream().map(p -> UpdateParam.builder().type(p.type()).value(p.value()).build())
                        .toList())
                .createdAt(Instant.ofEpochMilli(d.createdAt())).errors(List.of()).build();
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private static String lastSegment(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
