package io.altostratus.core.ec2;

import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spi.Extension;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** EC2's VPC plumbing beyond networks and subnets: attributes, rule ids, internet gateways, route tables, ACLs. */
public interface Ec2Networking extends Extension {

    /** Changes a network's DNS attributes; null leaves one as it is. DNS hostnames need DNS support. */
    Network modifyNetwork(String networkId, Boolean enableDnsSupport, Boolean enableDnsHostnames);

    /** Sets whether instances launched into the subnet get a public address. */
    Subnet modifySubnet(String subnetId, boolean mapPublicIpOnLaunch);

    /**
     * The rules of the given groups (of every group when empty), one per peer, each with its own id. An unknown
     * group id fails with {@code NOT_FOUND}.
     */
    List<SecurityGroupRule> securityGroupRules(Collection<String> groupIds);

    InternetGateway createInternetGateway(Map<String, String> tags);

    List<InternetGateway> internetGateways();

    /**
     * Attaches a gateway to a network. A gateway attached anywhere, or a network that already has one, fails with
     * {@code ALREADY_EXISTS} ({@code Resource.AlreadyAssociated}).
     */
    InternetGateway attachInternetGateway(String gatewayId, String networkId);

    /** Detaches; a gateway not attached to that network fails with {@code INVALID_STATE} ({@code Gateway.NotAttached}). */
    InternetGateway detachInternetGateway(String gatewayId, String networkId);

    /** Deletes a detached gateway; an attached one fails with {@code DEPENDENCY_VIOLATION}. */
    void deleteInternetGateway(String gatewayId);

    /** A new, non-main table with the network's local route. */
    RouteTable createRouteTable(String networkId, Map<String, String> tags);

    List<RouteTable> routeTables();

    /** Deletes a table; the main table or one with subnet associations fails with {@code DEPENDENCY_VIOLATION}. */
    void deleteRouteTable(String routeTableId);

    /**
     * Associates a subnet of the table's network and returns the association id. A subnet that already has an
     * explicit association fails with {@code ALREADY_EXISTS} ({@code Resource.AlreadyAssociated}).
     */
    String associateRouteTable(String routeTableId, String subnetId);

    /**
     * Moves an association (a subnet's, or the main one) to another table of the same network and returns the new
     * association id; replacing the main association makes that table the main one.
     */
    String replaceRouteTableAssociation(String associationId, String routeTableId);

    /** Removes a subnet's association (it then uses the main table); the main association cannot be removed. */
    void disassociateRouteTable(String associationId);

    /**
     * Adds a route. A destination already routed fails with {@code ALREADY_EXISTS} ({@code RouteAlreadyExists}); a
     * gateway that does not exist with {@code NOT_FOUND} ({@code InvalidGatewayID.NotFound}), one not attached to
     * the table's network with {@code INVALID_PARAMETER} ({@code InvalidParameterValue}).
     */
    RouteTable createRoute(String routeTableId, String destinationCidr, RouteTarget target);

    /** Points an existing route elsewhere; a missing one fails with {@code NOT_FOUND} ({@code InvalidRoute.NotFound}). */
    RouteTable replaceRoute(String routeTableId, String destinationCidr, RouteTarget target);

    /** Removes a route; a missing one fails with {@code NOT_FOUND}, the local route cannot be removed. */
    RouteTable deleteRoute(String routeTableId, String destinationCidr);

    /** The network ACLs (every network has a default one). */
    List<NetworkAcl> networkAcls();
}
