package io.altostratus.gateway.eks.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.gateway.auth.AuthException;
import java.util.Objects;

/** An error as EKS answers it: the exception's name (sent as {@code x-amzn-ErrorType}), an HTTP status, a message. */
public final class EksException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String NOT_FOUND = "ResourceNotFoundException";
    public static final String IN_USE = "ResourceInUseException";
    public static final String INVALID_PARAMETER = "InvalidParameterException";
    public static final String INVALID_REQUEST = "InvalidRequestException";
    public static final String CLIENT = "ClientException";
    public static final String SERVER = "ServerException";
    /** The tag operations' own errors. */
    public static final String TAG_NOT_FOUND = "NotFoundException";
    public static final String BAD_REQUEST = "BadRequestException";

    private final int status;
    private final String type;

    public EksException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public static EksException invalidParameter(String message) {
        return new EksException(400, INVALID_PARAMETER, message);
    }

    public static EksException invalidRequest(String message) {
        return new EksException(400, INVALID_REQUEST, message);
    }

    public static EksException notFound(String message) {
        return new EksException(404, NOT_FOUND, message);
    }

    /** A backend's error in EKS's words: the EKS name it already carries, else one chosen by its portable code. */
    public static EksException of(AltoException e) {
        String message = e.getMessage() == null ? e.code().name() : e.getMessage();
        String provider = e.providerCode();
        if (NOT_FOUND.equals(provider)) {
            return new EksException(404, NOT_FOUND, message);
        }
        if (IN_USE.equals(provider)) {
            return new EksException(409, IN_USE, message);
        }
        if (INVALID_PARAMETER.equals(provider) || INVALID_REQUEST.equals(provider) || CLIENT.equals(provider)) {
            return new EksException(400, provider, message);
        }
        return switch (e.code()) {
            case NOT_FOUND -> new EksException(404, NOT_FOUND, message);
            case ALREADY_EXISTS, INVALID_STATE, DEPENDENCY_VIOLATION -> new EksException(409, IN_USE, message);
            case INVALID_PARAMETER -> new EksException(400, INVALID_PARAMETER, message);
            case UNSUPPORTED -> new EksException(400, INVALID_REQUEST, message);
            case QUOTA_EXCEEDED -> new EksException(400, "ResourceLimitExceededException", message);
            case THROTTLED -> new EksException(429, "ThrottlingException", message);
            case AUTH_FAILURE -> new EksException(403, "AccessDeniedException", message);
            case INSUFFICIENT_CAPACITY -> new EksException(503, "ServiceUnavailableException", message);
            default -> new EksException(500, SERVER, message);
        };
    }

    /** A failed signature in the names AWS's JSON services use. */
    public static EksException of(AuthException e) {
        return switch (e.error()) {
            case MISSING_AUTHENTICATION_TOKEN -> new EksException(403, "MissingAuthenticationTokenException",
                    e.getMessage());
            case AUTH_FAILURE -> new EksException(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
            case SIGNATURE_DOES_NOT_MATCH -> new EksException(403, "InvalidSignatureException", e.getMessage());
            case INCOMPLETE_SIGNATURE -> new EksException(400, "IncompleteSignatureException", e.getMessage());
            case REQUEST_EXPIRED -> new EksException(403, "InvalidSignatureException", e.getMessage());
        };
    }
}
