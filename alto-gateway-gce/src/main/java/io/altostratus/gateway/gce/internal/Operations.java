package io.altostratus.gateway.gce.internal;

import com.google.cloud.compute.v1.Error;
import com.google.cloud.compute.v1.Errors;
import com.google.cloud.compute.v1.Operation;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.store.StateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Compute Engine's long-running operations, kept in the gateway's {@link StateStore} (durable, shared by the
 * processes on one state directory).
 *
 * <p>Every mutating call runs its backend call before it answers, so the operation records a call that has been
 * made. What it still waits for is the backend reaching the state Compute Engine's operation waits for: a stop is
 * DONE when the instance is stopped, a start and an insert when it runs (so a client that waits on an insert finds
 * a RUNNING instance, as {@code gcloud compute instances create} does), a delete when the instance is gone, an image
 * insert when the image is available; reset and setLabels are DONE at once. Such operations answer {@code RUNNING}
 * until then; a backend failure of the launch itself (capacity, quota) is a DONE operation with Google's error. No
 * thread watches them: every read ({@code get}, {@code wait}, {@code list}) asks the backend and records completion,
 * the same way the local cloud settles its states from timestamps.
 */
public final class Operations {
    public static final String KIND = "gce-operation";
    public static final String REQUEST_KIND = "gce-request";
    private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Which operation a client's {@code requestId} started. */
    public record RequestDoc(String scope, String operation) {
    }

    /** What an operation waits for before it is DONE. */
    public enum Until {
        NOTHING, INSTANCE_RUNNING, INSTANCE_STOPPED, INSTANCE_SUSPENDED, INSTANCE_GONE, IMAGE_READY, DISK_READY,
        SNAPSHOT_READY
    }

    /**
     * @param json      the Operation as the wire shows it
     * @param region    the backend region of the target
     * @param backendId the backend id of the target, when {@code until} needs one
     */
    public record Doc(String json, Until until, String region, String backendId) {
    }

    private final StateStore store;
    private final Sessions sessions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Operations(StateStore store, Sessions sessions, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * Records an operation whose backend call has been made.
     *
     * @param scope {@code zones/z}, {@code regions/r} or {@code global}
     */
    public Operation record(Request req, String scope, String type, String targetLink, long targetId, Until until,
                            String region, String backendId) {
        String now = Ids.timestamp(clock.instant());
        Operation.Builder op = base(req, scope, type, targetLink, targetId).setInsertTime(now).setStartTime(now);
        if (until == Until.NOTHING) {
            op.setStatus(Operation.Status.DONE).setProgress(100).setEndTime(now);
        } else {
            op.setStatus(Operation.Status.RUNNING).setProgress(0);
        }
        Operation built = op.build();
        put(req.project(), built, new Doc(Json.printString(built), until, region, backendId));
        return built;
    }

    /** Records an operation that failed in the backend: DONE, with Google's error code and the HTTP status. */
    public Operation recordFailure(Request req, String scope, String type, String targetLink, long targetId,
                                   String code, String message, int httpStatus, String httpMessage) {
        String now = Ids.timestamp(clock.instant());
        Operation built = base(req, scope, type, targetLink, targetId).setInsertTime(now).setStartTime(now)
                .setEndTime(now).setStatus(Operation.Status.DONE).setProgress(100)
                .setError(Error.newBuilder().addErrors(Errors.newBuilder().setCode(code).setMessage(message)))
                .setHttpErrorStatusCode(httpStatus).setHttpErrorMessage(httpMessage).build();
        put(req.project(), built, new Doc(Json.printString(built), Until.NOTHING, null, null));
        return built;
    }

    private Operation.Builder base(Request req, String scope, String type, String targetLink, long targetId) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        String name = "operation-" + clock.millis() + "-" + HexFormat.of().formatHex(bytes);
        Operation.Builder op = Operation.newBuilder().setKind("compute#operation")
                .setId(Ids.stable(req.project(), name)).setName(name).setOperationType(type)
                .setTargetLink(targetLink).setUser(req.user())
                .setSelfLink(req.links().operation(req.project(), scope, name));
        if (targetId != 0) {
            op.setTargetId(targetId);
        }
        if (scope.startsWith("zones/")) {
            op.setZone(req.links().zone(req.project(), scope.substring("zones/".length())));
        } else if (scope.startsWith("regions/")) {
            op.setRegion(req.links().region(req.project(), scope.substring("regions/".length())));
        }
        return op;
    }

    private void put(String project, Operation op, Doc doc) {
        store.write(tx -> {
            tx.put(KIND, project, op.getName(), doc);
            return null;
        });
    }

    /** The operation in that scope, brought up to date, or Google's 404. */
    public Operation get(String project, String scope, String name) {
        Optional<Doc> doc = store.read(view -> view.get(KIND, project, name, Doc.class));
        Operation op = doc.map(d -> Json.parse(d.json().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Operation.newBuilder()).build()).filter(o -> scope.equals(scopeOf(o)))
                .orElseThrow(() -> GceException.notFound("projects/" + project + "/" + scope + "/operations/" + name));
        return refresh(project, op, doc.get());
    }

    /** Blocks until the operation is DONE or {@code bound} has passed, then answers its state (as GCE's wait does). */
    public Operation await(String project, String scope, String name, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        Operation op = get(project, scope, name);
        long pause = Duration.ofMillis(10).toNanos();
        while (!isDone(op) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Math.min(pause, Math.max(0, deadline - System.nanoTime())));
            pause = Math.min(pause * 2, Duration.ofMillis(200).toNanos());
            op = get(project, scope, name);
        }
        return op;
    }

    /** Every operation of a scope, brought up to date, in name order. */
    public List<Operation> list(String project, String scope) {
        List<Doc> docs = store.read(view -> view.list(KIND, project, Doc.class));
        return docs.stream().map(d -> {
            Operation op = Json.parse(d.json().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Operation.newBuilder()).build();
            return scope.equals(scopeOf(op)) ? refresh(project, op, d) : null;
        }).filter(java.util.Objects::nonNull).sorted(java.util.Comparator.comparing(Operation::getName)).toList();
    }

    public void delete(String project, String scope, String name) {
        get(project, scope, name);
        store.write(tx -> {
            tx.delete(KIND, project, name);
            return null;
        });
    }

    /**
     * The operation an earlier call with this {@code requestId} started, so a retried mutation (the official
     * clients send a fresh UUID per call and reuse it on retries) answers that operation instead of acting twice.
     * Empty for a new id, or when that operation has since been deleted.
     */
    public Optional<Operation> byRequestId(String project, String requestId) {
        if (!UUID.matcher(requestId).matches() || requestId.equals("00000000-0000-0000-0000-000000000000")) {
            throw GceException.invalid("Invalid value for field 'requestId': '" + requestId
                    + "'. The request ID must be a valid UUID with the exception that zero UUID is not supported.");
        }
        Optional<RequestDoc> doc = store.read(view -> view.get(REQUEST_KIND, project, requestId.toLowerCase(
                java.util.Locale.ROOT), RequestDoc.class));
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(get(project, doc.get().scope(), doc.get().operation()));
        } catch (GceException gone) {
            return Optional.empty();
        }
    }

    public void rememberRequest(String project, String requestId, Operation op) {
        store.write(tx -> {
            tx.put(REQUEST_KIND, project, requestId.toLowerCase(java.util.Locale.ROOT),
                    new RequestDoc(scopeOf(op), op.getName()));
            return null;
        });
    }

    public static boolean isDone(Operation op) {
        return op.getStatus() == Operation.Status.DONE;
    }

    private static String scopeOf(Operation op) {
        String link = Links.relative(op.getSelfLink());
        int ops = link.indexOf("/operations/");
        String beforeOps = link.substring(0, ops);
        String[] parts = beforeOps.split("/");
        // projects/p/zones/z | projects/p/regions/r | projects/p/global
        return parts.length >= 4 ? parts[2] + "/" + parts[3] : parts[2];
    }

    private Operation refresh(String project, Operation op, Doc doc) {
        if (isDone(op) || doc.until() == Until.NOTHING) {
            return op;
        }
        String failure = null;
        boolean done;
        try {
            done = switch (doc.until()) {
                case IMAGE_READY -> {
                    Image image = sessions.cloud(project, doc.region()).images(
                            new io.altostratus.core.query.ImageQuery(java.util.Set.of(doc.backendId()), null, null,
                                    null, null, null, null)).stream().findFirst().orElse(null);
                    if (image != null && "failed".equals(image.state())) {
                        failure = "The image failed to be created";
                    }
                    yield image == null || !Image.PENDING.equals(image.state());
                }
                case DISK_READY -> {
                    List<io.altostratus.core.model.Volume> volumes = sessions.cloud(project, doc.region())
                            .require(io.altostratus.core.ext.Volumes.class).volumes(List.of(doc.backendId()));
                    yield volumes.isEmpty() || !"creating".equals(volumes.get(0).state());
                }
                case SNAPSHOT_READY -> {
                    var snapshot = sessions.cloud(project, doc.region())
                            .require(io.altostratus.core.ext.Snapshots.class).snapshots().stream()
                            .filter(s -> s.id().equals(doc.backendId())).findFirst();
                    if (snapshot.isPresent() && "error".equals(snapshot.get().state())) {
                        failure = "The snapshot failed to be created";
                    }
                    yield snapshot.isEmpty() || !"pending".equals(snapshot.get().state());
                }
                case INSTANCE_GONE -> {
                    Instance instance = sessions.cloud(project, doc.region()).instance(doc.backendId());
                    yield instance.state() == InstanceState.TERMINATED;
                }
                default -> {
                    Instance instance = sessions.cloud(project, doc.region()).instance(doc.backendId());
                    InstanceState want = switch (doc.until()) {
                        case INSTANCE_RUNNING -> InstanceState.RUNNING;
                        case INSTANCE_SUSPENDED -> InstanceState.SUSPENDED;
                        default -> InstanceState.STOPPED;
                    };
                    if (instance.state() == InstanceState.TERMINATED || instance.state() == InstanceState.ERROR) {
                        failure = "The instance is " + instance.stateName();
                        yield true;
                    }
                    yield instance.state() == want;
                }
            };
        } catch (AltoException e) {
            if (e.code() != io.altostratus.core.error.ErrorCode.NOT_FOUND) {
                throw e;
            }
            // A deleted target has nothing left to wait for; for a delete that is success.
            done = true;
            if (doc.until() != Until.INSTANCE_GONE) {
                failure = "The resource '" + Links.relative(op.getTargetLink()) + "' was not found";
            }
        }
        if (!done) {
            return op;
        }
        Operation.Builder finished = op.toBuilder().setStatus(Operation.Status.DONE).setProgress(100)
                .setEndTime(Ids.timestamp(clock.instant()));
        if (failure != null) {
            finished.setError(Error.newBuilder().addErrors(Errors.newBuilder().setCode("RESOURCE_NOT_READY")
                    .setMessage(failure))).setHttpErrorStatusCode(400).setHttpErrorMessage("BAD REQUEST");
        }
        Operation built = finished.build();
        store.write(tx -> {
            tx.put(KIND, project, built.getName(), new Doc(Json.printString(built), Until.NOTHING, null, null));
            return null;
        });
        return built;
    }
}
