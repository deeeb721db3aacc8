package io.altostratus.gateway.pricing;

/**
 * A request the Price List API refuses, answered in the JSON protocol's error shape: {@code __type} (the error's
 * name, which the SDKs turn into the exception class) and {@code message}, with HTTP 400 as AWS answers client
 * errors of this protocol.
 */
final class PricingError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final String INVALID_PARAMETER = "InvalidParameterException";
    static final String NOT_FOUND = "NotFoundException";
    static final String INVALID_NEXT_TOKEN = "InvalidNextTokenException";
    static final String UNKNOWN_OPERATION = "UnknownOperationException";
    static final String SERIALIZATION = "SerializationException";

    private final String type;
    private final int status;

    PricingError(String type, String message) {
        this(type, 400, message);
    }

    PricingError(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }
}
