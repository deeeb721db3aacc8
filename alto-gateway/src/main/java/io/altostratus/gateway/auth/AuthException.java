package io.altostratus.gateway.auth;

import java.util.Objects;

/** A request that failed authentication; the message is EC2-style and safe to send to the client. */
public final class AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final AuthError error;

    public AuthException(AuthError error, String message) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    public AuthError error() {
        return error;
    }

    /** EC2's wording for an unknown access key. */
    public static AuthException unknownKey() {
        return new AuthException(AuthError.AUTH_FAILURE, "AWS was not able to validate the provided access credentials");
    }

    public static AuthException signatureMismatch() {
        return new AuthException(AuthError.SIGNATURE_DOES_NOT_MATCH,
                "The request signature we calculated does not match the signature you provided. "
                        + "Check your AWS Secret Access Key and signing method. "
                        + "Consult the service documentation for details.");
    }

    public static AuthException incomplete(String message) {
        return new AuthException(AuthError.INCOMPLETE_SIGNATURE, message);
    }

    public static AuthException expired(String message) {
        return new AuthException(AuthError.REQUEST_EXPIRED, message);
    }
}
