package io.altostratus.gateway.arm.internal;

import io.altostratus.core.error.AltoException;
import java.util.Map;

/**
 * A failure answered in Azure Resource Manager's shape: an HTTP status and {@code {"error":{"code","message"}}} with
 * ARM's own codes. {@link #from} maps the core's portable errors to the codes ARM gives for the same situation.
 */
public final class ArmException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public ArmException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ArmException(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra response headers (Retry-After for throttling). */
    public Map<String, String> headers() {
        return headers;
    }

    public static ArmException resourceNotFound(String type, String name, String group) {
        return new ArmException(404, "ResourceNotFound", "The Resource '" + type + "/" + name
                + "' under resource group '" + group + "' was not found. For more details please go to "
                + "https://aka.ms/ARMResourceNotFoundFix");
    }

    public static ArmException groupNotFound(String group) {
        return new ArmException(404, "ResourceGroupNotFound", "Resource group '" + group + "' could not be found.");
    }

    public static ArmException invalid(String message) {
        return new ArmException(400, "InvalidParameter", message);
    }

    public static ArmException pathNotFound(String path) {
        return new ArmException(404, "NotFound", "No HTTP resource was found that matches the request URI '"
                + path + "'.");
    }

    public static ArmException methodNotAllowed(String method) {
        return new ArmException(405, "MethodNotAllowed", "The requested resource does not support http method '"
                + method + "'.");
    }

    /**
     * A VM create over an account limit, as Compute answers one over a cores quota: 409 {@code OperationNotAllowed}
     * whose message says which quota and where (clients, ours included, tell it from other refusals by the word
     * "quota"). Other resources' limits keep {@link #from}'s {@code QuotaExceeded}.
     */
    public static ArmException coresQuota(String location, AltoException e) {
        return new ArmException(409, "OperationNotAllowed", "Operation could not be completed as it results in "
                + "exceeding approved cores quota. Additional details - Deployment Model: Resource Manager, "
                + "Location: " + location + ". " + (e.getMessage() == null ? "" : e.getMessage()));
    }

    /**
     * The core's portable error as ARM would answer it. Capacity errors keep the provider's own Azure code when it is
     * one of ARM's ({@code SkuNotAvailable}, {@code ZonalAllocationFailed}), else {@code AllocationFailed}.
     */
    public static ArmException from(AltoException e, boolean zonal) {
        String message = e.getMessage() == null ? e.code().name() : e.getMessage();
        String providerCode = e.providerCode();
        return switch (e.code()) {
            case NOT_FOUND -> new ArmException(404, "NotFound", message);
            case INVALID_PARAMETER -> new ArmException(400, "InvalidParameter", message);
            case INVALID_STATE -> new ArmException(409, "OperationNotAllowed", message);
            case ALREADY_EXISTS -> new ArmException(409, "Conflict", message);
            case DEPENDENCY_VIOLATION -> new ArmException(409, "Conflict", message);
            case THROTTLED -> new ArmException(429, "TooManyRequests", message, Map.of("Retry-After", "1"));
            case INSUFFICIENT_CAPACITY -> {
                if ("SkuNotAvailable".equals(providerCode) || "ZonalAllocationFailed".equals(providerCode)) {
                    yield new ArmException(409, providerCode, message);
                }
                yield new ArmException(409, zonal ? "ZonalAllocationFailed" : "AllocationFailed", message);
            }
            case QUOTA_EXCEEDED -> new ArmException(409, "QuotaExceeded", message);
            case AUTH_FAILURE -> new ArmException(403, "AuthorizationFailed", message);
            case UNSUPPORTED -> new ArmException(400, "OperationNotAllowed", message);
            case TIMEOUT -> new ArmException(504, "GatewayTimeout", message);
            case PROVIDER_ERROR -> new ArmException(500, "InternalServerError", message);
        };
    }
}
