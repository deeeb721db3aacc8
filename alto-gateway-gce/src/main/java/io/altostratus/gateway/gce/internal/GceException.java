package io.altostratus.gateway.gce.internal;

import io.altostratus.core.error.AltoException;

/**
 * A failure answered with Google's error document: the HTTP status, Google's reason ({@code notFound},
 * {@code alreadyExists}, {@code invalid}, ...) and the message. Every error the GCE front answers is one of these;
 * {@link #from(AltoException, String)} maps the portable codes onto Google's in one place.
 */
public final class GceException extends RuntimeException {
    private final int status;
    private final String reason;

    public GceException(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public static GceException notFound(String resourcePath) {
        return new GceException(404, "notFound", "The resource '" + resourcePath + "' was not found");
    }

    public static GceException alreadyExists(String resourcePath) {
        return new GceException(409, "alreadyExists", "The resource '" + resourcePath + "' already exists");
    }

    public static GceException invalid(String message) {
        return new GceException(400, "invalid", message);
    }

    public static GceException required(String message) {
        return new GceException(400, "required", message);
    }

    public static GceException badRequest(String message) {
        return new GceException(400, "badRequest", message);
    }

    public static GceException notReady(String resourcePath, String message) {
        return new GceException(400, "resourceNotReady", "The resource '" + resourcePath + "' is not ready"
                + (message == null ? "" : ": " + message));
    }

    /** Google's answer for a feature this backend does not offer. */
    public static GceException unsupported(String what) {
        return new GceException(400, "badRequest", what + " is not supported by this endpoint's backend");
    }

    /**
     * The portable error of a backend call, in Google's words. {@code resourcePath} names the resource the call was
     * about ({@code projects/p/zones/z/instances/x}) for messages that quote it, as Google's do.
     */
    public static GceException from(AltoException e, String resourcePath) {
        String detail = e.getMessage();
        return switch (e.code()) {
            case NOT_FOUND -> notFound(resourcePath);
            case ALREADY_EXISTS -> alreadyExists(resourcePath);
            case INVALID_PARAMETER -> invalid("Invalid value for field '" + resourcePath + "': " + detail);
            case INVALID_STATE -> notReady(resourcePath, detail);
            case DEPENDENCY_VIOLATION -> new GceException(400, "resourceInUseByAnotherResource",
                    "The resource '" + resourcePath + "' is already being used: " + detail);
            case THROTTLED -> new GceException(429, "rateLimitExceeded", "Rate Limit Exceeded: " + detail);
            case INSUFFICIENT_CAPACITY -> new GceException(503, "ZONE_RESOURCE_POOL_EXHAUSTED", detail);
            case QUOTA_EXCEEDED -> new GceException(403, "QUOTA_EXCEEDED", "Quota exceeded: " + detail);
            case AUTH_FAILURE -> new GceException(403, "forbidden", detail);
            case UNSUPPORTED -> new GceException(400, "badRequest", detail);
            case TIMEOUT -> new GceException(503, "backendError", detail);
            default -> new GceException(500, "backendError", detail);
        };
    }
}
