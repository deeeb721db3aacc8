package io.altostratus.gateway.codec;

/**
 * The EC2 error codes the codec itself can raise, before any handler runs. Each answers HTTP 400; the wire code is
 * the constant's name in EC2's UpperCamel spelling.
 */
public enum Ec2ProtocolError {
    /** No {@code Action} parameter at all. */
    MISSING_ACTION,
    /** An {@code Action} that names no EC2 operation. */
    INVALID_ACTION,
    /** A parameter name the operation's input shape does not have. */
    UNKNOWN_PARAMETER,
    /** A parameter the model marks as required is absent. */
    MISSING_PARAMETER,
    /** A value that does not parse as its member's type, or a malformed list index. */
    INVALID_PARAMETER_VALUE;

    private final String code = toUpperCamel(name());

    /** EC2's own code, e.g. {@code InvalidParameterValue}. */
    public String code() {
        return code;
    }

    /** EC2 answers all of these with 400 Bad Request. */
    public int httpStatus() {
        return 400;
    }

    private static String toUpperCamel(String constant) {
        StringBuilder out = new StringBuilder(constant.length());
        for (String word : constant.split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }
}
