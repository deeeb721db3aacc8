package io.altostratus.core.clusters;

/** Where a {@link ClusterUpdate} is, in EKS's terms. */
public enum UpdateStatus {
    IN_PROGRESS("InProgress"),
    FAILED("Failed"),
    CANCELLED("Cancelled"),
    SUCCESSFUL("Successful");

    private final String wireName;

    UpdateStatus(String wireName) {
        this.wireName = wireName;
    }

    /** EKS's name: {@code InProgress}. */
    public String wireName() {
        return wireName;
    }

    public boolean isDone() {
        return this != IN_PROGRESS;
    }
}
