package io.altostratus.core.clusters;

import io.altostratus.core.model.Tags;
import java.util.List;
import java.util.Map;

/**
 * A node pool to make (EKS node group, GKE node pool, AKS agent pool). Checked when built: the name, the sizes
 * ({@code 0 <= min <= desired <= max}, {@code max >= 1}), labels, the disk size and the version.
 *
 * @param name         the pool's name, unique within its cluster
 * @param instanceType the provider's machine type for every node, or null for the provider's default
 * @param desired      how many nodes to run now
 * @param min          the fewest nodes an autoscaler may leave
 * @param max          the most nodes an autoscaler may make
 * @param labels       Kubernetes labels on every node
 * @param taints       Kubernetes taints on every node
 * @param diskGiB      each node's root disk, or null for the provider's default
 * @param version      the nodes' Kubernetes version, or null for the control plane's
 */
public record NodePoolSpec(String name, String instanceType, int desired, int min, int max,
                           Map<String, String> labels, List<Taint> taints, Integer diskGiB, String version) {
    public NodePoolSpec {
        ClusterRules.checkPoolName(name);
        ClusterRules.checkCounts(name, desired, min, max);
        labels = Tags.copy(labels);
        ClusterRules.checkLabels(name, labels);
        taints = taints == null ? List.of() : List.copyOf(taints);
        if (diskGiB != null && (diskGiB < 1 || diskGiB > 16384)) {
            throw ClusterRules.invalid("node pool " + name + ": the disk size must be 1 to 16384 GiB, not " + diskGiB);
        }
        if (version != null) {
            ClusterRules.checkVersion(version);
        }
        if (instanceType != null && instanceType.isBlank()) {
            throw ClusterRules.invalid("node pool " + name + ": the instance type must not be blank (null for the "
                    + "provider's default)");
        }
    }

    /**
     * A pool of {@code count} nodes of one type that stays at that size (min = desired = max; an empty pool may grow
     * to one node, since max is at least 1).
     */
    public static NodePoolSpec of(String name, String instanceType, int count) {
        return new NodePoolSpec(name, instanceType, count, count, Math.max(count, 1), Map.of(), List.of(), null, null);
    }

    public NodePoolSpec withSizes(int newDesired, int newMin, int newMax) {
        return new NodePoolSpec(name, instanceType, newDesired, newMin, newMax, labels, taints, diskGiB, version);
    }

    public NodePoolSpec withLabels(Map<String, String> newLabels) {
        return new NodePoolSpec(name, instanceType, desired, min, max, newLabels, taints, diskGiB, version);
    }

    public NodePoolSpec withTaints(List<Taint> newTaints) {
        return new NodePoolSpec(name, instanceType, desired, min, max, labels, newTaints, diskGiB, version);
    }

    public NodePoolSpec withVersion(String newVersion) {
        return new NodePoolSpec(name, instanceType, desired, min, max, labels, taints, diskGiB, newVersion);
    }
}
