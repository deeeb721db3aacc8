package io.altostratus.core.clusters;

/**
 * Where a cluster's control plane is, in words every managed Kubernetes service maps onto (EKS's status, GKE's
 * status, AKS's provisioning state). The cloud's own word travels beside it as the raw status.
 */
public enum ClusterState {
    CREATING,
    ACTIVE,
    /** A version or configuration change is being applied; the cluster keeps serving. */
    UPDATING,
    DELETING,
    FAILED;

    /** Whether the state changes on its own, so that waiting makes sense. */
    public boolean isTransitional() {
        return this == CREATING || this == UPDATING || this == DELETING;
    }
}
