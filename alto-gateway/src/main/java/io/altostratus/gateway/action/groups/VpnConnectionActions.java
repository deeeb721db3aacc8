package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.CustomerGateway;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.SiteToSiteVpn;
import io.altostratus.core.ec2.TransitGateways;
import io.altostratus.core.ec2.VpnConnection;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionRouteResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpnConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpnConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpnConnectionRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpnConnectionResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TunnelOption;
import software.amazon.awssdk.services.ec2.model.VgwTelemetry;
import software.amazon.awssdk.services.ec2.model.VpnConnectionOptions;
import software.amazon.awssdk.services.ec2.model.VpnConnectionOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.VpnStaticRoute;

/**
 * Site-to-site VPN connections between a customer gateway and a virtual private gateway (or a transit gateway where
 * the backend has them): made with two tunnels and EC2's customer gateway configuration document, their static
 * routes, a change of target, and deletion.
 */
public final class VpnConnectionActions implements ActionGroup {
    private static final String NOUN = "vpnConnection";

    /** A connection as described, with its customer gateway's ASN for the bgp-asn filter. */
    private record Row(software.amazon.awssdk.services.ec2.model.VpnConnection connection, String bgpAsn) {
    }

    private static final FilterSet<Row> FILTERS = FilterSet.<Row>builder()
            .field("customer-gateway-configuration", r -> r.connection().customerGatewayConfiguration())
            .field("customer-gateway-id", r -> r.connection().customerGatewayId())
            .field("state", r -> r.connection().stateAsString())
            .field("option.static-routes-only", r -> r.connection().options().staticRoutesOnly())
            .field("route.destination-cidr-block", r -> r.connection().routes().stream()
                    .map(VpnStaticRoute::destinationCidrBlock).toList())
            .field("bgp-asn", Row::bgpAsn)
            .field("type", r -> r.connection().typeAsString())
            .field("vpn-connection-id", r -> r.connection().vpnConnectionId())
            .field("vpn-gateway-id", r -> r.connection().vpnGatewayId())
            .field("transit-gateway-id", r -> r.connection().transitGatewayId())
            .field("category", r -> r.connection().category())
            .tags(r -> SdkTags.fromSdk(r.connection().tags()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateVpnConnectionRequest.class, this::create)
                .on(DeleteVpnConnectionRequest.class, this::delete)
                .on(DescribeVpnConnectionsRequest.class, this::describe)
                .on(ModifyVpnConnectionRequest.class, this::modify)
                .on(CreateVpnConnectionRouteRequest.class, this::createRoute)
                .on(DeleteVpnConnectionRouteRequest.class, this::deleteRoute);
    }

    CreateVpnConnectionResponse create(ActionContext ctx, CreateVpnConnectionRequest request) {
        if (request.type() == null) {
            throw missing("Type");
        }
        if (!CustomerGateway.TYPE_IPSEC.equals(request.type())) {
            throw Checks.invalid("Value (" + request.type() + ") for parameter type is invalid. Valid values:"
                    + " ipsec.1");
        }
        if (request.vpnGatewayId() == null && request.transitGatewayId() == null) {
            throw missing("VpnGatewayId or TransitGatewayId");
        }
        if (request.vpnGatewayId() != null && request.transitGatewayId() != null) {
            throw Checks.combination("Specify either VpnGatewayId or TransitGatewayId, not both");
        }
        VpnConnectionOptionsSpecification options = request.options();
        if (options != null && (options.hasTunnelOptions() || options.localIpv4NetworkCidr() != null
                || options.remoteIpv4NetworkCidr() != null || options.localIpv6NetworkCidr() != null
                || options.remoteIpv6NetworkCidr() != null || Boolean.TRUE.equals(options.enableAcceleration())
                || options.tunnelInsideIpVersion() != null || options.outsideIpAddressType() != null
                || options.transportTransitGatewayAttachmentId() != null)) {
            throw Checks.unsupportedParameter("Options other than StaticRoutesOnly");
        }
        boolean staticOnly = options != null && Boolean.TRUE.equals(options.staticRoutesOnly());
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.VPN_CONNECTION);
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        CustomerGateway cgw = VpnGatewayActions.findCustomerGateway(vpn, request.customerGatewayId());
        checkTarget(ctx, vpn, request.vpnGatewayId(), request.transitGatewayId());
        dryRun(request.dryRun());
        VpnConnection made = vpn.createVpnConnection(cgw.id(), request.vpnGatewayId(), request.transitGatewayId(),
                staticOnly, tags);
        return CreateVpnConnectionResponse.builder().vpnConnection(shape(made, cgw, vpnGatewayAsn(vpn, made)))
                .build();
    }

    DeleteVpnConnectionResponse delete(ActionContext ctx, DeleteVpnConnectionRequest request) {
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        find(vpn, request.vpnConnectionId());
        dryRun(request.dryRun());
        vpn.deleteVpnConnection(request.vpnConnectionId());
        return DeleteVpnConnectionResponse.builder().build();
    }

    DescribeVpnConnectionsResponse describe(ActionContext ctx, DescribeVpnConnectionsRequest request) {
        if (request.hasVpnConnectionIds()) {
            Checks.checkIds(request.vpnConnectionIds(), Ec2IdKind.VPN_CONNECTION);
        }
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        List<VpnConnection> all = IdSelection.sorted(vpn.vpnConnections(), VpnConnection::id);
        all = IdSelection.byIds(all, VpnConnection::id, request.vpnConnectionIds(),
                Ec2IdKind.VPN_CONNECTION.notFoundCode(), NOUN);
        Map<String, CustomerGateway> cgws = vpn.customerGateways().stream()
                .collect(Collectors.toMap(CustomerGateway::id, g -> g, (a, b) -> a));
        Map<String, Long> gatewayAsns = vpn.vpnGateways().stream()
                .collect(Collectors.toMap(g -> g.id(), g -> g.amazonSideAsn(), (a, b) -> a));
        List<Row> rows = new ArrayList<>(all.size());
        for (VpnConnection c : all) {
            CustomerGateway cgw = cgws.get(c.customerGatewayId());
            rows.add(new Row(shape(c, cgw, c.vpnGatewayId() == null ? null : gatewayAsns.get(c.vpnGatewayId())),
                    cgw == null ? null : Long.toString(cgw.bgpAsn())));
        }
        List<Row> matching = FILTERS.apply(rows, request.filters());
        dryRun(request.dryRun());
        return DescribeVpnConnectionsResponse.builder()
                .vpnConnections(matching.stream().map(Row::connection).toList()).build();
    }

    ModifyVpnConnectionResponse modify(ActionContext ctx, ModifyVpnConnectionRequest request) {
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        VpnConnection c = find(vpn, request.vpnConnectionId());
        if (request.customerGatewayId() != null) {
            throw Checks.unsupportedParameter("CustomerGatewayId (moving a connection to another customer"
                    + " gateway)");
        }
        if (request.vpnGatewayId() == null && request.transitGatewayId() == null) {
            throw missing("VpnGatewayId or TransitGatewayId");
        }
        if (request.vpnGatewayId() != null && request.transitGatewayId() != null) {
            throw Checks.combination("Specify either VpnGatewayId or TransitGatewayId, not both");
        }
        checkTarget(ctx, vpn, request.vpnGatewayId(), request.transitGatewayId());
        dryRun(request.dryRun());
        VpnConnection moved = vpn.modifyVpnConnection(c.id(), request.vpnGatewayId(), request.transitGatewayId());
        CustomerGateway cgw = VpnGatewayActions.findCustomerGateway(vpn, moved.customerGatewayId());
        return ModifyVpnConnectionResponse.builder().vpnConnection(shape(moved, cgw, vpnGatewayAsn(vpn, moved)))
                .build();
    }

    CreateVpnConnectionRouteResponse createRoute(ActionContext ctx, CreateVpnConnectionRouteRequest request) {
        if (request.destinationCidrBlock() == null) {
            throw missing("DestinationCidrBlock");
        }
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        find(vpn, request.vpnConnectionId());
        vpn.createVpnConnectionRoute(request.vpnConnectionId(), request.destinationCidrBlock());
        return CreateVpnConnectionRouteResponse.builder().build();
    }

    DeleteVpnConnectionRouteResponse deleteRoute(ActionContext ctx, DeleteVpnConnectionRouteRequest request) {
        if (request.destinationCidrBlock() == null) {
            throw missing("DestinationCidrBlock");
        }
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        find(vpn, request.vpnConnectionId());
        vpn.deleteVpnConnectionRoute(request.vpnConnectionId(), request.destinationCidrBlock());
        return DeleteVpnConnectionRouteResponse.builder().build();
    }

    private static void checkTarget(ActionContext ctx, SiteToSiteVpn vpn, String vpnGatewayId,
                                    String transitGatewayId) {
        if (vpnGatewayId != null) {
            VpnGatewayActions.findVpnGateway(vpn, vpnGatewayId);
            return;
        }
        Checks.checkId(transitGatewayId, Ec2IdKind.TRANSIT_GATEWAY);
        TransitGateways tgws = ctx.cloud().extension(TransitGateways.class)
                .orElseThrow(() -> Checks.unsupportedByBackend("A VPN connection to a transit gateway"));
        if (tgws.transitGateways().stream().noneMatch(t -> t.id().equals(transitGatewayId))) {
            throw Checks.notFound(Ec2IdKind.TRANSIT_GATEWAY.notFoundCode(), "transitGateway",
                    List.of(transitGatewayId));
        }
    }

    private static VpnConnection find(SiteToSiteVpn vpn, String id) {
        if (id == null) {
            throw missing("VpnConnectionId");
        }
        Checks.checkId(id, Ec2IdKind.VPN_CONNECTION);
        return vpn.vpnConnections().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> Checks.notFound(Ec2IdKind.VPN_CONNECTION.notFoundCode(), NOUN, List.of(id)));
    }

    private static Long vpnGatewayAsn(SiteToSiteVpn vpn, VpnConnection c) {
        if (c.vpnGatewayId() == null) {
            return null;
        }
        return vpn.vpnGateways().stream().filter(g -> g.id().equals(c.vpnGatewayId())).findFirst()
                .map(g -> g.amazonSideAsn()).orElse(null);
    }

    /** The connection as EC2 describes it; {@code cgw} is its customer gateway (null once long deleted). */
    static software.amazon.awssdk.services.ec2.model.VpnConnection shape(VpnConnection c, CustomerGateway cgw,
                                                                         Long amazonAsn) {
        List<TunnelOption> tunnels = new ArrayList<>();
        List<VgwTelemetry> telemetry = new ArrayList<>();
        for (int i = 0; i < c.tunnels().size(); i++) {
            VpnConnection.Tunnel t = c.tunnels().get(i);
            tunnels.add(TunnelOption.builder()
                    .outsideIpAddress(t.outsideIpAddress())
                    .tunnelInsideCidr(t.insideCidr())
                    .preSharedKey(preSharedKey(c.id(), i))
                    .build());
            telemetry.add(VgwTelemetry.builder()
                    .outsideIpAddress(t.outsideIpAddress())
                    .status(t.status())
                    .statusMessage("")
                    .acceptedRouteCount(0)
                    .lastStatusChange(c.createTime())
                    .build());
        }
        List<VpnStaticRoute> routes = c.routes().stream().map(r -> VpnStaticRoute.builder()
                .destinationCidrBlock(r.destinationCidr()).source("Static").state(r.state()).build()).toList();
        boolean live = c.isLive();
        return software.amazon.awssdk.services.ec2.model.VpnConnection.builder()
                .vpnConnectionId(c.id())
                .customerGatewayId(c.customerGatewayId())
                .vpnGatewayId(c.vpnGatewayId())
                .transitGatewayId(c.transitGatewayId())
                .type(c.type())
                .category("VPN")
                .state(c.state())
                // EC2 stops handing out the configuration once the connection is being deleted.
                .customerGatewayConfiguration(live && cgw != null ? configuration(c, cgw, amazonAsn) : null)
                .options(VpnConnectionOptions.builder()
                        .staticRoutesOnly(c.staticRoutesOnly())
                        .enableAcceleration(false)
                        .localIpv4NetworkCidr("0.0.0.0/0")
                        .remoteIpv4NetworkCidr("0.0.0.0/0")
                        .tunnelInsideIpVersion("ipv4")
                        .outsideIpAddressType("PublicIpv4")
                        .tunnelOptions(tunnels)
                        .build())
                .routes(routes)
                .vgwTelemetry(telemetry)
                .tags(SdkTags.toSdk(c.tags()))
                .build();
    }

    /**
     * A pre-shared key in EC2's alphabet (8 to 64 letters, digits, periods and underscores, not starting with 0),
     * derived from the connection and tunnel so it is the same on every read without being stored.
     */
    static String preSharedKey(String connectionId, int tunnel) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((connectionId + "/tunnel" + tunnel).getBytes(StandardCharsets.UTF_8));
            return "k" + HexFormat.of().formatHex(digest).substring(0, 31);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * EC2's customer gateway configuration document (the generic, vendor-neutral form): per tunnel both sides'
     * outside and inside addresses, the pre-shared key and the BGP numbers, in the elements tools read it by.
     */
    static String configuration(VpnConnection c, CustomerGateway cgw, Long amazonAsn) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<vpn_connection id=\"").append(c.id()).append("\">\n")
                .append("  <customer_gateway_id>").append(c.customerGatewayId()).append("</customer_gateway_id>\n")
                .append("  <vpn_gateway_id>").append(c.vpnGatewayId() == null ? "" : c.vpnGatewayId())
                .append("</vpn_gateway_id>\n")
                .append("  <vpn_connection_type>").append(c.type()).append("</vpn_connection_type>\n");
        for (int i = 0; i < c.tunnels().size(); i++) {
            VpnConnection.Tunnel t = c.tunnels().get(i);
            String[] inside = insideAddresses(t.insideCidr());
            xml.append("  <ipsec_tunnel>\n")
                    .append("    <customer_gateway>\n")
                    .append("      <tunnel_outside_address><ip_address>").append(cgw.ipAddress())
                    .append("</ip_address></tunnel_outside_address>\n")
                    .append("      <tunnel_inside_address><ip_address>").append(inside[1])
                    .append("</ip_address><network_mask>255.255.255.252</network_mask><network_cidr>30</network_cidr>"
                            + "</tunnel_inside_address>\n");
            if (!c.staticRoutesOnly()) {
                xml.append("      <bgp><asn>").append(cgw.bgpAsn()).append("</asn><hold_time>30</hold_time></bgp>\n");
            }
            xml.append("    </customer_gateway>\n")
                    .append("    <vpn_gateway>\n")
                    .append("      <tunnel_outside_address><ip_address>").append(t.outsideIpAddress())
                    .append("</ip_address></tunnel_outside_address>\n")
                    .append("      <tunnel_inside_address><ip_address>").append(inside[0])
                    .append("</ip_address><network_mask>255.255.255.252</network_mask><network_cidr>30</network_cidr>"
                            + "</tunnel_inside_address>\n");
            if (!c.staticRoutesOnly() && amazonAsn != null) {
                xml.append("      <bgp><asn>").append(amazonAsn).append("</asn><hold_time>30</hold_time></bgp>\n");
            }
            xml.append("    </vpn_gateway>\n")
                    .append("    <ike><authentication_protocol>sha1</authentication_protocol>"
                            + "<encryption_protocol>aes-128-cbc</encryption_protocol><lifetime>28800</lifetime>"
                            + "<perfect_forward_secrecy>group2</perfect_forward_secrecy><mode>main</mode>"
                            + "<pre_shared_key>").append(preSharedKey(c.id(), i)).append("</pre_shared_key></ike>\n")
                    .append("  </ipsec_tunnel>\n");
        }
        return xml.append("</vpn_connection>\n").toString();
    }

    /** Amazon's and the customer's inside addresses of a tunnel's /30: its first and second usable address. */
    private static String[] insideAddresses(String cidr) {
        String base = cidr.substring(0, cidr.indexOf('/'));
        int dot = base.lastIndexOf('.');
        int last = Integer.parseInt(base.substring(dot + 1));
        String prefix = base.substring(0, dot + 1);
        return new String[] {prefix + (last + 1), prefix + (last + 2)};
    }
}
