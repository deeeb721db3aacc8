package io.altostratus.core.clusters;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;

/**
 * The errors of clusters backends, with EKS's exception names as provider codes: the local cloud answers as EKS
 * does, and the EKS front can answer in kind without a second mapping. Backends over other clouds put their own
 * codes beside the same portable ones.
 */
public final class ClusterErrors {
    public static final String NOT_FOUND = "ResourceNotFoundException";
    public static final String IN_USE = "ResourceInUseException";

    private ClusterErrors() {
    }

    public static AltoException clusterNotFound(String cluster) {
        return new AltoException(ErrorCode.NOT_FOUND, NOT_FOUND, "No cluster found for name: " + cluster + ".");
    }

    public static AltoException nodePoolNotFound(String cluster, String pool) {
        return new AltoException(ErrorCode.NOT_FOUND, NOT_FOUND,
                "No node group found for name: " + pool + " in cluster " + cluster + ".");
    }

    public static AltoException updateNotFound(String cluster, String updateId) {
        return new AltoException(ErrorCode.NOT_FOUND, NOT_FOUND,
                "No update found for ID: " + updateId + " of cluster " + cluster + ".");
    }

    public static AltoException clusterExists(String cluster) {
        return new AltoException(ErrorCode.ALREADY_EXISTS, IN_USE, "Cluster already exists with name: " + cluster);
    }

    public static AltoException nodePoolExists(String cluster, String pool) {
        return new AltoException(ErrorCode.ALREADY_EXISTS, IN_USE,
                "NodeGroup already exists with name " + pool + " and cluster name " + cluster);
    }

    /** A change asked of something in a state that does not allow it (an upgrade during an upgrade, say). */
    public static AltoException busy(String what, Object state, String verb) {
        return new AltoException(ErrorCode.INVALID_STATE, IN_USE,
                what + " is " + state.toString().toLowerCase(java.util.Locale.ROOT) + " and cannot be " + verb
                        + " now; wait until it is active");
    }

    /** Deleting a cluster that still has node pools, as EKS refuses it. */
    public static AltoException hasNodePools(String cluster, java.util.Collection<String> pools) {
        return new AltoException(ErrorCode.DEPENDENCY_VIOLATION, IN_USE, "Cluster has nodegroups attached: "
                + cluster + " (" + String.join(", ", pools) + "); delete them first");
    }
}
