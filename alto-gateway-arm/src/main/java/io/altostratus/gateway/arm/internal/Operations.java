package io.altostratus.gateway.arm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.Cloud;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Long-running operations the ARM way. An action answers at once with an {@code Azure-AsyncOperation} URL
 * ({@code /subscriptions/{s}/providers/{namespace}/locations/{l}/operations/{id}}) and, for POST and DELETE, a
 * {@code Location} URL (the same with {@code monitor=true}). An operation is done when the backend call has returned
 * (it has, by the time the first answer is sent) AND every backend instance it concerns is in the target state:
 * running after create, start and restart; stopped after deallocate and powerOff; terminated or gone after delete.
 * Each poll asks the backend once and the verdict, once reached, is kept in the store (durable), so pollers of the
 * Azure SDK finish and a restarted gateway answers the same.
 */
public final class Operations {
    private final Kept kept;
    private final Sessions sessions;
    private final Clock clock;
    private final int retryAfterSeconds;
    private volatile java.util.function.BiConsumer<String, String> cleaner = (subscription, entry) -> { };
    /** Operations on resources other than instances: whether the resource the operation names is ready. */
    private final Map<String, java.util.function.BiPredicate<String, Kept.Operation>> readiness =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Operations(Kept kept, Sessions sessions, Clock clock, int retryAfterSeconds) {
        this.kept = kept;
        this.sessions = sessions;
        this.clock = clock;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * Registers how operations of a kind that is not about instances decide they are done (a disk or snapshot
     * made): the predicate gets the subscription and the operation, whose {@code instanceIds} then name the resource.
     * A predicate that throws an {@link ArmException} ends the operation Failed with that error.
     */
    public void watch(String kind, java.util.function.BiPredicate<String, Kept.Operation> ready) {
        readiness.put(kind, ready);
    }

    /** Records a new operation in progress. */
    public Kept.Operation start(String subscription, String namespace, String region, String kind,
                                List<String> instanceIds) {
        return start(subscription, namespace, region, kind, instanceIds, List.of(region), List.of());
    }

    /** Records a new operation over instances in several regions, with backend clean-up for when it is done. */
    public Kept.Operation start(String subscription, String namespace, String region, String kind,
                                List<String> instanceIds, List<String> regions, List<String> cleanup) {
        Kept.Operation op = new Kept.Operation(UUID.randomUUID().toString(), namespace, region, kind, instanceIds,
                clock.instant().toString(), null, "InProgress", null, null, regions, cleanup);
        kept.putOperation(subscription, op);
        return op;
    }

    /** Registers what deletes one clean-up entry of a succeeded operation (quietly: the answer is given). */
    public void onCleanup(java.util.function.BiConsumer<String, String> cleaner) {
        this.cleaner = cleaner;
    }

    /** The async-operation URL of an operation. */
    public String asyncUrl(ArmRequest req, Kept.Operation op) {
        return req.baseUrl() + "/subscriptions/" + req.subscription() + "/providers/" + op.namespace()
                + "/locations/" + op.location() + "/operations/" + op.id() + "?api-version=" + req.apiVersion();
    }

    /** The reply's headers for an accepted operation: Azure-AsyncOperation, Retry-After and, when asked, Location. */
    public Reply accepted(Reply reply, ArmRequest req, Kept.Operation op, boolean location) {
        String url = asyncUrl(req, op);
        Reply out = reply.withHeader("Azure-AsyncOperation", url)
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
        if (location) {
            out = out.withHeader("Location", url.replace("?api-version=", "?monitor=true&api-version="));
        }
        return out;
    }

    /** GET of an operation URL: the status document, or for {@code monitor=true} 202 while running, then 200. */
    public Reply poll(ArmRequest req, String id, boolean monitor) {
        Kept.Operation op = kept.operation(req.subscription(), id).orElseThrow(() -> new ArmException(404,
                "NotFound", "The operation '" + id + "' was not found."));
        op = refresh(req.subscription(), op);
        if (monitor) {
            if (op.status().equals("InProgress")) {
                return accepted(Reply.empty(202), req, op, true);
            }
            if (op.status().equals("Failed")) {
                throw new ArmException(409, op.errorCode(), op.errorMessage());
            }
            return Reply.empty(200);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("startTime", op.startTime());
        if (op.endTime() != null) {
            body.put("endTime", op.endTime());
        }
        body.put("status", op.status());
        if (op.errorCode() != null) {
            ObjectNode error = body.putObject("error");
            error.put("code", op.errorCode());
            error.put("message", op.errorMessage());
        }
        body.put("name", op.id());
        Reply reply = Reply.ok(body);
        return op.status().equals("InProgress")
                ? reply.withHeader("Retry-After", Integer.toString(retryAfterSeconds)) : reply;
    }

    /** Asks the backend whether an operation in progress has reached its target, and keeps the verdict. */
    Kept.Operation refresh(String subscription, Kept.Operation op) {
        if (!op.status().equals("InProgress")) {
            return op;
        }
        var ready = readiness.get(op.kind());
        if (ready != null) {
            boolean done;
            try {
                done = ready.test(subscription, op);
            } catch (ArmException e) {
                // A watcher that finds its resource failed says so by throwing: the operation ends Failed with it.
                Kept.Operation failed = op.finish("Failed", clock.instant().toString(), e.code(), e.getMessage());
                kept.putOperation(subscription, failed);
                return failed;
            }
            if (!done) {
                return op;
            }
            Kept.Operation succeeded = op.finish("Succeeded", clock.instant().toString(), null, null);
            kept.putOperation(subscription, succeeded);
            return succeeded;
        }
        Map<String, Instance> found = new HashMap<>();
        if (!op.instanceIds().isEmpty()) {
            for (String region : op.regions()) {
                Cloud cloud = sessions.cloud(subscription, region);
                for (Instance i : cloud.instances(InstanceQuery.all())) {
                    found.put(i.id(), i);
                }
            }
        }
        boolean done = true;
        for (String id : op.instanceIds()) {
            Instance instance = found.get(id);
            InstanceState state = instance == null ? InstanceState.TERMINATED : instance.state();
            if (state == InstanceState.ERROR || (state == InstanceState.TERMINATED && !isDelete(op.kind()))) {
                Kept.Operation failed = op.finish("Failed", clock.instant().toString(), "OSProvisioningInternalError",
                        "The virtual machine '" + (instance == null ? id : instance.name()) + "' ended in state '"
                                + state + "' before the operation completed.");
                kept.putOperation(subscription, failed);
                return failed;
            }
            if (!target(op.kind()).contains(state)) {
                done = false;
            }
        }
        if (!done) {
            return op;
        }
        for (String entry : op.cleanup()) {
            cleaner.accept(subscription, entry);
        }
        Kept.Operation succeeded = op.finish("Succeeded", clock.instant().toString(), null, null);
        kept.putOperation(subscription, succeeded);
        return succeeded;
    }

    private static boolean isDelete(String kind) {
        return kind.equals("delete") || kind.equals("deleteGroup");
    }

    private static Set<InstanceState> target(String kind) {
        return switch (kind) {
            case "deallocate", "powerOff" -> Set.of(InstanceState.STOPPED);
            case "delete", "deleteGroup" -> Set.of(InstanceState.TERMINATED);
            default -> Set.of(InstanceState.RUNNING);
        };
    }
}
