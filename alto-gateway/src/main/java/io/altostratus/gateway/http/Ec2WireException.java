package io.altostratus.gateway.http;

import io.altostratus.core.error.AltoException;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An EC2 error to send back: HTTP status, EC2 code and a message that is safe to show the client. Dispatchers throw
 * it (or an {@link AltoException}, which the front turns into one with {@link #from(AltoException)}); the front
 * renders it as EC2's XML error document.
 */
public final class Ec2WireException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern EC2_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)*");

    private final int httpStatus;
    private final String code;

    /**
     * @param httpStatus the HTTP status, 400..599
     * @param code       EC2's error code, e.g. {@code InvalidInstanceID.NotFound}
     * @param message    the message for the client
     */
    public Ec2WireException(int httpStatus, String code, String message) {
        this(httpStatus, code, message, null);
    }

    public Ec2WireException(int httpStatus, String code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("not an error status: " + httpStatus);
        }
        this.httpStatus = httpStatus;
        this.code = Objects.requireNonNull(code, "code");
    }

    /** An error with the HTTP status EC2 uses for {@code code} ({@link WireError#statusFor(String)}). */
    public static Ec2WireException of(String code, String message) {
        return new Ec2WireException(WireError.statusFor(code), code, message);
    }

    /** One of the front's own errors. */
    public static Ec2WireException of(WireError error, String message) {
        return new Ec2WireException(error.httpStatus(), error.code(), message);
    }

    /**
     * The wire form of an Altostratus error. The provider code is used when it is an EC2-style code; otherwise the
     * code follows from the portable {@link io.altostratus.core.error.ErrorCode}. Errors that are the gateway's or the
     * backend's own fault ({@code PROVIDER_ERROR}) become {@code InternalError} with a generic message, since their
     * text may describe internals; the caller logs the original. A {@code PROVIDER_ERROR} whose provider code is
     * {@code Unavailable} or {@code ServiceUnavailable} keeps that code and EC2's 503 for it (with a generic message
     * too), so clients back off and retry as they do against EC2.
     */
    public static Ec2WireException from(AltoException e) {
        String providerCode = e.providerCode();
        return switch (e.code()) {
            case PROVIDER_ERROR -> isUnavailable(providerCode)
                    ? new Ec2WireException(WireError.UNAVAILABLE.httpStatus(), providerCode,
                            "The service is unavailable. Please try again shortly.", e)
                    : internal(e);
            case THROTTLED -> withDefault(e, providerCode, WireError.REQUEST_LIMIT_EXCEEDED);
            case INSUFFICIENT_CAPACITY -> withDefault(e, providerCode, WireError.INSUFFICIENT_INSTANCE_CAPACITY);
            case AUTH_FAILURE -> withDefault(e, providerCode, WireError.UNAUTHORIZED_OPERATION);
            case UNSUPPORTED -> withDefault(e, providerCode, WireError.UNSUPPORTED_OPERATION);
            case TIMEOUT -> withDefault(e, providerCode, WireError.UNAVAILABLE);
            case DEPENDENCY_VIOLATION -> isEc2Code(providerCode)
                    ? of(providerCode, messageOf(e)) : new Ec2WireException(400, "DependencyViolation", messageOf(e), e);
            case INVALID_STATE -> isEc2Code(providerCode)
                    ? of(providerCode, messageOf(e)) : new Ec2WireException(400, "IncorrectState", messageOf(e), e);
            case QUOTA_EXCEEDED -> isEc2Code(providerCode)
                    ? of(providerCode, messageOf(e)) : new Ec2WireException(400, "ResourceLimitExceeded", messageOf(e), e);
            case NOT_FOUND, ALREADY_EXISTS, INVALID_PARAMETER ->
                    withDefault(e, providerCode, WireError.INVALID_PARAMETER_VALUE);
        };
    }

    /** EC2's answer to a fault of ours: 500 InternalError with EC2's own generic message. */
    public static Ec2WireException internal(Throwable cause) {
        return new Ec2WireException(500, WireError.INTERNAL_ERROR.code(), "An internal error has occurred", cause);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** EC2's error code. */
    public String code() {
        return code;
    }

    private static Ec2WireException withDefault(AltoException e, String providerCode, WireError fallback) {
        String code = isEc2Code(providerCode) ? providerCode : fallback.code();
        int status = isEc2Code(providerCode) ? WireError.statusFor(providerCode) : fallback.httpStatus();
        return new Ec2WireException(status, code, messageOf(e), e);
    }

    private static String messageOf(AltoException e) {
        return e.getMessage() == null ? e.code().name() : e.getMessage();
    }

    /** EC2's two codes for "try again shortly" (503), which a backend's server error may carry. */
    private static boolean isUnavailable(String code) {
        return "Unavailable".equals(code) || "ServiceUnavailable".equals(code);
    }

    private static boolean isEc2Code(String code) {
        return code != null && EC2_CODE.matcher(code).matches();
    }
}
