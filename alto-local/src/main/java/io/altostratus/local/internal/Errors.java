package io.altostratus.local.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;

/** The local cloud's errors, always with EC2's own code beside the portable one so the gateway can answer in kind. */
public final class Errors {
    private Errors() {
    }

    public static AltoException invalid(String ec2Code, String message) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, ec2Code, message);
    }

    public static AltoException invalidValue(String message) {
        return invalid("InvalidParameterValue", message);
    }

    public static AltoException notFound(String ec2Code, String message) {
        return new AltoException(ErrorCode.NOT_FOUND, ec2Code, message);
    }

    public static AltoException state(String ec2Code, String message) {
        return new AltoException(ErrorCode.INVALID_STATE, ec2Code, message);
    }

    public static AltoException incorrectInstanceState(String id, Object state, String verb) {
        return state("IncorrectInstanceState",
                "The instance '" + id + "' is not in a state from which it can be " + verb + " (it is " + state + ")");
    }

    public static AltoException dependency(String message) {
        return new AltoException(ErrorCode.DEPENDENCY_VIOLATION, "DependencyViolation", message);
    }

    public static AltoException duplicate(String ec2Code, String message) {
        return new AltoException(ErrorCode.ALREADY_EXISTS, ec2Code, message);
    }
}
