package io.altostratus.core.ec2;

import io.altostratus.core.error.AltoException;

/**
 * How an instance's metadata service answers the guest (EC2's instance metadata options, "IMDS"). Build from
 * {@link #defaults()} with the withers; every value is valid by construction.
 *
 * <p>The {@code http...} methods give each setting in EC2's words ({@code optional}/{@code required},
 * {@code enabled}/{@code disabled}) and the {@code parse...} methods read them back, failing on anything else with
 * {@code INVALID_PARAMETER} and EC2's {@code InvalidParameterValue}, so every entry point (the gateway, the CLI,
 * the aws provider) refuses a bad value the same way.
 *
 * @param tokensRequired      only token-backed requests (IMDSv2) are answered; EC2's {@code HttpTokens=required}
 * @param hopLimit            how many network hops the token's PUT response may travel, {@value #MIN_HOP_LIMIT} to
 *                            {@value #MAX_HOP_LIMIT}; EC2's {@code HttpPutResponseHopLimit}
 * @param endpointEnabled     the metadata endpoint answers at all; EC2's {@code HttpEndpoint}
 * @param ipv6EndpointEnabled it also answers on its IPv6 address; EC2's {@code HttpProtocolIpv6}
 * @param tagsEnabled         the instance's tags can be read from the metadata; EC2's {@code InstanceMetadataTags}
 */
public record InstanceMetadataOptions(boolean tokensRequired, int hopLimit, boolean endpointEnabled,
                                      boolean ipv6EndpointEnabled, boolean tagsEnabled) {

    public static final int MIN_HOP_LIMIT = 1;
    public static final int MAX_HOP_LIMIT = 64;

    private static final String INVALID = "InvalidParameterValue";
    private static final InstanceMetadataOptions DEFAULTS = new InstanceMetadataOptions(false, 1, true, false, false);

    public InstanceMetadataOptions {
        requireHopLimit(hopLimit);
    }

    /** EC2's defaults for a launch that names no options: tokens optional, hop limit 1, endpoint on, IPv6 and tags off. */
    public static InstanceMetadataOptions defaults() {
        return DEFAULTS;
    }

    public InstanceMetadataOptions withTokensRequired(boolean v) {
        return new InstanceMetadataOptions(v, hopLimit, endpointEnabled, ipv6EndpointEnabled, tagsEnabled);
    }

    public InstanceMetadataOptions withHopLimit(int v) {
        return new InstanceMetadataOptions(tokensRequired, v, endpointEnabled, ipv6EndpointEnabled, tagsEnabled);
    }

    public InstanceMetadataOptions withEndpointEnabled(boolean v) {
        return new InstanceMetadataOptions(tokensRequired, hopLimit, v, ipv6EndpointEnabled, tagsEnabled);
    }

    public InstanceMetadataOptions withIpv6EndpointEnabled(boolean v) {
        return new InstanceMetadataOptions(tokensRequired, hopLimit, endpointEnabled, v, tagsEnabled);
    }

    public InstanceMetadataOptions withTagsEnabled(boolean v) {
        return new InstanceMetadataOptions(tokensRequired, hopLimit, endpointEnabled, ipv6EndpointEnabled, v);
    }

    // ---- EC2's words ----------------------------------------------------------------------------------------

    /** {@code required} or {@code optional}. */
    public String httpTokens() {
        return tokensRequired ? "required" : "optional";
    }

    /** {@code enabled} or {@code disabled}. */
    public String httpEndpoint() {
        return state(endpointEnabled);
    }

    /** {@code enabled} or {@code disabled}. */
    public String httpProtocolIpv6() {
        return state(ipv6EndpointEnabled);
    }

    /** {@code enabled} or {@code disabled}. */
    public String instanceMetadataTags() {
        return state(tagsEnabled);
    }

    private static String state(boolean enabled) {
        return enabled ? "enabled" : "disabled";
    }

    /**
     * Whether {@code value} ({@code required} or {@code optional}, as EC2 spells them) asks for tokens.
     *
     * @throws AltoException {@code INVALID_PARAMETER} ({@code InvalidParameterValue}) for any other value
     */
    public static boolean parseHttpTokens(String value) {
        if ("required".equals(value)) {
            return true;
        }
        if ("optional".equals(value)) {
            return false;
        }
        throw invalid(value, "HttpTokens", "'optional' or 'required'");
    }

    /**
     * Whether {@code value} ({@code enabled} or {@code disabled}) turns the setting on.
     *
     * @param parameter the parameter's name for the error, e.g. {@code HttpEndpoint}
     * @throws AltoException {@code INVALID_PARAMETER} ({@code InvalidParameterValue}) for any other value
     */
    public static boolean parseState(String parameter, String value) {
        if ("enabled".equals(value)) {
            return true;
        }
        if ("disabled".equals(value)) {
            return false;
        }
        throw invalid(value, parameter, "'enabled' or 'disabled'");
    }

    /**
     * The hop limit, when it is one EC2 accepts.
     *
     * @throws AltoException {@code INVALID_PARAMETER} ({@code InvalidParameterValue}) outside 1 to 64
     */
    public static int requireHopLimit(int hopLimit) {
        if (hopLimit < MIN_HOP_LIMIT || hopLimit > MAX_HOP_LIMIT) {
            throw invalid(String.valueOf(hopLimit), "HttpPutResponseHopLimit",
                    "an integer from " + MIN_HOP_LIMIT + " to " + MAX_HOP_LIMIT);
        }
        return hopLimit;
    }

    private static AltoException invalid(String value, String parameter, String expected) {
        return AltoException.invalid(INVALID, "Value (" + value + ") for parameter " + parameter
                + " is invalid. Expected " + expected + ".");
    }
}
