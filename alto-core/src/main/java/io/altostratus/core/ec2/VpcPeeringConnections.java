package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * EC2's VPC peering connections between two VPCs of the account in one region. Unknown ids fail with
 * {@code NOT_FOUND} ({@code InvalidVpcPeeringConnectionID.NotFound}); a step the connection's status does not
 * allow fails with {@code INVALID_STATE}. A route reaches a connection through {@link RouteTarget#gatewayId()}
 * holding its {@code pcx-} id, as for NAT gateways: backends that offer this extension accept such targets in
 * {@link Ec2Networking#createRoute} (active only while the connection is) and report them back the same way.
 */
public interface VpcPeeringConnections extends Extension {

    /**
     * Asks to peer {@code vpcId} with {@code peerVpcId}: the connection is {@code initiating-request}, then
     * {@code pending-acceptance}, or {@code failed} when the two VPCs' CIDRs overlap.
     */
    VpcPeeringConnection createVpcPeeringConnection(String vpcId, String peerVpcId, Map<String, String> tags);

    /** Every connection that involves one of the account's VPCs, ended ones while EC2 still lists them. */
    List<VpcPeeringConnection> vpcPeeringConnections();

    /** A pending connection becomes {@code active}. */
    VpcPeeringConnection acceptVpcPeeringConnection(String id);

    /** A pending connection becomes {@code rejected}. */
    VpcPeeringConnection rejectVpcPeeringConnection(String id);

    /** A pending or active connection becomes {@code deleted}. */
    VpcPeeringConnection deleteVpcPeeringConnection(String id);

    /**
     * Changes an active connection's DNS resolution option on either side; a null leaves that side as it is.
     */
    VpcPeeringConnection modifyVpcPeeringConnectionOptions(String id, Boolean requesterDnsResolution,
                                                           Boolean accepterDnsResolution);
}
