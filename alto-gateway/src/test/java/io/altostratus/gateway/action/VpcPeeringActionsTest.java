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
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ModifyVpcPeeringConnectionOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;

/** VPC peering through the SDK: request, accept, reject, delete, options, overlapping CIDRs, filters, errors. */
class VpcPeeringActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String left;
    private String right;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void vpcs() {
        left = ec2().createVpc(r -> r.cidrBlock("10.40.0.0/16")).vpc().vpcId();
        right = ec2().createVpc(r -> r.cidrBlock("10.41.0.0/16")).vpc().vpcId();
    }

    private VpcPeeringConnection request(String from, String to, String name) {
        return ec2().createVpcPeeringConnection(r -> r.vpcId(from).peerVpcId(to)
                .tagSpecifications(tags(ResourceType.VPC_PEERING_CONNECTION, "Name", name))).vpcPeeringConnection();
    }

    private VpcPeeringConnection describe(String id) {
        return ec2().describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(id)).vpcPeeringConnections()
                .get(0);
    }

    @Test
    void requestAcceptOptionsAndDelete() {
        VpcPeeringConnection made = request(left, right, "lr");
        String id = made.vpcPeeringConnectionId();
        assertThat(id).matches("pcx-[0-9a-f]{17}");
        assertThat(made.status().codeAsString()).isEqualTo("initiating-request");
        assertThat(made.requesterVpcInfo().vpcId()).isEqualTo(left);
        assertThat(made.requesterVpcInfo().cidrBlock()).isEqualTo("10.40.0.0/16");
        assertThat(made.accepterVpcInfo().vpcId()).isEqualTo(right);
        assertThat(made.accepterVpcInfo().ownerId()).isEqualTo(gw.account());
        assertThat(made.accepterVpcInfo().region()).isEqualTo("us-east-1");

        VpcPeeringConnection pending = describe(id);
        assertThat(pending.status().codeAsString()).isEqualTo("pending-acceptance");
        assertThat(pending.expirationTime()).isNotNull();
        assertThat(pending.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("lr"));
        // Options change only on an active connection.
        ec2Error(() -> ec2().modifyVpcPeeringConnectionOptions(r -> r.vpcPeeringConnectionId(id)
                .requesterPeeringConnectionOptions(o -> o.allowDnsResolutionFromRemoteVpc(true))),
                "OperationNotPermitted");

        VpcPeeringConnection active = ec2().acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id))
                .vpcPeeringConnection();
        assertThat(active.status().codeAsString()).isEqualTo("active");
        assertThat(active.accepterVpcInfo().cidrBlock()).isEqualTo("10.41.0.0/16");
        ec2Error(() -> ec2().acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id)),
                "InvalidStateTransition");

        ModifyVpcPeeringConnectionOptionsResponse changed = ec2().modifyVpcPeeringConnectionOptions(r -> r
                .vpcPeeringConnectionId(id)
                .accepterPeeringConnectionOptions(o -> o.allowDnsResolutionFromRemoteVpc(true)));
        assertThat(changed.accepterPeeringConnectionOptions().allowDnsResolutionFromRemoteVpc()).isTrue();
        assertThat(changed.requesterPeeringConnectionOptions()).isNull();
        VpcPeeringConnection read = describe(id);
        assertThat(read.accepterVpcInfo().peeringOptions().allowDnsResolutionFromRemoteVpc()).isTrue();
        assertThat(read.requesterVpcInfo().peeringOptions().allowDnsResolutionFromRemoteVpc()).isFalse();

        assertThat(ec2().deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id)).returnValue()).isTrue();
        assertThat(describe(id).status().codeAsString()).isEqualTo("deleted");
        ec2Error(() -> ec2().deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id)),
                "InvalidStateTransition");
    }

    @Test
    void rejectionOverlapFiltersAndErrors() {
        String rejected = request(left, right, "a").vpcPeeringConnectionId();
        assertThat(ec2().rejectVpcPeeringConnection(r -> r.vpcPeeringConnectionId(rejected)).returnValue())
                .isTrue();
        assertThat(describe(rejected).status().codeAsString()).isEqualTo("rejected");
        ec2Error(() -> ec2().acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(rejected)),
                "InvalidStateTransition");

        String overlapping = ec2().createVpc(r -> r.cidrBlock("10.40.128.0/17")).vpc().vpcId();
        String failed = request(left, overlapping, "b").vpcPeeringConnectionId();
        VpcPeeringConnection f = describe(failed);
        assertThat(f.status().codeAsString()).isEqualTo("failed");
        assertThat(f.status().message()).isEqualTo("Overlapping CIDRs");

        String pending = request(right, left, "c").vpcPeeringConnectionId();
        assertThat(ids(filter("status-code", "pending-acceptance"))).containsExactly(pending);
        assertThat(ids(filter("requester-vpc-info.vpc-id", left))).containsExactlyInAnyOrder(rejected, failed);
        assertThat(ids(filter("accepter-vpc-info.vpc-id", left))).containsExactly(pending);
        assertThat(ids(filter("requester-vpc-info.cidr-block", "10.41.0.0/16"))).containsExactly(pending);
        assertThat(ids(filter("tag:Name", "b"))).containsExactly(failed);
        assertThat(ids(filter("vpc-peering-connection-id", pending, failed))).hasSize(2);
        ec2().createTags(r -> r.resources(pending).tags(t -> t.key("peer").value("yes")));
        assertThat(ids(filter("tag-key", "peer"))).containsExactly(pending);
        assertThat(ec2().describeTags(r -> r.filters(filter("resource-type", "vpc-peering-connection"))).tags())
                .extracting(t -> t.resourceId()).contains(pending);
        assertThat(ec2().describeVpcPeeringConnections(r -> r.maxResults(5)).vpcPeeringConnections()).hasSize(3);

        ec2Error(() -> request(left, "vpc-0123456789abcdef0", "x"), "InvalidVpcID.NotFound");
        ec2Error(() -> ec2().createVpcPeeringConnection(r -> r.vpcId(left).peerVpcId(right)
                .peerRegion("eu-west-1")), "UnsupportedOperation");
        ec2Error(() -> ec2().describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds("pcx-0123456789abcdef0")),
                "InvalidVpcPeeringConnectionID.NotFound");
        ec2Error(() -> ec2().acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId("pcx-0123456789abcdef0")),
                "InvalidVpcPeeringConnectionID.NotFound");
        ec2Error(() -> ec2().deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId("vpc-0123456789abcdef0")),
                "InvalidVpcPeeringConnectionId.Malformed");
        assertDryRun(() -> ec2().createVpcPeeringConnection(r -> r.vpcId(left).peerVpcId(right).dryRun(true)));
        assertDryRun(() -> ec2().acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pending).dryRun(true)));
        assertDryRun(() -> ec2().rejectVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pending).dryRun(true)));
        assertDryRun(() -> ec2().deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pending).dryRun(true)));
        assertDryRun(() -> ec2().describeVpcPeeringConnections(r -> r.dryRun(true)));
        assertThat(describe(pending).status().codeAsString()).isEqualTo("pending-acceptance");
        assertThat(gw.otherAccount().describeVpcPeeringConnections().vpcPeeringConnections()).isEmpty();
    }

    @Test
    void routesReachAPeeringOnlyWhileItIsActive() {
        String id = request(left, right, "routes").vpcPeeringConnectionId();
        String table = ec2().createRouteTable(r -> r.vpcId(left)).routeTable().routeTableId();
        ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("10.41.0.0/16").vpcPeeringConnectionId(id));
        // A route to a pending connection is taken, as on EC2, but carries nothing yet.
        assertThat(peeringRoute(table).stateAsString()).isEqualTo("blackhole");
        ec2().acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id));
        Route route = peeringRoute(table);
        assertThat(route.vpcPeeringConnectionId()).isEqualTo(id);
        assertThat(route.gatewayId()).isNull();
        assertThat(route.stateAsString()).isEqualTo("active");
        assertThat(ec2().describeRouteTables(r -> r.filters(filter("route.vpc-peering-connection-id", id)))
                .routeTables()).singleElement().satisfies(t -> assertThat(t.routeTableId()).isEqualTo(table));

        // The other side's table can route to it too; a third VPC's cannot.
        String rightTable = ec2().createRouteTable(r -> r.vpcId(right)).routeTable().routeTableId();
        ec2().createRoute(r -> r.routeTableId(rightTable).destinationCidrBlock("10.40.0.0/16")
                .vpcPeeringConnectionId(id));
        String third = ec2().createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();
        String thirdTable = ec2().createRouteTable(r -> r.vpcId(third)).routeTable().routeTableId();
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(thirdTable).destinationCidrBlock("10.40.0.0/16")
                .vpcPeeringConnectionId(id)), "InvalidParameterValue");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("10.99.0.0/16")
                .vpcPeeringConnectionId("pcx-0123456789abcdef0")), "InvalidVpcPeeringConnectionID.NotFound");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("10.99.0.0/16")
                .vpcPeeringConnectionId(id).gatewayId("igw-0123456789abcdef0")), "InvalidParameterCombination");

        ec2().deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id));
        assertThat(peeringRoute(table).stateAsString()).isEqualTo("blackhole");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("10.98.0.0/16")
                .vpcPeeringConnectionId(id)), "InvalidVpcPeeringConnectionID.NotFound");
    }

    private Route peeringRoute(String table) {
        return ec2().describeRouteTables(r -> r.routeTableIds(table)).routeTables().get(0).routes().stream()
                .filter(r -> "10.41.0.0/16".equals(r.destinationCidrBlock())).findFirst().orElseThrow();
    }

    private List<String> ids(Filter... filters) {
        return ec2().describeVpcPeeringConnections(r -> r.filters(filters)).vpcPeeringConnections().stream()
                .map(VpcPeeringConnection::vpcPeeringConnectionId).toList();
    }
}
