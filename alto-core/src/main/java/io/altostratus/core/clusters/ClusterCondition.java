package io.altostratus.core.clusters;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Acceptor;
import io.altostratus.core.wait.Condition;
import io.altostratus.core.wait.Outcome;
import java.util.Locale;

/**
 * What {@link Clusters#waitFor} waits for, for clusters and node pools alike, and which states make the wait
 * hopeless. Waiting for a transitional state (creating, updating, deleting) is not offered: it may pass between
 * two polls.
 */
public enum ClusterCondition {
    /** Serving: created, or done updating. A failed one, or one being deleted, never will be. */
    ACTIVE,
    /** Failed (as after a create that could not finish). */
    FAILED,
    /** Gone: no longer found. One that is active or failed with no deletion under way fails the wait. */
    DELETED;

    /** The condition for a settled state; the transitional ones are refused. */
    public static ClusterCondition forState(ClusterState state) {
        return switch (state) {
            case ACTIVE -> ACTIVE;
            case FAILED -> FAILED;
            default -> throw new AltoException(ErrorCode.INVALID_PARAMETER, ClusterRules.INVALID_CODE,
                    "cannot wait for the transitional state '" + state + "' (wait for active, failed or deleted)");
        };
    }

    public static ClusterCondition parse(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "active", "ready", "running" -> ACTIVE;
            case "failed" -> FAILED;
            case "deleted", "gone" -> DELETED;
            default -> throw new AltoException(ErrorCode.INVALID_PARAMETER, ClusterRules.INVALID_CODE,
                    "cannot wait for '" + text + "' (expected active, failed or deleted)");
        };
    }

    /** The outcome of a poll that found the cluster in {@code state}. */
    public Outcome judge(ClusterState state) {
        return switch (this) {
            case ACTIVE -> switch (state) {
                case ACTIVE -> Outcome.SUCCESS;
                case FAILED, DELETING -> Outcome.FAILURE;
                default -> Outcome.RETRY;
            };
            case FAILED -> switch (state) {
                case FAILED -> Outcome.SUCCESS;
                case ACTIVE, DELETING -> Outcome.FAILURE;
                default -> Outcome.RETRY;
            };
            case DELETED -> state == ClusterState.DELETING || state == ClusterState.UPDATING
                    || state == ClusterState.CREATING ? Outcome.RETRY : Outcome.FAILURE;
        };
    }

    /** The node pool states read as the cluster states they match. */
    public Outcome judge(NodePoolState state) {
        return judge(ClusterState.valueOf(state.name()));
    }

    /** This condition over clusters, as data for the waiter; NOT_FOUND means deleted. */
    public Condition<Cluster> clusterCondition() {
        Condition<Cluster> c = Condition.of(toString(),
                Acceptor.success("is " + this, (Cluster x) -> judge(x.state()) == Outcome.SUCCESS),
                Acceptor.failure("can no longer be " + this, (Cluster x) -> judge(x.state()) == Outcome.FAILURE));
        return this == DELETED ? c.first(Acceptor.onError(ErrorCode.NOT_FOUND, Outcome.SUCCESS)) : c;
    }

    /** This condition over node pools, as data for the waiter; NOT_FOUND (of the pool or its cluster) means deleted. */
    public Condition<NodePool> nodePoolCondition() {
        Condition<NodePool> c = Condition.of(toString(),
                Acceptor.success("is " + this, (NodePool x) -> judge(x.state()) == Outcome.SUCCESS),
                Acceptor.failure("can no longer be " + this, (NodePool x) -> judge(x.state()) == Outcome.FAILURE));
        return this == DELETED ? c.first(Acceptor.onError(ErrorCode.NOT_FOUND, Outcome.SUCCESS)) : c;
    }

    /** An update that is done; one that failed or was cancelled fails the wait. */
    public static Condition<ClusterUpdate> updateDone() {
        return Condition.of("successful",
                Acceptor.success("status is Successful", (ClusterUpdate u) -> u.status() == UpdateStatus.SUCCESSFUL),
                Acceptor.failure("status is Failed or Cancelled",
                        (ClusterUpdate u) -> u.status() == UpdateStatus.FAILED
                                || u.status() == UpdateStatus.CANCELLED));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
