package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
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
import io.altostratus.core.wait.InstanceCondition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Networks made with {@link Cloud#ensureNetwork} (needs {@link Networks} and {@link SecurityGroups}), cascade deletes,
 * security group rules and network interfaces ({@link NetworkInterfaces}); each part runs where its extensions are
 * offered, and EC2's gateway and route checks where {@link Ec2Networking} is.
 */
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

    /** Skips unless the provider offers both extensions {@link Cloud#ensureNetwork} needs. */
    static void assumeEnsurable(ContractSession s) {
        s.offered(Networks.class);
        s.offered(SecurityGroups.class);
    }

    private static Networks nets(ContractSession s) {
        return s.cloud().require(Networks.class);
    }

    private static SecurityGroups groups(ContractSession s) {
        return s.cloud().require(SecurityGroups.class);
    }

    private static Optional<SecurityGroup> group(ContractSession s, String id) {
        return groups(s).securityGroups().stream().filter(g -> g.id().equals(id)).findFirst();
    }

    private static Optional<NetworkInterface> eni(NetworkInterfaces nics, String id) {
        return nics.networkInterfaces().stream().filter(n -> n.id().equals(id)).findFirst();
    }

    private static List<String> networkIds(ContractSession s) {
        return nets(s).networks().stream().map(Network::id).toList();
    }

    @Test
    default void ensureNetworkMakesOneSubnetPerZoneAndAnSshGroup(ContractSession s) {
        assumeEnsurable(s);

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
        assertThat(nets(s).subnets().stream().filter(x -> x.networkId().equals(network.id())))
                .extracting(Subnet::id)
                .containsExactlyInAnyOrderElementsOf(setup.subnets().stream().map(Subnet::id).toList());
        SecurityGroup ssh = setup.securityGroup();
        assertThat(ssh.networkId()).isEqualTo(network.id());
        assertThat(ssh.name()).isEqualTo(s.name("net") + "-ssh");
        assertThat(hasRule(group(s, ssh.id()).orElseThrow().ingress(), "tcp", 22, "0.0.0.0/0"))
                .as("listed group admits SSH: %s", group(s, ssh.id())).isTrue();
        Optional<Ec2Networking> ec2 = s.cloud().extension(Ec2Networking.class);
        if (ec2.isPresent()) {
            String gatewayId = setup.internetGateway().id();
            assertThat(ec2.get().internetGateways()).filteredOn(g -> g.id().equals(gatewayId)).singleElement()
                    .satisfies(g -> assertThat(g.attachedNetworkId()).isEqualTo(network.id()));
            assertThat(ec2.get().routeTables()).filteredOn(t -> t.id().equals(setup.routeTable().id())).singleElement()
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
        assumeEnsurable(s);
        Cloud.NetworkSetup first = ensure(s, "twice");
        String id = first.network().id();
        long groups = groups(s).securityGroups().stream().filter(g -> id.equals(g.networkId())).count();

        Cloud.NetworkSetup second = ensure(s, "twice");

        assertThat(second.network().id()).isEqualTo(id);
        assertThat(second.subnets()).extracting(Subnet::id)
                .containsExactlyInAnyOrderElementsOf(first.subnets().stream().map(Subnet::id).toList());
        assertThat(second.securityGroup().id()).isEqualTo(first.securityGroup().id());
        assertThat(nets(s).networks()).filteredOn(n -> s.name("twice").equals(n.name())).hasSize(1);
        assertThat(nets(s).subnets()).filteredOn(x -> x.networkId().equals(id)).hasSameSizeAs(first.subnets());
        assertThat(groups(s).securityGroups()).filteredOn(g -> id.equals(g.networkId())).hasSize((int) groups);
        assertThat(group(s, first.securityGroup().id()).orElseThrow().ingress()
                .stream().filter(r -> r.protocol().equals("tcp") && r.fromPort() == 22).toList())
                .as("SSH rules after two ensures").hasSize(1);
        if (first.internetGateway() != null) {
            Ec2Networking ec2 = s.cloud().require(Ec2Networking.class);
            assertThat(second.internetGateway().id()).isEqualTo(first.internetGateway().id());
            assertThat(ec2.internetGateways()).filteredOn(g -> id.equals(g.attachedNetworkId())).hasSize(1);
            assertThat(ec2.routeTables()).filteredOn(t -> t.id().equals(second.routeTable().id()))
                    .singleElement().satisfies(t -> assertThat(t.routes())
                            .filteredOn(r -> "0.0.0.0/0".equals(r.destinationCidr())).hasSize(1));
        }
    }

    @Test
    default void networkWithoutDependenciesDeletesWithoutCascade(ContractSession s) {
        Networks nets = s.offered(Networks.class);
        Network network = nets.createNetwork(new NetworkSpec(s.name("bare"), CIDR, s.runTags()));
        s.trackNetwork(network.id());
        assertThat(networkIds(s)).contains(network.id());

        nets.deleteNetwork(network.id(), false);

        assertThat(networkIds(s)).doesNotContain(network.id());
    }

    @Test
    default void deleteNetworkWithSubnetsNeedsCascade(ContractSession s) {
        assumeEnsurable(s);
        Cloud.NetworkSetup setup = ensure(s, "deps");
        String id = setup.network().id();

        s.expectError(ErrorCode.DEPENDENCY_VIOLATION, "DependencyViolation", () -> nets(s).deleteNetwork(id, false));
        assertThat(networkIds(s)).as("networks after a refused delete").contains(id);
        assertThat(nets(s).subnets()).filteredOn(x -> x.networkId().equals(id)).hasSameSizeAs(setup.subnets());

        nets(s).deleteNetwork(id, true);

        assertThat(networkIds(s)).doesNotContain(id);
        assertThat(nets(s).subnets()).filteredOn(x -> x.networkId().equals(id)).isEmpty();
        assertThat(groups(s).securityGroups()).filteredOn(g -> id.equals(g.networkId())).isEmpty();
    }

    @Test
    default void runningInstanceBlocksEvenACascadeDelete(ContractSession s) {
        assumeEnsurable(s);
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

        s.expectError(ErrorCode.DEPENDENCY_VIOLATION, "DependencyViolation", () -> nets(s).deleteNetwork(id, true));
        assertThat(networkIds(s)).contains(id);
        assertThat(s.cloud().instance(inside.id()).state()).isEqualTo(running.state());

        s.cloud().terminate(List.of(inside.id()));
        s.awaitState(inside.id(), InstanceCondition.TERMINATED);
        s.await("network " + id + " to delete once its instance is terminated", () -> {
            try {
                nets(s).deleteNetwork(id, true);
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
        Networks nets = s.offered(Networks.class);
        SecurityGroups groups = s.offered(SecurityGroups.class);
        Network network = nets.createNetwork(new NetworkSpec(s.name("fw"), CIDR, s.runTags()));
        s.trackNetwork(network.id());
        SecurityGroup created = groups.createSecurityGroup(
                new SecurityGroupSpec(network.id(), s.name("web"), "contract web", s.runTags()));
        s.trackSecurityGroup(created.id());
        assertThat(created.networkId()).isEqualTo(network.id());
        assertThat(created.name()).isEqualTo(s.name("web"));
        SecurityRule http = SecurityRule.tcp(8080, "10.0.0.0/8");

        SecurityGroup afterAdd = groups.authorize(created.id(), true, List.of(http));

        assertThat(hasRule(afterAdd.ingress(), "tcp", 8080, "10.0.0.0/8")).as("returned %s", afterAdd).isTrue();
        assertThat(hasRule(group(s, created.id()).orElseThrow().ingress(), "tcp", 8080, "10.0.0.0/8")).isTrue();
        s.expectError(ErrorCode.ALREADY_EXISTS, "InvalidPermission.Duplicate",
                () -> groups.authorize(created.id(), true, List.of(http)));

        SecurityGroup afterRevoke = groups.revoke(created.id(), true, List.of(http));

        assertThat(hasRule(afterRevoke.ingress(), "tcp", 8080, "10.0.0.0/8")).as("returned %s", afterRevoke).isFalse();
        assertThat(hasRule(group(s, created.id()).orElseThrow().ingress(), "tcp", 8080, "10.0.0.0/8")).isFalse();
        s.expectError(ErrorCode.NOT_FOUND, "InvalidPermission.NotFound",
                () -> groups.revoke(created.id(), true, List.of(http)));

        groups.deleteSecurityGroup(created.id());
        assertThat(group(s, created.id())).isEmpty();
    }

    @Test
    default void networkInterfaceIsCreatedAttachedDetachedAndDeleted(ContractSession s) {
        NetworkInterfaces nics = s.offered(NetworkInterfaces.class);
        Instance instance = s.launchRunning("nic");
        assumeTrue(instance.subnetId() != null, "the instance has no subnet to put an interface in");

        NetworkInterface created = nics.createNetworkInterface(
                new InterfaceSpec(instance.subnetId(), null, List.of(), "contract", s.runTags()));
        s.trackInterface(created.id());

        assertThat(created.subnetId()).isEqualTo(instance.subnetId());
        assertThat(created.status()).isEqualTo("available");
        assertThat(created.attachment()).isNull();
        assertThat(created.privateIp()).isNotBlank().isNotEqualTo(instance.privateIp());

        nics.attachNetworkInterface(created.id(), instance.id(), 1);

        NetworkInterface attached = s.await(created.id() + " to be in use",
                () -> eni(nics, created.id()).orElseThrow(), n -> "in-use".equals(n.status()));
        assertThat(attached.attachment()).isNotNull();
        assertThat(attached.attachment().instanceId()).isEqualTo(instance.id());
        assertThat(attached.attachment().deviceIndex()).isEqualTo(1);
        assertThat(s.cloud().instance(instance.id()).networkInterfaceIds()).contains(created.id());

        nics.detachNetworkInterface(created.id(), false);

        NetworkInterface detached = s.await(created.id() + " to be available",
                () -> eni(nics, created.id()).orElseThrow(), n -> "available".equals(n.status()));
        assertThat(detached.attachment()).isNull();
        assertThat(s.cloud().instance(instance.id()).networkInterfaceIds()).doesNotContain(created.id());

        nics.deleteNetworkInterface(created.id());

        assertThat(eni(nics, created.id())).as("interface after delete").isEmpty();
    }
}
