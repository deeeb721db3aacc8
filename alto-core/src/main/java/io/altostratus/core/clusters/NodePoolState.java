package io.altostratus.core.clusters;

/** Where a node pool is (EKS node group, GKE node pool, AKS agent pool); the cloud's word is the raw status. */
public enum NodePoolState {
    CREATING,
    ACTIVE,
    /** Scaling or a version change is being applied. */
    UPDATING,
    DELETING,
    FAILED;

    public boolean isTransitional() {
        return this == CREATING || this == UPDATING || this == DELETING;
    }
}
