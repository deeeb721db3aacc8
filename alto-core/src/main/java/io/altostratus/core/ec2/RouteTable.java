package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The routes of a network and the subnets that use them (an EC2 route table). Every network has one main table,
 * used by each subnet that has no explicit association.
 *
 * @param id           e.g. {@code rtb-0123456789abcdef0}
 * @param networkId    the VPC
 * @param routes       its routes, the network's local route first
 * @param associations the main association and the subnets explicitly associated
 * @param ownerId      the owning account
 * @param tags         tags
 */
public record RouteTable(String id, String networkId, List<Route> routes, List<Association> associations,
                         String ownerId, Map<String, String> tags) {
    /** The target of the route every table has for its own network's block. */
    public static final String LOCAL = "local";

    public RouteTable {
        Objects.requireNonNull(id, "id");
        routes = routes == null ? List.of() : List.copyOf(routes);
        associations = associations == null ? List.of() : List.copyOf(associations);
        tags = Tags.copy(tags);
    }

    /** Whether this is its network's main table. */
    public boolean isMain() {
        return associations.stream().anyMatch(Association::main);
    }

    public RouteTable withRoutes(List<Route> newRoutes) {
        return new RouteTable(id, networkId, newRoutes, associations, ownerId, tags);
    }

    public RouteTable withAssociations(List<Association> newAssociations) {
        return new RouteTable(id, networkId, routes, newAssociations, ownerId, tags);
    }

    public RouteTable withTags(Map<String, String> newTags) {
        return new RouteTable(id, networkId, routes, associations, ownerId, newTags);
    }

    /**
     * One route. Exactly one target is set: {@code gatewayId} (an internet gateway id, or {@link #LOCAL}),
     * {@code instanceId} or {@code networkInterfaceId}.
     *
     * @param destinationCidr    the IPv4 block it routes
     * @param gatewayId          an internet gateway id or {@code local}, or null
     * @param instanceId         a NAT or appliance instance, or null
     * @param networkInterfaceId a network interface, or null
     * @param state              {@code active}, or {@code blackhole} when the target is gone, detached or stopped
     * @param origin             {@code CreateRouteTable} (the local route and routes made with the table),
     *                           {@code CreateRoute}, or {@code EnableVgwRoutePropagation}
     */
    public record Route(String destinationCidr, String gatewayId, String instanceId, String networkInterfaceId,
                        String state, String origin) {
        public static final String ACTIVE = "active";
        public static final String BLACKHOLE = "blackhole";
        public static final String ORIGIN_TABLE = "CreateRouteTable";
        public static final String ORIGIN_ROUTE = "CreateRoute";
        public static final String ORIGIN_PROPAGATION = "EnableVgwRoutePropagation";

        public Route {
            Objects.requireNonNull(destinationCidr, "destinationCidr");
        }

        public Route withState(String newState) {
            return new Route(destinationCidr, gatewayId, instanceId, networkInterfaceId, newState, origin);
        }
    }

    /**
     * A subnet's use of the table, or the table's role as its network's main table.
     *
     * @param id           e.g. {@code rtbassoc-0123456789abcdef0}
     * @param routeTableId the table
     * @param subnetId     the subnet, or null for the main association
     * @param main         whether this is the main association
     */
    public record Association(String id, String routeTableId, String subnetId, boolean main) {
        /** EC2's association state; associations here are made synchronously, so always this. */
        public String state() {
            return "associated";
        }
    }
}
