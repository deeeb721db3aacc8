package io.altostratus.gcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.httpjson.HttpJsonStatusRuntimeException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.compute.v1.Errors;
import com.google.cloud.compute.v1.Operation;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;

/**
 * Compute Engine's errors as portable ones. GCE reports a failure in two places: the HTTP answer of the call
 * (Google's error JSON, whose {@code errors[].reason} says what happened: {@code notFound}, {@code rateLimitExceeded},
 * ...) and, for mutating calls, the {@code error} of the operation once it is DONE (codes such as
 * {@code ZONE_RESOURCE_POOL_EXHAUSTED} or {@code QUOTA_EXCEEDED}). Both become an {@link AltoException} whose
 * provider code is Google's reason or code as sent.
 */
public final class GceErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** For the {@link Retrier}: every failure of Google's client is GCE's to classify. */
    public static final Retrier.Failures<RuntimeException> FAILURES =
            new Retrier.Failures<>(RuntimeException.class, GceErrors::isTransient, GceErrors::translate);

    private GceErrors() {
    }

    /** What one failed HTTP call said: the status, Google's reason (or null) and its message. */
    public record Failure(int httpStatus, String reason, String message) {
    }

    /** Reads the HTTP status and Google's reason out of whatever the client threw. */
    public static Failure failure(Throwable thrown) {
        int status = 0;
        String body = null;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException http) {
                status = status == 0 ? http.getStatusCode() : status;
                body = body == null ? http.getContent() : body;
            } else if (t instanceof HttpJsonStatusRuntimeException s) {
                status = status == 0 ? s.getStatusCode() : status;
                body = body == null ? s.getMessage() : body;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (status == 0 && thrown instanceof ApiException api) {
            status = httpStatusOf(api.getStatusCode());
        }
        String reason = null;
        String message = null;
        JsonNode error = parseError(body);
        if (error != null) {
            JsonNode first = error.path("errors").path(0);
            reason = text(first.get("reason"));
            message = text(error.get("message"));
            if (reason == null) {
                // Newer answers carry only the google.rpc shape: details[].reason of an ErrorInfo, or the status.
                for (JsonNode detail : error.path("details")) {
                    reason = reason == null ? text(detail.get("reason")) : reason;
                }
                reason = reason == null ? text(error.get("status")) : reason;
            }
        }
        if (reason == null && thrown instanceof ApiException api && api.getReason() != null) {
            reason = api.getReason();
        }
        if (message == null) {
            message = thrown.getMessage();
        }
        return new Failure(status, reason, message);
    }

    /** Whether a failed call is worth repeating unchanged: rate limits, 5xx and lost connections. */
    public static boolean isTransient(Throwable thrown) {
        Failure f = failure(thrown);
        if (isRateLimit(f)) {
            return true;
        }
        if (f.httpStatus() >= 500) {
            return true;
        }
        return f.httpStatus() == 0 && thrown instanceof ApiException api
                && (api.getStatusCode().getCode() == StatusCode.Code.UNAVAILABLE
                || api.getStatusCode().getCode() == StatusCode.Code.DEADLINE_EXCEEDED);
    }

    static boolean isRateLimit(Failure f) {
        if (f.httpStatus() == 429) {
            return true;
        }
        String r = f.reason() == null ? "" : f.reason();
        return r.equals("rateLimitExceeded") || r.equals("userRateLimitExceeded") || r.equals("RATE_LIMIT_EXCEEDED");
    }

    /** A failed call as the portable error. */
    public static AltoException translate(String operation, Throwable thrown) {
        if (thrown instanceof AltoException a) {
            return a;
        }
        Failure f = failure(thrown);
        ErrorCode code = isRateLimit(f) ? ErrorCode.THROTTLED : codeOf(f.reason(), f.httpStatus());
        String providerCode = f.reason() != null ? f.reason()
                : f.httpStatus() != 0 ? Integer.toString(f.httpStatus()) : thrown.getClass().getSimpleName();
        return new AltoException(code, providerCode, operation + ": " + firstLine(f.message()), thrown);
    }

    /** The error of an operation that ended DONE with one, as the portable error; null when it succeeded. */
    public static AltoException of(String operation, Operation done) {
        if (!done.hasError() || done.getError().getErrorsCount() == 0) {
            return null;
        }
        Errors first = done.getError().getErrors(0);
        ErrorCode code = codeOf(first.getCode(), done.getHttpErrorStatusCode());
        return new AltoException(code, first.getCode(), operation + ": " + first.getMessage());
    }

    /**
     * The portable code for Google's reason (of an HTTP error) or code (of an operation error), falling back to the
     * HTTP status when the reason is one this table does not know.
     */
    public static ErrorCode codeOf(String reason, int httpStatus) {
        // A 401 is about the caller whatever its reason: Google answers a missing credential with reason "required"
        // ("Login Required"), which would otherwise read as a missing parameter.
        if (httpStatus == 401) {
            return ErrorCode.AUTH_FAILURE;
        }
        String r = reason == null ? "" : reason;
        switch (r) {
            case "notFound", "RESOURCE_NOT_FOUND", "NOT_FOUND":
                return ErrorCode.NOT_FOUND;
            case "alreadyExists", "RESOURCE_ALREADY_EXISTS", "ALREADY_EXISTS", "conflict":
                return ErrorCode.ALREADY_EXISTS;
            case "rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED":
                return ErrorCode.THROTTLED;
            case "ZONE_RESOURCE_POOL_EXHAUSTED", "ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS", "resourcesExhausted",
                 "RESOURCE_POOL_EXHAUSTED", "STOCKOUT", "resource_availability":
                return ErrorCode.INSUFFICIENT_CAPACITY;
            case "QUOTA_EXCEEDED", "quotaExceeded", "QUOTA_LIMIT_EXCEEDED":
                return ErrorCode.QUOTA_EXCEEDED;
            case "RESOURCE_NOT_READY", "resourceNotReady", "UNSUPPORTED_OPERATION", "failedPrecondition":
                return ErrorCode.INVALID_STATE;
            case "RESOURCE_IN_USE_BY_ANOTHER_RESOURCE", "resourceInUseByAnotherResource":
                return ErrorCode.DEPENDENCY_VIOLATION;
            case "invalid", "required", "badRequest", "invalidParameter", "INVALID_FIELD_VALUE",
                 "INVALID_USAGE", "REQUIRED_FIELD_MISSING", "BAD_REQUEST":
                return ErrorCode.INVALID_PARAMETER;
            case "forbidden", "insufficientPermissions", "authError", "PERMISSION_DENIED", "UNAUTHENTICATED",
                 "accessNotConfigured":
                return ErrorCode.AUTH_FAILURE;
            default:
                break;
        }
        return switch (httpStatus) {
            case 400 -> ErrorCode.INVALID_PARAMETER;
            case 401, 403 -> ErrorCode.AUTH_FAILURE;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.ALREADY_EXISTS;
            case 412 -> ErrorCode.INVALID_STATE;
            case 429 -> ErrorCode.THROTTLED;
            default -> ErrorCode.PROVIDER_ERROR;
        };
    }

    private static int httpStatusOf(StatusCode status) {
        return switch (status.getCode()) {
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case INVALID_ARGUMENT, OUT_OF_RANGE -> 400;
            case FAILED_PRECONDITION -> 412;
            case PERMISSION_DENIED -> 403;
            case UNAUTHENTICATED -> 401;
            case RESOURCE_EXHAUSTED -> 429;
            case UNAVAILABLE -> 503;
            case INTERNAL, UNKNOWN, DATA_LOSS -> 500;
            case DEADLINE_EXCEEDED -> 504;
            default -> 0;
        };
    }

    private static JsonNode parseError(String body) {
        if (body == null) {
            return null;
        }
        int start = body.indexOf('{');
        if (start < 0) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(body.substring(start));
            JsonNode error = root.get("error");
            return error != null && error.isObject() ? error : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "failed";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
