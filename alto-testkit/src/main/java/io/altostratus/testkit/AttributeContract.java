package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.wait.InstanceCondition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Network and subnet attributes ({@link Ec2Networking}: DNS flags, public addresses on launch) and instance attributes
 * ({@link Ec2InstanceAttributes}: type, protection, user data), each where offered.
 */
public interface AttributeContract extends ProviderContract {

    private static Ec2Networking ec2(ContractSession s) {
        return s.cloud().require(Ec2Networking.class);
    }

    private static Networks nets(ContractSession s) {
        return s.cloud().require(Networks.class);
    }

    private static Ec2InstanceAttributes attributes(ContractSession s) {
        return s.cloud().require(Ec2InstanceAttributes.class);
    }

    @Test
    default void newNetworkResolvesNamesButHasNoHostnamesUntilAsked(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = nets(s).createNetwork(new NetworkSpec(s.name("dns"), "10.80.0.0/16", s.runTags()));
        s.trackNetwork(network.id());
        assertThat(network.enableDnsSupport()).isTrue();
        assertThat(network.enableDnsHostnames()).isFalse();
        nets(s).networks().stream().filter(Network::isDefault).findFirst().ifPresent(d -> {
            assertThat(d.enableDnsSupport()).as("default network DNS support").isTrue();
            assertThat(d.enableDnsHostnames()).as("default network DNS hostnames").isTrue();
        });

        Network withHostnames = ec2(s).modifyNetwork(network.id(), null, true);

        assertThat(withHostnames.enableDnsHostnames()).isTrue();
        assertThat(nets(s).networks()).filteredOn(n -> n.id().equals(network.id())).singleElement()
                .satisfies(n -> assertThat(n.enableDnsHostnames()).isTrue());
        s.expectError(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue",
                () -> ec2(s).modifyNetwork(network.id(), false, null));
        Network off = ec2(s).modifyNetwork(network.id(), false, false);
        assertThat(off.enableDnsSupport()).isFalse();
        assertThat(off.enableDnsHostnames()).isFalse();
    }

    @Test
    default void subnetPublicAddressesOnLaunchFollowItsAttribute(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        Network network = nets(s).createNetwork(new NetworkSpec(s.name("map"), "10.81.0.0/16", s.runTags()));
        s.trackNetwork(network.id());
        Subnet subnet = nets(s).createSubnet(new SubnetSpec(network.id(), "10.81.1.0/24", null, s.name("map"),
                false, s.runTags()));
        Instance without = s.launch(b -> b.name(s.name("nopub")).subnetId(subnet.id())).get(0);
        assertThat(s.awaitState(without.id(), InstanceCondition.RUNNING).publicIp()).isNull();

        Subnet modified = ec2(s).modifySubnet(subnet.id(), true);

        assertThat(modified.mapPublicIpOnLaunch()).isTrue();
        assertThat(nets(s).subnets()).filteredOn(x -> x.id().equals(subnet.id())).singleElement()
                .satisfies(x -> assertThat(x.mapPublicIpOnLaunch()).isTrue());
        Instance with = s.launch(b -> b.name(s.name("pub")).subnetId(subnet.id())).get(0);
        Instance running = s.awaitState(with.id(), InstanceCondition.RUNNING);
        assertThat(running.publicIp()).isNotBlank();
        assertThat(running.publicDnsName()).as("no public DNS names in a new network").isNullOrEmpty();

        ec2(s).modifyNetwork(network.id(), null, true);

        s.eventually("a public DNS name once the network gives hostnames", () ->
                assertThat(s.cloud().instance(with.id()).publicDnsName()).isNotBlank());
    }

    @Test
    default void instanceTypeChangesOnlyWhileStopped(ContractSession s) {
        s.assumeSupports(Capability.INSTANCE_ATTRIBUTES);
        Instance running = s.launchRunning("resize");
        Optional<String> otherType = s.cloud().instanceTypes().stream()
                .filter(t -> running.architecture() == null || t.supports(running.architecture()))
                .map(InstanceType::name).filter(n -> !n.equals(running.instanceType())).sorted().findFirst();
        assumeTrue(otherType.isPresent(), "no second instance type to change to");
        InstanceAttributes before = attributes(s).instanceAttributes(running.id());
        assertThat(before.instanceType()).isEqualTo(running.instanceType());
        assertThat(before.disableApiTermination()).isFalse();

        s.expectError(ErrorCode.INVALID_STATE, "IncorrectInstanceState",
                () -> attributes(s).modifyInstance(running.id(), InstanceChange.instanceType(otherType.get())));

        s.cloud().stop(List.of(running.id()), false);
        s.awaitState(running.id(), InstanceCondition.STOPPED);
        InstanceAttributes changed = attributes(s).modifyInstance(running.id(),
                InstanceChange.instanceType(otherType.get()));

        assertThat(changed.instanceType()).isEqualTo(otherType.get());
        assertThat(s.cloud().instance(running.id()).instanceType()).isEqualTo(otherType.get());
        assertThat(attributes(s).instanceAttributes(running.id()).instanceType()).isEqualTo(otherType.get());
    }

    @Test
    default void terminationProtectionRefusesTerminateUntilCleared(ContractSession s) {
        s.assumeSupports(Capability.INSTANCE_ATTRIBUTES);
        Instance protectedOne = s.launch(b -> b.name(s.name("protected")).userData("#cloud-config\n")).get(0);
        Instance plain = s.launchOne("plain");

        InstanceAttributes attributes = attributes(s).modifyInstance(protectedOne.id(),
                InstanceChange.disableApiTermination(true));

        assertThat(attributes.disableApiTermination()).isTrue();
        assertThat(attributes(s).instanceAttributes(protectedOne.id()).userData()).isEqualTo("#cloud-config\n");
        s.expectError(ErrorCode.INVALID_STATE, "OperationNotPermitted",
                () -> s.cloud().terminate(List.of(plain.id(), protectedOne.id())));
        assertThat(s.cloud().instance(plain.id()).state()).as("nothing terminated by a refused call")
                .isIn(InstanceState.PENDING, InstanceState.RUNNING);

        attributes(s).modifyInstance(protectedOne.id(), InstanceChange.disableApiTermination(false));
        s.cloud().terminate(List.of(plain.id(), protectedOne.id()));

        s.awaitAll(List.of(plain.id(), protectedOne.id()), InstanceCondition.TERMINATED);
    }
}
