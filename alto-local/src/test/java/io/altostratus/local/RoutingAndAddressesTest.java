package io.altostratus.local;

import static io.altostratus.local.TestClouds.attributes;
import static io.altostratus.local.TestClouds.ec2Networking;
import static io.altostratus.local.TestClouds.elasticAddresses;
import static io.altostratus.local.TestClouds.groups;
import static io.altostratus.local.TestClouds.interfaces;
import static io.altostratus.local.TestClouds.networks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.RouteTable.Route;
import io.altostratus.core.ec2.RouteTarget;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.local.internal.Docs;
import io.altostratus.local.internal.Docs.LeaseDoc;
import io.altostratus.local.internal.Env;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local cloud's routing and elastic IPs beyond the contract: the address pool, blackholes, isolation, upgrades. */
class RoutingAndAddressesTest {
    private static final String SCOPE = TestClouds.ACCOUNT + "/us-east-1";

    private final TestClouds clouds = new TestClouds();
    private final LocalCloud cloud = clouds.open();

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    private static AltoException error(ThrowingCallable call) {
        AltoException e = catchThrowableOfType(AltoException.class, call);
        assertThat(e).as("expected an AltoException").isNotNull();
        return e;
    }

    private Instance launch() {
        return cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").build()).get(0);
    }

    private String leaseHolder(String publicIp) {
        return clouds.store.read(v -> v.get(Docs.PUBLIC_LEASE, Env.GLOBAL_SCOPE, publicIp, LeaseDoc.class))
                .map(LeaseDoc::holder).orElse(null);
    }

    private Network defaultVpc(LocalCloud on) {
        return networks(on).networks().stream().filter(Network::isDefault).findFirst().orElseThrow();
    }

    private RouteTable table(String id) {
        return ec2Networking(cloud).routeTables().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void elasticIpReplacesTheAutomaticAddressWhichGoesBackToThePool() {
        Instance instance = launch();
        String automatic = instance.publicIp();
        assertThat(automatic).isNotNull();
        assertThat(leaseHolder(automatic)).startsWith("eni-");
        Address address = elasticAddresses(cloud).allocateAddress(Map.of("role", "web"));
        assertThat(leaseHolder(address.publicIp())).isEqualTo(address.allocationId());

        elasticAddresses(cloud).associateAddress(address.allocationId(), instance.id(), null, false);

        assertThat(cloud.instance(instance.id()).publicIp()).isEqualTo(address.publicIp());
        assertThat(cloud.instance(instance.id()).publicDnsName()).contains(address.publicIp().replace('.', '-'));
        assertThat(leaseHolder(automatic)).as("the automatic address is back in the pool").isNull();

        elasticAddresses(cloud).disassociateAddress(elasticAddresses(cloud).addresses().get(0).associationId());

        String fresh = cloud.instance(instance.id()).publicIp();
        assertThat(fresh).as("a running instance in a mapping subnet gets an ordinary address again")
                .isNotNull().isNotEqualTo(address.publicIp());
        assertThat(leaseHolder(fresh)).startsWith("eni-");
        elasticAddresses(cloud).releaseAddress(address.allocationId());
        assertThat(leaseHolder(address.publicIp())).isNull();
    }

    @Test
    void addressOnAnInterfaceStaysAllocatedWhenTheInterfaceIsDeleted() {
        Subnet subnet = networks(cloud).subnets().get(0);
        NetworkInterface eni = interfaces(cloud)
                .createNetworkInterface(new InterfaceSpec(subnet.id(), null, List.of(), "x", Map.of()));
        Address address = elasticAddresses(cloud).allocateAddress(Map.of());

        Address associated = elasticAddresses(cloud).associateAddress(address.allocationId(), null, eni.id(), false);

        assertThat(associated.instanceId()).isNull();
        assertThat(associated.networkInterfaceId()).isEqualTo(eni.id());
        assertThat(associated.privateIp()).isEqualTo(eni.privateIp());
        assertThat(interfaces(cloud).networkInterfaces()).filteredOn(n -> n.id().equals(eni.id())).singleElement()
                .extracting(NetworkInterface::publicIp).isEqualTo(address.publicIp());

        interfaces(cloud).deleteNetworkInterface(eni.id());

        assertThat(elasticAddresses(cloud).addresses()).singleElement().satisfies(a -> {
            assertThat(a.isAssociated()).isFalse();
            assertThat(a.publicIp()).isEqualTo(address.publicIp());
        });
        assertThat(leaseHolder(address.publicIp())).isEqualTo(address.allocationId());
    }

    @Test
    void associatingWithNeitherOrBothTargetsIsRefused() {
        Address address = elasticAddresses(cloud).allocateAddress(Map.of());
        assertThat(error(() -> elasticAddresses(cloud).associateAddress(address.allocationId(), null, null, false))
                .providerCode())
                .isEqualTo("InvalidParameterCombination");
        assertThat(error(() -> elasticAddresses(cloud).associateAddress("eipalloc-nothex", launch().id(), null, false))
                .providerCode())
                .isEqualTo("InvalidAllocationID.Malformed");
    }

    @Test
    void routeToAnInstanceIsABlackholeWhileItIsStopped() {
        Instance instance = launch();
        Network vpc = defaultVpc(cloud);
        RouteTable table = ec2Networking(cloud).createRouteTable(vpc.id(), Map.of());

        RouteTable routed = ec2Networking(cloud)
                .createRoute(table.id(), "192.0.2.0/24", RouteTarget.instance(instance.id()));

        assertThat(routed.routes()).filteredOn(r -> "192.0.2.0/24".equals(r.destinationCidr())).singleElement()
                .extracting(Route::state).isEqualTo(Route.ACTIVE);
        cloud.stop(List.of(instance.id()), false);
        assertThat(table(table.id()).routes()).filteredOn(r -> instance.id().equals(r.instanceId())).singleElement()
                .extracting(Route::state).isEqualTo(Route.BLACKHOLE);
        cloud.start(List.of(instance.id()));
        assertThat(table(table.id()).routes()).filteredOn(r -> instance.id().equals(r.instanceId())).singleElement()
                .extracting(Route::state).isEqualTo(Route.ACTIVE);
    }

    @Test
    void routesInsideTheNetworkOrToAnotherNetworksTargetsAreRefused() {
        Instance instance = launch();
        Network other = networks(cloud).createNetwork(new NetworkSpec("other", "10.5.0.0/16", Map.of()));
        RouteTable table = ec2Networking(cloud).createRouteTable(other.id(), Map.of());

        AltoException inside = error(() -> ec2Networking(cloud).createRoute(table.id(), "10.5.1.0/24",
                RouteTarget.instance(instance.id())));
        AltoException elsewhere = error(() -> ec2Networking(cloud).createRoute(table.id(), "0.0.0.0/0",
                RouteTarget.instance(instance.id())));
        AltoException malformed = error(() -> ec2Networking(cloud).createRoute(table.id(), "300.1.2.0/24",
                RouteTarget.instance(instance.id())));
        AltoException local = error(() -> ec2Networking(cloud).deleteRoute(table.id(), "10.5.0.0/16"));

        for (AltoException e : List.of(inside, elsewhere, malformed, local)) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(e.providerCode()).isEqualTo("InvalidParameterValue");
        }
        assertThat(table(table.id()).routes()).extracting(Route::gatewayId).containsExactly(RouteTable.LOCAL);
    }

    @Test
    void deletingASubnetDropsItsRouteTableAssociation() {
        Network vpc = networks(cloud).createNetwork(new NetworkSpec("n", "10.6.0.0/16", Map.of()));
        Subnet subnet = networks(cloud)
                .createSubnet(new SubnetSpec(vpc.id(), "10.6.1.0/24", null, "s", false, Map.of()));
        RouteTable table = ec2Networking(cloud).createRouteTable(vpc.id(), Map.of());
        ec2Networking(cloud).associateRouteTable(table.id(), subnet.id());

        networks(cloud).deleteSubnet(subnet.id());

        assertThat(table(table.id()).associations()).isEmpty();
        ec2Networking(cloud).deleteRouteTable(table.id());
    }

    @Test
    void anotherAccountSeesNoneOfThem() {
        InternetGateway igw = ec2Networking(cloud).createInternetGateway(Map.of());
        Address address = elasticAddresses(cloud).allocateAddress(Map.of());
        RouteTable table = ec2Networking(cloud).createRouteTable(defaultVpc(cloud).id(), Map.of());
        try (LocalCloud other = clouds.open(TestClouds.OTHER_ACCOUNT, "us-east-1")) {
            assertThat(ec2Networking(other).internetGateways()).extracting(InternetGateway::id)
                    .doesNotContain(igw.id());
            assertThat(elasticAddresses(other).addresses()).isEmpty();
            assertThat(ec2Networking(other).routeTables()).extracting(RouteTable::id).doesNotContain(table.id());
            assertThat(error(() -> ec2Networking(other).attachInternetGateway(igw.id(), defaultVpc(other).id()))
                    .providerCode())
                    .isEqualTo("InvalidInternetGatewayID.NotFound");
            assertThat(error(() -> elasticAddresses(other).releaseAddress(address.allocationId())).code())
                    .isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(error(() -> ec2Networking(other).deleteRouteTable(table.id())).providerCode())
                    .isEqualTo("InvalidRouteTableID.NotFound");
        }
        assertThat(elasticAddresses(cloud).addresses()).extracting(Address::allocationId)
                .containsExactly(address.allocationId());
    }

    @Test
    void instanceTypeMustBeOfferedAndFitTheArchitecture() {
        Instance instance = launch();
        cloud.stop(List.of(instance.id()), false);

        assertThat(error(() -> attributes(cloud)
                .modifyInstance(instance.id(), InstanceChange.instanceType("nope.large")))
                .providerCode()).isEqualTo("InvalidParameterValue");
        assertThat(error(() -> attributes(cloud)
                .modifyInstance(instance.id(), InstanceChange.instanceType("t4g.micro")))
                .providerCode()).isEqualTo("InvalidParameterValue");
        attributes(cloud).modifyInstance(instance.id(), new InstanceChange("t3.small", true, "new data"));

        assertThat(attributes(cloud).instanceAttributes(instance.id())).satisfies(a -> {
            assertThat(a.instanceType()).isEqualTo("t3.small");
            assertThat(a.disableApiTermination()).isTrue();
            assertThat(a.userData()).isEqualTo("new data");
        });
        assertThat(attributes(cloud).userData(instance.id())).isEqualTo("new data");
    }

    @Test
    void launchWithTerminationProtectionRefusesTerminate() {
        Instance instance = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                .disableApiTermination(true).build()).get(0);

        assertThat(attributes(cloud).instanceAttributes(instance.id()).disableApiTermination()).isTrue();
        assertThat(error(() -> cloud.terminate(List.of(instance.id()))).providerCode())
                .isEqualTo("OperationNotPermitted");
        assertThat(cloud.instance(instance.id()).state()).isEqualTo(io.altostratus.core.model.InstanceState.RUNNING);
    }

    /** A store written before route tables, ACLs, gateways and rule ids existed. */
    @Test
    void storeFromBeforeRoutingIsUpgradedOnFirstUse() {
        Network custom = networks(cloud).createNetwork(new NetworkSpec("old", "10.7.0.0/16", Map.of()));
        Subnet subnet = networks(cloud)
                .createSubnet(new SubnetSpec(custom.id(), "10.7.1.0/24", null, "s", false, Map.of()));
        SecurityGroup group = groups(cloud).createSecurityGroup(new SecurityGroupSpec(custom.id(), "g", "g", Map.of()));
        clouds.store.write(tx -> {
            tx.list(Docs.ROUTE_TABLE, SCOPE, RouteTable.class).forEach(t -> tx.delete(Docs.ROUTE_TABLE, SCOPE, t.id()));
            tx.list(Docs.NETWORK_ACL, SCOPE, NetworkAcl.class).forEach(a -> tx.delete(Docs.NETWORK_ACL, SCOPE, a.id()));
            tx.list(Docs.INTERNET_GATEWAY, SCOPE, InternetGateway.class)
                    .forEach(g -> tx.delete(Docs.INTERNET_GATEWAY, SCOPE, g.id()));
            tx.list(Docs.GROUP_RULES, SCOPE, Docs.GroupRulesDoc.class)
                    .forEach(r -> tx.delete(Docs.GROUP_RULES, SCOPE, r.groupId()));
            tx.list(Docs.VPC, SCOPE, Docs.VpcDoc.class).forEach(v -> tx.put(Docs.VPC, SCOPE, v.id(),
                    Docs.VpcDoc.of(v.network().withDns(false, false))));
            tx.delete(Docs.SCHEMA, SCOPE, "schema");
            return null;
        });

        try (LocalCloud reopened = clouds.open()) {
            Network vpc = defaultVpc(reopened);
            List<RouteTable> tables = ec2Networking(reopened).routeTables();
            List<InternetGateway> gateways = ec2Networking(reopened).internetGateways();

            assertThat(vpc.enableDnsSupport()).isTrue();
            assertThat(vpc.enableDnsHostnames()).isTrue();
            assertThat(gateways).singleElement().extracting(InternetGateway::attachedNetworkId).isEqualTo(vpc.id());
            assertThat(tables).filteredOn(t -> t.networkId().equals(vpc.id())).singleElement().satisfies(t -> {
                assertThat(t.isMain()).isTrue();
                assertThat(t.routes()).extracting(Route::destinationCidr, Route::gatewayId, Route::state)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(vpc.cidr(), "local", "active"),
                                org.assertj.core.groups.Tuple.tuple("0.0.0.0/0", gateways.get(0).id(), "active"));
            });
            assertThat(tables).filteredOn(t -> t.networkId().equals(custom.id())).singleElement()
                    .satisfies(t -> assertThat(t.routes()).hasSize(1));
            assertThat(networks(reopened).networks()).filteredOn(n -> n.id().equals(custom.id())).singleElement()
                    .satisfies(n -> assertThat(n.enableDnsSupport()).as("a custom VPC's flags are left alone").isFalse());
            assertThat(ec2Networking(reopened).networkAcls()).filteredOn(a -> a.networkId().equals(custom.id()))
                    .singleElement()
                    .satisfies(a -> assertThat(a.associations()).extracting(NetworkAcl.Association::subnetId)
                            .containsExactly(subnet.id()));
            assertThat(ec2Networking(reopened).securityGroupRules(List.of(group.id()))).singleElement()
                    .extracting(SecurityGroupRule::id).asString().startsWith("sgr-");
            List<String> ids = ec2Networking(reopened).securityGroupRules(List.of()).stream().map(SecurityGroupRule::id)
                    .toList();
            assertThat(ec2Networking(reopened).securityGroupRules(List.of()).stream().map(SecurityGroupRule::id)
                    .toList())
                    .as("ids minted once by the upgrade").isEqualTo(ids);
        }
    }
}
