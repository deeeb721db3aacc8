package io.altostratus.core.ec2;

import io.altostratus.core.model.ProviderDetails;

/**
 * What EC2 (and the EC2-shaped local cloud) says about an instance beyond the portable record.
 *
 * @param reservationId         the reservation: every instance of one launch shares it
 * @param launchIndex           the position within that launch, from 0
 * @param rootDeviceName        the root volume's device, e.g. {@code /dev/sda1}
 * @param metadataOptions       how the instance's metadata service answers, or null when not reported
 * @param spotInstanceRequestId the spot request that launched a spot instance, or null
 */
public record Ec2InstanceDetails(String reservationId, int launchIndex, String rootDeviceName,
                                 InstanceMetadataOptions metadataOptions, String spotInstanceRequestId)
        implements ProviderDetails {

    /** Details with nothing known, for records of providers that report none. */
    public static final Ec2InstanceDetails NONE = new Ec2InstanceDetails(null, 0, null, null, null);

    /** The instance's EC2 details, or {@link #NONE}. */
    public static Ec2InstanceDetails of(io.altostratus.core.model.Instance instance) {
        return instance.details(Ec2InstanceDetails.class).orElse(NONE);
    }

    public Ec2InstanceDetails withMetadataOptions(InstanceMetadataOptions options) {
        return new Ec2InstanceDetails(reservationId, launchIndex, rootDeviceName, options, spotInstanceRequestId);
    }
}
