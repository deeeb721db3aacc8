package io.altostratus.core.error;

import java.util.Objects;

/**
 * The one exception type of the Altostratus API. It says what went wrong portably ({@link #code()}) and keeps
 * what the provider said ({@link #providerCode()}, e.g. EC2's {@code InvalidInstanceID.NotFound}).
 */
public class AltoException extends RuntimeException {
    private final ErrorCode code;
    private final String providerCode;

    public AltoException(ErrorCode code, String providerCode, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.providerCode = providerCode;
    }

    public AltoException(ErrorCode code, String providerCode, String message) {
        this(code, providerCode, message, null);
    }

    public AltoException(ErrorCode code, String message) {
        this(code, null, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The provider's own error code, or null when the error did not come from a provider. */
    public String providerCode() {
        return providerCode;
    }

    public static AltoException notFound(String providerCode, String message) {
        return new AltoException(ErrorCode.NOT_FOUND, providerCode, message);
    }

    public static AltoException invalid(String providerCode, String message) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, providerCode, message);
    }

    public static AltoException unsupported(String provider, String operation) {
        return new AltoException(ErrorCode.UNSUPPORTED, "UnsupportedOperation",
                "provider '" + provider + "' does not support " + operation);
    }
}
