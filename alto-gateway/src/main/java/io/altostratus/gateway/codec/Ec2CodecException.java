package io.altostratus.gateway.codec;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;

import java.util.Objects;

/**
 * A request the codec refuses. {@link #providerCode()} is EC2's error code and {@link #getMessage()} a one-line,
 * EC2-style message that is safe to send back to the client.
 */
public final class Ec2CodecException extends AltoException {
    private static final long serialVersionUID = 1L;

    private final Ec2ProtocolError error;

    public Ec2CodecException(Ec2ProtocolError error, String message) {
        super(ErrorCode.INVALID_PARAMETER, Objects.requireNonNull(error, "error").code(), message);
        this.error = error;
    }

    /** Which of the codec's errors this is. */
    public Ec2ProtocolError error() {
        return error;
    }

    static Ec2CodecException missingAction() {
        return new Ec2CodecException(Ec2ProtocolError.MISSING_ACTION, "The request must contain the parameter Action");
    }

    static Ec2CodecException invalidAction(String action) {
        return new Ec2CodecException(Ec2ProtocolError.INVALID_ACTION,
                "The action " + Messages.quoteable(action) + " is not valid for this web service.");
    }

    static Ec2CodecException unknownParameter(String name) {
        return new Ec2CodecException(Ec2ProtocolError.UNKNOWN_PARAMETER,
                "The parameter " + Messages.quoteable(name) + " is not recognized");
    }

    static Ec2CodecException missingParameter(String name) {
        return new Ec2CodecException(Ec2ProtocolError.MISSING_PARAMETER,
                "The request must contain the parameter " + name);
    }

    static Ec2CodecException invalidValue(String name, String value, String expectation) {
        return new Ec2CodecException(Ec2ProtocolError.INVALID_PARAMETER_VALUE,
                "Value (" + Messages.quoteable(value) + ") for parameter " + Messages.quoteable(name)
                        + " is invalid. " + expectation);
    }
}
