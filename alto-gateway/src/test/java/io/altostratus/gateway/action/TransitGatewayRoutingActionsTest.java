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
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SearchTransitGatewayRoutesResponse;
import software.amazon.awssdk.services.ec2.model.TransitGateway;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPeeringAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;
import software.amazon.awssdk.services.ec2.model.TransitGatewayVpcAttachment;

/**
 * Transit gateway attachments and route tables through the SDK: VPC attachments joining the default table, subnet
 * changes, static and propagated routes and their search, associations, propagations, peering attachments.
 */
class TransitGatewayRoutingActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String tgw;
    private String defaultTable;
    private String vpc;
    private String subnetA;
    private String subnetB;
    private String otherSubnetA;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void hub() {
        TransitGateway made = ec2().createTransitGateway(r -> r.description("hub")).transitGateway();
        tgw = made.transitGatewayId();
        defaultTable = made.options().associationDefaultRouteTableId();
        vpc = ec2().createVpc(r -> r.cidrBlock("10.70.0.0/16")).vpc().vpcId();
        subnetA = subnet(vpc, "10.70.1.0/24", "us-east-1a");
        subnetB = subnet(vpc, "10.70.2.0/24", "us-east-1b");
        otherSubnetA = subnet(vpc, "10.70.3.0/24", "us-east-1a");
    }

    private String subnet(String vpcId, String cidr, String zone) {
        return ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone(zone)).subnet().subnetId();
    }

    private TransitGatewayVpcAttachment attach(String vpcId, String... subnets) {
        return ec2().createTransitGatewayVpcAttachment(r -> r.transitGatewayId(tgw).vpcId(vpcId).subnetIds(subnets)
                .tagSpecifications(tags(ResourceType.TRANSIT_GATEWAY_ATTACHMENT, "Name", vpcId)))
                .transitGatewayVpcAttachment();
    }

    private TransitGatewayVpcAttachment describeVpcAttachment(String id) {
        return ec2().describeTransitGatewayVpcAttachments(r -> r.transitGatewayAttachmentIds(id))
                .transitGatewayVpcAttachments().get(0);
    }

    private List<TransitGatewayRoute> search(String table, Filter... filters) {
        return ec2().searchTransitGatewayRoutes(r -> r.transitGatewayRouteTableId(table).filters(filters)).routes();
    }

    @Test
    void vpcAttachmentsJoinTheDefaultTableAndChangeSubnets() {
        TransitGatewayVpcAttachment made = attach(vpc, subnetA, subnetB);
        String id = made.transitGatewayAttachmentId();
        assertThat(id).matches("tgw-attach-[0-9a-f]{17}");
        assertThat(made.stateAsString()).isEqualTo("pending");
        assertThat(made.subnetIds()).containsExactly(subnetA, subnetB);
        assertThat(made.vpcOwnerId()).isEqualTo(gw.account());
        assertThat(made.options().dnsSupportAsString()).isEqualTo("enable");
        assertThat(describeVpcAttachment(id).stateAsString()).isEqualTo("available");

        TransitGatewayAttachment general = ec2().describeTransitGatewayAttachments(r -> r
                .transitGatewayAttachmentIds(id)).transitGatewayAttachments().get(0);
        assertThat(general.resourceTypeAsString()).isEqualTo("vpc");
        assertThat(general.resourceId()).isEqualTo(vpc);
        assertThat(general.association().transitGatewayRouteTableId()).isEqualTo(defaultTable);
        assertThat(general.association().stateAsString()).isEqualTo("associated");
        assertThat(ec2().getTransitGatewayRouteTableAssociations(r -> r.transitGatewayRouteTableId(defaultTable))
                .associations()).singleElement().satisfies(a -> {
                    assertThat(a.transitGatewayAttachmentId()).isEqualTo(id);
                    assertThat(a.resourceId()).isEqualTo(vpc);
                });
        assertThat(ec2().getTransitGatewayRouteTablePropagations(r -> r.transitGatewayRouteTableId(defaultTable))
                .transitGatewayRouteTablePropagations()).singleElement()
                .satisfies(p -> assertThat(p.stateAsString()).isEqualTo("enabled"));
        // The attached VPC's CIDR is a propagated route of the default table.
        assertThat(search(defaultTable, filter("type", "propagated"))).singleElement().satisfies(r -> {
            assertThat(r.destinationCidrBlock()).isEqualTo("10.70.0.0/16");
            assertThat(r.stateAsString()).isEqualTo("active");
            assertThat(r.transitGatewayAttachments().get(0).resourceId()).isEqualTo(vpc);
        });

        // One subnet per zone, one attachment per VPC and gateway.
        String second = ec2().createVpc(r -> r.cidrBlock("10.71.0.0/16")).vpc().vpcId();
        String secondA = subnet(second, "10.71.1.0/24", "us-east-1a");
        String secondA2 = subnet(second, "10.71.2.0/24", "us-east-1a");
        ec2Error(() -> attach(second, secondA, secondA2), "DuplicateSubnetsInSameZone");
        ec2Error(() -> attach(vpc, otherSubnetA), "DuplicateTransitGatewayAttachment");
        ec2Error(() -> attach(second, subnetA), "InvalidParameterValue");
        ec2Error(() -> attach(second), "MissingParameter");
        String secondId = attach(second, secondA).transitGatewayAttachmentId();
        assertThat(search(defaultTable, filter("type", "propagated"))).extracting(TransitGatewayRoute::destinationCidrBlock)
                .containsExactly("10.70.0.0/16", "10.71.0.0/16");

        // Subnets change one zone at a time.
        ec2Error(() -> ec2().modifyTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(id)
                .addSubnetIds(otherSubnetA)), "DuplicateSubnetsInSameZone");
        TransitGatewayVpcAttachment modified = ec2().modifyTransitGatewayVpcAttachment(r -> r
                .transitGatewayAttachmentId(id).removeSubnetIds(subnetA).addSubnetIds(otherSubnetA)
                .options(o -> o.applianceModeSupport("enable"))).transitGatewayVpcAttachment();
        assertThat(modified.stateAsString()).isEqualTo("modifying");
        assertThat(modified.subnetIds()).containsExactlyInAnyOrder(subnetB, otherSubnetA);
        TransitGatewayVpcAttachment read = describeVpcAttachment(id);
        assertThat(read.stateAsString()).isEqualTo("available");
        assertThat(read.options().applianceModeSupportAsString()).isEqualTo("enable");
        ec2Error(() -> ec2().modifyTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(id)
                .removeSubnetIds(subnetA)), "InvalidParameterValue");

        // Filters.
        assertThat(vpcAttachmentIds(filter("vpc-id", second))).containsExactly(secondId);
        assertThat(vpcAttachmentIds(filter("tag:Name", vpc))).containsExactly(id);
        assertThat(ec2().describeTransitGatewayAttachments(r -> r.filters(filter("resource-type", "vpc"),
                filter("association.transit-gateway-route-table-id", defaultTable))).transitGatewayAttachments())
                .hasSize(2);
        assertThat(ec2().describeTags(r -> r.filters(filter("resource-type", "transit-gateway-attachment")))
                .tags()).extracting(t -> t.resourceId()).containsExactlyInAnyOrder(id, secondId);
        ec2Error(() -> ec2().describeTransitGatewayVpcAttachments(r -> r.filters(filter("subnet", "x"))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().describeTransitGatewayVpcAttachments(r -> r.transitGatewayAttachmentIds(
                "tgw-attach-0123456789abcdef0")), "InvalidTransitGatewayAttachmentID.NotFound");
        assertDryRun(() -> ec2().deleteTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(id)
                .dryRun(true)));

        // Deleting leaves the default table's association and propagation.
        assertThat(ec2().deleteTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(id))
                .transitGatewayVpcAttachment().stateAsString()).isEqualTo("deleting");
        assertThat(describeVpcAttachment(id).stateAsString()).isEqualTo("deleted");
        assertThat(search(defaultTable, filter("type", "propagated"))).extracting(TransitGatewayRoute::destinationCidrBlock)
                .containsExactly("10.71.0.0/16");
        ec2Error(() -> ec2().deleteTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(id)),
                "IncorrectState");
    }

    @Test
    void routeTablesStaticRoutesSearchAssociationsAndPropagations() {
        String id = attach(vpc, subnetA).transitGatewayAttachmentId();
        String table = ec2().createTransitGatewayRouteTable(r -> r.transitGatewayId(tgw)
                .tagSpecifications(tags(ResourceType.TRANSIT_GATEWAY_ROUTE_TABLE, "Name", "spoke")))
                .transitGatewayRouteTable().transitGatewayRouteTableId();

        TransitGatewayRoute made = ec2().createTransitGatewayRoute(r -> r.transitGatewayRouteTableId(table)
                .destinationCidrBlock("10.0.0.0/8").transitGatewayAttachmentId(id)).route();
        assertThat(made.typeAsString()).isEqualTo("static");
        assertThat(made.stateAsString()).isEqualTo("active");
        assertThat(made.transitGatewayAttachments().get(0).resourceTypeAsString()).isEqualTo("vpc");
        ec2().createTransitGatewayRoute(r -> r.transitGatewayRouteTableId(table).destinationCidrBlock("10.1.0.0/16")
                .blackhole(true));
        ec2().createTransitGatewayRoute(r -> r.transitGatewayRouteTableId(table).destinationCidrBlock("10.1.2.0/24")
                .transitGatewayAttachmentId(id));
        ec2Error(() -> ec2().createTransitGatewayRoute(r -> r.transitGatewayRouteTableId(table)
                .destinationCidrBlock("10.0.0.0/8").transitGatewayAttachmentId(id)), "RouteAlreadyExists");
        ec2Error(() -> ec2().createTransitGatewayRoute(r -> r.transitGatewayRouteTableId(table)
                .destinationCidrBlock("10.9.0.0/16").transitGatewayAttachmentId(id).blackhole(true)),
                "InvalidParameterCombination");
        ec2Error(() -> ec2().createTransitGatewayRoute(r -> r.transitGatewayRouteTableId(table)
                .destinationCidrBlock("10.9.0.1/16").blackhole(true)), "InvalidParameterValue");

        assertThat(search(table, filter("state", "blackhole"))).extracting(TransitGatewayRoute::destinationCidrBlock)
                .containsExactly("10.1.0.0/16");
        assertThat(search(table, filter("route-search.exact-match", "10.1.2.0/24"))).hasSize(1);
        assertThat(search(table, filter("route-search.subnet-of-match", "10.1.0.0/16")))
                .extracting(TransitGatewayRoute::destinationCidrBlock).containsExactly("10.1.0.0/16", "10.1.2.0/24");
        assertThat(search(table, filter("route-search.supernet-of-match", "10.1.2.0/24")))
                .extracting(TransitGatewayRoute::destinationCidrBlock)
                .containsExactly("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24");
        assertThat(search(table, filter("route-search.longest-prefix-match", "10.1.2.7/32")))
                .extracting(TransitGatewayRoute::destinationCidrBlock).containsExactly("10.1.2.0/24");
        assertThat(search(table, filter("attachment.transit-gateway-attachment-id", id))).hasSize(2);
        SearchTransitGatewayRoutesResponse limited = ec2().searchTransitGatewayRoutes(r -> r
                .transitGatewayRouteTableId(table).filters(filter("type", "static")).maxResults(5));
        assertThat(limited.additionalRoutesAvailable()).isFalse();
        ec2Error(() -> ec2().searchTransitGatewayRoutes(r -> r.transitGatewayRouteTableId(table)),
                "MissingParameter");
        ec2Error(() -> search(table, filter("route-search.nearest", "10.0.0.0/8")), "InvalidParameterValue");

        TransitGatewayRoute replaced = ec2().replaceTransitGatewayRoute(r -> r.transitGatewayRouteTableId(table)
                .destinationCidrBlock("10.1.0.0/16").transitGatewayAttachmentId(id)).route();
        assertThat(replaced.stateAsString()).isEqualTo("active");
        ec2Error(() -> ec2().replaceTransitGatewayRoute(r -> r.transitGatewayRouteTableId(table)
                .destinationCidrBlock("10.99.0.0/16").blackhole(true)), "InvalidRoute.NotFound");
        assertThat(ec2().deleteTransitGatewayRoute(r -> r.transitGatewayRouteTableId(table)
                .destinationCidrBlock("10.1.2.0/24")).route().stateAsString()).isEqualTo("deleted");
        ec2Error(() -> ec2().deleteTransitGatewayRoute(r -> r.transitGatewayRouteTableId(table)
                .destinationCidrBlock("10.1.2.0/24")), "InvalidRoute.NotFound");

        // One association per attachment: move it from the default table to this one.
        ec2Error(() -> ec2().associateTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(table)
                .transitGatewayAttachmentId(id)), "Resource.AlreadyAssociated");
        ec2Error(() -> ec2().disassociateTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(table)
                .transitGatewayAttachmentId(id)), "InvalidAssociation.NotFound");
        assertThat(ec2().disassociateTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(defaultTable)
                .transitGatewayAttachmentId(id)).association().stateAsString()).isEqualTo("disassociating");
        assertThat(ec2().associateTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(table)
                .transitGatewayAttachmentId(id)).association().transitGatewayRouteTableId()).isEqualTo(table);
        assertThat(ec2().getTransitGatewayRouteTableAssociations(r -> r.transitGatewayRouteTableId(table)
                .filters(filter("resource-id", vpc))).associations()).hasSize(1);
        assertThat(ec2().getTransitGatewayRouteTableAssociations(r -> r.transitGatewayRouteTableId(defaultTable))
                .associations()).isEmpty();
        ec2Error(() -> ec2().deleteTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(table)),
                "IncorrectState");

        // Propagation brings the VPC's CIDR; a static route for the same block would win.
        assertThat(ec2().enableTransitGatewayRouteTablePropagation(r -> r.transitGatewayRouteTableId(table)
                .transitGatewayAttachmentId(id)).propagation().resourceId()).isEqualTo(vpc);
        ec2Error(() -> ec2().enableTransitGatewayRouteTablePropagation(r -> r.transitGatewayRouteTableId(table)
                .transitGatewayAttachmentId(id)), "TransitGatewayRouteTablePropagation.Duplicate");
        assertThat(search(table, filter("type", "propagated"))).extracting(TransitGatewayRoute::destinationCidrBlock)
                .containsExactly("10.70.0.0/16");
        ec2().disableTransitGatewayRouteTablePropagation(r -> r.transitGatewayRouteTableId(table)
                .transitGatewayAttachmentId(id));
        assertThat(search(table, filter("type", "propagated"))).isEmpty();
        assertThat(ec2().getTransitGatewayRouteTablePropagations(r -> r.transitGatewayRouteTableId(table))
                .transitGatewayRouteTablePropagations()).isEmpty();

        assertDryRun(() -> ec2().createTransitGatewayRouteTable(r -> r.transitGatewayId(tgw).dryRun(true)));
        assertThat(ec2().describeTransitGatewayRouteTables(r -> r.filters(filter("tag:Name", "spoke")))
                .transitGatewayRouteTables()).singleElement()
                .satisfies(t -> assertThat(t.defaultAssociationRouteTable()).isFalse());
        ec2Error(() -> ec2().describeTransitGatewayRouteTables(r -> r.transitGatewayRouteTableIds(
                "tgw-rtb-0123456789abcdef0")), "InvalidRouteTableID.NotFound");

        // Once the attachment goes, the routes to it are blackholes and the table can be deleted.
        ec2().deleteTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(id));
        assertThat(search(table, filter("route-search.exact-match", "10.0.0.0/8"))).singleElement()
                .satisfies(r -> assertThat(r.stateAsString()).isEqualTo("blackhole"));
        assertThat(ec2().deleteTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(table))
                .transitGatewayRouteTable().stateAsString()).isEqualTo("deleting");
    }

    @Test
    void peeringAttachmentsAreRequestedAcceptedRejectedAndDeleted() {
        String peer = ec2().createTransitGateway(r -> r.options(o -> o.amazonSideAsn(64700L))).transitGateway()
                .transitGatewayId();
        TransitGatewayPeeringAttachment made = ec2().createTransitGatewayPeeringAttachment(r -> r
                .transitGatewayId(tgw).peerTransitGatewayId(peer).peerAccountId(gw.account()).peerRegion("us-east-1")
                .tagSpecifications(tags(ResourceType.TRANSIT_GATEWAY_ATTACHMENT, "Name", "peer")))
                .transitGatewayPeeringAttachment();
        String id = made.transitGatewayAttachmentId();
        assertThat(made.stateAsString()).isEqualTo("initiatingRequest");
        assertThat(made.requesterTgwInfo().transitGatewayId()).isEqualTo(tgw);
        assertThat(made.accepterTgwInfo().transitGatewayId()).isEqualTo(peer);
        assertThat(made.accepterTgwInfo().region()).isEqualTo("us-east-1");
        assertThat(peering(id).stateAsString()).isEqualTo("pendingAcceptance");
        assertThat(peering(id).status().code()).isEqualTo("pendingAcceptance");
        ec2Error(() -> ec2().createTransitGatewayPeeringAttachment(r -> r.transitGatewayId(peer)
                .peerTransitGatewayId(tgw).peerAccountId(gw.account()).peerRegion("us-east-1")),
                "DuplicateTransitGatewayAttachment");
        ec2Error(() -> ec2().createTransitGatewayPeeringAttachment(r -> r.transitGatewayId(tgw)
                .peerTransitGatewayId(peer).peerAccountId("111111111111").peerRegion("us-east-1")),
                "UnsupportedOperation");
        ec2Error(() -> ec2().createTransitGatewayPeeringAttachment(r -> r.transitGatewayId(tgw)
                .peerTransitGatewayId(peer).peerAccountId(gw.account())), "MissingParameter");

        assertDryRun(() -> ec2().acceptTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(id)
                .dryRun(true)));
        assertThat(ec2().acceptTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(id))
                .transitGatewayPeeringAttachment().stateAsString()).isEqualTo("pending");
        assertThat(peering(id).stateAsString()).isEqualTo("available");
        ec2Error(() -> ec2().acceptTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(id)),
                "IncorrectState");
        // A peering takes static routes, and no propagation.
        ec2().createTransitGatewayRoute(r -> r.transitGatewayRouteTableId(defaultTable)
                .destinationCidrBlock("172.20.0.0/16").transitGatewayAttachmentId(id));
        assertThat(search(defaultTable, filter("attachment.resource-type", "peering"))).singleElement()
                .satisfies(r -> assertThat(r.transitGatewayAttachments().get(0).resourceId()).isEqualTo(peer));
        ec2Error(() -> ec2().enableTransitGatewayRouteTablePropagation(r -> r.transitGatewayRouteTableId(defaultTable)
                .transitGatewayAttachmentId(id)), "InvalidParameterValue");
        // The VPC attachment calls do not reach peerings.
        ec2Error(() -> ec2().deleteTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(id)),
                "InvalidTransitGatewayAttachmentID.NotFound");

        String third = ec2().createTransitGateway(r -> r.description("third")).transitGateway().transitGatewayId();
        String rejected = ec2().createTransitGatewayPeeringAttachment(r -> r.transitGatewayId(third)
                .peerTransitGatewayId(peer).peerAccountId(gw.account()).peerRegion("us-east-1"))
                .transitGatewayPeeringAttachment().transitGatewayAttachmentId();
        assertThat(ec2().rejectTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(rejected))
                .transitGatewayPeeringAttachment().stateAsString()).isEqualTo("rejected");

        assertThat(peeringIds(filter("state", "available"))).containsExactly(id);
        assertThat(peeringIds(filter("transit-gateway-id", peer))).containsExactlyInAnyOrder(id, rejected);
        assertThat(peeringIds(filter("tag:Name", "peer"))).containsExactly(id);
        assertThat(ec2().describeTransitGatewayAttachments(r -> r.filters(filter("resource-type", "peering")))
                .transitGatewayAttachments()).hasSize(2);
        ec2Error(() -> ec2().deleteTransitGateway(r -> r.transitGatewayId(peer)), "IncorrectState");

        assertThat(ec2().deleteTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(id))
                .transitGatewayPeeringAttachment().stateAsString()).isEqualTo("deleting");
        assertThat(peering(id).stateAsString()).isEqualTo("deleted");
        assertThat(search(defaultTable, filter("route-search.exact-match", "172.20.0.0/16"))).singleElement()
                .satisfies(r -> assertThat(r.stateAsString()).isEqualTo("blackhole"));
        ec2Error(() -> ec2().acceptTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(
                "tgw-attach-0123456789abcdef0")), "InvalidTransitGatewayAttachmentID.NotFound");
        ec2Error(() -> ec2().acceptTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(
                "tgw-0123456789abcdef0")), "InvalidTransitGatewayAttachmentID.Malformed");
    }

    @Test
    void blackholeRouteWithAnEmptyAttachmentIdAsTerraformSendsIt() {
        assertThat(ec2().createTransitGatewayRoute(r -> r.transitGatewayRouteTableId(defaultTable)
                .destinationCidrBlock("10.199.0.0/16").blackhole(true).transitGatewayAttachmentId(""))
                .route().stateAsString()).isEqualTo("blackhole");
    }

    @Test
    void createTagsReachesTransitGatewayResources() {
        String id = attach(vpc, subnetA).transitGatewayAttachmentId();
        ec2().createTags(r -> r.resources(tgw, id, defaultTable).tags(t -> t.key("team").value("net")));
        assertThat(ec2().describeTags(r -> r.filters(filter("key", "team"))).tags())
                .extracting(t -> t.resourceId()).containsExactlyInAnyOrder(tgw, id, defaultTable);
        ec2().deleteTags(r -> r.resources(tgw).tags(t -> t.key("team")));
        assertThat(ec2().describeTransitGateways(r -> r.transitGatewayIds(tgw)).transitGateways().get(0).tags())
                .isEmpty();
    }

    private TransitGatewayPeeringAttachment peering(String id) {
        return ec2().describeTransitGatewayPeeringAttachments(r -> r.transitGatewayAttachmentIds(id))
                .transitGatewayPeeringAttachments().get(0);
    }

    private List<String> peeringIds(Filter... filters) {
        return ec2().describeTransitGatewayPeeringAttachments(r -> r.filters(filters))
                .transitGatewayPeeringAttachments().stream()
                .map(TransitGatewayPeeringAttachment::transitGatewayAttachmentId).toList();
    }

    private List<String> vpcAttachmentIds(Filter... filters) {
        return ec2().describeTransitGatewayVpcAttachments(r -> r.filters(filters)).transitGatewayVpcAttachments()
                .stream().map(TransitGatewayVpcAttachment::transitGatewayAttachmentId).toList();
    }
}
