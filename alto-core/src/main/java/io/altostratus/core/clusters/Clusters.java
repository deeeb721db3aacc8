package io.altostratus.core.clusters;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.spi.ProviderService;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.core.wait.Waiter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Managed Kubernetes clusters of one provider, bound to the account and region of the context it was opened with:
 * {@code factory.service(Clusters.class, context)}. Every method is one round of calls to the backend and returns
 * without waiting for a state change; {@link #waitFor} waits.
 *
 * <p>Errors are {@link AltoException}s: bad names, versions and sizes {@code INVALID_PARAMETER} (see
 * {@link ClusterRules}); a cluster, pool or update that does not exist {@code NOT_FOUND}; a name in use
 * {@code ALREADY_EXISTS}; a change to something that is not active {@code INVALID_STATE}; deleting a cluster that
 * still has node pools {@code DEPENDENCY_VIOLATION} (EKS's rule, kept by every backend so callers write one
 * sequence: delete the pools, wait, delete the cluster).
 */
public interface Clusters extends ProviderService {

    /** The provider's name ({@code local}, {@code aws}, ...). */
    String provider();

    /** The region (location) this service works in. */
    String region();

    /** The clock the backend's times are read with; waiters use it. */
    Clock clock();

    // ---- clusters ---------------------------------------------------------------------------------------------

    /** Starts making a cluster and the node pools of the spec; answers at once, usually {@code CREATING}. */
    Cluster create(ClusterSpec spec);

    /** The cluster, or empty when there is none of that name (a malformed name is INVALID_PARAMETER). */
    Optional<Cluster> get(String name);

    /** The cluster, or NOT_FOUND. */
    default Cluster require(String name) {
        return get(name).orElseThrow(() -> ClusterErrors.clusterNotFound(name));
    }

    /** Every cluster of the account in this region, in a stable order. */
    List<Cluster> list();

    /** Starts deleting a cluster that has no node pools left; answers it as it is then (usually {@code DELETING}). */
    Cluster delete(String name);

    /** The Kubernetes versions a new cluster may run, oldest first; exactly one is the default. */
    List<KubernetesVersion> versions();

    /** The version a cluster created without one gets. */
    default KubernetesVersion defaultVersion() {
        return versions().stream().filter(KubernetesVersion::isDefault).findFirst()
                .orElseThrow(() -> new IllegalStateException(provider() + " lists no default Kubernetes version"));
    }

    /** Starts moving the control plane to the next minor version; refuses any other step. */
    ClusterUpdate upgrade(String name, String version);

    /** A change made by {@link #upgrade}, {@link #scaleNodePool} or {@link #upgradeNodePool}, as it is now. */
    ClusterUpdate update(String cluster, String updateId);

    /** A kubeconfig for the cluster, which must have an endpoint (active, or updating). */
    Kubeconfig kubeconfig(String name);

    // ---- node pools -------------------------------------------------------------------------------------------

    /** Starts making a node pool on an active cluster. */
    NodePool addNodePool(String cluster, NodePoolSpec spec);

    /** The cluster's node pools in a stable order (NOT_FOUND for a missing cluster). */
    List<NodePool> nodePools(String cluster);

    /** The node pool, or empty (NOT_FOUND for a missing cluster). */
    Optional<NodePool> nodePool(String cluster, String name);

    /** The node pool, or NOT_FOUND. */
    default NodePool requireNodePool(String cluster, String name) {
        return nodePool(cluster, name).orElseThrow(() -> ClusterErrors.nodePoolNotFound(cluster, name));
    }

    /** Starts resizing an active pool: {@code 0 <= min <= desired <= max}. */
    ClusterUpdate scaleNodePool(String cluster, String pool, int desired, int min, int max);

    /**
     * Starts moving an active pool's nodes to {@code version} (null: the control plane's), which may not be newer than
     * the control plane's nor older than the pool's.
     */
    ClusterUpdate upgradeNodePool(String cluster, String pool, String version);

    /** Starts deleting a node pool and its nodes; answers it as it is then (usually {@code DELETING}). */
    NodePool deleteNodePool(String cluster, String pool);

    // ---- waiting ----------------------------------------------------------------------------------------------

    /**
     * A waiter on this service's clock with the given timeout. When the clock is a {@link Sleeper} (a test's manual
     * clock) waits sleep on it, so that they see time pass.
     */
    default Waiter waiter(Duration timeout) {
        Waiter.Builder b = Waiter.builder().clock(clock()).timeout(timeout);
        if (clock() instanceof Sleeper sleeper) {
            b.sleeper(sleeper);
        }
        return b.build();
    }

    /** Waits until the cluster meets the condition (TIMEOUT; INVALID_STATE when it never can). */
    default Cluster waitFor(String name, ClusterCondition condition, Duration timeout) {
        return waitFor(name, condition, waiter(timeout));
    }

    /** Waits until the cluster is in a settled state (active or failed); see {@link ClusterCondition#forState}. */
    default Cluster waitFor(String name, ClusterState state, Duration timeout) {
        return waitFor(name, ClusterCondition.forState(state), timeout);
    }

    default Cluster waitFor(String name, ClusterCondition condition, Waiter waiter) {
        ClusterRules.checkClusterName(name);
        return waiter.await("cluster " + name + " to be " + condition, () -> require(name),
                condition.clusterCondition(), c -> c == null ? "not found" : c.stateName());
    }

    /** Waits until the node pool meets the condition; a pool (or cluster) no longer found is deleted. */
    default NodePool waitForNodePool(String cluster, String pool, ClusterCondition condition, Duration timeout) {
        return waitForNodePool(cluster, pool, condition, waiter(timeout));
    }

    default NodePool waitForNodePool(String cluster, String pool, ClusterCondition condition, Waiter waiter) {
        ClusterRules.checkPoolName(pool);
        return waiter.await("node pool " + pool + " of " + cluster + " to be " + condition,
                () -> requireNodePool(cluster, pool), condition.nodePoolCondition(),
                p -> p == null ? "not found" : p.stateName());
    }

    /** Waits until the update is successful (INVALID_STATE when it failed or was cancelled). */
    default ClusterUpdate waitForUpdate(String cluster, String updateId, Duration timeout) {
        return waitForUpdate(cluster, updateId, waiter(timeout));
    }

    default ClusterUpdate waitForUpdate(String cluster, String updateId, Waiter waiter) {
        return waiter.await("update " + updateId + " of " + cluster + " to succeed", () -> update(cluster, updateId),
                ClusterCondition.updateDone(), u -> u == null ? "not found" : u.status().wireName());
    }
}
