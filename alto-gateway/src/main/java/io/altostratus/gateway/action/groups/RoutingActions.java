package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.combination;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;
import static io.altostratus.gateway.action.groups.Checks.unsupportedByBackend;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.NatGateway;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.core.ec2.RouteTarget;
import io.altostratus.core.model.Network;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.AssociateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.AssociateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.AttachInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.AttachInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DeleteInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DetachInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DetachInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteTableAssociationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteTableAssociationResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.PropagatingVgw;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

/** How traffic leaves subnets: internet gateways, route tables and their routes, and network ACLs (read only). */
public final class RoutingActions implements ActionGroup {
    static final String IGW_NOT_FOUND = Checks.notFoundCode(Ec2IdKind.INTERNET_GATEWAY);
    static final String TABLE_NOT_FOUND = Checks.notFoundCode(Ec2IdKind.ROUTE_TABLE);
    static final String ACL_NOT_FOUND = Checks.notFoundCode(Ec2IdKind.NETWORK_ACL);
    static final String ASSOCIATION_NOT_FOUND = Checks.notFoundCode(Ec2IdKind.ROUTE_TABLE_ASSOCIATION);

    private static final FilterSet<InternetGateway> IGW_FILTERS = FilterSet.<InternetGateway>builder()
            .field("internet-gateway-id", InternetGateway::internetGatewayId)
            .field("attachment.vpc-id",
                    g -> g.attachments().stream().map(InternetGatewayAttachment::vpcId).toList())
            .field("attachment.state",
                    g -> g.attachments().stream().map(InternetGatewayAttachment::stateAsString).toList())
            .field("owner-id", InternetGateway::ownerId)
            .tags(g -> SdkTags.fromSdk(g.tags()))
            .build();

    private static final FilterSet<RouteTable> TABLE_FILTERS = FilterSet.<RouteTable>builder()
            .field("route-table-id", RouteTable::routeTableId)
            .field("vpc-id", RouteTable::vpcId)
            .field("owner-id", RouteTable::ownerId)
            .field("association.route-table-association-id",
                    t -> associations(t).map(RouteTableAssociation::routeTableAssociationId).toList())
            .field("association.route-table-id",
                    t -> associations(t).map(RouteTableAssociation::routeTableId).toList())
            .field("association.subnet-id", t -> associations(t).map(RouteTableAssociation::subnetId)
                    .filter(Objects::nonNull).toList())
            .field("association.gateway-id", t -> associations(t).map(RouteTableAssociation::gatewayId)
                    .filter(Objects::nonNull).toList())
            // Tables without associations match neither true nor false, as EC2 documents.
            .field("association.main", t -> associations(t).map(RouteTableAssociation::main).toList())
            .field("route.destination-cidr-block", t -> routes(t).map(Route::destinationCidrBlock).toList())
            .field("route.destination-ipv6-cidr-block", t -> List.of())
            .field("route.destination-prefix-list-id", t -> List.of())
            .field("route.egress-only-internet-gateway-id", t -> List.of())
            .field("route.gateway-id", t -> routes(t).map(Route::gatewayId).filter(Objects::nonNull).toList())
            .field("route.instance-id", t -> routes(t).map(Route::instanceId).filter(Objects::nonNull).toList())
            .field("route.nat-gateway-id", t -> routes(t).map(Route::natGatewayId).filter(Objects::nonNull).toList())
            .field("route.transit-gateway-id",
                    t -> routes(t).map(Route::transitGatewayId).filter(Objects::nonNull).toList())
            .field("route.vpc-peering-connection-id",
                    t -> routes(t).map(Route::vpcPeeringConnectionId).filter(Objects::nonNull).toList())
            .field("route.origin", t -> routes(t).map(Route::originAsString).toList())
            .field("route.state", t -> routes(t).map(Route::stateAsString).toList())
            .tags(t -> SdkTags.fromSdk(t.tags()))
            .build();

    private static final FilterSet<NetworkAcl> ACL_FILTERS = FilterSet.<NetworkAcl>builder()
            .field("network-acl-id", NetworkAcl::networkAclId)
            .field("vpc-id", NetworkAcl::vpcId)
            .field("default", NetworkAcl::isDefault)
            .field("owner-id", NetworkAcl::ownerId)
            .field("association.association-id",
                    a -> a.associations().stream().map(NetworkAclAssociation::networkAclAssociationId).toList())
            .field("association.network-acl-id",
                    a -> a.associations().stream().map(NetworkAclAssociation::networkAclId).toList())
            .field("association.subnet-id",
                    a -> a.associations().stream().map(NetworkAclAssociation::subnetId).toList())
            .field("entry.cidr", a -> entries(a).map(NetworkAclEntry::cidrBlock).filter(Objects::nonNull).toList())
            .field("entry.ipv6-cidr",
                    a -> entries(a).map(NetworkAclEntry::ipv6CidrBlock).filter(Objects::nonNull).toList())
            .field("entry.egress", a -> entries(a).map(NetworkAclEntry::egress).toList())
            .field("entry.protocol", a -> entries(a).map(NetworkAclEntry::protocol).toList())
            .field("entry.rule-action", a -> entries(a).map(NetworkAclEntry::ruleActionAsString).toList())
            .field("entry.rule-number", a -> entries(a).map(NetworkAclEntry::ruleNumber).toList())
            .field("entry.port-range.from", a -> entries(a).filter(e -> e.portRange() != null)
                    .map(e -> e.portRange().from()).toList())
            .field("entry.port-range.to", a -> entries(a).filter(e -> e.portRange() != null)
                    .map(e -> e.portRange().to()).toList())
            .field("entry.icmp.code", a -> List.of())
            .field("entry.icmp.type", a -> List.of())
            .tags(a -> SdkTags.fromSdk(a.tags()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateInternetGatewayRequest.class, this::createInternetGateway)
                .on(AttachInternetGatewayRequest.class, this::attachInternetGateway)
                .on(DetachInternetGatewayRequest.class, this::detachInternetGateway)
                .on(DeleteInternetGatewayRequest.class, this::deleteInternetGateway)
                .on(DescribeInternetGatewaysRequest.class, this::describeInternetGateways)
                .on(CreateRouteTableRequest.class, this::createRouteTable)
                .on(DeleteRouteTableRequest.class, this::deleteRouteTable)
                .on(DescribeRouteTablesRequest.class, this::describeRouteTables)
                .on(AssociateRouteTableRequest.class, this::associateRouteTable)
                .on(DisassociateRouteTableRequest.class, this::disassociateRouteTable)
                .on(ReplaceRouteTableAssociationRequest.class, this::replaceRouteTableAssociation)
                .on(CreateRouteRequest.class, this::createRoute)
                .on(ReplaceRouteRequest.class, this::replaceRoute)
                .on(DeleteRouteRequest.class, this::deleteRoute)
                .on(DescribeNetworkAclsRequest.class, this::describeNetworkAcls);
    }

    // ---- internet gateways ------------------------------------------------------------------------------------

    CreateInternetGatewayResponse createInternetGateway(ActionContext ctx, CreateInternetGatewayRequest request) {
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.INTERNET_GATEWAY);
        dryRun(request.dryRun());
        var created = Checks.extension(ctx.cloud(), Ec2Networking.class).createInternetGateway(tags);
        return CreateInternetGatewayResponse.builder()
                .internetGateway(NetworkShapes.internetGateway(ctx, created)).build();
    }

    AttachInternetGatewayResponse attachInternetGateway(ActionContext ctx, AttachInternetGatewayRequest request) {
        var gateway = findGateway(ctx, request.internetGatewayId());
        Network vpc = VpcActions.find(ctx, request.vpcId());
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), Ec2Networking.class).attachInternetGateway(gateway.id(), vpc.id());
        return AttachInternetGatewayResponse.builder().build();
    }

    DetachInternetGatewayResponse detachInternetGateway(ActionContext ctx, DetachInternetGatewayRequest request) {
        var gateway = findGateway(ctx, request.internetGatewayId());
        Network vpc = VpcActions.find(ctx, request.vpcId());
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), Ec2Networking.class).detachInternetGateway(gateway.id(), vpc.id());
        return DetachInternetGatewayResponse.builder().build();
    }

    DeleteInternetGatewayResponse deleteInternetGateway(ActionContext ctx, DeleteInternetGatewayRequest request) {
        var gateway = findGateway(ctx, request.internetGatewayId());
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), Ec2Networking.class).deleteInternetGateway(gateway.id());
        return DeleteInternetGatewayResponse.builder().build();
    }

    DescribeInternetGatewaysResponse describeInternetGateways(ActionContext ctx,
                                                              DescribeInternetGatewaysRequest request) {
        var gateways = IdSelection.sorted(Checks.extension(ctx.cloud(), Ec2Networking.class).internetGateways(),
                io.altostratus.core.ec2.InternetGateway::id);
        gateways = IdSelection.byIds(gateways, io.altostratus.core.ec2.InternetGateway::id,
                request.internetGatewayIds(), IGW_NOT_FOUND, "internetGateway");
        List<InternetGateway> out = new ArrayList<>(gateways.size());
        for (var g : gateways) {
            out.add(NetworkShapes.internetGateway(ctx, g));
        }
        List<InternetGateway> matching = IGW_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        Paging.Page<InternetGateway> page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeInternetGatewaysResponse.builder().internetGateways(page.items())
                .nextToken(page.nextToken()).build();
    }

    private static io.altostratus.core.ec2.InternetGateway findGateway(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("internetGatewayId");
        }
        return Checks.extension(ctx.cloud(), Ec2Networking.class)
                .internetGateways().stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(() -> Checks.notFound(IGW_NOT_FOUND, "internetGateway", List.of(id)));
    }

    // ---- route tables -----------------------------------------------------------------------------------------

    CreateRouteTableResponse createRouteTable(ActionContext ctx, CreateRouteTableRequest request) {
        Network vpc = VpcActions.find(ctx, request.vpcId());
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(), ResourceType.ROUTE_TABLE);
        dryRun(request.dryRun());
        var created = Checks.extension(ctx.cloud(), Ec2Networking.class).createRouteTable(vpc.id(), tags);
        return CreateRouteTableResponse.builder().routeTable(NetworkShapes.routeTable(ctx, created))
                .clientToken(request.clientToken()).build();
    }

    DeleteRouteTableResponse deleteRouteTable(ActionContext ctx, DeleteRouteTableRequest request) {
        var table = findTable(ctx, request.routeTableId());
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), Ec2Networking.class).deleteRouteTable(table.id());
        return DeleteRouteTableResponse.builder().build();
    }

    DescribeRouteTablesResponse describeRouteTables(ActionContext ctx, DescribeRouteTablesRequest request) {
        var tables = IdSelection.sorted(Checks.extension(ctx.cloud(), Ec2Networking.class)
                .routeTables(), io.altostratus.core.ec2.RouteTable::id);
        tables = IdSelection.byIds(tables, io.altostratus.core.ec2.RouteTable::id, request.routeTableIds(),
                TABLE_NOT_FOUND, "routeTable");
        List<RouteTable> out = new ArrayList<>(tables.size());
        Map<String, List<String>> propagations = VpnGatewayActions.propagations(ctx);
        for (var t : tables) {
            RouteTable shaped = NetworkShapes.routeTable(ctx, t);
            List<String> vgws = propagations.getOrDefault(t.id(), List.of());
            out.add(vgws.isEmpty() ? shaped : shaped.toBuilder().propagatingVgws(vgws.stream()
                    .map(id -> PropagatingVgw.builder().gatewayId(id).build()).toList()).build());
        }
        List<RouteTable> matching = TABLE_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        // EC2 pages route tables by at most 100.
        Paging.Page<RouteTable> page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 100,
                Paging.queryKey(request));
        return DescribeRouteTablesResponse.builder().routeTables(page.items()).nextToken(page.nextToken()).build();
    }

    AssociateRouteTableResponse associateRouteTable(ActionContext ctx, AssociateRouteTableRequest request) {
        if (request.gatewayId() != null) {
            throw unsupportedByBackend("Associating a route table with a gateway (edge association)");
        }
        var table = findTable(ctx, request.routeTableId());
        var subnet = SubnetActions.find(ctx, request.subnetId());
        dryRun(request.dryRun());
        String associationId = Checks.extension(ctx.cloud(), Ec2Networking.class)
                .associateRouteTable(table.id(), subnet.id());
        return AssociateRouteTableResponse.builder().associationId(associationId)
                .associationState(NetworkShapes.associated("associated")).build();
    }

    DisassociateRouteTableResponse disassociateRouteTable(ActionContext ctx, DisassociateRouteTableRequest request) {
        String associationId = findAssociation(ctx, request.associationId());
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), Ec2Networking.class).disassociateRouteTable(associationId);
        return DisassociateRouteTableResponse.builder().build();
    }

    ReplaceRouteTableAssociationResponse replaceRouteTableAssociation(ActionContext ctx,
                                                                      ReplaceRouteTableAssociationRequest request) {
        String associationId = findAssociation(ctx, request.associationId());
        var table = findTable(ctx, request.routeTableId());
        dryRun(request.dryRun());
        String newId = Checks.extension(ctx.cloud(), Ec2Networking.class)
                .replaceRouteTableAssociation(associationId, table.id());
        return ReplaceRouteTableAssociationResponse.builder().newAssociationId(newId)
                .associationState(NetworkShapes.associated("associated")).build();
    }

    CreateRouteResponse createRoute(ActionContext ctx, CreateRouteRequest request) {
        rejectOtherTargets(
                request.egressOnlyInternetGatewayId(), request.localGatewayId(), request.carrierGatewayId(),
                request.vpcEndpointId(), request.coreNetworkArn(), request.odbNetworkArn());
        String destination = destination(request.destinationCidrBlock(), request.destinationIpv6CidrBlock(),
                request.destinationPrefixListId());
        RouteTarget target = request.transitGatewayId() != null
                ? transitGatewayTarget(request.transitGatewayId(), request.gatewayId(), request.natGatewayId(),
                        request.instanceId(), request.networkInterfaceId(), request.vpcPeeringConnectionId())
                : target(request.gatewayId(), request.natGatewayId(), request.instanceId(),
                        request.networkInterfaceId(), request.vpcPeeringConnectionId());
        var table = findTable(ctx, request.routeTableId());
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), Ec2Networking.class).createRoute(table.id(), destination, target);
        return CreateRouteResponse.builder().returnValue(true).build();
    }

    ReplaceRouteResponse replaceRoute(ActionContext ctx, ReplaceRouteRequest request) {
        rejectOtherTargets(
                request.egressOnlyInternetGatewayId(), request.localGatewayId(), request.carrierGatewayId(),
                request.vpcEndpointId(), request.coreNetworkArn(), request.odbNetworkArn());
        if (Boolean.TRUE.equals(request.localTarget())) {
            throw unsupportedByBackend("Restoring a local target (LocalTarget)");
        }
        String destination = destination(request.destinationCidrBlock(), request.destinationIpv6CidrBlock(),
                request.destinationPrefixListId());
        RouteTarget target = request.transitGatewayId() != null
                ? transitGatewayTarget(request.transitGatewayId(), request.gatewayId(), request.natGatewayId(),
                        request.instanceId(), request.networkInterfaceId(), request.vpcPeeringConnectionId())
                : target(request.gatewayId(), request.natGatewayId(), request.instanceId(),
                        request.networkInterfaceId(), request.vpcPeeringConnectionId());
        var table = findTable(ctx, request.routeTableId());
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), Ec2Networking.class).replaceRoute(table.id(), destination, target);
        return ReplaceRouteResponse.builder().build();
    }

    DeleteRouteResponse deleteRoute(ActionContext ctx, DeleteRouteRequest request) {
        String destination = destination(request.destinationCidrBlock(), request.destinationIpv6CidrBlock(),
                request.destinationPrefixListId());
        var table = findTable(ctx, request.routeTableId());
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), Ec2Networking.class).deleteRoute(table.id(), destination);
        return DeleteRouteResponse.builder().build();
    }

    private static void rejectOtherTargets(String... targets) {
        for (String t : targets) {
            if (t != null) {
                throw unsupportedByBackend(
                        "Route targets other than internet and NAT gateways, VPC peering connections, instances "
                                + "and network interfaces");
            }
        }
    }

    private static String destination(String cidr, String ipv6Cidr, String prefixList) {
        if (ipv6Cidr != null || prefixList != null) {
            throw unsupportedByBackend("IPv6 and prefix-list route destinations");
        }
        if (cidr == null) {
            throw missing("destinationCidrBlock");
        }
        return cidr;
    }

    /** A transit gateway target, carried in the core target's gateway id (see TransitGateways). */
    private static RouteTarget transitGatewayTarget(String transitGatewayId, String... others) {
        for (String other : others) {
            if (other != null) {
                throw combination("More than one target specified; a route has exactly one of gatewayId, "
                        + "natGatewayId, instanceId, networkInterfaceId, vpcPeeringConnectionId and transitGatewayId");
            }
        }
        return new RouteTarget(Checks.checkId(transitGatewayId, Ec2IdKind.TRANSIT_GATEWAY), null, null);
    }

    private static RouteTarget target(String gatewayId, String natGatewayId, String instanceId,
                                      String interfaceId, String peeringId) {
        int given = (gatewayId == null ? 0 : 1) + (natGatewayId == null ? 0 : 1) + (instanceId == null ? 0 : 1)
                + (interfaceId == null ? 0 : 1) + (peeringId == null ? 0 : 1);
        if (given == 0) {
            throw missing("gatewayId, natGatewayId, instanceId, networkInterfaceId or vpcPeeringConnectionId "
                    + "(a route target)");
        }
        if (given > 1) {
            throw combination("More than one target specified; a route has exactly one of gatewayId, natGatewayId, "
                    + "instanceId, networkInterfaceId and vpcPeeringConnectionId");
        }
        if (peeringId != null) {
            // Peering connections ride in the core target's gateway id too (see VpcPeeringConnections).
            return new RouteTarget(Checks.checkId(peeringId, Ec2IdKind.VPC_PEERING_CONNECTION), null, null);
        }
        if (natGatewayId != null) {
            if (!natGatewayId.startsWith(Ec2IdKind.NAT_GATEWAY.prefix() + "-")) {
                throw Ec2WireException.of("InvalidNatGatewayID.Malformed", "Invalid id: \"" + natGatewayId
                        + "\" (expected nat-<hex>)");
            }
            // NAT gateways are carried in the core target's gateway id (see NatGateways).
            return new RouteTarget(natGatewayId, null, null);
        }
        if (gatewayId != null && gatewayId.startsWith(Ec2IdKind.VPC_PEERING_CONNECTION.prefix() + "-")) {
            throw Ec2WireException.of("InvalidGatewayID.NotFound", "The gateway ID '" + gatewayId
                    + "' does not exist (a VPC peering connection is a vpcPeeringConnectionId target)");
        }
        if (gatewayId != null && gatewayId.startsWith(Ec2IdKind.NAT_GATEWAY.prefix() + "-")) {
            throw Ec2WireException.of("InvalidGatewayID.NotFound", "The gateway ID '" + gatewayId
                    + "' does not exist (a NAT gateway is a natGatewayId target)");
        }
        return new RouteTarget(gatewayId, instanceId, interfaceId);
    }

    private static io.altostratus.core.ec2.RouteTable findTable(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("routeTableId");
        }
        return Checks.extension(ctx.cloud(), Ec2Networking.class)
                .routeTables().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> Checks.notFound(TABLE_NOT_FOUND, "routeTable", List.of(id)));
    }

    private static String findAssociation(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("associationId");
        }
        boolean known = Checks.extension(ctx.cloud(), Ec2Networking.class)
                .routeTables().stream().flatMap(t -> t.associations().stream())
                .anyMatch(a -> a.id().equals(id));
        if (!known) {
            throw Checks.notFound(ASSOCIATION_NOT_FOUND, "association", List.of(id));
        }
        return id;
    }

    private static Stream<RouteTableAssociation> associations(RouteTable t) {
        return t.associations().stream();
    }

    private static Stream<Route> routes(RouteTable t) {
        return t.routes().stream();
    }

    // ---- network ACLs -----------------------------------------------------------------------------------------

    DescribeNetworkAclsResponse describeNetworkAcls(ActionContext ctx, DescribeNetworkAclsRequest request) {
        var acls = IdSelection.sorted(Checks.extension(ctx.cloud(), Ec2Networking.class)
                .networkAcls(), io.altostratus.core.ec2.NetworkAcl::id);
        acls = IdSelection.byIds(acls, io.altostratus.core.ec2.NetworkAcl::id, request.networkAclIds(),
                ACL_NOT_FOUND, "networkAcl");
        List<NetworkAcl> out = new ArrayList<>(acls.size());
        for (var a : acls) {
            out.add(NetworkShapes.networkAcl(ctx, a));
        }
        List<NetworkAcl> matching = ACL_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        Paging.Page<NetworkAcl> page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeNetworkAclsResponse.builder().networkAcls(page.items()).nextToken(page.nextToken()).build();
    }

    private static Stream<NetworkAclEntry> entries(NetworkAcl a) {
        return a.entries().stream();
    }
}
