package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * EC2's site-to-site VPN: customer gateways, virtual private gateways attached to VPCs, the connections between
 * them, and route propagation from a virtual private gateway into a VPC's route tables. Unknown ids fail with
 * {@code NOT_FOUND} and EC2's code ({@link Ec2IdKind#CUSTOMER_GATEWAY}, {@link Ec2IdKind#VPN_GATEWAY},
 * {@link Ec2IdKind#VPN_CONNECTION}); a step the resource's state does not allow fails with {@code INVALID_STATE}.
 * A route table reports the routes a gateway propagates with origin {@code EnableVgwRoutePropagation} and the
 * gateway's id as {@link RouteTable.Route#gatewayId()}.
 */
public interface SiteToSiteVpn extends Extension {

    /** Makes a customer gateway, {@code available} at once; {@code bgpAsn} 1..4294967294. */
    CustomerGateway createCustomerGateway(long bgpAsn, String ipAddress, String deviceName, Map<String, String> tags);

    /** Every customer gateway, deleted ones while EC2 still lists them. */
    List<CustomerGateway> customerGateways();

    /** Deletes one; refused ({@code INVALID_STATE}, {@code IncorrectState}) while a live connection uses it. */
    CustomerGateway deleteCustomerGateway(String id);

    /** Makes a virtual private gateway: {@code pending}, then {@code available}; a null ASN takes 64512. */
    VpnGateway createVpnGateway(Long amazonSideAsn, Map<String, String> tags);

    List<VpnGateway> vpnGateways();

    /** Deletes one; refused while attached or while a live connection uses it. */
    VpnGateway deleteVpnGateway(String id);

    /** Attaches a gateway to a VPC ({@code attaching}, then {@code attached}); one VPC per gateway and per VPC. */
    VpnGateway.Attachment attachVpnGateway(String vpnGatewayId, String vpcId);

    /** Detaches it ({@code detaching}, then {@code detached}); its propagated routes leave the VPC's tables. */
    void detachVpnGateway(String vpnGatewayId, String vpcId);

    /**
     * Connects a customer gateway to a virtual private gateway or (where the backend has them) a transit gateway:
     * exactly one of {@code vpnGatewayId} and {@code transitGatewayId}. {@code pending}, then {@code available}.
     */
    VpnConnection createVpnConnection(String customerGatewayId, String vpnGatewayId, String transitGatewayId,
                                      boolean staticRoutesOnly, Map<String, String> tags);

    List<VpnConnection> vpnConnections();

    VpnConnection deleteVpnConnection(String id);

    /** Moves a connection to another virtual private gateway or transit gateway, keeping its tunnels. */
    VpnConnection modifyVpnConnection(String id, String vpnGatewayId, String transitGatewayId);

    /** Adds a static route to a static-routes-only connection. */
    void createVpnConnectionRoute(String vpnConnectionId, String destinationCidr);

    void deleteVpnConnectionRoute(String vpnConnectionId, String destinationCidr);

    /** Propagates the gateway's routes into a route table of the VPC it is attached to. */
    void enableVgwRoutePropagation(String routeTableId, String vpnGatewayId);

    void disableVgwRoutePropagation(String routeTableId, String vpnGatewayId);

    /** The gateways propagating into each route table that has any, by route table id. */
    Map<String, List<String>> vgwRoutePropagations();
}
