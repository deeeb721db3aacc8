package io.altostratus.azure.internal;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import java.time.Duration;
import java.util.Locale;

/**
 * Azure Resource Manager's errors as portable ones. ARM answers a failed call with its error JSON
 * ({@code {"error":{"code":"...","message":"..."}}}), and a long-running operation that fails says so in its
 * operation status ({@code {"status":"Failed","error":{...}}}); both become an {@link AltoException} whose provider
 * code is ARM's code as sent ({@code AllocationFailed}, {@code QuotaExceeded}, ...).
 *
 * <p>The portable codes have no "conflict": a 409 while another operation runs on the resource is retried (bounded)
 * and, when it persists, is {@code INVALID_STATE} with ARM's code ({@code Conflict}, {@code OperationNotAllowed},
 * ...) as the provider code.
 */
public final class ArmErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** For the {@link Retrier}: every HTTP failure of the SDK is ARM's to classify. */
    public static final Retrier.Failures<HttpResponseException> FAILURES =
            new Retrier.Failures<>(HttpResponseException.class, ArmErrors::isTransient, ArmErrors::translate);

    private ArmErrors() {
    }

    /** What one failed call said: the HTTP status (0 when unknown), ARM's code (or null) and message. */
    public record Failure(int httpStatus, String code, String message) {
    }

    public static Failure failure(HttpResponseException thrown) {
        HttpResponse response = thrown.getResponse();
        int status = response == null ? 0 : response.getStatusCode();
        String code = null;
        String message = null;
        if (thrown instanceof ManagementException m && m.getValue() != null) {
            ManagementError error = m.getValue();
            code = error.getCode();
            message = error.getMessage();
            // ARM nests the useful code one level down for some failures (a deployment's "Conflict" wrapping
            // "AllocationFailed"); the innermost known one says most.
            if (error.getDetails() != null) {
                for (ManagementError detail : error.getDetails()) {
                    if (detail.getCode() != null && codeOf(detail.getCode(), detail.getMessage(), 0)
                            != ErrorCode.PROVIDER_ERROR && isWrapper(code, message)) {
                        code = detail.getCode();
                        message = detail.getMessage();
                    }
                }
            }
        }
        if (message == null) {
            message = thrown.getMessage();
        }
        return new Failure(status, code, message);
    }

    /**
     * Whether a failed call may succeed unchanged a moment later: rate limits (429), 5xx, and a 409 while another
     * operation runs on the same resource ({@code OperationNotAllowed}/{@code Conflict} with "another operation"
     * wording, {@code RetryableError}); a 409 about a name or a state is final.
     */
    public static boolean isTransient(HttpResponseException thrown) {
        Failure f = failure(thrown);
        if (f.httpStatus() == 429 || f.httpStatus() >= 500) {
            return true;
        }
        return f.httpStatus() == 409 && isBusy(f.code(), f.message());
    }

    /**
     * Whether an outer error code only wraps the details that say what happened (a deployment's {@code Conflict} or
     * {@code DeploymentFailed} around {@code ZonalAllocationFailed}), or says nothing we map.
     */
    static boolean isWrapper(String code, String message) {
        String c = code == null ? "" : code;
        return c.equals("Conflict") || c.equals("DeploymentFailed") || c.equals("BadRequest")
                || c.equals("InternalOperationError") || codeOf(c, message, 0) == ErrorCode.PROVIDER_ERROR;
    }

    /** ARM's "a previous operation is still running on this resource". */
    static boolean isBusy(String code, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        String c = code == null ? "" : code;
        return c.equals("RetryableError") || c.equals("AnotherOperationInProgress")
                || m.contains("another operation") || m.contains("operation is in progress")
                || m.contains("is in progress on");
    }

    /** The server's {@code Retry-After} in seconds on a failed answer, or null. */
    public static Duration retryAfter(HttpResponseException thrown) {
        HttpResponse response = thrown.getResponse();
        if (response == null) {
            return null;
        }
        String value = response.getHeaderValue("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            // An HTTP date: ARM sends seconds, and a date from elsewhere is not worth trusting over our backoff.
            return null;
        }
    }

    public static AltoException translate(String operation, HttpResponseException thrown) {
        Failure f = failure(thrown);
        ErrorCode code = codeOf(f.code(), f.message(), f.httpStatus());
        String providerCode = f.code() != null ? f.code()
                : f.httpStatus() != 0 ? Integer.toString(f.httpStatus()) : thrown.getClass().getSimpleName();
        return new AltoException(code, providerCode, operation + ": " + firstLine(f.message()), thrown);
    }

    /**
     * The error of a long-running operation that ended Failed, from its status body
     * ({@code {"status":"Failed","error":{"code":...,"message":...}}}), as the portable error.
     */
    public static AltoException ofOperation(String operation, int httpStatus, String body, String fallback) {
        String code = null;
        String message = fallback;
        try {
            JsonNode root = body == null || body.isBlank() ? null : JSON.readTree(body);
            JsonNode error = root == null ? null : root.path("error");
            if (error != null && error.isObject()) {
                code = text(error.get("code"));
                message = text(error.get("message")) != null ? text(error.get("message")) : message;
                for (JsonNode detail : error.path("details")) {
                    String inner = text(detail.get("code"));
                    if (inner != null && isWrapper(code, message)
                            && codeOf(inner, text(detail.get("message")), 0) != ErrorCode.PROVIDER_ERROR) {
                        code = inner;
                        message = text(detail.get("message"));
                    }
                }
            }
        } catch (Exception e) {
            // Not ARM's JSON: keep the fallback message.
        }
        ErrorCode portable = codeOf(code, message, httpStatus == 200 ? 0 : httpStatus);
        return new AltoException(portable, code != null ? code : "OperationFailed",
                operation + ": " + firstLine(message == null ? "the operation failed" : message));
    }

    /**
     * The portable code for ARM's error code, its message (quota wording) and the HTTP status as a fallback.
     */
    public static ErrorCode codeOf(String armCode, String message, int httpStatus) {
        if (httpStatus == 401 || httpStatus == 403) {
            return ErrorCode.AUTH_FAILURE;
        }
        String c = armCode == null ? "" : armCode;
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        switch (c) {
            case "ResourceNotFound", "NotFound", "ResourceGroupNotFound", "ParentResourceNotFound",
                 "SubscriptionNotFound", "ImageNotFound", "PlatformImageNotFound", "ArtifactNotFound",
                 "NotFoundError", "InvalidResourceName404":
                return ErrorCode.NOT_FOUND;
            case "SkuNotAvailable", "AllocationFailed", "ZonalAllocationFailed", "OverconstrainedAllocationRequest",
                 "OverconstrainedZonalAllocationRequest", "SpotAllocationFailed":
                return ErrorCode.INSUFFICIENT_CAPACITY;
            case "QuotaExceeded", "OperationNotAllowedQuota", "SpotQuotaExceeded", "PublicIPCountLimitReached",
                 "LowPriorityQuotaExceeded":
                return ErrorCode.QUOTA_EXCEEDED;
            case "TooManyRequests", "SubscriptionRequestsThrottled", "ResourceGroupRequestsThrottled",
                 "ResourceRequestsThrottled":
                return ErrorCode.THROTTLED;
            case "AuthorizationFailed", "AuthenticationFailed", "InvalidAuthenticationToken",
                 "InvalidAuthenticationTokenTenant", "ExpiredAuthenticationToken", "LinkedAuthorizationFailed":
                return ErrorCode.AUTH_FAILURE;
            case "InvalidParameter", "InvalidRequestFormat", "BadRequest", "InvalidResourceName",
                 "InvalidTemplate", "LinkedInvalidPropertyId", "InvalidApiVersionParameter", "PropertyChangeNotAllowed",
                 "InvalidRequestContent", "MissingSubscriptionRegistration", "LocationNotAvailableForResourceType":
                return ErrorCode.INVALID_PARAMETER;
            case "OperationNotAllowed":
                // Azure reports exhausted cores quotas as OperationNotAllowed with quota wording.
                if (m.contains("quota")) {
                    return ErrorCode.QUOTA_EXCEEDED;
                }
                return httpStatus == 409 && isBusy(c, m) ? ErrorCode.INVALID_STATE : ErrorCode.INVALID_STATE;
            case "InUseSubnetCannotBeDeleted", "InUseNetworkSecurityGroupCannotBeDeleted",
                 "NicInUse", "PublicIPAddressInUse", "InUseRouteTableCannotBeDeleted":
                return ErrorCode.DEPENDENCY_VIOLATION;
            case "Conflict", "AnotherOperationInProgress", "RetryableError":
                return isBusy(c, m) || c.equals("AnotherOperationInProgress") || c.equals("RetryableError")
                        ? ErrorCode.INVALID_STATE : ErrorCode.ALREADY_EXISTS;
            default:
                break;
        }
        if (m.contains("quota") && (m.contains("exceed") || m.contains("limit"))) {
            return ErrorCode.QUOTA_EXCEEDED;
        }
        return switch (httpStatus) {
            case 400 -> ErrorCode.INVALID_PARAMETER;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.INVALID_STATE;
            case 429 -> ErrorCode.THROTTLED;
            default -> ErrorCode.PROVIDER_ERROR;
        };
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
