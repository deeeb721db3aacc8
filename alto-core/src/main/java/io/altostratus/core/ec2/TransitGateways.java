package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * EC2's transit gateways: the gateways, their VPC and peering attachments, their route tables with static and
 * propagated routes, and which attachment associates with or propagates to which table. Unknown ids fail with
 * {@code NOT_FOUND} and EC2's code ({@link Ec2IdKind#TRANSIT_GATEWAY}, {@link Ec2IdKind#TRANSIT_GATEWAY_ATTACHMENT},
 * {@link Ec2IdKind#TRANSIT_GATEWAY_ROUTE_TABLE}); a step the resource's state does not allow fails with
 * {@code INVALID_STATE} ({@code IncorrectState}). A VPC route reaches a gateway through
 * {@link RouteTarget#gatewayId()} holding its {@code tgw-} id, as for NAT gateways: backends that offer this
 * extension accept such targets in {@link Ec2Networking#createRoute} when the VPC is attached to the gateway.
 */
public interface TransitGateways extends Extension {

    // ---- gateways -------------------------------------------------------------------------------------------

    /**
     * Makes a gateway ({@code pending}, then {@code available}); with default association or propagation on (the
     * default), its default route table is made with it.
     */
    TransitGateway createTransitGateway(String description, TransitGateway.OptionsChange options,
                                        Map<String, String> tags);

    /** Every gateway, deleted ones while EC2 still lists them. */
    List<TransitGateway> transitGateways();

    /** Changes the description (when non-null) and options; nulls in {@code change} keep the current value. */
    TransitGateway modifyTransitGateway(String id, String description, TransitGateway.OptionsChange change);

    /** Starts deleting a gateway that has no live attachment; its route tables go with it. */
    TransitGateway deleteTransitGateway(String id);

    // ---- attachments ----------------------------------------------------------------------------------------

    /**
     * Attaches a VPC through one subnet per zone ({@code pending}, then {@code available}); it associates and
     * propagates to the gateway's default tables when those options are on.
     */
    TransitGatewayAttachment createVpcAttachment(String transitGatewayId, String vpcId, List<String> subnetIds,
                                                 TransitGatewayAttachment.VpcOptions options,
                                                 Map<String, String> tags);

    /** Adds and removes subnets of a VPC attachment and changes its options (null keeps them). */
    TransitGatewayAttachment modifyVpcAttachment(String id, List<String> addSubnetIds, List<String> removeSubnetIds,
                                                 TransitGatewayAttachment.VpcOptions options);

    /**
     * Asks to peer a gateway with another ({@code initiatingRequest}, then {@code pendingAcceptance}); only
     * gateways of the same account and region are reachable here.
     */
    TransitGatewayAttachment createPeeringAttachment(String transitGatewayId, String peerTransitGatewayId,
                                                     String peerAccountId, String peerRegion,
                                                     Map<String, String> tags);

    /** A pending peering becomes {@code pending}, then {@code available}. */
    TransitGatewayAttachment acceptPeeringAttachment(String id);

    /** A pending peering becomes {@code rejected}. */
    TransitGatewayAttachment rejectPeeringAttachment(String id);

    /**
     * Starts deleting an attachment of the given resource type ({@link TransitGatewayAttachment#VPC} or
     * {@link TransitGatewayAttachment#PEERING}): it leaves its association and propagations.
     */
    TransitGatewayAttachment deleteAttachment(String id, String resourceType);

    /** Every attachment, ended ones while EC2 still lists them. */
    List<TransitGatewayAttachment> transitGatewayAttachments();

    // ---- route tables ---------------------------------------------------------------------------------------

    TransitGatewayRouteTable createRouteTable(String transitGatewayId, Map<String, String> tags);

    List<TransitGatewayRouteTable> transitGatewayRouteTables();

    /** Starts deleting a table that no attachment associates with and that is no default table. */
    TransitGatewayRouteTable deleteRouteTable(String id);

    /** The table's routes as they read now: static ones, and propagated ones a static route does not hide. */
    List<TransitGatewayRoute> routes(String routeTableId);

    /** Adds a static route to an attachment of the table's gateway, or a blackhole route (attachment null). */
    TransitGatewayRoute createRoute(String routeTableId, String destinationCidr, String attachmentId,
                                    boolean blackhole);

    /** Points an existing static route elsewhere. */
    TransitGatewayRoute replaceRoute(String routeTableId, String destinationCidr, String attachmentId,
                                     boolean blackhole);

    /** Removes a static route; returns it as it was. */
    TransitGatewayRoute deleteRoute(String routeTableId, String destinationCidr);

    /** Associates an available attachment with the table; one table per attachment. */
    TransitGatewayAttachment associate(String routeTableId, String attachmentId);

    /** Ends the attachment's association with the table. */
    TransitGatewayAttachment disassociate(String routeTableId, String attachmentId);

    /** Makes the attachment's VPC CIDRs routes of the table. */
    TransitGatewayRouteTable enablePropagation(String routeTableId, String attachmentId);

    TransitGatewayRouteTable disablePropagation(String routeTableId, String attachmentId);
}
