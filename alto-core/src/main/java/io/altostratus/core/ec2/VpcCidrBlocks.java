package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Set;

/**
 * EC2's extra CIDR blocks: secondary IPv4 blocks and Amazon-provided IPv6 /56 blocks on VPCs, IPv6 /64 blocks on
 * subnets, and the subnet attribute that gives new interfaces an IPv6 address. A VPC's secondary IPv4 blocks also
 * appear in its {@link io.altostratus.core.model.Network#cidrs()} after the primary one, so subnets may be made in
 * them.
 */
public interface VpcCidrBlocks extends Extension {

    /**
     * Adds a block to the VPC: {@code cidrBlock} (IPv4), or, when {@code amazonProvidedIpv6}, a /56 the cloud picks,
     * unique among its VPCs. A VPC holds at most one IPv6 block ({@code CidrLimitExceeded}); an IPv4 block must not
     * overlap the VPC's others ({@code InvalidVpc.Range}).
     */
    CidrBlockAssociation associateVpcCidrBlock(String vpcId, String cidrBlock, boolean amazonProvidedIpv6);

    /**
     * Takes a block away from its VPC. The primary block cannot go ({@code OperationNotPermitted}); neither can one a
     * subnet still uses ({@code DependencyViolation}). An unknown association fails with {@code NOT_FOUND}.
     */
    CidrBlockAssociation disassociateVpcCidrBlock(String associationId);

    /** Gives the subnet an IPv6 /64 inside its VPC's /56, not overlapping a sibling's. */
    CidrBlockAssociation associateSubnetCidrBlock(String subnetId, String ipv6CidrBlock);

    /** Takes a subnet's IPv6 block away; refused while an interface of the subnet holds an IPv6 address from it. */
    CidrBlockAssociation disassociateSubnetCidrBlock(String associationId);

    /** Every block association of VPCs and subnets beyond VPCs' primary blocks, as they read now. */
    List<CidrBlockAssociation> cidrBlockAssociations();

    /** Sets whether interfaces made in the subnet get an IPv6 address; needs the subnet to have an IPv6 block. */
    void setAssignIpv6AddressOnCreation(String subnetId, boolean assign);

    /** The subnets whose new interfaces get an IPv6 address. */
    Set<String> subnetsAssigningIpv6OnCreation();
}
