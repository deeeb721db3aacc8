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
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;

/** NAT gateways through the SDK: lifecycle, the elastic IP they hold, routes to them, filters, paging, errors. */
class NatGatewayActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String vpcId;
    private String subnetId;
    private String allocationId;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void network() {
        vpcId = ec2().createVpc(r -> r.cidrBlock("10.7.0.0/16")).vpc().vpcId();
        subnetId = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.7.1.0/24")).subnet().subnetId();
        allocationId = ec2().allocateAddress(r -> r.domain("vpc")).allocationId();
    }

    private NatGateway create() {
        return ec2().createNatGateway(r -> r.subnetId(subnetId).allocationId(allocationId)
                .tagSpecifications(tags(ResourceType.NATGATEWAY, "Name", "nat-a"))).natGateway();
    }

    private NatGateway describe(String id) {
        return ec2().describeNatGateways(r -> r.natGatewayIds(id)).natGateways().get(0);
    }

    @Test
    void lifecycleHoldsTheElasticIpUntilDeleted() {
        NatGateway made = create();
        assertThat(made.natGatewayId()).matches("nat-[0-9a-f]{17}");
        assertThat(made.stateAsString()).isEqualTo("pending");
        assertThat(made.vpcId()).isEqualTo(vpcId);
        assertThat(made.connectivityTypeAsString()).isEqualTo("public");
        assertThat(made.natGatewayAddresses()).singleElement().satisfies(a -> {
            assertThat(a.allocationId()).isEqualTo(allocationId);
            assertThat(a.privateIp()).startsWith("10.7.1.");
            assertThat(a.networkInterfaceId()).startsWith("eni-");
        });
        String id = made.natGatewayId();
        // Transitions take no time in the harness: it reads as settled.
        assertThat(describe(id).stateAsString()).isEqualTo("available");
        assertThat(describe(id).tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("nat-a"));

        var address = ec2().describeAddresses(r -> r.allocationIds(allocationId)).addresses().get(0);
        assertThat(address.networkInterfaceId()).isEqualTo(made.natGatewayAddresses().get(0).networkInterfaceId());
        ec2Error(() -> ec2().releaseAddress(r -> r.allocationId(allocationId)), "InvalidIPAddress.InUse");
        ec2Error(() -> ec2().createNatGateway(r -> r.subnetId(subnetId).allocationId(allocationId)),
                "Resource.AlreadyAssociated");

        assertThat(ec2().deleteNatGateway(r -> r.natGatewayId(id)).natGatewayId()).isEqualTo(id);
        NatGateway deleted = describe(id);
        assertThat(deleted.stateAsString()).isEqualTo("deleted");
        assertThat(deleted.deleteTime()).isNotNull();
        // Deleting again is accepted, as on EC2; the address is free again.
        ec2().deleteNatGateway(r -> r.natGatewayId(id));
        ec2().releaseAddress(r -> r.allocationId(allocationId));
    }

    @Test
    void routesReachNatGatewaysAndTurnBlackholeWhenTheyGo() {
        String id = create().natGatewayId();
        String table = ec2().createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("0.0.0.0/0").natGatewayId(id));
        Route route = natRoute(table);
        assertThat(route.natGatewayId()).isEqualTo(id);
        assertThat(route.gatewayId()).isNull();
        assertThat(route.stateAsString()).isEqualTo("active");
        assertThat(ec2().describeRouteTables(r -> r.filters(filter("route.nat-gateway-id", id))).routeTables())
                .singleElement().satisfies(t -> assertThat(t.routeTableId()).isEqualTo(table));

        ec2().deleteNatGateway(r -> r.natGatewayId(id));
        assertThat(natRoute(table).stateAsString()).isEqualTo("blackhole");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("10.9.0.0/16")
                .natGatewayId(id)), "InvalidNatGatewayID.NotFound");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("10.9.0.0/16")
                .natGatewayId(id).gatewayId("igw-0123456789abcdef0")), "InvalidParameterCombination");
    }

    private Route natRoute(String table) {
        return ec2().describeRouteTables(r -> r.routeTableIds(table)).routeTables().get(0).routes().stream()
                .filter(r -> "0.0.0.0/0".equals(r.destinationCidrBlock())).findFirst().orElseThrow();
    }

    @Test
    void filtersPagingAndErrors() {
        String first = create().natGatewayId();
        String second = ec2().createNatGateway(r -> r.subnetId(subnetId).connectivityType("private"))
                .natGateway().natGatewayId();
        assertThat(ids(filter("vpc-id", vpcId))).containsExactlyInAnyOrder(first, second);
        assertThat(ids(filter("tag:Name", "nat-a"))).containsExactly(first);
        assertThat(ids(filter("subnet-id", subnetId), filter("state", "available"))).hasSize(2);
        assertThat(ids(filter("state", "deleted"))).isEmpty();
        ec2().createTags(r -> r.resources(second).tags(t -> t.key("tier").value("private")));
        assertThat(ids(filter("tag:tier", "private"))).containsExactly(second);
        assertThat(ec2().describeTags(r -> r.filters(filter("resource-type", "natgateway"), filter("key", "tier")))
                .tags()).singleElement().satisfies(t -> assertThat(t.resourceId()).isEqualTo(second));
        ec2().deleteTags(r -> r.resources(second).tags(t -> t.key("tier")));
        assertThat(ids(filter("tag-key", "tier"))).isEmpty();

        DescribeNatGatewaysResponse page = ec2().describeNatGateways(r -> r.maxResults(5));
        assertThat(page.natGateways()).hasSize(2);
        assertThat(page.nextToken()).isNull();

        ec2Error(() -> ec2().describeNatGateways(r -> r.natGatewayIds("nat-0123456789abcdef0")),
                "NatGatewayNotFound");
        ec2Error(() -> ec2().deleteNatGateway(r -> r.natGatewayId("nat-0123456789abcdef0")), "NatGatewayNotFound");
        ec2Error(() -> ec2().createNatGateway(r -> r.subnetId("subnet-0123456789abcdef0")
                .allocationId(allocationId)), "InvalidSubnetID.NotFound");
        ec2Error(() -> ec2().createNatGateway(r -> r.subnetId(subnetId)), "MissingParameter");
        assertDryRun(() -> ec2().createNatGateway(r -> r.subnetId(subnetId).allocationId(allocationId)
                .dryRun(true)));
        assertDryRun(() -> ec2().describeNatGateways(r -> r.dryRun(true)));
        assertDryRun(() -> ec2().deleteNatGateway(r -> r.natGatewayId(first).dryRun(true)));
        assertThat(gw.otherAccount().describeNatGateways().natGateways()).isEmpty();
    }

    private List<String> ids(Filter... filters) {
        return ec2().describeNatGateways(r -> r.filter(filters)).natGateways().stream()
                .map(NatGateway::natGatewayId).toList();
    }
}
