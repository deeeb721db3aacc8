package io.altostratus.aws.clusters;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * EKS's exceptions in portable terms. EKS's exception name always travels along as the provider code, which is also
 * what {@link io.altostratus.core.clusters.ClusterErrors} uses, so an error from EKS and the same error from the
 * local cloud carry one code.
 */
final class EksErrors {
    private static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling",
            "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottledException");
    /** Worth asking again unchanged: EKS says so for propagation delays and its own outages. */
    private static final Set<String> SERVER = Set.of("ServerException", "ServiceUnavailableException",
            "InternalFailure", "ResourcePropagationDelayException");
    private static final Set<String> AUTH = Set.of("AccessDeniedException", "UnrecognizedClientException",
            "InvalidSignatureException", "ExpiredTokenException", "MissingAuthenticationTokenException",
            "IncompleteSignature", "InvalidClientTokenId", "SignatureDoesNotMatch", "NotAuthorizedException");

    static final Retrier.Failures<SdkException> FAILURES =
            new Retrier.Failures<>(SdkException.class, EksErrors::isTransient, EksErrors::translate);

    private EksErrors() {
    }

    /**
     * The portable code for one of EKS's exception names. ResourceInUseException covers three situations EKS tells
     * apart only in its message: a name already taken, a cluster that still has node groups, and a change to
     * something busy with another.
     */
    static ErrorCode classify(String code, int httpStatus, String message) {
        if (code == null || code.isBlank()) {
            return httpStatus == 404 ? ErrorCode.NOT_FOUND
                    : httpStatus == 401 || httpStatus == 403 ? ErrorCode.AUTH_FAILURE
                    : httpStatus == 429 ? ErrorCode.THROTTLED : ErrorCode.PROVIDER_ERROR;
        }
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return switch (code) {
            case "ResourceNotFoundException", "NotFoundException" -> ErrorCode.NOT_FOUND;
            case "ResourceInUseException" -> text.contains("already exists") ? ErrorCode.ALREADY_EXISTS
                    : text.contains("attached") || text.contains("has nodegroups") || text.contains("dependen")
                    ? ErrorCode.DEPENDENCY_VIOLATION : ErrorCode.INVALID_STATE;
            case "InvalidParameterException", "BadRequestException", "ValidationException" ->
                    ErrorCode.INVALID_PARAMETER;
            // "The request is invalid given the state of the cluster": a call that may work once the state changes.
            case "InvalidRequestException" -> ErrorCode.INVALID_STATE;
            // ClientException is EKS's catch-all for the caller's side, permissions included.
            case "ClientException" -> text.contains("not authorized") || text.contains("access denied")
                    || text.contains("accessdenied") ? ErrorCode.AUTH_FAILURE : ErrorCode.INVALID_PARAMETER;
            case "ResourceLimitExceededException", "ServiceQuotaExceededException" -> ErrorCode.QUOTA_EXCEEDED;
            case "UnsupportedAvailabilityZoneException", "InsufficientCapacityException" ->
                    ErrorCode.INSUFFICIENT_CAPACITY;
            default -> THROTTLING.contains(code) ? ErrorCode.THROTTLED
                    : AUTH.contains(code) ? ErrorCode.AUTH_FAILURE
                    : httpStatus == 404 ? ErrorCode.NOT_FOUND
                    : ErrorCode.PROVIDER_ERROR;
        };
    }

    /** Throttling, EKS's own failures and lost connections; never a missing credential. */
    static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            return (code != null && (THROTTLING.contains(code) || SERVER.contains(code)))
                    || service.statusCode() >= 500 || service.isThrottlingException();
        }
        return e instanceof SdkClientException && !isMissingCredentials(e);
    }

    /** The SDK says it found no credentials only in the message of a plain SdkClientException. */
    private static boolean isMissingCredentials(SdkException e) {
        return e instanceof SdkClientException && e.getMessage() != null
                && e.getMessage().startsWith("Unable to load credentials");
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
    }

    /** The SDK exception as an {@link AltoException} with EKS's exception name and message. */
    static AltoException translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            String message = service.awsErrorDetails() != null && service.awsErrorDetails().errorMessage() != null
                    ? service.awsErrorDetails().errorMessage() : service.getMessage();
            return new AltoException(classify(code, service.statusCode(), message), code,
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
