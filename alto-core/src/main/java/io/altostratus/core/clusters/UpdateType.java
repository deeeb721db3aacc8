package io.altostratus.core.clusters;

/** What a {@link ClusterUpdate} changes, in EKS's terms (GKE and AKS operations map onto them). */
public enum UpdateType {
    /** The Kubernetes version of a control plane or a node pool. */
    VERSION_UPDATE("VersionUpdate"),
    /** Sizes, labels, taints or other configuration. */
    CONFIG_UPDATE("ConfigUpdate");

    private final String wireName;

    UpdateType(String wireName) {
        this.wireName = wireName;
    }

    /** EKS's name: {@code VersionUpdate}. */
    public String wireName() {
        return wireName;
    }
}
