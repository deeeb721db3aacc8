package io.altostratus.core.ec2;

import io.altostratus.core.ec2.InstanceMetadataOptions;

/**
 * Changes to an instance's metadata options; null leaves a setting as it is (EC2's
 * {@code ModifyInstanceMetadataOptions} keeps what a call does not name).
 *
 * @param tokensRequired      require token-backed requests (IMDSv2), or allow both
 * @param hopLimit            a new hop limit, 1 to 64
 * @param endpointEnabled     turn the metadata endpoint on or off
 * @param ipv6EndpointEnabled turn its IPv6 address on or off
 * @param tagsEnabled         expose the instance's tags in the metadata, or not
 * @throws io.altostratus.core.error.AltoException {@code INVALID_PARAMETER} ({@code InvalidParameterValue}) for a hop
 *         limit outside 1 to 64
 */
public record MetadataOptionsChange(Boolean tokensRequired, Integer hopLimit, Boolean endpointEnabled,
                                    Boolean ipv6EndpointEnabled, Boolean tagsEnabled) {

    public MetadataOptionsChange {
        if (hopLimit != null) {
            InstanceMetadataOptions.requireHopLimit(hopLimit);
        }
    }

    public static MetadataOptionsChange tokensRequired(boolean required) {
        return new MetadataOptionsChange(required, null, null, null, null);
    }

    public static MetadataOptionsChange hopLimit(int limit) {
        return new MetadataOptionsChange(null, limit, null, null, null);
    }

    /** Whether the change names no setting at all. */
    public boolean changesNothing() {
        return tokensRequired == null && hopLimit == null && endpointEnabled == null && ipv6EndpointEnabled == null
                && tagsEnabled == null;
    }

    /** {@code current} with the settings this change names replaced. */
    public InstanceMetadataOptions applyTo(InstanceMetadataOptions current) {
        return new InstanceMetadataOptions(
                tokensRequired == null ? current.tokensRequired() : tokensRequired,
                hopLimit == null ? current.hopLimit() : hopLimit,
                endpointEnabled == null ? current.endpointEnabled() : endpointEnabled,
                ipv6EndpointEnabled == null ? current.ipv6EndpointEnabled() : ipv6EndpointEnabled,
                tagsEnabled == null ? current.tagsEnabled() : tagsEnabled);
    }
}
