package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable.Association;
import io.altostratus.core.ec2.RouteTable.Route;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.RouteTarget;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spi.Capability;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * EC2's networking ({@link Ec2Networking}, where offered, with {@link Networks}): internet gateways, route tables with
 * their routes and associations, and network ACLs. Ids are checked for EC2's shapes where the provider lists
 * {@link Capability#EC2_IDS}.
 */
public interface RoutingContract extends ProviderContract {

    String CIDR = "10.78.0.0/16";

    private static Ec2Networking ec2(ContractSession s) {
        return s.cloud().require(Ec2Networking.class);
    }

    private static Networks nets(ContractSession s) {
        return s.cloud().require(Networks.class);
    }

    private static Network network(ContractSession s, String suffix) {
        Network network = nets(s).createNetwork(new NetworkSpec(s.name(suffix), CIDR, s.runTags()));
        s.trackNetwork(network.id());
        return network;
    }

    private static Subnet subnet(ContractSession s, Network network, String cidr) {
        return nets(s).createSubnet(new SubnetSpec(network.id(), cidr, null, s.name("sub"), false, s.runTags()));
    }

    private static InternetGateway gateway(ContractSession s) {
        InternetGateway igw = ec2(s).createInternetGateway(s.runTags());
        s.trackInternetGateway(igw.id());
        return igw;
    }

    private static RouteTable table(ContractSession s, String id) {
        return tableIfAny(s, id).orElseThrow(() -> new AssertionError("route table " + id + " is not listed"));
    }

    private static Optional<RouteTable> tableIfAny(ContractSession s, String id) {
        return ec2(s).routeTables().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private static RouteTable mainTable(ContractSession s, String networkId) {
        List<RouteTable> mains = ec2(s).routeTables().stream()
                .filter(t -> networkId.equals(t.networkId()) && t.isMain()).toList();
        assertThat(mains).as("main route tables of %s", networkId).hasSize(1);
        return mains.get(0);
    }

    private static Optional<Route> route(RouteTable table, String cidr) {
        return table.routes().stream().filter(r -> r.destinationCidr().equals(cidr)).findFirst();
    }

    private static InternetGateway listedGateway(ContractSession s, String id) {
        return ec2(s).internetGateways().stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("internet gateway " + id + " is not listed"));
    }

    // ---- internet gateways ----------------------------------------------------------------------------------

    @Test
    default void internetGatewayAttachesOncePerNetworkDetachesAndDeletes(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = network(s, "igw");
        InternetGateway igw = gateway(s);
        s.assertIdShape(Ec2IdKind.INTERNET_GATEWAY, igw.id());
        assertThat(igw.attachments()).isEmpty();

        InternetGateway attached = ec2(s).attachInternetGateway(igw.id(), network.id());

        assertThat(attached.attachedNetworkId()).isEqualTo(network.id());
        assertThat(listedGateway(s, igw.id()).attachments())
                .containsExactly(new InternetGateway.Attachment(network.id(), "available"));
        s.expectError(ErrorCode.ALREADY_EXISTS, "Resource.AlreadyAssociated",
                () -> ec2(s).attachInternetGateway(igw.id(), network.id()));
        InternetGateway second = gateway(s);
        s.expectError(ErrorCode.ALREADY_EXISTS, "Resource.AlreadyAssociated",
                () -> ec2(s).attachInternetGateway(second.id(), network.id()));
        s.expectError(ErrorCode.DEPENDENCY_VIOLATION, "DependencyViolation",
                () -> ec2(s).deleteInternetGateway(igw.id()));
        s.expectError(ErrorCode.INVALID_STATE, "Gateway.NotAttached",
                () -> ec2(s).detachInternetGateway(second.id(), network.id()));

        ec2(s).detachInternetGateway(igw.id(), network.id());

        assertThat(listedGateway(s, igw.id()).attachments()).isEmpty();
        ec2(s).deleteInternetGateway(igw.id());
        assertThat(ec2(s).internetGateways()).extracting(InternetGateway::id).doesNotContain(igw.id());
        s.expectError(ErrorCode.NOT_FOUND, "InvalidInternetGatewayID.NotFound",
                () -> ec2(s).attachInternetGateway(igw.id(), network.id()));
    }

    @Test
    default void attachedGatewayBlocksNetworkDeleteAndCascadeDetachesIt(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = network(s, "igwdel");
        InternetGateway igw = gateway(s);
        ec2(s).attachInternetGateway(igw.id(), network.id());

        s.expectError(ErrorCode.DEPENDENCY_VIOLATION, "DependencyViolation",
                () -> nets(s).deleteNetwork(network.id(), false));
        assertThat(nets(s).networks()).extracting(Network::id).contains(network.id());

        nets(s).deleteNetwork(network.id(), true);

        assertThat(nets(s).networks()).extracting(Network::id).doesNotContain(network.id());
        assertThat(listedGateway(s, igw.id()).attachments()).as("gateway outlives its network, detached").isEmpty();
    }

    // ---- route tables ---------------------------------------------------------------------------------------

    @Test
    default void everyNetworkHasAMainTableWithItsLocalRoute(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = network(s, "main");

        RouteTable main = mainTable(s, network.id());

        s.assertIdShape(Ec2IdKind.ROUTE_TABLE, main.id());
        assertThat(main.routes()).containsExactly(
                new Route(CIDR, RouteTable.LOCAL, null, null, Route.ACTIVE, Route.ORIGIN_TABLE));
        assertThat(main.associations()).singleElement().satisfies(a -> {
            assertThat(a.main()).isTrue();
            assertThat(a.subnetId()).isNull();
            s.assertIdShape(Ec2IdKind.ROUTE_TABLE_ASSOCIATION, a.id());
        });
        s.expectError(ErrorCode.DEPENDENCY_VIOLATION, "DependencyViolation",
                () -> ec2(s).deleteRouteTable(main.id()));
    }

    @Test
    default void defaultNetworkRoutesToAnAttachedInternetGateway(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Optional<Network> byDefault = nets(s).networks().stream().filter(Network::isDefault).findFirst();
        assumeTrue(byDefault.isPresent(), "the account has no default network");
        Network network = byDefault.get();

        RouteTable main = mainTable(s, network.id());
        InternetGateway igw = ec2(s).internetGateways().stream()
                .filter(g -> network.id().equals(g.attachedNetworkId())).findFirst()
                .orElseThrow(() -> new AssertionError("no gateway attached to the default network"));

        assertThat(route(main, network.cidr())).map(Route::gatewayId).contains(RouteTable.LOCAL);
        assertThat(route(main, "0.0.0.0/0")).hasValueSatisfying(r -> {
            assertThat(r.gatewayId()).isEqualTo(igw.id());
            assertThat(r.state()).isEqualTo(Route.ACTIVE);
        });
    }

    @Test
    default void subnetAssociationIsMadeRefusedTwiceReplacedAndRemoved(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = network(s, "assoc");
        Subnet subnet = subnet(s, network, "10.78.1.0/24");
        RouteTable first = ec2(s).createRouteTable(network.id(), s.runTags());
        s.trackRouteTable(first.id());
        RouteTable second = ec2(s).createRouteTable(network.id(), s.runTags());
        s.trackRouteTable(second.id());
        assertThat(first.isMain()).isFalse();
        assertThat(first.routes()).extracting(Route::gatewayId).containsExactly(RouteTable.LOCAL);

        String associationId = ec2(s).associateRouteTable(first.id(), subnet.id());

        assertThat(table(s, first.id()).associations())
                .containsExactly(new Association(associationId, first.id(), subnet.id(), false));
        s.expectError(ErrorCode.ALREADY_EXISTS, "Resource.AlreadyAssociated",
                () -> ec2(s).associateRouteTable(second.id(), subnet.id()));
        s.expectError(ErrorCode.DEPENDENCY_VIOLATION, "DependencyViolation",
                () -> ec2(s).deleteRouteTable(first.id()));

        String replaced = ec2(s).replaceRouteTableAssociation(associationId, second.id());

        assertThat(table(s, first.id()).associations()).isEmpty();
        assertThat(table(s, second.id()).associations())
                .containsExactly(new Association(replaced, second.id(), subnet.id(), false));
        s.expectError(ErrorCode.NOT_FOUND, "InvalidAssociationID.NotFound",
                () -> ec2(s).disassociateRouteTable(associationId));

        ec2(s).disassociateRouteTable(replaced);

        assertThat(table(s, second.id()).associations()).isEmpty();
        ec2(s).deleteRouteTable(first.id());
        assertThat(tableIfAny(s, first.id())).isEmpty();
        s.expectError(ErrorCode.NOT_FOUND, "InvalidRouteTableID.NotFound",
                () -> ec2(s).deleteRouteTable(first.id()));
    }

    @Test
    default void replacingTheMainAssociationMakesAnotherTableMain(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = network(s, "newmain");
        RouteTable oldMain = mainTable(s, network.id());
        RouteTable custom = ec2(s).createRouteTable(network.id(), s.runTags());
        String mainAssociation = oldMain.associations().get(0).id();
        s.expectError(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue",
                () -> ec2(s).disassociateRouteTable(mainAssociation));

        ec2(s).replaceRouteTableAssociation(mainAssociation, custom.id());

        assertThat(mainTable(s, network.id()).id()).isEqualTo(custom.id());
        assertThat(table(s, oldMain.id()).isMain()).isFalse();
        ec2(s).deleteRouteTable(oldMain.id());
        assertThat(tableIfAny(s, oldMain.id())).isEmpty();
    }

    @Test
    default void routesToAGatewayNeedItAttachedAndTurnBlackholeWhenItLeaves(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = network(s, "routes");
        RouteTable table = ec2(s).createRouteTable(network.id(), s.runTags());
        s.trackRouteTable(table.id());
        InternetGateway igw = gateway(s);
        String anywhere = "0.0.0.0/0";

        s.expectError(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue",
                () -> ec2(s).createRoute(table.id(), anywhere, RouteTarget.gateway(igw.id())));
        String missingGateway = s.missingId(ResourceKind.INTERNET_GATEWAY);
        s.expectError(ErrorCode.NOT_FOUND, "InvalidGatewayID.NotFound",
                () -> ec2(s).createRoute(table.id(), anywhere, RouteTarget.gateway(missingGateway)));
        ec2(s).attachInternetGateway(igw.id(), network.id());

        RouteTable withRoute = ec2(s).createRoute(table.id(), anywhere, RouteTarget.gateway(igw.id()));

        assertThat(route(withRoute, anywhere)).contains(
                new Route(anywhere, igw.id(), null, null, Route.ACTIVE, Route.ORIGIN_ROUTE));
        assertThat(route(table(s, table.id()), anywhere)).map(Route::gatewayId).contains(igw.id());
        s.expectError(ErrorCode.ALREADY_EXISTS, "RouteAlreadyExists",
                () -> ec2(s).createRoute(table.id(), anywhere, RouteTarget.gateway(igw.id())));
        s.expectError(ErrorCode.NOT_FOUND, "InvalidRoute.NotFound",
                () -> ec2(s).deleteRoute(table.id(), "192.0.2.0/24"));

        ec2(s).detachInternetGateway(igw.id(), network.id());

        assertThat(route(table(s, table.id()), anywhere)).map(Route::state).contains(Route.BLACKHOLE);

        RouteTable afterDelete = ec2(s).deleteRoute(table.id(), anywhere);

        assertThat(route(afterDelete, anywhere)).isEmpty();
        assertThat(route(table(s, table.id()), anywhere)).isEmpty();
        assertThat(table(s, table.id()).routes()).extracting(Route::gatewayId).containsExactly(RouteTable.LOCAL);
    }

    @Test
    default void replaceRouteRepointsAnExistingRouteOnly(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = network(s, "replace");
        RouteTable table = ec2(s).createRouteTable(network.id(), s.runTags());
        s.trackRouteTable(table.id());
        InternetGateway igw = gateway(s);
        ec2(s).attachInternetGateway(igw.id(), network.id());
        s.expectError(ErrorCode.NOT_FOUND, "InvalidRoute.NotFound",
                () -> ec2(s).replaceRoute(table.id(), "198.51.100.0/24", RouteTarget.gateway(igw.id())));
        ec2(s).createRoute(table.id(), "198.51.100.0/24", RouteTarget.gateway(igw.id()));
        ec2(s).detachInternetGateway(igw.id(), network.id());
        InternetGateway other = gateway(s);
        ec2(s).attachInternetGateway(other.id(), network.id());

        RouteTable replaced = ec2(s).replaceRoute(table.id(), "198.51.100.0/24", RouteTarget.gateway(other.id()));

        assertThat(route(replaced, "198.51.100.0/24")).hasValueSatisfying(r -> {
            assertThat(r.gatewayId()).isEqualTo(other.id());
            assertThat(r.state()).isEqualTo(Route.ACTIVE);
        });
        assertThat(table(s, table.id()).routes()).hasSize(2);
    }

    @Test
    default void customRouteTableBlocksNetworkDeleteAndCascadeRemovesIt(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = network(s, "rtdel");
        RouteTable custom = ec2(s).createRouteTable(network.id(), s.runTags());
        String main = mainTable(s, network.id()).id();

        s.expectError(ErrorCode.DEPENDENCY_VIOLATION, "DependencyViolation",
                () -> nets(s).deleteNetwork(network.id(), false));

        nets(s).deleteNetwork(network.id(), true);

        assertThat(ec2(s).routeTables()).extracting(RouteTable::id).doesNotContain(custom.id(), main);
    }

    // ---- network ACLs ---------------------------------------------------------------------------------------

    @Test
    default void everyNetworkHasADefaultAclWithEverySubnet(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = network(s, "acl");
        Subnet a = subnet(s, network, "10.78.2.0/24");
        Subnet b = subnet(s, network, "10.78.3.0/24");

        List<NetworkAcl> acls = ec2(s).networkAcls().stream().filter(x -> network.id().equals(x.networkId())).toList();

        assertThat(acls).singleElement().satisfies(acl -> {
            s.assertIdShape(Ec2IdKind.NETWORK_ACL, acl.id());
            assertThat(acl.isDefault()).isTrue();
            for (boolean egress : new boolean[] {false, true}) {
                assertThat(acl.entries()).as("egress=%s", egress).filteredOn(e -> e.egress() == egress)
                        .extracting(NetworkAcl.Entry::ruleNumber, NetworkAcl.Entry::ruleAction,
                                NetworkAcl.Entry::protocol, NetworkAcl.Entry::cidr)
                        .contains(org.assertj.core.groups.Tuple.tuple(100, "allow", "-1", "0.0.0.0/0"),
                                org.assertj.core.groups.Tuple.tuple(NetworkAcl.LAST_RULE, "deny", "-1", "0.0.0.0/0"));
            }
            assertThat(acl.associations()).extracting(NetworkAcl.Association::subnetId)
                    .containsExactlyInAnyOrder(a.id(), b.id());
        });

        nets(s).deleteSubnet(a.id());

        assertThat(ec2(s).networkAcls()).filteredOn(x -> network.id().equals(x.networkId()))
                .flatExtracting(NetworkAcl::associations).extracting(NetworkAcl.Association::subnetId)
                .containsExactly(b.id());
        nets(s).deleteNetwork(network.id(), true);
        assertThat(ec2(s).networkAcls()).filteredOn(x -> network.id().equals(x.networkId())).isEmpty();
    }

    /** Tags reach the new kinds of resources too. */
    @Test
    default void gatewaysAndRouteTablesTakeTags(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = network(s, "tags");
        InternetGateway igw = gateway(s);
        RouteTable table = ec2(s).createRouteTable(network.id(), Map.of());
        s.trackRouteTable(table.id());

        s.cloud().tag(igw.id(), Map.of("role", "edge"));
        s.cloud().tag(table.id(), Map.of("role", "private"));

        assertThat(listedGateway(s, igw.id()).tags()).containsEntry("role", "edge")
                .containsEntry(ContractSession.RUN_TAG, s.runId());
        // Providers may add their own ownership tags (alto:*); nothing else may appear.
        assertThat(table(s, table.id()).tags()).containsEntry("role", "private")
                .allSatisfy((key, value) -> assertThat(key.equals("role") || key.startsWith("alto:")).as(key).isTrue());
    }
}
