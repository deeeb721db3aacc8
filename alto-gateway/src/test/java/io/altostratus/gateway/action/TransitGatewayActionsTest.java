package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.TransitGateway;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable;
import software.amazon.awssdk.services.ec2.model.TransitGatewayVpcAttachment;

/** Transit gateways through the SDK: the gateway and its default table, options, state rules, filters, errors. */
class TransitGatewayActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String vpc;
    private String subnetA;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void network() {
        vpc = ec2().createVpc(r -> r.cidrBlock("10.60.0.0/16")).vpc().vpcId();
        subnetA = ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.60.1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
    }

    private TransitGateway describe(String id) {
        return ec2().describeTransitGateways(r -> r.transitGatewayIds(id)).transitGateways().get(0);
    }

    @Test
    void madeWithItsDefaultRouteTableModifiedAndDeleted() {
        TransitGateway made = ec2().createTransitGateway(r -> r.description("hub")
                .tagSpecifications(tags(ResourceType.TRANSIT_GATEWAY, "Name", "hub"))).transitGateway();
        String id = made.transitGatewayId();
        assertThat(id).matches("tgw-[0-9a-f]{17}");
        assertThat(made.stateAsString()).isEqualTo("pending");
        assertThat(made.ownerId()).isEqualTo(gw.account());
        assertThat(made.transitGatewayArn()).isEqualTo("arn:aws:ec2:us-east-1:" + gw.account()
                + ":transit-gateway/" + id);
        assertThat(made.options().amazonSideAsn()).isEqualTo(64512L);
        assertThat(made.options().defaultRouteTableAssociationAsString()).isEqualTo("enable");
        assertThat(made.options().dnsSupportAsString()).isEqualTo("enable");
        String table = made.options().associationDefaultRouteTableId();
        assertThat(table).matches("tgw-rtb-[0-9a-f]{17}");
        assertThat(made.options().propagationDefaultRouteTableId()).isEqualTo(table);

        TransitGateway read = describe(id);
        assertThat(read.stateAsString()).isEqualTo("available");
        assertThat(read.description()).isEqualTo("hub");
        assertThat(read.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("hub"));
        TransitGatewayRouteTable defaultTable = ec2().describeTransitGatewayRouteTables(r -> r
                .transitGatewayRouteTableIds(table)).transitGatewayRouteTables().get(0);
        assertThat(defaultTable.transitGatewayId()).isEqualTo(id);
        assertThat(defaultTable.defaultAssociationRouteTable()).isTrue();
        assertThat(defaultTable.defaultPropagationRouteTable()).isTrue();
        assertThat(defaultTable.stateAsString()).isEqualTo("available");

        // Without the defaults there is no table; a custom ASN shows in the options and filters.
        TransitGateway bare = ec2().createTransitGateway(r -> r.options(o -> o.amazonSideAsn(64600L)
                .defaultRouteTableAssociation("disable").defaultRouteTablePropagation("disable")))
                .transitGateway();
        assertThat(bare.options().associationDefaultRouteTableId()).isNull();
        assertThat(ec2().describeTransitGatewayRouteTables(r -> r.filters(filter("transit-gateway-id",
                bare.transitGatewayId()))).transitGatewayRouteTables()).isEmpty();
        assertThat(ids(filter("options.amazon-side-asn", "64600"))).containsExactly(bare.transitGatewayId());
        assertThat(ids(filter("tag:Name", "hub"))).containsExactly(id);
        assertThat(ids(filter("options.default-route-table-association", "enable"))).containsExactly(id);
        assertThat(ec2().describeTransitGateways(r -> r.maxResults(5)).transitGateways()).hasSize(2);

        // Turning association back on gives the bare gateway a fresh default table.
        TransitGateway modified = ec2().modifyTransitGateway(r -> r.transitGatewayId(bare.transitGatewayId())
                .description("now routed").options(o -> o.defaultRouteTableAssociation("enable").dnsSupport("disable")))
                .transitGateway();
        assertThat(modified.description()).isEqualTo("now routed");
        assertThat(modified.options().dnsSupportAsString()).isEqualTo("disable");
        String fresh = modified.options().associationDefaultRouteTableId();
        assertThat(fresh).startsWith("tgw-rtb-");
        assertThat(modified.options().propagationDefaultRouteTableId()).isNull();
        assertThat(ec2().describeTransitGatewayRouteTables(r -> r.filters(
                filter("default-association-route-table", "true"))).transitGatewayRouteTables())
                .extracting(TransitGatewayRouteTable::transitGatewayRouteTableId).containsExactlyInAnyOrder(table, fresh);
        // The default table cannot be deleted while it is one.
        ec2Error(() -> ec2().deleteTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(fresh)),
                "IncorrectState");

        assertThat(ec2().deleteTransitGateway(r -> r.transitGatewayId(id)).transitGateway().stateAsString())
                .isEqualTo("deleting");
        assertThat(describe(id).stateAsString()).isEqualTo("deleted");
        assertThat(ec2().describeTransitGatewayRouteTables(r -> r.transitGatewayRouteTableIds(table))
                .transitGatewayRouteTables().get(0).stateAsString()).isEqualTo("deleted");
        ec2Error(() -> ec2().deleteTransitGateway(r -> r.transitGatewayId(id)), "IncorrectState");
        ec2Error(() -> ec2().modifyTransitGateway(r -> r.transitGatewayId(id).description("x")), "IncorrectState");
        assertThat(gw.otherAccount().describeTransitGateways().transitGateways()).isEmpty();
    }

    @Test
    void errorsAndDryRun() {
        ec2Error(() -> ec2().createTransitGateway(r -> r.options(o -> o.amazonSideAsn(65535L))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().createTransitGateway(r -> r.options(o -> o.dnsSupport("maybe"))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().describeTransitGateways(r -> r.transitGatewayIds("tgw-0123456789abcdef0")),
                "InvalidTransitGatewayID.NotFound");
        ec2Error(() -> ec2().describeTransitGateways(r -> r.transitGatewayIds("vpc-0123456789abcdef0")),
                "InvalidTransitGatewayID.Malformed");
        ec2Error(() -> ec2().deleteTransitGateway(r -> r.transitGatewayId("tgw-0123456789abcdef0")),
                "InvalidTransitGatewayID.NotFound");
        ec2Error(() -> ec2().describeTransitGateways(r -> r.filters(filter("colour", "blue"))),
                "InvalidParameterValue");
        assertDryRun(() -> ec2().createTransitGateway(r -> r.dryRun(true)));
        assertThat(ec2().describeTransitGateways().transitGateways()).isEmpty();
        String id = ec2().createTransitGateway(r -> r.options(o -> o.amazonSideAsn(4200000001L))).transitGateway()
                .transitGatewayId();
        assertThat(describe(id).options().amazonSideAsn()).isEqualTo(4200000001L);
        assertDryRun(() -> ec2().describeTransitGateways(r -> r.dryRun(true)));
        assertDryRun(() -> ec2().modifyTransitGateway(r -> r.transitGatewayId(id).description("d").dryRun(true)));
        assertDryRun(() -> ec2().deleteTransitGateway(r -> r.transitGatewayId(id).dryRun(true)));
        assertThat(describe(id).stateAsString()).isEqualTo("available");

        // A gateway with an attachment keeps its ASN and cannot be deleted.
        String attachment = ec2().createTransitGatewayVpcAttachment(r -> r.transitGatewayId(id).vpcId(vpc)
                .subnetIds(subnetA)).transitGatewayVpcAttachment().transitGatewayAttachmentId();
        ec2Error(() -> ec2().modifyTransitGateway(r -> r.transitGatewayId(id).options(o -> o.amazonSideAsn(64999L))),
                "IncorrectState");
        ec2Error(() -> ec2().deleteTransitGateway(r -> r.transitGatewayId(id)), "IncorrectState");
        ec2().deleteTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(attachment));
        assertThat(ec2().deleteTransitGateway(r -> r.transitGatewayId(id)).transitGateway().stateAsString())
                .isEqualTo("deleting");
    }

    @Test
    void vpcRoutesReachAnAttachedGateway() {
        String id = ec2().createTransitGateway(r -> r.description("routes")).transitGateway().transitGatewayId();
        String table = ec2().createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        // Not attached yet: EC2 does not know the gateway from this VPC.
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("10.0.0.0/8")
                .transitGatewayId(id)), "InvalidTransitGatewayID.NotFound");
        TransitGatewayVpcAttachment attachment = ec2().createTransitGatewayVpcAttachment(r -> r.transitGatewayId(id)
                .vpcId(vpc).subnetIds(subnetA)).transitGatewayVpcAttachment();
        ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("10.0.0.0/8").transitGatewayId(id));
        Route route = tgwRoute(table);
        assertThat(route.transitGatewayId()).isEqualTo(id);
        assertThat(route.gatewayId()).isNull();
        assertThat(route.stateAsString()).isEqualTo("active");
        assertThat(ec2().describeRouteTables(r -> r.filters(filter("route.transit-gateway-id", id))).routeTables())
                .singleElement().satisfies(t -> assertThat(t.routeTableId()).isEqualTo(table));
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("172.16.0.0/12")
                .transitGatewayId(id).gatewayId("igw-0123456789abcdef0")), "InvalidParameterCombination");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("172.16.0.0/12")
                .transitGatewayId("tgw-nothex")), "InvalidTransitGatewayID.Malformed");

        // ReplaceRoute moves a route onto the gateway too.
        ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("192.168.0.0/16")
                .transitGatewayId(id));
        ec2().replaceRoute(r -> r.routeTableId(table).destinationCidrBlock("192.168.0.0/16").transitGatewayId(id));

        // The subnet's address for the attachment's interface is in use while it lives.
        int free = ec2().describeSubnets(r -> r.subnetIds(subnetA)).subnets().get(0).availableIpAddressCount();
        assertThat(free).isEqualTo(250);
        ec2().deleteTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(
                attachment.transitGatewayAttachmentId()));
        assertThat(tgwRoute(table).stateAsString()).isEqualTo("blackhole");
        assertThat(ec2().describeSubnets(r -> r.subnetIds(subnetA)).subnets().get(0).availableIpAddressCount())
                .isEqualTo(251);
    }

    private Route tgwRoute(String table) {
        return ec2().describeRouteTables(r -> r.routeTableIds(table)).routeTables().get(0).routes().stream()
                .filter(r -> "10.0.0.0/8".equals(r.destinationCidrBlock())).findFirst().orElseThrow();
    }

    private List<String> ids(software.amazon.awssdk.services.ec2.model.Filter... filters) {
        return ec2().describeTransitGateways(r -> r.filters(filters)).transitGateways().stream()
                .map(TransitGateway::transitGatewayId).toList();
    }
}
