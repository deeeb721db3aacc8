package io.altostratus.gateway.gke.internal;

import io.altostratus.core.error.AltoException;

/**
 * A failure answered with Google's error document: the HTTP status, the canonical status word ({@code NOT_FOUND},
 * {@code ALREADY_EXISTS}, {@code INVALID_ARGUMENT}, ...), the legacy reason and the message. {@link #from} maps the
 * portable codes onto GKE's in one place.
 */
public final class GkeException extends RuntimeException {
    private final int status;
    private final String canonical;
    private final String reason;

    public GkeException(int status, String canonical, String reason, String message) {
        super(message);
        this.status = status;
        this.canonical = canonical;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String canonical() {
        return canonical;
    }

    public String reason() {
        return reason;
    }

    public static GkeException notFound(String message) {
        return new GkeException(404, "NOT_FOUND", "notFound", message);
    }

    public static GkeException invalid(String message) {
        return new GkeException(400, "INVALID_ARGUMENT", "badRequest", message);
    }

    public static GkeException failedPrecondition(String message) {
        return new GkeException(400, "FAILED_PRECONDITION", "failedPrecondition", message);
    }

    /** A path or verb this endpoint does not serve. */
    public static GkeException unknownPath(String method, String path) {
        return notFound("Method not found: " + method + " " + path);
    }

    /** The portable error of a backend call, in GKE's words; {@code what} names the resource the call was about. */
    public static GkeException from(AltoException e, String what) {
        String detail = e.getMessage();
        return switch (e.code()) {
            case NOT_FOUND -> notFound("Not found: " + what + ".");
            case ALREADY_EXISTS -> new GkeException(409, "ALREADY_EXISTS", "alreadyExists",
                    "Already exists: " + what + ".");
            case INVALID_PARAMETER -> invalid(detail);
            case INVALID_STATE, DEPENDENCY_VIOLATION -> failedPrecondition(detail);
            case THROTTLED -> new GkeException(429, "RESOURCE_EXHAUSTED", "rateLimitExceeded", detail);
            case INSUFFICIENT_CAPACITY -> new GkeException(503, "UNAVAILABLE", "backendError", detail);
            case QUOTA_EXCEEDED -> new GkeException(403, "RESOURCE_EXHAUSTED", "quotaExceeded", detail);
            case AUTH_FAILURE -> new GkeException(403, "PERMISSION_DENIED", "forbidden", detail);
            case UNSUPPORTED -> invalid(detail);
            case TIMEOUT -> new GkeException(503, "UNAVAILABLE", "backendError", detail);
            default -> new GkeException(500, "INTERNAL", "backendError", detail);
        };
    }
}
