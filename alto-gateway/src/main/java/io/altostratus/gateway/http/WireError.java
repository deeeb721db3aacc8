package io.altostratus.gateway.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The EC2 error codes the gateway's front can answer by itself, each with the HTTP status EC2 uses for it. The wire
 * code is the constant's name in EC2's UpperCamel spelling ({@code MISSING_ACTION} is {@code MissingAction}).
 *
 * <p>{@link #statusFor(String)} also gives the status for any other EC2 code a handler raises: codes listed here keep
 * their status, every other code is a client error (400), as EC2's own resource codes
 * ({@code InvalidInstanceID.NotFound}, {@code DependencyViolation}, ...) are.
 */
public enum WireError {
    /** No {@code Action} parameter. */
    MISSING_ACTION(400),
    /** An {@code Action} that names no EC2 operation. */
    INVALID_ACTION(400),
    /** A required parameter is absent. */
    MISSING_PARAMETER(400),
    /** A parameter value is malformed or out of range. */
    INVALID_PARAMETER_VALUE(400),
    /** Parameters that must not be used together were. */
    INVALID_PARAMETER_COMBINATION(400),
    /** The query string or form body is not valid percent-encoded UTF-8. */
    MALFORMED_QUERY_STRING(400),
    /** The request carries more parameters than the gateway accepts. */
    INVALID_QUERY_PARAMETER(400),
    /** The body is larger than the gateway accepts. */
    REQUEST_ENTITY_TOO_LARGE(413),
    /** The operation exists in EC2 but the gateway or its backend does not offer it. */
    UNSUPPORTED_OPERATION(400),
    /** No EC2 endpoint at the requested path. */
    NOT_FOUND(404),
    /** An HTTP method the path does not answer. */
    METHOD_NOT_ALLOWED(405),
    /** The access key is not known (EC2: "AWS was not able to validate the provided access credentials"). */
    AUTH_FAILURE(401),
    /** The caller is authenticated but may not do this. */
    UNAUTHORIZED_OPERATION(403),
    /** The signature does not match the one computed with the key's secret. */
    SIGNATURE_DOES_NOT_MATCH(403),
    /** The request is not signed at all. */
    MISSING_AUTHENTICATION_TOKEN(403),
    /** The signature parameters or header are incomplete or malformed. */
    INCOMPLETE_SIGNATURE(400),
    /** The request's date is more than 15 minutes away from the gateway's clock, or a presigned request expired. */
    REQUEST_EXPIRED(400),
    /** Throttled; retrying later may succeed. */
    REQUEST_LIMIT_EXCEEDED(503),
    /** The service is temporarily unable to answer. */
    UNAVAILABLE(503),
    /** The backend has no capacity for the instances asked for. */
    INSUFFICIENT_INSTANCE_CAPACITY(500),
    /** A fault inside the gateway or its backend. */
    INTERNAL_ERROR(500);

    private static final Map<String, WireError> BY_CODE = new HashMap<>();

    static {
        for (WireError error : values()) {
            BY_CODE.put(error.code, error);
        }
    }

    private final int httpStatus;
    private final String code = toUpperCamel(name());

    WireError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** EC2's code, e.g. {@code MissingAction}. */
    public String code() {
        return code;
    }

    /** The HTTP status EC2 answers this code with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The HTTP status for any EC2 error code: the listed codes keep theirs, every other code is 400. */
    public static int statusFor(String code) {
        WireError known = BY_CODE.get(code);
        return known == null ? 400 : known.httpStatus;
    }

    private static String toUpperCamel(String constant) {
        StringBuilder out = new StringBuilder(constant.length());
        for (String word : constant.split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
