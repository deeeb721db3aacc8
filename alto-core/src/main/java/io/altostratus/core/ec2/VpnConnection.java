package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IPsec connection between a customer gateway and a virtual private gateway or a transit gateway (an EC2
 * site-to-site VPN connection), with EC2's two tunnels.
 *
 * @param id                the connection, e.g. {@code vpn-0123456789abcdef0}
 * @param customerGatewayId the customer's side
 * @param vpnGatewayId      Amazon's side when it is a virtual private gateway, else null
 * @param transitGatewayId  Amazon's side when it is a transit gateway, else null
 * @param type              {@code ipsec.1}
 * @param staticRoutesOnly  whether routes are static (made with CreateVpnConnectionRoute) rather than BGP's
 * @param state             {@code pending}, {@code available}, {@code deleting} or {@code deleted}
 * @param tunnels           the two tunnels
 * @param routes            its static routes
 * @param createTime        when it was made
 * @param tags              tags
 */
public record VpnConnection(String id, String customerGatewayId, String vpnGatewayId, String transitGatewayId,
                            String type, boolean staticRoutesOnly, String state, List<Tunnel> tunnels,
                            List<StaticRoute> routes, Instant createTime, Map<String, String> tags) {
    public static final String PENDING = "pending";
    public static final String AVAILABLE = "available";
    public static final String DELETING = "deleting";
    public static final String DELETED = "deleted";

    public VpnConnection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        tunnels = tunnels == null ? List.of() : List.copyOf(tunnels);
        routes = routes == null ? List.of() : List.copyOf(routes);
        tags = Tags.copy(tags);
    }

    public boolean isLive() {
        return PENDING.equals(state) || AVAILABLE.equals(state);
    }

    public VpnConnection withState(String newState) {
        return new VpnConnection(id, customerGatewayId, vpnGatewayId, transitGatewayId, type, staticRoutesOnly,
                newState, tunnels, routes, createTime, tags);
    }

    public VpnConnection withRoutes(List<StaticRoute> newRoutes) {
        return new VpnConnection(id, customerGatewayId, vpnGatewayId, transitGatewayId, type, staticRoutesOnly,
                state, tunnels, newRoutes, createTime, tags);
    }

    public VpnConnection withTarget(String newVpnGatewayId, String newTransitGatewayId) {
        return new VpnConnection(id, customerGatewayId, newVpnGatewayId, newTransitGatewayId, type, staticRoutesOnly,
                state, tunnels, routes, createTime, tags);
    }

    public VpnConnection withTags(Map<String, String> newTags) {
        return new VpnConnection(id, customerGatewayId, vpnGatewayId, transitGatewayId, type, staticRoutesOnly,
                state, tunnels, routes, createTime, newTags);
    }

    /**
     * One IPsec tunnel: Amazon's outside address and the /30 inside it.
     *
     * @param outsideIpAddress Amazon's public endpoint of the tunnel
     * @param insideCidr       the tunnel's inside /30 in 169.254.0.0/16
     * @param status           {@code UP} or {@code DOWN}; no peer ever answers here, so {@code DOWN}
     */
    public record Tunnel(String outsideIpAddress, String insideCidr, String status) {
    }

    /**
     * A static route to the customer's network.
     *
     * @param destinationCidr the customer's block
     * @param state           {@code pending}, {@code available}, {@code deleting} or {@code deleted}
     */
    public record StaticRoute(String destinationCidr, String state) {
    }
}
