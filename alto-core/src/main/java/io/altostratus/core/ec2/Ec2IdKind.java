package io.altostratus.core.ec2;

import io.altostratus.core.error.AltoException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * EC2's id syntax, in one place for everything that mints or checks EC2 ids (the local cloud, the EC2 front): each
 * kind's prefix and EC2's error codes for malformed and unknown ids.
 * Ids are the prefix, a dash and 17 random lowercase hex digits, as EC2's long ids are; 8-digit ids (EC2's old
 * short form) are accepted as well-formed so that ids pasted from older tools fail as NotFound, not Malformed.
 */
public enum Ec2IdKind {
    INSTANCE("i", "InvalidInstanceID.Malformed", "InvalidInstanceID.NotFound", "instance"),
    VOLUME("vol", "InvalidVolumeID.Malformed", "InvalidVolume.NotFound", "volume"),
    SNAPSHOT("snap", "InvalidSnapshotID.Malformed", "InvalidSnapshot.NotFound", "snapshot"),
    IMAGE("ami", "InvalidAMIID.Malformed", "InvalidAMIID.NotFound", "image"),
    VPC("vpc", "InvalidVpcID.Malformed", "InvalidVpcID.NotFound", "VPC"),
    SUBNET("subnet", "InvalidSubnetID.Malformed", "InvalidSubnetID.NotFound", "subnet"),
    SECURITY_GROUP("sg", "InvalidGroupId.Malformed", "InvalidGroup.NotFound", "security group"),
    NETWORK_INTERFACE("eni", "InvalidNetworkInterfaceID.Malformed", "InvalidNetworkInterfaceID.NotFound",
            "network interface"),
    INTERFACE_ATTACHMENT("eni-attach", "InvalidAttachmentID.Malformed", "InvalidAttachmentID.NotFound",
            "network interface attachment"),
    KEY_PAIR("key", "InvalidKeyPair.Malformed", "InvalidKeyPair.NotFound", "key pair"),
    INTERNET_GATEWAY("igw", "InvalidInternetGatewayId.Malformed", "InvalidInternetGatewayID.NotFound",
            "internet gateway"),
    ROUTE_TABLE("rtb", "InvalidRouteTableId.Malformed", "InvalidRouteTableID.NotFound", "route table"),
    ROUTE_TABLE_ASSOCIATION("rtbassoc", "InvalidAssociationID.Malformed", "InvalidAssociationID.NotFound",
            "route table association"),
    NETWORK_ACL("acl", "InvalidNetworkAclId.Malformed", "InvalidNetworkAclID.NotFound", "network ACL"),
    NETWORK_ACL_ASSOCIATION("aclassoc", "InvalidAssociationID.Malformed", "InvalidAssociationID.NotFound",
            "network ACL association"),
    ALLOCATION("eipalloc", "InvalidAllocationID.Malformed", "InvalidAllocationID.NotFound", "allocation"),
    ADDRESS_ASSOCIATION("eipassoc", "InvalidAssociationID.Malformed", "InvalidAssociationID.NotFound",
            "address association"),
    SECURITY_GROUP_RULE("sgr", "InvalidSecurityGroupRuleId.Malformed", "InvalidSecurityGroupRuleId.NotFound",
            "security group rule"),
    RESERVATION("r", "InvalidReservationID.Malformed", "InvalidReservationID.NotFound", "reservation"),
    SPOT_REQUEST("sir", "InvalidSpotInstanceRequestID.Malformed", "InvalidSpotInstanceRequestID.NotFound",
            "spot instance request"),
    NAT_GATEWAY("nat", "NatGatewayMalformed", "NatGatewayNotFound", "NAT gateway"),
    LAUNCH_TEMPLATE("lt", "InvalidLaunchTemplateId.Malformed", "InvalidLaunchTemplateId.NotFound",
            "launch template"),
    PLACEMENT_GROUP("pg", "InvalidPlacementGroupId.Malformed", "InvalidPlacementGroup.Unknown", "placement group"),
    DHCP_OPTIONS("dopt", "InvalidDhcpOptionsId.Malformed", "InvalidDhcpOptionID.NotFound", "DHCP options"),
    EGRESS_ONLY_INTERNET_GATEWAY("eigw", "InvalidEgressOnlyInternetGatewayId.Malformed",
            "InvalidEgressOnlyInternetGatewayId.NotFound", "egress-only internet gateway"),
    VPC_PEERING_CONNECTION("pcx", "InvalidVpcPeeringConnectionId.Malformed",
            "InvalidVpcPeeringConnectionID.NotFound", "VPC peering connection"),
    VPC_ENDPOINT("vpce", "InvalidVpcEndpointId.Malformed", "InvalidVpcEndpointId.NotFound", "VPC endpoint"),
    CUSTOMER_GATEWAY("cgw", "InvalidCustomerGatewayId.Malformed", "InvalidCustomerGatewayID.NotFound",
            "customer gateway"),
    VPN_GATEWAY("vgw", "InvalidVpnGatewayID.Malformed", "InvalidVpnGatewayID.NotFound", "VPN gateway"),
    VPN_CONNECTION("vpn", "InvalidVpnConnectionID", "InvalidVpnConnectionID.NotFound", "VPN connection"),
    IAM_INSTANCE_PROFILE_ASSOCIATION("iip-assoc", "InvalidAssociationID.Malformed", "InvalidAssociationID.NotFound",
            "IAM instance profile association"),
    PREFIX_LIST("pl", "InvalidPrefixListId.Malformed", "InvalidPrefixListID.NotFound", "prefix list"),
    DEDICATED_HOST("h", "InvalidHostID.Malformed", "InvalidHostID.NotFound", "Dedicated Host"),
    CAPACITY_RESERVATION("cr", "InvalidCapacityReservationId.Malformed", "InvalidCapacityReservationId.NotFound",
            "capacity reservation"),
    FLEET("fleet", "InvalidFleetId.Malformed", "InvalidFleetId.NotFound", "fleet"),
    SPOT_FLEET_REQUEST("sfr", "InvalidSpotFleetRequestId.Malformed", "InvalidSpotFleetRequestId.NotFound",
            "spot fleet request"),
    VPC_CIDR_ASSOCIATION("vpc-cidr-assoc", "InvalidVpcCidrBlockAssociationID.Malformed",
            "InvalidVpcCidrBlockAssociationID.NotFound", "VPC CIDR block association"),
    SUBNET_CIDR_ASSOCIATION("subnet-cidr-assoc", "InvalidSubnetCidrBlockAssociationID.Malformed",
            "InvalidSubnetCidrBlockAssociationID.NotFound", "subnet CIDR block association"),
    CARRIER_GATEWAY("cagw", "InvalidCarrierGatewayID.Malformed", "InvalidCarrierGatewayID.NotFound",
            "carrier gateway"),
    FLOW_LOG("fl", "InvalidFlowLogId.Malformed", "InvalidFlowLogId.NotFound", "flow log"),
    TRANSIT_GATEWAY("tgw", "InvalidTransitGatewayID.Malformed", "InvalidTransitGatewayID.NotFound",
            "transit gateway"),
    TRANSIT_GATEWAY_ATTACHMENT("tgw-attach", "InvalidTransitGatewayAttachmentID.Malformed",
            "InvalidTransitGatewayAttachmentID.NotFound", "transit gateway attachment"),
    TRANSIT_GATEWAY_ROUTE_TABLE("tgw-rtb", "InvalidRouteTableId.Malformed", "InvalidRouteTableID.NotFound",
            "transit gateway route table");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final String prefix;
    private final String malformedCode;
    private final String notFoundCode;
    private final String noun;

    Ec2IdKind(String prefix, String malformedCode, String notFoundCode, String noun) {
        this.prefix = prefix;
        this.malformedCode = malformedCode;
        this.notFoundCode = notFoundCode;
        this.noun = noun;
    }

    public String prefix() {
        return prefix;
    }

    /** EC2's code for a malformed id of this kind, e.g. {@code InvalidVolumeID.Malformed}. */
    public String malformedCode() {
        return malformedCode;
    }

    /** EC2's code for a well-formed id of this kind that names nothing, e.g. {@code InvalidVolume.NotFound}. */
    public String notFoundCode() {
        return notFoundCode;
    }

    /** A fresh random id of this kind. */
    public String mint() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        // 9 bytes are 18 hex digits; EC2 ids have 17, so drop the first one.
        return prefix + "-" + HEX.formatHex(bytes).substring(1);
    }

    public boolean isWellFormed(String id) {
        if (id == null || !id.startsWith(prefix + "-")) {
            return false;
        }
        String hex = id.substring(prefix.length() + 1);
        if (hex.length() != 8 && hex.length() != 17) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Returns the id when it is well-formed for this kind, else fails with EC2's Malformed code. */
    public String check(String id) {
        if (!isWellFormed(id)) {
            throw AltoException.invalid(malformedCode, "Invalid id: \"" + id + "\" (expected " + prefix + "-<hex>)");
        }
        return id;
    }

    public AltoException notFound(String id) {
        return AltoException.notFound(notFoundCode, "The " + noun + " ID '" + id + "' does not exist");
    }

    /** The kind an id's prefix names, or null. {@code eni-attach-} wins over {@code eni-}. */
    public static Ec2IdKind ofId(String id) {
        if (id == null) {
            return null;
        }
        // Transit gateway attachments and route tables share the tgw- prefix's first word.
        if (id.startsWith("tgw-attach-")) {
            return TRANSIT_GATEWAY_ATTACHMENT;
        }
        if (id.startsWith("tgw-rtb-")) {
            return TRANSIT_GATEWAY_ROUTE_TABLE;
        }
        if (id.startsWith("eni-attach-")) {
            return INTERFACE_ATTACHMENT;
        }
        int dash = id.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String p = id.substring(0, dash);
        for (Ec2IdKind kind : values()) {
            if (kind != INTERFACE_ATTACHMENT && kind.prefix.equals(p)) {
                return kind;
            }
        }
        return null;
    }
}
