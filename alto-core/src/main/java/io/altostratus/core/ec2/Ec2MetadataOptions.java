package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;

/**
 * Instance metadata options (IMDS tokens, hop limit, endpoint, IPv6, tags): taken at launch
 * ({@code LaunchSpec.metadataOptions}), reported on every instance ({@link Ec2InstanceDetails#metadataOptions()})
 * and changed here.
 */
public interface Ec2MetadataOptions extends Extension {
    /**
     * Changes an instance's metadata options and returns them as they now are; settings the change does not name stay
     * as they were. An instance that is shutting down or terminated fails with {@code INVALID_STATE}
     * ({@code IncorrectInstanceState}).
     */
    InstanceMetadataOptions modifyMetadataOptions(String instanceId, MetadataOptionsChange change);
}
