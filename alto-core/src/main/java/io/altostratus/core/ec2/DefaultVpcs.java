package io.altostratus.core.ec2;

import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spi.Extension;

/** Making the region's default VPC and its default subnets again after they were deleted, as EC2 allows. */
public interface DefaultVpcs extends Extension {

    /**
     * Makes a default VPC with what a new account's has (a default subnet per zone, an internet gateway, a main
     * route table, a default group and ACL). Fails with {@code ALREADY_EXISTS} ({@code DefaultVpcAlreadyExists})
     * while one exists.
     */
    Network createDefaultVpc();

    /**
     * Makes the default subnet of a zone in the default VPC: a free /20. Fails when there is no default VPC
     * ({@code DefaultVpcDoesNotExist}) or the zone has one ({@code DefaultSubnetAlreadyInAvailabilityZone}).
     */
    Subnet createDefaultSubnet(String zone);
}
