package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.spi.ProviderContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteOrigin;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociationStateCode;
import software.amazon.awssdk.services.ec2.model.Tag;

class RoutingActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String vpcId;
    private String subnetId;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void network() {
        vpcId = ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        subnetId = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24")).subnet().subnetId();
    }

    private InternetGateway igw(Map<String, String> tags) {
        return ec2().createInternetGateway(r -> r.tagSpecifications(tags(ResourceType.INTERNET_GATEWAY, tags)))
                .internetGateway();
    }

    private RouteTable table(String id) {
        return ec2().describeRouteTables(r -> r.routeTableIds(id)).routeTables().get(0);
    }

    // ---- internet gateways ------------------------------------------------------------------------------------

    @Test
    void internetGatewayLifecycle() {
        InternetGateway created = igw(Map.of("Name", "edge"));
        String id = created.internetGatewayId();

        assertThat(id).matches("igw-[0-9a-f]{17}");
        assertThat(created.ownerId()).isEqualTo(ProviderContext.DEFAULT_ACCOUNT);
        assertThat(created.hasAttachments()).isTrue();
        assertThat(created.attachments()).isEmpty();
        assertThat(created.tags()).containsExactly(Tag.builder().key("Name").value("edge").build());

        ec2().attachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId));
        InternetGateway attached = ec2().describeInternetGateways(r -> r.internetGatewayIds(id))
                .internetGateways().get(0);
        assertThat(attached.attachments()).singleElement().satisfies(a -> {
            assertThat(a.vpcId()).isEqualTo(vpcId);
            assertThat(a.stateAsString()).isEqualTo("available");
        });
        assertThat(igwIds(filter("attachment.vpc-id", vpcId))).containsExactly(id);
        assertThat(igwIds(filter("attachment.state", "available"), filter("tag:Name", "edge"))).containsExactly(id);

        ec2Error(() -> ec2().attachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId)),
                "Resource.AlreadyAssociated");
        ec2Error(() -> ec2().deleteInternetGateway(r -> r.internetGatewayId(id)), "DependencyViolation");
        ec2().detachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId));
        ec2Error(() -> ec2().detachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId)),
                "Gateway.NotAttached");
        assertThat(igwIds(filter("attachment.vpc-id", vpcId))).isEmpty();
        ec2().deleteInternetGateway(r -> r.internetGatewayId(id));
        ec2Error(() -> ec2().describeInternetGateways(r -> r.internetGatewayIds(id)),
                "InvalidInternetGatewayID.NotFound");
        ec2Error(() -> ec2().attachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId)),
                "InvalidInternetGatewayID.NotFound");
    }

    private List<String> igwIds(Filter... filters) {
        return ec2().describeInternetGateways(r -> r.filters(filters)).internetGateways().stream()
                .map(InternetGateway::internetGatewayId).toList();
    }

    @Test
    void internetGatewaysPageAndStayInTheirAccount() {
        for (int i = 0; i < 6; i++) {
            igw(Map.of());
        }
        List<InternetGateway> all = ec2().describeInternetGateways().internetGateways();
        List<InternetGateway> walked = ec2().describeInternetGatewaysPaginator(r -> r.maxResults(5))
                .internetGateways().stream().toList();

        assertThat(all).hasSize(7);
        assertThat(walked).containsExactlyElementsOf(all);
        String mine = all.get(0).internetGatewayId();
        ec2Error(() -> gw.otherAccount().describeInternetGateways(r -> r.internetGatewayIds(mine)),
                "InvalidInternetGatewayID.NotFound");
        ec2Error(() -> gw.otherAccount().deleteInternetGateway(r -> r.internetGatewayId(mine)),
                "InvalidInternetGatewayID.NotFound");
        assertDryRun(() -> ec2().createInternetGateway(r -> r.dryRun(true)));
        assertThat(ec2().describeInternetGateways().internetGateways()).hasSize(7);
    }

    // ---- route tables -----------------------------------------------------------------------------------------

    @Test
    void aNewVpcHasAMainTableWithItsLocalRoute() {
        List<RouteTable> main = ec2().describeRouteTables(r -> r.filters(filter("vpc-id", vpcId),
                filter("association.main", "true"))).routeTables();

        assertThat(main).singleElement().satisfies(t -> {
            assertThat(t.routeTableId()).matches("rtb-[0-9a-f]{17}");
            assertThat(t.vpcId()).isEqualTo(vpcId);
            assertThat(t.ownerId()).isEqualTo(ProviderContext.DEFAULT_ACCOUNT);
            assertThat(t.hasPropagatingVgws()).isTrue();
            assertThat(t.hasTags()).isTrue();
            assertThat(t.routes()).singleElement().satisfies(route -> {
                assertThat(route.destinationCidrBlock()).isEqualTo("10.0.0.0/16");
                assertThat(route.gatewayId()).isEqualTo("local");
                assertThat(route.origin()).isEqualTo(RouteOrigin.CREATE_ROUTE_TABLE);
                assertThat(route.state()).isEqualTo(RouteState.ACTIVE);
            });
            assertThat(t.associations()).singleElement().satisfies(a -> {
                assertThat(a.main()).isTrue();
                assertThat(a.subnetId()).isNull();
                assertThat(a.routeTableAssociationId()).startsWith("rtbassoc-");
                assertThat(a.associationState().state()).isEqualTo(RouteTableAssociationStateCode.ASSOCIATED);
            });
        });
    }

    @Test
    void routesToAnInternetGatewayAndSubnetAssociations() {
        String igwId = igw(Map.of()).internetGatewayId();
        ec2().attachInternetGateway(r -> r.internetGatewayId(igwId).vpcId(vpcId));
        RouteTable created = ec2().createRouteTable(r -> r.vpcId(vpcId)
                .tagSpecifications(tags(ResourceType.ROUTE_TABLE, Map.of("Name", "public")))).routeTable();
        String rtb = created.routeTableId();
        assertThat(created.routes()).extracting(Route::gatewayId).containsExactly("local");
        assertThat(created.associations()).isEmpty();
        // A table with no associations matches neither association.main=true nor =false.
        assertThat(tableIds(filter("route-table-id", rtb), filter("association.main", "false"))).isEmpty();

        ec2().createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igwId));
        String association = ec2().associateRouteTable(r -> r.routeTableId(rtb).subnetId(subnetId)).associationId();

        RouteTable table = table(rtb);
        assertThat(table.routes()).filteredOn(route -> "0.0.0.0/0".equals(route.destinationCidrBlock()))
                .singleElement().satisfies(route -> {
                    assertThat(route.gatewayId()).isEqualTo(igwId);
                    assertThat(route.origin()).isEqualTo(RouteOrigin.CREATE_ROUTE);
                    assertThat(route.state()).isEqualTo(RouteState.ACTIVE);
                });
        assertThat(table.associations()).singleElement().satisfies(a -> {
            assertThat(a.routeTableAssociationId()).isEqualTo(association);
            assertThat(a.subnetId()).isEqualTo(subnetId);
            assertThat(a.main()).isFalse();
        });
        assertThat(tableIds(filter("association.subnet-id", subnetId))).containsExactly(rtb);
        assertThat(tableIds(filter("route.gateway-id", igwId), filter("route.destination-cidr-block", "0.0.0.0/0")))
                .containsExactly(rtb);
        assertThat(tableIds(filter("association.route-table-association-id", association))).containsExactly(rtb);
        assertThat(tableIds(filter("tag:Name", "pub*"), filter("route.state", "active"))).containsExactly(rtb);
        assertThat(tableIds(filter("route.origin", "CreateRoute"), filter("vpc-id", vpcId))).containsExactly(rtb);

        ec2Error(() -> ec2().associateRouteTable(r -> r.routeTableId(rtb).subnetId(subnetId)),
                "Resource.AlreadyAssociated");
        ec2Error(() -> ec2().deleteRouteTable(r -> r.routeTableId(rtb)), "DependencyViolation");

        ec2().disassociateRouteTable(r -> r.associationId(association));
        assertThat(tableIds(filter("association.subnet-id", subnetId))).isEmpty();
        ec2Error(() -> ec2().disassociateRouteTable(r -> r.associationId(association)),
                "InvalidAssociationID.NotFound");
        ec2().deleteRouteTable(r -> r.routeTableId(rtb));
        ec2Error(() -> ec2().describeRouteTables(r -> r.routeTableIds(rtb)), "InvalidRouteTableID.NotFound");
    }

    private List<String> tableIds(Filter... filters) {
        return ec2().describeRouteTables(r -> r.filters(filters)).routeTables().stream()
                .map(RouteTable::routeTableId).toList();
    }

    @Test
    void replaceRouteDeleteRouteAndRouteErrors() {
        String igwA = igw(Map.of()).internetGatewayId();
        ec2().attachInternetGateway(r -> r.internetGatewayId(igwA).vpcId(vpcId));
        String rtb = ec2().createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        ec2().createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("192.168.0.0/16").gatewayId(igwA));

        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("192.168.0.0/16")
                .gatewayId(igwA)), "RouteAlreadyExists");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("172.16.0.0/12")),
                "MissingParameter");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("172.16.0.0/12")
                .gatewayId(igwA).instanceId("i-0123456789abcdef0")), "InvalidParameterCombination");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("172.16.0.0/12")
                .gatewayId("igw-0123456789abcdef0")), "InvalidGatewayID.NotFound");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId("rtb-0123456789abcdef0")
                .destinationCidrBlock("172.16.0.0/12").gatewayId(igwA)), "InvalidRouteTableID.NotFound");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("172.16.0.0/12")
                .natGatewayId("nat-0123456789abcdef0")), "InvalidNatGatewayID.NotFound");
        ec2Error(() -> ec2().createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("172.16.0.0/12")
                .transitGatewayId("tgw-0123456789abcdef0")), "InvalidTransitGatewayID.NotFound");
        assertDryRun(() -> ec2().createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("172.16.0.0/12")
                .gatewayId(igwA).dryRun(true)));

        ec2().detachInternetGateway(r -> r.internetGatewayId(igwA).vpcId(vpcId));
        String igwB = igw(Map.of()).internetGatewayId();
        ec2().attachInternetGateway(r -> r.internetGatewayId(igwB).vpcId(vpcId));
        ec2().replaceRoute(r -> r.routeTableId(rtb).destinationCidrBlock("192.168.0.0/16").gatewayId(igwB));
        assertThat(table(rtb).routes()).extracting(Route::destinationCidrBlock, Route::gatewayId)
                .contains(org.assertj.core.groups.Tuple.tuple("192.168.0.0/16", igwB));
        ec2Error(() -> ec2().replaceRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.99.0.0/16")
                .gatewayId(igwB)), "InvalidRoute.NotFound");

        ec2().deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("192.168.0.0/16"));
        assertThat(table(rtb).routes()).extracting(Route::destinationCidrBlock).containsExactly("10.0.0.0/16");
        ec2Error(() -> ec2().deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("192.168.0.0/16")),
                "InvalidRoute.NotFound");
    }

    @Test
    void replacingTheMainAssociationMakesAnotherTableMain() {
        RouteTable oldMain = ec2().describeRouteTables(r -> r.filters(filter("vpc-id", vpcId),
                filter("association.main", "true"))).routeTables().get(0);
        String mainAssociation = oldMain.associations().stream().filter(RouteTableAssociation::main).findFirst()
                .orElseThrow().routeTableAssociationId();
        String rtb = ec2().createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();

        var replaced = ec2().replaceRouteTableAssociation(r -> r.associationId(mainAssociation).routeTableId(rtb));

        assertThat(replaced.newAssociationId()).startsWith("rtbassoc-");
        assertThat(replaced.associationState().state()).isEqualTo(RouteTableAssociationStateCode.ASSOCIATED);
        assertThat(tableIds(filter("vpc-id", vpcId), filter("association.main", "true"))).containsExactly(rtb);
        ec2Error(() -> ec2().replaceRouteTableAssociation(r -> r.associationId("rtbassoc-0123456789abcdef0")
                .routeTableId(rtb)), "InvalidAssociationID.NotFound");
    }

    @Test
    void routeTablesPageByAtMostOneHundredAndStayInTheirAccount() {
        for (int i = 0; i < 5; i++) {
            ec2().createRouteTable(r -> r.vpcId(vpcId));
        }
        List<RouteTable> all = ec2().describeRouteTables().routeTables();
        List<RouteTable> walked = ec2().describeRouteTablesPaginator(r -> r.maxResults(5)).routeTables().stream()
                .toList();

        assertThat(walked).containsExactlyElementsOf(all);
        assertThat(all).hasSizeGreaterThan(5);
        ec2Error(() -> ec2().describeRouteTables(r -> r.maxResults(101)), "InvalidParameterValue");

        String mine = all.get(0).routeTableId();
        ec2Error(() -> gw.otherAccount().describeRouteTables(r -> r.routeTableIds(mine)),
                "InvalidRouteTableID.NotFound");
        ec2Error(() -> gw.otherAccount().createRouteTable(r -> r.vpcId(vpcId)), "InvalidVpcID.NotFound");
        assertThat(gw.otherAccount().describeRouteTables().routeTables()).extracting(RouteTable::vpcId)
                .doesNotContain(vpcId);
        assertDryRun(() -> ec2().createRouteTable(r -> r.vpcId(vpcId).dryRun(true)));
        assertThat(ec2().describeRouteTables().routeTables()).hasSameSizeAs(all);
    }

    // ---- network ACLs -----------------------------------------------------------------------------------------

    @Test
    void theDefaultNetworkAclAllowsAllAndCoversNewSubnets() {
        List<NetworkAcl> acls = ec2().describeNetworkAcls(r -> r.filters(filter("vpc-id", vpcId),
                filter("default", "true"))).networkAcls();

        assertThat(acls).singleElement().satisfies(acl -> {
            assertThat(acl.networkAclId()).matches("acl-[0-9a-f]{17}");
            assertThat(acl.isDefault()).isTrue();
            assertThat(acl.ownerId()).isEqualTo(ProviderContext.DEFAULT_ACCOUNT);
            assertThat(acl.associations()).singleElement().satisfies(a -> {
                assertThat(a.subnetId()).isEqualTo(subnetId);
                assertThat(a.networkAclId()).isEqualTo(acl.networkAclId());
                assertThat(a.networkAclAssociationId()).startsWith("aclassoc-");
            });
            assertThat(acl.entries()).extracting(NetworkAclEntry::ruleNumber).contains(100, 32767);
            assertThat(acl.entries()).filteredOn(e -> e.ruleNumber() == 100 && !e.egress()).singleElement()
                    .satisfies(e -> {
                        assertThat(e.protocol()).isEqualTo("-1");
                        assertThat(e.ruleActionAsString()).isEqualTo("allow");
                        assertThat(e.cidrBlock()).isEqualTo("0.0.0.0/0");
                    });
            assertThat(acl.entries()).filteredOn(e -> e.ruleNumber() == 32767)
                    .allSatisfy(e -> assertThat(e.ruleActionAsString()).isEqualTo("deny"));
        });
        String aclId = acls.get(0).networkAclId();
        assertThat(ec2().describeNetworkAcls(r -> r.filters(filter("association.subnet-id", subnetId)))
                .networkAcls()).extracting(NetworkAcl::networkAclId).containsExactly(aclId);
        assertThat(ec2().describeNetworkAcls(r -> r.filters(filter("entry.rule-action", "deny"),
                filter("network-acl-id", aclId))).networkAcls()).hasSize(1);
        ec2Error(() -> ec2().describeNetworkAcls(r -> r.networkAclIds("acl-0123456789abcdef0")),
                "InvalidNetworkAclID.NotFound");
        ec2Error(() -> gw.otherAccount().describeNetworkAcls(r -> r.networkAclIds(aclId)),
                "InvalidNetworkAclID.NotFound");
        List<NetworkAcl> walked = ec2().describeNetworkAclsPaginator(r -> r.maxResults(5)).networkAcls().stream()
                .toList();
        assertThat(walked).containsExactlyElementsOf(ec2().describeNetworkAcls().networkAcls());
    }
}
