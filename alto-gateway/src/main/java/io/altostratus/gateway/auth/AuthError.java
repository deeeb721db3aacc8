package io.altostratus.gateway.auth;

import java.util.Locale;

/** Why a request was not authenticated; the wire code is the constant's name in EC2's UpperCamel spelling. */
public enum AuthError {
    /** No signature of any kind. */
    MISSING_AUTHENTICATION_TOKEN,
    /** The access key is not registered. */
    AUTH_FAILURE,
    /** The signature is wrong (wrong secret, or the request changed after signing). */
    SIGNATURE_DOES_NOT_MATCH,
    /** The signature's parameters or header are incomplete, malformed or of an unsupported kind. */
    INCOMPLETE_SIGNATURE,
    /** The request's date is too far from the gateway's clock, or a presigned request expired. */
    REQUEST_EXPIRED;

    private final String code = toUpperCamel(name());

    /** EC2's code, e.g. {@code SignatureDoesNotMatch}. */
    public String code() {
        return code;
    }

    private static String toUpperCamel(String constant) {
        StringBuilder out = new StringBuilder(constant.length());
        for (String word : constant.split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
