package io.altostratus.aws.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * EC2's error codes in portable terms: one table, applied to every SDK exception the provider sees. EC2's own code
 * always travels along as the provider code.
 */
public final class Ec2Errors {
    private static final Set<String> THROTTLING = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException",
            "RequestThrottled", "RequestThrottledException", "TooManyRequestsException", "SlowDown");
    private static final Set<String> SERVER = Set.of("InternalError", "InternalFailure", "ServiceUnavailable",
            "Unavailable", "ServerInternal");
    private static final Set<String> CAPACITY = Set.of("InsufficientInstanceCapacity", "InsufficientCapacity",
            "InsufficientHostCapacity", "InsufficientReservedInstanceCapacity", "SpotMaxPriceTooLow",
            "InsufficientCapacityOnHost", "MaxSpotInstanceCountExceeded");
    private static final Set<String> AUTH = Set.of("AuthFailure", "UnauthorizedOperation", "InvalidClientTokenId",
            "SignatureDoesNotMatch", "OptInRequired", "Blocked", "PendingVerification", "AccessDenied",
            "AccessDeniedException", "ExpiredToken", "IncompleteSignature", "MissingAuthenticationToken");
    private static final Set<String> INVALID_STATE = Set.of("IncorrectInstanceState", "IncorrectState",
            "OperationNotPermitted", "InvalidIPAddress.InUse", "Gateway.NotAttached", "VolumeInUse",
            "InvalidVolume.ZoneMismatch", "IncorrectSpotRequestState", "InvalidState", "InvalidAMIID.Unavailable",
            "UnsupportedOperation.InstanceState");
    private static final Set<String> ALREADY_EXISTS = Set.of("RouteAlreadyExists", "Resource.AlreadyAssociated",
            "IdempotentParameterMismatch", "InvalidParameterValue.AlreadyExists");
    private static final Set<String> UNSUPPORTED = Set.of("UnsupportedOperation", "Unsupported",
            "InvalidAction", "UnknownOperationException");

    /** For the {@link Retrier}: the SDK's exceptions are EC2's to classify; anything else is not a failed call. */
    public static final Retrier.Failures<SdkException> FAILURES =
            new Retrier.Failures<>(SdkException.class, Ec2Errors::isTransient, Ec2Errors::translate);

    private Ec2Errors() {
    }

    /** The portable code for one of EC2's error codes (HTTP status for codes EC2 does not name). */
    public static ErrorCode classify(String ec2Code, int httpStatus) {
        if (ec2Code == null || ec2Code.isBlank()) {
            return httpStatus >= 500 ? ErrorCode.PROVIDER_ERROR
                    : httpStatus == 401 || httpStatus == 403 ? ErrorCode.AUTH_FAILURE
                    : httpStatus == 404 ? ErrorCode.NOT_FOUND : ErrorCode.PROVIDER_ERROR;
        }
        if (THROTTLING.contains(ec2Code)) {
            return ErrorCode.THROTTLED;
        }
        if (CAPACITY.contains(ec2Code)) {
            return ErrorCode.INSUFFICIENT_CAPACITY;
        }
        if (AUTH.contains(ec2Code)) {
            return ErrorCode.AUTH_FAILURE;
        }
        if (INVALID_STATE.contains(ec2Code)) {
            return ErrorCode.INVALID_STATE;
        }
        if (ALREADY_EXISTS.contains(ec2Code) || ec2Code.endsWith(".Duplicate") || ec2Code.endsWith(".AlreadyExists")) {
            return ErrorCode.ALREADY_EXISTS;
        }
        if (ec2Code.equals("DependencyViolation")) {
            return ErrorCode.DEPENDENCY_VIOLATION;
        }
        if (UNSUPPORTED.contains(ec2Code)) {
            return ErrorCode.UNSUPPORTED;
        }
        if (ec2Code.endsWith(".NotFound") || ec2Code.endsWith("NotFound") || ec2Code.equals("ParameterNotFound")) {
            return ErrorCode.NOT_FOUND;
        }
        if (ec2Code.endsWith("LimitExceeded") || ec2Code.startsWith("InsufficientFreeAddresses")
                || ec2Code.equals("MaxIOPSLimitExceeded")) {
            return ErrorCode.QUOTA_EXCEEDED;
        }
        if (ec2Code.startsWith("Invalid") || ec2Code.endsWith(".Malformed") || ec2Code.startsWith("Missing")
                || ec2Code.equals("ValidationError") || ec2Code.equals("ValidationException")
                || ec2Code.startsWith("InvalidParameter") || ec2Code.equals("UnknownParameter")) {
            return ErrorCode.INVALID_PARAMETER;
        }
        if (SERVER.contains(ec2Code) || httpStatus >= 500) {
            return ErrorCode.PROVIDER_ERROR;
        }
        return ErrorCode.PROVIDER_ERROR;
    }

    /** Whether a failed call may succeed unchanged a moment later: throttling, 5xx, and lost connections. */
    public static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            // EC2 sends capacity shortages as 500s, but asking again at once for the same thing is no answer to them.
            if (CAPACITY.contains(code)) {
                return false;
            }
            return THROTTLING.contains(code) || SERVER.contains(code) || service.statusCode() >= 500
                    || service.isThrottlingException();
        }
        return e instanceof SdkClientException && !isMissingCredentials(e);
    }

    /**
     * Whether the SDK found no credentials at all. The SDK says so only in the message of a plain
     * SdkClientException; it is a set-up problem, never worth retrying, and its message lists every provider of the
     * chain, which is too long for a one-line error.
     */
    static boolean isMissingCredentials(SdkException e) {
        return e instanceof SdkClientException && e.getMessage() != null
                && e.getMessage().startsWith("Unable to load credentials");
    }

    /** EC2's error code of an SDK exception, or null when the failure never reached EC2. */
    private static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return null;
    }

    /** The SDK exception as an {@link AltoException}, keeping EC2's code and message. */
    public static AltoException translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            String message = service.awsErrorDetails() != null && service.awsErrorDetails().errorMessage() != null
                    ? service.awsErrorDetails().errorMessage() : service.getMessage();
            return new AltoException(classify(code, service.statusCode()), code,
                    operation + ": " + message + (code == null ? "" : " (" + code + ")"), e);
        }
        if (isMissingCredentials(e)) {
            return new AltoException(ErrorCode.AUTH_FAILURE, "MissingCredentials", "no AWS credentials found: set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, use --profile, or put access_key_id and "
                    + "secret_access_key in the [aws] section of alto.toml", e);
        }
        return new AltoException(ErrorCode.PROVIDER_ERROR, null, operation + ": " + e.getMessage(), e);
    }
}
