package io.altostratus.core.clusters;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node pool as the provider reports it.
 *
 * @param cluster      the cluster it belongs to
 * @param name         its name
 * @param id           the provider's id (EKS's node group ARN, GKE's self link, AKS's resource id), or null
 * @param state        portable state
 * @param rawStatus    the cloud's own word when it differs from the portable one, else null
 * @param instanceType the nodes' machine type
 * @param desired      nodes asked for
 * @param min          autoscaling floor
 * @param max          autoscaling ceiling
 * @param version      the nodes' Kubernetes minor version
 * @param labels       Kubernetes labels of its nodes
 * @param taints       Kubernetes taints of its nodes
 * @param diskGiB      each node's root disk, or null when the cloud does not say
 * @param nodeIds      the compute instances that are its nodes now, where the cloud tells (may lag {@code desired})
 * @param createdAt    when it was made
 * @param details      further facts only this cloud has, as strings (release version, AMI type, node role, ...)
 */
public record NodePool(String cluster, String name, String id, NodePoolState state, String rawStatus,
                       String instanceType, int desired, int min, int max, String version, Map<String, String> labels,
                       List<Taint> taints, Integer diskGiB, List<String> nodeIds, Instant createdAt,
                       Map<String, String> details) {
    /** The tag a backend whose nodes are its own compute instances puts on each: the cluster's name. */
    public static final String CLUSTER_TAG = "alto:cluster";
    /** The tag beside {@link #CLUSTER_TAG}: the node pool's name. */
    public static final String POOL_TAG = "alto:nodepool";

    public NodePool {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        labels = Tags.copy(labels);
        taints = taints == null ? List.of() : List.copyOf(taints);
        nodeIds = nodeIds == null ? List.of() : List.copyOf(nodeIds);
        details = Tags.copy(details);
    }

    public String stateName() {
        return rawStatus != null ? rawStatus : state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
