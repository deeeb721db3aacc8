package io.altostratus.local.clusters;

import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.Taint;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.clusters.UpdateType;
import io.altostratus.core.model.Tags;
import java.util.List;
import java.util.Map;

/**
 * The documents the local cloud keeps for clusters, in kinds of their own beside the compute documents (no existing
 * kind changed). Times are epoch milliseconds. A stored transitional state reads as its successor once the clock
 * reaches {@code settlesAt}: creating and updating become active, deleting becomes gone.
 */
final class ClusterDocs {
    static final String CLUSTER = "local.eks-cluster";
    static final String POOL = "local.eks-nodegroup";
    static final String UPDATE = "local.eks-update";

    private ClusterDocs() {
    }

    /**
     * A cluster as stored. {@code version} is what the control plane runs; {@code targetVersion} is set while an
     * upgrade runs and becomes the version when it settles.
     */
    record ClusterDoc(String name, String arn, String version, String targetVersion, ClusterState state,
                      long settlesAt, long createdAt, String endpoint, String caData, String token,
                      String platformVersion, List<String> subnetIds, List<String> securityGroupIds,
                      Map<String, String> roles, Map<String, String> tags) {
        ClusterDoc {
            subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
            securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
            roles = Tags.copy(roles);
            tags = Tags.copy(tags);
        }

        ClusterDoc withState(ClusterState newState, long newSettlesAt, String newTarget) {
            return new ClusterDoc(name, arn, version, newTarget, newState, newSettlesAt, createdAt, endpoint, caData,
                    token, platformVersion, subnetIds, securityGroupIds, roles, tags);
        }

        /** The document as of {@code now}, or null when its deletion has finished. */
        ClusterDoc settled(long now) {
            if (!state.isTransitional() || now < settlesAt) {
                return this;
            }
            return switch (state) {
                case DELETING -> null;
                case UPDATING -> new ClusterDoc(name, arn, targetVersion == null ? version : targetVersion, null,
                        ClusterState.ACTIVE, settlesAt, createdAt, endpoint, caData, token, platformVersion,
                        subnetIds, securityGroupIds, roles, tags);
                default -> withState(ClusterState.ACTIVE, settlesAt, null);
            };
        }
    }

    /**
     * A node pool as stored, under the id {@code cluster/name}; {@code arn} is EKS-shaped, unique to this pool even
     * when a later one takes its name; {@code targetVersion} as for clusters.
     */
    record PoolDoc(String cluster, String name, String arn, NodePoolState state, long settlesAt, long createdAt,
                   String instanceType, int desired, int min, int max, String version, String targetVersion,
                   Map<String, String> labels, List<Taint> taints, Integer diskGiB) {
        PoolDoc {
            labels = Tags.copy(labels);
            taints = taints == null ? List.of() : List.copyOf(taints);
        }

        static String id(String cluster, String name) {
            return cluster + "/" + name;
        }

        String id() {
            return id(cluster, name);
        }

        PoolDoc with(NodePoolState newState, long newSettlesAt, int newDesired, int newMin, int newMax,
                     String newTarget) {
            return new PoolDoc(cluster, name, arn, newState, newSettlesAt, createdAt, instanceType, newDesired, newMin,
                    newMax, version, newTarget, labels, taints, diskGiB);
        }

        PoolDoc settled(long now) {
            if (!state.isTransitional() || now < settlesAt) {
                return this;
            }
            return switch (state) {
                case DELETING -> null;
                default -> new PoolDoc(cluster, name, arn, NodePoolState.ACTIVE, settlesAt, createdAt, instanceType,
                        desired, min, max, targetVersion == null ? version : targetVersion, null, labels, taints,
                        diskGiB);
            };
        }
    }

    /**
     * A change and when it finishes. {@code endedAs} is set when it ended early (a pool deleted mid-change is
     * cancelled); otherwise it is in progress until {@code settlesAt} and successful from then on.
     */
    record UpdateDoc(String id, String cluster, String pool, UpdateType type, Map<String, String> params,
                     long createdAt, long settlesAt, UpdateStatus endedAs) {
        UpdateDoc {
            params = Tags.copy(params);
        }

        UpdateStatus status(long now) {
            if (endedAs != null) {
                return endedAs;
            }
            return now >= settlesAt ? UpdateStatus.SUCCESSFUL : UpdateStatus.IN_PROGRESS;
        }
    }
}
