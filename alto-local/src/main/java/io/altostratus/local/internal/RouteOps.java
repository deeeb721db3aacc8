package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.NatGateway;
import io.altostratus.core.ec2.VpcPeeringConnection;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.RouteTable.Association;
import io.altostratus.core.ec2.RouteTable.Route;
import io.altostratus.core.ec2.RouteTarget;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.Cidr;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Route tables. A table is stored with its routes and associations; a route's state is not stored but read from its
 * target (a detached gateway or a stopped instance makes a blackhole), so it never goes stale.
 */
public final class RouteOps {
    private RouteOps() {
    }

    /** The network's main table with its local route, and for a default network the route to the internet. */
    static RouteTable putMainTable(StateTx tx, Env env, Network vpc, String internetGatewayId) {
        String id = Ec2IdKind.ROUTE_TABLE.mint();
        List<Route> routes = new ArrayList<>(List.of(localRoute(vpc)));
        if (internetGatewayId != null) {
            routes.add(new Route("0.0.0.0/0", internetGatewayId, null, null, Route.ACTIVE, Route.ORIGIN_ROUTE));
        }
        RouteTable table = new RouteTable(id, vpc.id(), routes,
                List.of(new Association(Ec2IdKind.ROUTE_TABLE_ASSOCIATION.mint(), id, null, true)), env.account(),
                Map.of());
        tx.put(Docs.ROUTE_TABLE, env.scope(), id, table);
        return table;
    }

    private static Route localRoute(Network vpc) {
        return new Route(vpc.cidr(), RouteTable.LOCAL, null, null, Route.ACTIVE, Route.ORIGIN_TABLE);
    }

    public static RouteTable create(StateTx tx, Env env, String networkId, Map<String, String> tags) {
        Network vpc = Lookup.vpc(tx, env, networkId);
        RouteTable table = new RouteTable(Ec2IdKind.ROUTE_TABLE.mint(), vpc.id(), List.of(localRoute(vpc)), List.of(),
                env.account(), tags);
        tx.put(Docs.ROUTE_TABLE, env.scope(), table.id(), table);
        return view(tx, env, table);
    }

    public static List<RouteTable> list(StateView view, Env env) {
        return stored(view, env).stream().map(t -> view(view, env, t)).toList();
    }

    static List<RouteTable> stored(StateView view, Env env) {
        return view.list(Docs.ROUTE_TABLE, env.scope(), RouteTable.class);
    }

    static List<RouteTable> ofNetwork(StateView view, Env env, String networkId) {
        return stored(view, env).stream().filter(t -> networkId.equals(t.networkId())).toList();
    }

    /** The table with each route's state read from its target now. */
    static RouteTable view(StateView view, Env env, RouteTable table) {
        List<Route> routes = new ArrayList<>();
        for (Route route : table.routes()) {
            routes.add(route.withState(alive(view, env, table, route) ? Route.ACTIVE : Route.BLACKHOLE));
        }
        routes.addAll(VpnOps.propagatedRoutes(view, env, table));
        routes.addAll(VpcCidrOps.localRoutes(view, env, table.networkId()));
        return table.withRoutes(routes);
    }

    private static boolean alive(StateView view, Env env, RouteTable table, Route route) {
        if (RouteTable.LOCAL.equals(route.gatewayId())) {
            return true;
        }
        if (route.gatewayId() != null && route.gatewayId().startsWith(Ec2IdKind.NAT_GATEWAY.prefix() + "-")) {
            NatGateway nat = NatGatewayOps.find(view, env, route.gatewayId());
            return nat != null && nat.isLive();
        }
        if (route.gatewayId() != null && Ec2IdKind.ofId(route.gatewayId()) == Ec2IdKind.TRANSIT_GATEWAY) {
            return TransitGatewayOps.routesTo(view, env, route.gatewayId(), table.networkId());
        }
        if (route.gatewayId() != null
                && route.gatewayId().startsWith(Ec2IdKind.VPC_PEERING_CONNECTION.prefix() + "-")) {
            VpcPeeringConnection pcx = VpcPeeringOps.find(view, env, route.gatewayId());
            return pcx != null && VpcPeeringConnection.ACTIVE.equals(pcx.status());
        }
        if (route.gatewayId() != null && route.gatewayId().startsWith(Ec2IdKind.VPN_GATEWAY.prefix() + "-")) {
            return VpnOps.routesFrom(view, env, route.gatewayId(), table.networkId());
        }
        if (route.gatewayId() != null) {
            return view.get(Docs.INTERNET_GATEWAY, env.scope(), route.gatewayId(), InternetGateway.class)
                    .map(igw -> table.networkId().equals(igw.attachedNetworkId())).orElse(false);
        }
        if (route.instanceId() != null) {
            return view.get(Docs.INSTANCE, env.scope(), route.instanceId(), InstanceDoc.class)
                    .map(d -> {
                        InstanceState state = Transitions.effective(d, env.now());
                        return state == InstanceState.RUNNING || state == InstanceState.PENDING;
                    }).orElse(false);
        }
        return view.get(Docs.INTERFACE, env.scope(), route.networkInterfaceId(), NetworkInterface.class)
                .map(n -> n.attachment() != null).orElse(false);
    }

    public static void delete(StateTx tx, Env env, String routeTableId) {
        RouteTable table = Lookup.routeTable(tx, env, routeTableId);
        if (!table.associations().isEmpty()) {
            throw Errors.dependency("The routeTable '" + routeTableId + "' has dependencies and cannot be deleted: "
                    + (table.isMain() ? "it is its network's main route table"
                    : "it is associated with " + table.associations().stream().map(Association::subnetId).toList()));
        }
        tx.delete(Docs.ROUTE_TABLE, env.scope(), routeTableId);
    }

    // ---- associations ---------------------------------------------------------------------------------------

    public static String associate(StateTx tx, Env env, String routeTableId, String subnetId) {
        RouteTable table = Lookup.routeTable(tx, env, routeTableId);
        Subnet subnet = Lookup.subnet(tx, env, subnetId);
        if (!table.networkId().equals(subnet.networkId())) {
            throw Errors.invalidValue("route table " + routeTableId + " and subnet " + subnetId
                    + " belong to different networks");
        }
        for (RouteTable other : stored(tx, env)) {
            for (Association a : other.associations()) {
                if (subnetId.equals(a.subnetId())) {
                    throw Errors.duplicate("Resource.AlreadyAssociated", "the specified association for route table "
                            + other.id() + " conflicts with an existing association (" + a.id() + ")");
                }
            }
        }
        Association association = new Association(Ec2IdKind.ROUTE_TABLE_ASSOCIATION.mint(), table.id(), subnetId, false);
        List<Association> associations = new ArrayList<>(table.associations());
        associations.add(association);
        tx.put(Docs.ROUTE_TABLE, env.scope(), table.id(), table.withAssociations(associations));
        return association.id();
    }

    private record Found(RouteTable table, Association association) {
    }

    private static Found association(StateView view, Env env, String associationId) {
        Ec2IdKind.ROUTE_TABLE_ASSOCIATION.check(associationId);
        for (RouteTable table : stored(view, env)) {
            for (Association a : table.associations()) {
                if (a.id().equals(associationId)) {
                    return new Found(table, a);
                }
            }
        }
        throw Ec2IdKind.ROUTE_TABLE_ASSOCIATION.notFound(associationId);
    }

    private static RouteTable without(RouteTable table, String associationId) {
        return table.withAssociations(table.associations().stream().filter(a -> !a.id().equals(associationId)).toList());
    }

    public static String replaceAssociation(StateTx tx, Env env, String associationId, String routeTableId) {
        Found found = association(tx, env, associationId);
        RouteTable target = Lookup.routeTable(tx, env, routeTableId);
        if (!target.networkId().equals(found.table().networkId())) {
            throw Errors.invalidValue("route table " + routeTableId + " belongs to network " + target.networkId()
                    + ", not " + found.table().networkId());
        }
        tx.put(Docs.ROUTE_TABLE, env.scope(), found.table().id(), without(found.table(), associationId));
        // Re-read: the target may be the table just written.
        RouteTable current = Lookup.routeTable(tx, env, routeTableId);
        Association moved = new Association(Ec2IdKind.ROUTE_TABLE_ASSOCIATION.mint(), routeTableId,
                found.association().subnetId(), found.association().main());
        List<Association> associations = new ArrayList<>(current.associations());
        associations.add(moved);
        tx.put(Docs.ROUTE_TABLE, env.scope(), routeTableId, current.withAssociations(associations));
        return moved.id();
    }

    public static void disassociate(StateTx tx, Env env, String associationId) {
        Found found = association(tx, env, associationId);
        if (found.association().main()) {
            throw Errors.invalidValue("the main route table association " + associationId
                    + " cannot be disassociated; replace it instead");
        }
        tx.put(Docs.ROUTE_TABLE, env.scope(), found.table().id(), without(found.table(), associationId));
    }

    /** Drops a deleted subnet's association: AWS removes it with the subnet. */
    static void forgetSubnet(StateTx tx, Env env, String subnetId) {
        for (RouteTable table : stored(tx, env)) {
            Optional<Association> a = table.associations().stream().filter(x -> subnetId.equals(x.subnetId())).findFirst();
            if (a.isPresent()) {
                tx.put(Docs.ROUTE_TABLE, env.scope(), table.id(), without(table, a.get().id()));
            }
        }
    }

    // ---- routes ---------------------------------------------------------------------------------------------

    public static RouteTable createRoute(StateTx tx, Env env, String routeTableId, String destination, RouteTarget target) {
        RouteTable table = Lookup.routeTable(tx, env, routeTableId);
        String cidr = destination(tx, env, table, destination);
        if (table.routes().stream().anyMatch(r -> r.destinationCidr().equals(cidr))) {
            throw Errors.duplicate("RouteAlreadyExists", "The route identified by " + cidr
                    + " already exists in " + routeTableId);
        }
        checkTarget(tx, env, table, target);
        List<Route> routes = new ArrayList<>(table.routes());
        routes.add(route(cidr, target));
        RouteTable updated = table.withRoutes(routes);
        tx.put(Docs.ROUTE_TABLE, env.scope(), table.id(), updated);
        return view(tx, env, updated);
    }

    public static RouteTable replaceRoute(StateTx tx, Env env, String routeTableId, String destination,
                                          RouteTarget target) {
        RouteTable table = Lookup.routeTable(tx, env, routeTableId);
        String cidr = destination(tx, env, table, destination);
        int index = indexOf(table, cidr);
        checkTarget(tx, env, table, target);
        List<Route> routes = new ArrayList<>(table.routes());
        routes.set(index, new Route(cidr, target.gatewayId(), target.instanceId(), target.networkInterfaceId(),
                Route.ACTIVE, routes.get(index).origin()));
        RouteTable updated = table.withRoutes(routes);
        tx.put(Docs.ROUTE_TABLE, env.scope(), table.id(), updated);
        return view(tx, env, updated);
    }

    public static RouteTable deleteRoute(StateTx tx, Env env, String routeTableId, String destination) {
        RouteTable table = Lookup.routeTable(tx, env, routeTableId);
        String cidr = destination(tx, env, table, destination);
        int index = indexOf(table, cidr);
        List<Route> routes = new ArrayList<>(table.routes());
        routes.remove(index);
        RouteTable updated = table.withRoutes(routes);
        tx.put(Docs.ROUTE_TABLE, env.scope(), table.id(), updated);
        return view(tx, env, updated);
    }

    private static int indexOf(RouteTable table, String cidr) {
        for (int i = 0; i < table.routes().size(); i++) {
            if (table.routes().get(i).destinationCidr().equals(cidr)) {
                return i;
            }
        }
        throw Errors.notFound("InvalidRoute.NotFound", "no route with destination-cidr-block " + cidr
                + " in route table " + table.id());
    }

    /** The canonical destination; the network's own block (and anything inside it) belongs to the local route. */
    private static String destination(StateView view, Env env, RouteTable table, String destination) {
        Cidr block;
        try {
            block = Cidr.parse(destination);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Errors.invalidValue("Value (" + destination + ") for parameter destinationCidrBlock is invalid");
        }
        Network vpc = Lookup.vpc(view, env, table.networkId());
        if (Cidr.parse(vpc.cidr()).contains(block)) {
            throw Errors.invalidValue("The destination CIDR block " + block + " is equal to or more specific than "
                    + "one of this VPC's CIDR blocks (" + vpc.cidr() + "); the local route covers it");
        }
        return block.toString();
    }

    private static Route route(String cidr, RouteTarget target) {
        return new Route(cidr, target.gatewayId(), target.instanceId(), target.networkInterfaceId(), Route.ACTIVE,
                Route.ORIGIN_ROUTE);
    }

    private static void checkTarget(StateView view, Env env, RouteTable table, RouteTarget target) {
        if (target.gatewayId() != null) {
            String id = target.gatewayId();
            if (RouteTable.LOCAL.equals(id)) {
                throw Errors.invalidValue("routes to 'local' are made by the route table itself");
            }
            if (id.startsWith(Ec2IdKind.NAT_GATEWAY.prefix() + "-")) {
                NatGateway nat = NatGatewayOps.find(view, env, id);
                if (nat == null || !nat.isLive()) {
                    throw Errors.notFound("InvalidNatGatewayID.NotFound", "The natGateway ID '" + id
                            + "' does not exist");
                }
                if (!table.networkId().equals(nat.networkId())) {
                    throw Errors.invalidValue("route table " + table.id() + " and NAT gateway " + id
                            + " belong to different networks");
                }
                return;
            }
            if (Ec2IdKind.ofId(id) == Ec2IdKind.TRANSIT_GATEWAY) {
                TransitGatewayOps.checkRouteTarget(view, env, id, table.networkId());
                return;
            }
            if (id.startsWith(Ec2IdKind.VPC_PEERING_CONNECTION.prefix() + "-")) {
                VpcPeeringConnection pcx = VpcPeeringOps.find(view, env, id);
                if (pcx == null || VpcPeeringConnection.DELETED.equals(pcx.status())) {
                    throw VpcPeeringOps.notFound(id);
                }
                // EC2 takes routes to a pending connection too (they are blackholes until it is active).
                if (!table.networkId().equals(pcx.requester().vpcId())
                        && !table.networkId().equals(pcx.accepter().vpcId())) {
                    throw Errors.invalidValue("route table " + table.id() + " and VPC peering connection " + id
                            + " belong to different networks");
                }
                return;
            }
            if (id.startsWith(Ec2IdKind.VPN_GATEWAY.prefix() + "-")) {
                // A route to a virtual private gateway needs it attached to the table's VPC, as on EC2.
                if (!VpnOps.routesFrom(view, env, id, table.networkId())) {
                    throw Errors.invalidValue("route table " + table.id() + " and VPN gateway " + id
                            + " belong to different networks (or the gateway is not attached)");
                }
                return;
            }
            InternetGateway igw = Ec2IdKind.INTERNET_GATEWAY.isWellFormed(id)
                    ? view.get(Docs.INTERNET_GATEWAY, env.scope(), id, InternetGateway.class).orElse(null) : null;
            if (igw == null) {
                throw Errors.notFound("InvalidGatewayID.NotFound", "The gateway ID '" + id + "' does not exist");
            }
            if (!table.networkId().equals(igw.attachedNetworkId())) {
                throw Errors.invalidValue("route table " + table.id() + " and network gateway " + id
                        + " belong to different networks");
            }
        } else if (target.instanceId() != null) {
            InstanceDoc instance = Lookup.instance(view, env, target.instanceId());
            if (!table.networkId().equals(instance.vpcId())) {
                throw Errors.invalidValue("route table " + table.id() + " and instance " + instance.id()
                        + " belong to different networks");
            }
        } else {
            NetworkInterface eni = Lookup.networkInterface(view, env, target.networkInterfaceId());
            if (!table.networkId().equals(eni.networkId())) {
                throw Errors.invalidValue("route table " + table.id() + " and network interface " + eni.id()
                        + " belong to different networks");
            }
        }
    }
}
