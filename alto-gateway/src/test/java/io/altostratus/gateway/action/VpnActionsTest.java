package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CustomerGateway;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.VpcAttachment;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnGateway;

/**
 * Site-to-site VPN through the SDK: customer and virtual private gateways, attachment, connections with their
 * tunnels and static routes, route propagation into route tables, filters, tags and EC2's errors.
 */
class VpnActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private CustomerGateway customerGateway(String ip, int asn) {
        return ec2().createCustomerGateway(r -> r.type(GatewayType.IPSEC_1).ipAddress(ip).bgpAsn(asn)
                .tagSpecifications(tags(ResourceType.CUSTOMER_GATEWAY, "Name", "office"))).customerGateway();
    }

    private VpnGateway vpnGateway(Long asn) {
        return ec2().createVpnGateway(r -> r.type(GatewayType.IPSEC_1).amazonSideAsn(asn)
                .tagSpecifications(tags(ResourceType.VPN_GATEWAY, "Name", "vgw"))).vpnGateway();
    }

    private VpnGateway describeVgw(String id) {
        return ec2().describeVpnGateways(r -> r.vpnGatewayIds(id)).vpnGateways().get(0);
    }

    private RouteTable table(String id) {
        return ec2().describeRouteTables(r -> r.routeTableIds(id)).routeTables().get(0);
    }

    @Test
    void gatewaysAttachConnectAndPropagateRoutes() {
        CustomerGateway cgw = customerGateway("203.0.113.12", 65010);
        assertThat(cgw.customerGatewayId()).matches("cgw-[0-9a-f]{17}");
        assertThat(cgw.bgpAsn()).isEqualTo("65010");
        assertThat(cgw.ipAddress()).isEqualTo("203.0.113.12");
        assertThat(cgw.state()).isEqualTo("available");
        assertThat(cgw.type()).isEqualTo("ipsec.1");
        // The same address and ASN give back the same gateway, as on EC2.
        assertThat(customerGateway("203.0.113.12", 65010).customerGatewayId()).isEqualTo(cgw.customerGatewayId());

        VpnGateway vgw = vpnGateway(64600L);
        String vgwId = vgw.vpnGatewayId();
        assertThat(vgwId).matches("vgw-[0-9a-f]{17}");
        assertThat(vgw.stateAsString()).isEqualTo("pending");
        assertThat(vgw.amazonSideAsn()).isEqualTo(64600L);
        assertThat(describeVgw(vgwId).stateAsString()).isEqualTo("available");
        assertThat(vpnGateway(null).amazonSideAsn()).isEqualTo(64512L);

        String vpc = ec2().createVpc(r -> r.cidrBlock("10.60.0.0/16")).vpc().vpcId();
        String rtb = ec2().createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        // Propagation needs the gateway attached to the table's VPC.
        ec2Error(() -> ec2().enableVgwRoutePropagation(r -> r.routeTableId(rtb).gatewayId(vgwId)),
                "Gateway.NotAttached");

        VpcAttachment attaching = ec2().attachVpnGateway(r -> r.vpnGatewayId(vgwId).vpcId(vpc)).vpcAttachment();
        assertThat(attaching.vpcId()).isEqualTo(vpc);
        assertThat(attaching.stateAsString()).isEqualTo("attaching");
        assertThat(describeVgw(vgwId).vpcAttachments()).extracting(VpcAttachment::stateAsString)
                .containsExactly("attached");
        ec2Error(() -> ec2().deleteVpnGateway(r -> r.vpnGatewayId(vgwId)), "IncorrectState");

        VpnConnection made = ec2().createVpnConnection(r -> r.type("ipsec.1")
                .customerGatewayId(cgw.customerGatewayId()).vpnGatewayId(vgwId)
                .options(o -> o.staticRoutesOnly(true))
                .tagSpecifications(tags(ResourceType.VPN_CONNECTION, "Name", "site-a"))).vpnConnection();
        String vpn = made.vpnConnectionId();
        assertThat(vpn).matches("vpn-[0-9a-f]{17}");
        assertThat(made.stateAsString()).isEqualTo("pending");
        assertThat(made.options().staticRoutesOnly()).isTrue();
        assertThat(made.options().tunnelOptions()).hasSize(2).allSatisfy(t -> {
            assertThat(t.outsideIpAddress()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(t.tunnelInsideCidr()).startsWith("169.254.").endsWith("/30");
        });
        assertThat(made.vgwTelemetry()).hasSize(2);
        assertThat(made.customerGatewayConfiguration()).contains("<vpn_connection id=\"" + vpn + "\">")
                .contains("<ip_address>203.0.113.12</ip_address>")
                .contains(made.options().tunnelOptions().get(0).outsideIpAddress());
        ec2Error(() -> ec2().deleteCustomerGateway(r -> r.customerGatewayId(cgw.customerGatewayId())),
                "IncorrectState");

        ec2().createVpnConnectionRoute(r -> r.vpnConnectionId(vpn).destinationCidrBlock("192.168.10.0/24"));
        ec2Error(() -> ec2().createVpnConnectionRoute(r -> r.vpnConnectionId(vpn)
                .destinationCidrBlock("192.168.10.0/24")), "RouteAlreadyExists");
        VpnConnection available = ec2().describeVpnConnections(r -> r.vpnConnectionIds(vpn)).vpnConnections().get(0);
        assertThat(available.stateAsString()).isEqualTo("available");
        assertThat(available.routes()).singleElement().satisfies(route -> {
            assertThat(route.destinationCidrBlock()).isEqualTo("192.168.10.0/24");
            assertThat(route.sourceAsString()).isEqualTo("Static");
            assertThat(route.stateAsString()).isEqualTo("available");
        });

        ec2().enableVgwRoutePropagation(r -> r.routeTableId(rtb).gatewayId(vgwId));
        RouteTable propagated = table(rtb);
        assertThat(propagated.propagatingVgws()).extracting(v -> v.gatewayId()).containsExactly(vgwId);
        Route route = propagated.routes().stream().filter(x -> "192.168.10.0/24".equals(x.destinationCidrBlock()))
                .findFirst().orElseThrow();
        assertThat(route.gatewayId()).isEqualTo(vgwId);
        assertThat(route.originAsString()).isEqualTo("EnableVgwRoutePropagation");
        assertThat(route.stateAsString()).isEqualTo("active");
        assertThat(ec2().describeRouteTables(r -> r.filters(filter("route.gateway-id", vgwId))).routeTables())
                .extracting(RouteTable::routeTableId).containsExactly(rtb);

        ec2().disableVgwRoutePropagation(r -> r.routeTableId(rtb).gatewayId(vgwId));
        assertThat(table(rtb).propagatingVgws()).isEmpty();
        assertThat(table(rtb).routes()).extracting(Route::destinationCidrBlock).doesNotContain("192.168.10.0/24");

        ec2().deleteVpnConnectionRoute(r -> r.vpnConnectionId(vpn).destinationCidrBlock("192.168.10.0/24"));
        ec2().deleteVpnConnection(r -> r.vpnConnectionId(vpn));
        assertThat(ec2().describeVpnConnections(r -> r.vpnConnectionIds(vpn)).vpnConnections().get(0)
                .stateAsString()).isEqualTo("deleted");
        ec2().detachVpnGateway(r -> r.vpnGatewayId(vgwId).vpcId(vpc));
        assertThat(describeVgw(vgwId).vpcAttachments()).extracting(VpcAttachment::stateAsString)
                .containsExactly("detached");
        ec2().deleteVpnGateway(r -> r.vpnGatewayId(vgwId));
        assertThat(describeVgw(vgwId).stateAsString()).isEqualTo("deleted");
        ec2().deleteCustomerGateway(r -> r.customerGatewayId(cgw.customerGatewayId()));
        assertThat(ec2().describeCustomerGateways(r -> r.customerGatewayIds(cgw.customerGatewayId()))
                .customerGateways().get(0).state()).isEqualTo("deleted");
    }

    @Test
    void filtersModifyAndErrors() {
        CustomerGateway a = customerGateway("198.51.100.1", 65001);
        CustomerGateway b = customerGateway("198.51.100.2", 65002);
        assertThat(ec2().describeCustomerGateways(r -> r.filters(filter("bgp-asn", "65002"))).customerGateways())
                .extracting(CustomerGateway::customerGatewayId).containsExactly(b.customerGatewayId());
        assertThat(ec2().describeCustomerGateways(r -> r.filters(filter("ip-address", "198.51.100.*"),
                filter("tag:Name", "office"))).customerGateways()).hasSize(2);
        String first = vpnGateway(null).vpnGatewayId();
        String second = vpnGateway(65100L).vpnGatewayId();
        assertThat(ec2().describeVpnGateways(r -> r.filters(filter("amazon-side-asn", "65100"))).vpnGateways())
                .extracting(VpnGateway::vpnGatewayId).containsExactly(second);

        VpnConnection bgp = ec2().createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(a.customerGatewayId())
                .vpnGatewayId(first)).vpnConnection();
        assertThat(bgp.options().staticRoutesOnly()).isFalse();
        assertThat(bgp.customerGatewayConfiguration()).contains("<asn>65001</asn>");
        ec2Error(() -> ec2().createVpnConnectionRoute(r -> r.vpnConnectionId(bgp.vpnConnectionId())
                .destinationCidrBlock("10.9.0.0/16")), "InvalidParameterValue");
        ec2().createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(b.customerGatewayId())
                .vpnGatewayId(second).options(o -> o.staticRoutesOnly(true)));
        assertThat(ec2().describeVpnConnections(r -> r.filters(filter("option.static-routes-only", "true")))
                .vpnConnections()).extracting(VpnConnection::customerGatewayId).containsExactly(b.customerGatewayId());
        assertThat(ec2().describeVpnConnections(r -> r.filters(filter("bgp-asn", "65001"))).vpnConnections())
                .extracting(VpnConnection::vpnConnectionId).containsExactly(bgp.vpnConnectionId());
        assertThat(ec2().describeVpnConnections(r -> r.filters(filter("vpn-gateway-id", second))).vpnConnections())
                .hasSize(1);

        VpnConnection moved = ec2().modifyVpnConnection(r -> r.vpnConnectionId(bgp.vpnConnectionId())
                .vpnGatewayId(second)).vpnConnection();
        assertThat(moved.vpnGatewayId()).isEqualTo(second);
        assertThat(ec2().describeVpnConnections(r -> r.filters(filter("vpn-gateway-id", second))).vpnConnections())
                .hasSize(2);

        // Tags given at creation are listed by DescribeTags under EC2's resource type names.
        assertThat(ec2().describeTags(r -> r.filters(filter("resource-type", "vpn-gateway"))).tags())
                .extracting(t -> t.resourceId()).containsExactlyInAnyOrder(first, second);
        assertThat(ec2().describeTags(r -> r.filters(filter("resource-type", "customer-gateway"))).tags())
                .extracting(t -> t.resourceId()).contains(a.customerGatewayId(), b.customerGatewayId());

        ec2Error(() -> ec2().describeVpnGateways(r -> r.filters(filter("no-such-filter", "x"))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().describeVpnGateways(r -> r.vpnGatewayIds("vgw-0123456789abcdef0")),
                "InvalidVpnGatewayID.NotFound");
        ec2Error(() -> ec2().describeCustomerGateways(r -> r.customerGatewayIds("cgw-0123456789abcdef0")),
                "InvalidCustomerGatewayID.NotFound");
        ec2Error(() -> ec2().describeVpnConnections(r -> r.vpnConnectionIds("vpn-0123456789abcdef0")),
                "InvalidVpnConnectionID.NotFound");
        ec2Error(() -> ec2().createVpnConnection(r -> r.type("ipsec.1").customerGatewayId("cgw-0123456789abcdef0")
                .vpnGatewayId(first)), "InvalidCustomerGatewayID.NotFound");
        ec2Error(() -> ec2().createCustomerGateway(r -> r.type(GatewayType.IPSEC_1).ipAddress("not-an-ip")
                .bgpAsn(65000)), "InvalidParameterValue");
        ec2Error(() -> ec2().createVpnGateway(r -> r.type(GatewayType.IPSEC_1).amazonSideAsn(100L)),
                "InvalidParameterValue");
        ec2Error(() -> ec2().createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(a.customerGatewayId())),
                "MissingParameter");
        String vpc = ec2().createVpc(r -> r.cidrBlock("10.61.0.0/16")).vpc().vpcId();
        ec2().attachVpnGateway(r -> r.vpnGatewayId(first).vpcId(vpc));
        ec2Error(() -> ec2().attachVpnGateway(r -> r.vpnGatewayId(second).vpcId(vpc)),
                "VpnGatewayAttachmentLimitExceeded");
        ec2Error(() -> ec2().detachVpnGateway(r -> r.vpnGatewayId(second).vpcId(vpc)),
                "InvalidVpnGatewayAttachment.NotFound");
        assertDryRun(() -> ec2().createVpnGateway(r -> r.type(GatewayType.IPSEC_1).dryRun(true)));
        assertDryRun(() -> ec2().deleteVpnConnection(r -> r.vpnConnectionId(bgp.vpnConnectionId()).dryRun(true)));
        assertThat(ec2().describeVpnGateways().vpnGateways()).hasSize(2);
        // Another account sees none of it.
        assertThat(gw.otherAccount().describeVpnGateways().vpnGateways()).isEmpty();
        assertThat(gw.otherAccount().describeCustomerGateways().customerGateways()).isEmpty();
    }

    @Test
    void connectionToATransitGateway() {
        String cgw = customerGateway("198.51.100.20", 65020).customerGatewayId();
        String tgw = ec2().createTransitGateway(r -> r.description("hub")).transitGateway().transitGatewayId();
        VpnConnection made = ec2().createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(cgw)
                .transitGatewayId(tgw)).vpnConnection();
        assertThat(made.transitGatewayId()).isEqualTo(tgw);
        assertThat(made.vpnGatewayId()).isNull();
        assertThat(ec2().describeVpnConnections(r -> r.filters(filter("transit-gateway-id", tgw))).vpnConnections())
                .extracting(VpnConnection::vpnConnectionId).containsExactly(made.vpnConnectionId());
        ec2Error(() -> ec2().createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(cgw)
                .transitGatewayId("tgw-0123456789abcdef0")), "InvalidTransitGatewayID.NotFound");
        String vgw = vpnGateway(null).vpnGatewayId();
        ec2Error(() -> ec2().createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(cgw)
                .transitGatewayId(tgw).vpnGatewayId(vgw)), "InvalidParameterCombination");
    }

    @Test
    void createTagsAndDeleteTagsReachVpnResources() {
        String vgw = vpnGateway(null).vpnGatewayId();
        String cgw = customerGateway("198.51.100.9", 65009).customerGatewayId();
        ec2().createTags(r -> r.resources(vgw, cgw).tags(t -> t.key("env").value("prod")));
        assertThat(ec2().describeTags(r -> r.filters(filter("key", "env"))).tags())
                .extracting(t -> t.resourceId()).containsExactlyInAnyOrder(vgw, cgw);
        assertThat(ec2().describeVpnGateways(r -> r.filters(filter("tag:env", "prod"))).vpnGateways())
                .extracting(VpnGateway::vpnGatewayId).containsExactly(vgw);
        ec2().deleteTags(r -> r.resources(vgw).tags(t -> t.key("env")));
        assertThat(ec2().describeTags(r -> r.filters(filter("key", "env"))).tags())
                .extracting(t -> t.resourceId()).containsExactly(cgw);
    }
}
