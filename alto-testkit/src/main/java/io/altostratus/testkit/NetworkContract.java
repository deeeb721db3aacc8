package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spec.Cidr;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.wait.InstanceCondition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Networks made with {@link Cloud#ensureNetwork}, cascade deletes, security group rules and network interfaces. */
public interface NetworkContract extends ProviderContract {

    /** The block every network test uses; networks may overlap, names are what tell them apart. */
    String CIDR = "10.77.0.0/16";

    /** {@link Cloud#ensureNetwork} under a run-unique name, remembered for clean-up. */
    static Cloud.NetworkSetup ensure(ContractSession s, String suffix) {
        Cloud.NetworkSetup setup = s.cloud().ensureNetwork(s.name(suffix), CIDR);
        s.trackNetwork(setup.network().id());
        if (setup.internetGateway() != null) {
            s.trackInternetGateway(setup.internetGateway().id());
        }
        return setup;
    }

    static boolean hasRule(List<SecurityRule> rules, String protocol, int port, String cidr) {
        return rules.stream().anyMatch(r -> r.protocol().equals(protocol) && r.fromPort() == port
                && r.toPort() == port && r.cidrs().contains(cidr));
    }

    private static Optional<SecurityGroup> group(ContractSession s, String id) {
        return s.cloud().securityGroups().stream().filter(g -> g.id().equals(id)).findFirst();
    }

    private static Optional<NetworkInterface> eni(ContractSession s, String id) {
        return s.cloud().networkInterfaces().stream().filter(n -> n.id().equals(id)).findFirst();
    }

    private static List<String> networkIds(ContractSession s) {
        return s.cloud().networks().stream().map(Network::id).toList();
    }

    @Test
    default void ensureNetworkMakesOneSubnetPerZoneAndAnSshGroup(ContractSession s) {
        assumeTrue(s.supports(Capability.NETWORKS), "provider does not declare NETWORKS");

        Cloud.NetworkSetup setup = ensure(s, "net");

        Network network = setup.network();
        assertThat(network.name()).isEqualTo(s.name("net"));
        assertThat(network.cidr()).isEqualTo(CIDR);
        List<String> zones = s.cloud().zones().stream().map(Zone::name).toList();
        assertThat(setup.subnets()).extracting(Subnet::zone).containsExactlyInAnyOrderElementsOf(zones);
        Cidr block = Cidr.parse(CIDR);
        for (Subnet subnet : setup.subnets()) {
            assertThat(subnet.networkId()).isEqualTo(network.id());
            assertThat(block.contains(Cidr.parse(subnet.cidr()))).as("%s inside %s", subnet.cidr(), CIDR).isTrue();
        }
        assertThat(s.cloud().subnets().stream().filter(x -> x.networkId().equals(network.id())))
                .extracting(Subnet::id)
                .containsExactlyInAnyOrderElementsOf(setup.subnets().stream().map(Subnet::id).toList());
        SecurityGroup ssh = setup.securityGroup();
        assertThat(ssh.networkId()).isEqualTo(network.id());
        assertThat(ssh.name()).isEqualTo(s.name("net") + "-ssh");
        assertThat(hasRule(group(s, ssh.id()).orElseThrow().ingress(), "tcp", 22, "0.0.0.0/0"))
                .as("listed group admits SSH: %s", group(s, ssh.id())).isTrue();
        if (s.supports(Capability.INTERNET_GATEWAYS) && s.supports(Capability.ROUTE_TABLES)) {
            String gatewayId = setup.internetGateway().id();
            assertThat(s.cloud().internetGateways()).filteredOn(g -> g.id().equals(gatewayId)).singleElement()
                    .satisfies(g -> assertThat(g.attachedNetworkId()).isEqualTo(network.id()));
            assertThat(s.cloud().routeTables()).filteredOn(t -> t.id().equals(setup.routeTable().id())).singleElement()
                    .satisfies(t -> {
                        assertThat(t.networkId()).isEqualTo(network.id());
                        assertThat(t.routes()).anySatisfy(r -> {
                            assertThat(r.destinationCidr()).isEqualTo("0.0.0.0/0");
                            assertThat(r.gatewayId()).isEqualTo(gatewayId);
                        });
                    });
        } else {
            assertThat(setup.internetGateway()).isNull();
        }
    }

    @Test
    default void ensureNetworkTwiceMakesNothingTheSecondTime(ContractSession s) {
        assumeTrue(s.supports(Capability.NETWORKS), "provider does not declare NETWORKS");
        Cloud.NetworkSetup first = ensure(s, "twice");
        String id = first.network().id();
        long groups = s.cloud().securityGroups().stream().filter(g -> id.equals(g.networkId())).count();

        Cloud.NetworkSetup second = ensure(s, "twice");

        assertThat(second.network().id()).isEqualTo(id);
        assertThat(second.subnets()).extracting(Subnet::id)
                .containsExactlyInAnyOrderElementsOf(first.subnets().stream().map(Subnet::id).toList());
        assertThat(second.securityGroup().id()).isEqualTo(first.securityGroup().id());
        assertThat(s.cloud().networks()).filteredOn(n -> s.name("twice").equals(n.name())).hasSize(1);
        assertThat(s.cloud().subnets()).filteredOn(x -> x.networkId().equals(id)).hasSameSizeAs(first.subnets());
        assertThat(s.cloud().securityGroups()).filteredOn(g -> id.equals(g.networkId())).hasSize((int) groups);
        assertThat(group(s, first.securityGroup().id()).orElseThrow().ingress()
                .stream().filter(r -> r.protocol().equals("tcp") && r.fromPort() == 22).toList())
                .as("SSH rules after two ensures").hasSize(1);
        if (first.internetGateway() != null) {
            assertThat(second.internetGateway().id()).isEqualTo(first.internetGateway().id());
            assertThat(s.cloud().internetGateways()).filteredOn(g -> id.equals(g.attachedNetworkId())).hasSize(1);
            assertThat(s.cloud().routeTables()).filteredOn(t -> t.id().equals(second.routeTable().id()))
                    .singleElement().satisfies(t -> assertThat(t.routes())
                            .filteredOn(r -> "0.0.0.0/0".equals(r.destinationCidr())).hasSize(1));
        }
    }

    @Test
    default void networkWithoutDependenciesDeletesWithoutCascade(ContractSession s) {
        assumeTrue(s.supports(Capability.NETWORKS), "provider does not declare NETWORKS");
        Network network = s.cloud().createNetwork(new NetworkSpec(s.name("bare"), CIDR, s.runTags()));
        s.trackNetwork(network.id());
        assertThat(networkIds(s)).contains(network.id());

        s.cloud().deleteNetwork(network.id(), false);

        assertThat(networkIds(s)).doesNotContain(network.id());
    }

    @Test
    default void deleteNetworkWithSubnetsNeedsCascade(ContractSession s) {
        assumeTrue(s.supports(Capability.NETWORKS), "provider does not declare NETWORKS");
        Cloud.NetworkSetup setup = ensure(s, "deps");
        String id = setup.network().id();

        s.expectError(ErrorCode.DEPENDENCY_VIOLATION, "DependencyViolation", () -> s.cloud().deleteNetwork(id, false));
        assertThat(networkIds(s)).as("networks after a refused delete").contains(id);
        assertThat(s.cloud().subnets()).filteredOn(x -> x.networkId().equals(id)).hasSameSizeAs(setup.subnets());

        s.cloud().deleteNetwork(id, true);

        assertThat(networkIds(s)).doesNotContain(id);
        assertThat(s.cloud().subnets()).filteredOn(x -> x.networkId().equals(id)).isEmpty();
        assertThat(s.cloud().securityGroups()).filteredOn(g -> id.equals(g.networkId())).isEmpty();
    }

    @Test
    default void runningInstanceBlocksEvenACascadeDelete(ContractSession s) {
        assumeTrue(s.supports(Capability.NETWORKS), "provider does not declare NETWORKS");
        Cloud.NetworkSetup setup = ensure(s, "busy");
        Subnet subnet = setup.subnets().get(0);
        String id = setup.network().id();
        Instance inside = s.launch(b -> b.name(s.name("inside")).subnetId(subnet.id())
                .securityGroupId(setup.securityGroup().id())).get(0);
        Instance running = s.awaitState(inside.id(), InstanceCondition.RUNNING);
        assertThat(running.subnetId()).isEqualTo(subnet.id());
        assertThat(running.vpcId()).isEqualTo(id);
        assertThat(running.zone()).isEqualTo(subnet.zone());
        assertThat(Cidr.parse(subnet.cidr()).contains(Cidr.parseAddress(running.privateIp(), running.privateIp())))
                .as("private IP %s inside subnet %s", running.privateIp(), subnet.cidr()).isTrue();

        s.expectError(ErrorCode.DEPENDENCY_VIOLATION, "DependencyViolation", () -> s.cloud().deleteNetwork(id, true));
        assertThat(networkIds(s)).contains(id);
        assertThat(s.cloud().instance(inside.id()).state()).isEqualTo(running.state());

        s.cloud().terminate(List.of(inside.id()));
        s.awaitState(inside.id(), InstanceCondition.TERMINATED);
        s.await("network " + id + " to delete once its instance is terminated", () -> {
            try {
                s.cloud().deleteNetwork(id, true);
                return true;
            } catch (AltoException e) {
                if (e.code() == ErrorCode.DEPENDENCY_VIOLATION) {
                    return false;
                }
                throw e;
            }
        }, done -> done);
        assertThat(networkIds(s)).doesNotContain(id);
    }

    @Test
    default void securityGroupRulesAreAddedRefusedTwiceAndRevoked(ContractSession s) {
        assumeTrue(s.supports(Capability.NETWORKS), "provider does not declare NETWORKS");
        Network network = s.cloud().createNetwork(new NetworkSpec(s.name("fw"), CIDR, s.runTags()));
        s.trackNetwork(network.id());
        SecurityGroup created = s.cloud().createSecurityGroup(
                new SecurityGroupSpec(network.id(), s.name("web"), "contract web", s.runTags()));
        s.trackSecurityGroup(created.id());
        assertThat(created.networkId()).isEqualTo(network.id());
        assertThat(created.name()).isEqualTo(s.name("web"));
        SecurityRule http = SecurityRule.tcp(8080, "10.0.0.0/8");

        SecurityGroup afterAdd = s.cloud().authorize(created.id(), true, List.of(http));

        assertThat(hasRule(afterAdd.ingress(), "tcp", 8080, "10.0.0.0/8")).as("returned %s", afterAdd).isTrue();
        assertThat(hasRule(group(s, created.id()).orElseThrow().ingress(), "tcp", 8080, "10.0.0.0/8")).isTrue();
        s.expectError(ErrorCode.ALREADY_EXISTS, "InvalidPermission.Duplicate",
                () -> s.cloud().authorize(created.id(), true, List.of(http)));

        SecurityGroup afterRevoke = s.cloud().revoke(created.id(), true, List.of(http));

        assertThat(hasRule(afterRevoke.ingress(), "tcp", 8080, "10.0.0.0/8")).as("returned %s", afterRevoke).isFalse();
        assertThat(hasRule(group(s, created.id()).orElseThrow().ingress(), "tcp", 8080, "10.0.0.0/8")).isFalse();
        s.expectError(ErrorCode.NOT_FOUND, "InvalidPermission.NotFound",
                () -> s.cloud().revoke(created.id(), true, List.of(http)));

        s.cloud().deleteSecurityGroup(created.id());
        assertThat(group(s, created.id())).isEmpty();
    }

    @Test
    default void networkInterfaceIsCreatedAttachedDetachedAndDeleted(ContractSession s) {
        assumeTrue(s.supports(Capability.NETWORK_INTERFACES), "provider does not declare NETWORK_INTERFACES");
        Instance instance = s.launchRunning("nic");
        assumeTrue(instance.subnetId() != null, "the instance has no subnet to put an interface in");

        NetworkInterface created = s.cloud().createNetworkInterface(
                new InterfaceSpec(instance.subnetId(), null, List.of(), "contract", s.runTags()));
        s.trackInterface(created.id());

        assertThat(created.subnetId()).isEqualTo(instance.subnetId());
        assertThat(created.status()).isEqualTo("available");
        assertThat(created.attachment()).isNull();
        assertThat(created.privateIp()).isNotBlank().isNotEqualTo(instance.privateIp());

        s.cloud().attachNetworkInterface(created.id(), instance.id(), 1);

        NetworkInterface attached = s.await(created.id() + " to be in use",
                () -> eni(s, created.id()).orElseThrow(), n -> "in-use".equals(n.status()));
        assertThat(attached.attachment()).isNotNull();
        assertThat(attached.attachment().instanceId()).isEqualTo(instance.id());
        assertThat(attached.attachment().deviceIndex()).isEqualTo(1);
        assertThat(s.cloud().instance(instance.id()).networkInterfaceIds()).contains(created.id());

        s.cloud().detachNetworkInterface(created.id(), false);

        NetworkInterface detached = s.await(created.id() + " to be available",
                () -> eni(s, created.id()).orElseThrow(), n -> "available".equals(n.status()));
        assertThat(detached.attachment()).isNull();
        assertThat(s.cloud().instance(instance.id()).networkInterfaceIds()).doesNotContain(created.id());

        s.cloud().deleteNetworkInterface(created.id());

        assertThat(eni(s, created.id())).as("interface after delete").isEmpty();
    }
}
