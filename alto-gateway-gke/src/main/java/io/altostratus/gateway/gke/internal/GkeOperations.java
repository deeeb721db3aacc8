package io.altostratus.gateway.gke.internal;

import com.google.container.v1.Operation;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.gateway.gke.internal.Kept.OperationDoc;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * GKE's long-running operations over the backend's states: an operation is kept when a mutating call is answered and
 * is done when the backend has settled (the cluster or pool active or gone, the {@link ClusterUpdate} successful).
 * Each read of an operation looks again, so operations finish as callers poll them, as on GKE.
 *
 * <p>Deleting a cluster is GKE's one call but the portable service's sequence (pools first, then the cluster), so a
 * {@code DELETE_CLUSTER} operation drives that sequence a step each time it is read.
 */
@SuppressWarnings("deprecation") // Operation.zone and statusMessage: GKE still fills them and older clients read them.
public final class GkeOperations {
    private final Kept kept;
    private final ClusterSessions sessions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public GkeOperations(Kept kept, ClusterSessions sessions, Clock clock) {
        this.kept = kept;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Keeps a new operation and looks at it once (a delete starts its first step here). */
    public OperationDoc start(String project, String location, Operation.Type type, String cluster, String pool,
                              String updateId) {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        long now = clock.millis();
        String name = "operation-" + now + "-" + HexFormat.of().formatHex(bytes);
        OperationDoc doc = new OperationDoc(name, project, location, type.name(), cluster, pool, updateId,
                Operation.Status.RUNNING.name(), null, now, 0);
        kept.putOperation(doc);
        return refresh(doc);
    }

    /** The operation as it is now, or NOT_FOUND. */
    public OperationDoc get(String project, String name) {
        OperationDoc doc = kept.operation(project, name).orElseThrow(() -> GkeException.notFound(
                "Operation \"projects/" + project + "/operations/" + name + "\" not found."));
        return refresh(doc);
    }

    /** The project's operations in a location ({@code -}: all), oldest first, each as it is now. */
    public List<OperationDoc> list(String project, String location) {
        return kept.operations(project).stream()
                .filter(op -> Locations.isAll(location) || op.location().equals(location)
                        || Locations.region(op.location()).equals(location))
                .sorted(java.util.Comparator.comparingLong(OperationDoc::startTime).thenComparing(OperationDoc::name))
                .map(this::refresh).toList();
    }

    /**
     * Moves the project's unfinished cluster deletions on a step, so that a caller who waits on the cluster rather
     * than on the operation (as the portable service's waiters do) still sees it go.
     */
    public void advanceDeletes(String project) {
        for (OperationDoc op : kept.operations(project)) {
            if (!op.done() && op.type().equals(Operation.Type.DELETE_CLUSTER.name())) {
                refresh(op);
            }
        }
    }

    /** Looks at the backend, records the operation if it finished, and returns it. */
    public OperationDoc refresh(OperationDoc op) {
        if (op.done()) {
            return op;
        }
        String why;
        try {
            why = settled(op);
        } catch (AltoException e) {
            why = e.code() == ErrorCode.NOT_FOUND && op.type().startsWith("DELETE") ? "" : e.getMessage();
        }
        if (why == null) {
            return op;
        }
        OperationDoc done = op.finish(why.isEmpty() ? null : why, clock.millis());
        kept.putOperation(done);
        if (done.type().equals(Operation.Type.DELETE_CLUSTER.name()) && done.error() == null) {
            kept.forgetCluster(op.project(), Locations.region(op.location()), op.cluster());
        }
        return done;
    }

    /** Null while running, "" when done well, else why it failed. */
    private String settled(OperationDoc op) {
        Clusters clusters = sessions.of(op.project(), Locations.region(op.location()));
        return switch (Operation.Type.valueOf(op.type())) {
            case CREATE_CLUSTER -> {
                Optional<Cluster> c = clusters.get(op.cluster());
                if (c.isEmpty()) {
                    yield "Cluster " + op.cluster() + " was deleted while being made.";
                }
                if (c.get().state() == ClusterState.FAILED) {
                    yield "Cluster " + op.cluster() + " failed: " + c.get().stateName();
                }
                if (c.get().state() != ClusterState.ACTIVE) {
                    yield null;
                }
                for (NodePool p : clusters.nodePools(op.cluster())) {
                    if (p.state() == NodePoolState.FAILED) {
                        yield "Node pool " + p.name() + " failed: " + p.stateName();
                    }
                    if (p.state().isTransitional()) {
                        yield null;
                    }
                }
                yield "";
            }
            case DELETE_CLUSTER -> deleteStep(clusters, op.cluster());
            case CREATE_NODE_POOL -> {
                Optional<NodePool> p = clusters.nodePool(op.cluster(), op.pool());
                if (p.isEmpty()) {
                    yield "Node pool " + op.pool() + " was deleted while being made.";
                }
                yield switch (p.get().state()) {
                    case ACTIVE -> "";
                    case FAILED -> "Node pool " + op.pool() + " failed: " + p.get().stateName();
                    default -> null;
                };
            }
            case DELETE_NODE_POOL -> clusters.nodePool(op.cluster(), op.pool()).isEmpty() ? "" : null;
            case UPGRADE_MASTER, UPGRADE_NODES, SET_NODE_POOL_SIZE, UPDATE_CLUSTER -> {
                ClusterUpdate u = clusters.update(op.cluster(), op.updateId());
                if (!u.status().isDone()) {
                    yield null;
                }
                yield u.status() == UpdateStatus.SUCCESSFUL ? ""
                        : "Update " + u.id() + " " + u.status().wireName() + ": " + String.join("; ", u.errors());
            }
            default -> "Operation type " + op.type() + " is not followed by this endpoint.";
        };
    }

    /** One step of a cluster's deletion: its pools first, then the cluster once none is left; "" when it is gone. */
    private static String deleteStep(Clusters clusters, String name) {
        Optional<Cluster> c = clusters.get(name);
        if (c.isEmpty()) {
            return "";
        }
        if (c.get().state() == ClusterState.DELETING) {
            return null;
        }
        List<NodePool> pools = clusters.nodePools(name);
        if (pools.isEmpty()) {
            tolerateState(() -> clusters.delete(name));
            return null;
        }
        for (NodePool p : pools) {
            if (p.state() != NodePoolState.DELETING) {
                tolerateState(() -> clusters.deleteNodePool(name, p.name()));
            }
        }
        return null;
    }

    /** A step refused because something is still changing is tried again at the next look. */
    private static void tolerateState(Runnable step) {
        try {
            step.run();
        } catch (AltoException e) {
            if (e.code() != ErrorCode.INVALID_STATE && e.code() != ErrorCode.DEPENDENCY_VIOLATION) {
                throw e;
            }
        }
    }

    /** The operation in container/v1's message. */
    public static Operation message(OperationDoc op, Links links) {
        Operation.Type type = Operation.Type.valueOf(op.type());
        String target = op.pool() != null ? links.nodePool(op.project(), op.location(), op.cluster(), op.pool())
                : links.cluster(op.project(), op.location(), op.cluster());
        Operation.Builder b = Operation.newBuilder()
                .setName(op.name())
                .setZone(op.location())
                .setLocation(op.location())
                .setOperationType(type)
                .setStatus(Operation.Status.valueOf(op.status()))
                .setSelfLink(links.operation(op.project(), op.location(), op.name()))
                .setTargetLink(target)
                .setStartTime(Instant.ofEpochMilli(op.startTime()).toString());
        if (op.done()) {
            b.setEndTime(Instant.ofEpochMilli(op.endTime()).toString());
        }
        if (op.error() != null) {
            b.setStatusMessage(op.error())
                    .setError(com.google.rpc.Status.newBuilder().setCode(9).setMessage(op.error()));
        }
        return b.build();
    }
}
