package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.wait.InstanceCondition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Network, subnet and instance attributes: DNS flags, public addresses on launch, type, protection, user data. */
public interface AttributeContract extends ProviderContract {

    @Test
    default void newNetworkResolvesNamesButHasNoHostnamesUntilAsked(ContractSession s) {
        assumeTrue(s.supports(Capability.NETWORK_ATTRIBUTES), "provider does not declare NETWORK_ATTRIBUTES");
        Network network = s.cloud().createNetwork(new NetworkSpec(s.name("dns"), "10.80.0.0/16", s.runTags()));
        s.trackNetwork(network.id());
        assertThat(network.enableDnsSupport()).isTrue();
        assertThat(network.enableDnsHostnames()).isFalse();
        s.cloud().networks().stream().filter(Network::isDefault).findFirst().ifPresent(d -> {
            assertThat(d.enableDnsSupport()).as("default network DNS support").isTrue();
            assertThat(d.enableDnsHostnames()).as("default network DNS hostnames").isTrue();
        });

        Network withHostnames = s.cloud().modifyNetwork(network.id(), null, true);

        assertThat(withHostnames.enableDnsHostnames()).isTrue();
        assertThat(s.cloud().networks()).filteredOn(n -> n.id().equals(network.id())).singleElement()
                .satisfies(n -> assertThat(n.enableDnsHostnames()).isTrue());
        s.expectError(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue",
                () -> s.cloud().modifyNetwork(network.id(), false, null));
        Network off = s.cloud().modifyNetwork(network.id(), false, false);
        assertThat(off.enableDnsSupport()).isFalse();
        assertThat(off.enableDnsHostnames()).isFalse();
    }

    @Test
    default void subnetPublicAddressesOnLaunchFollowItsAttribute(ContractSession s) {
        assumeTrue(s.supports(Capability.NETWORK_ATTRIBUTES), "provider does not declare NETWORK_ATTRIBUTES");
        Network network = s.cloud().createNetwork(new NetworkSpec(s.name("map"), "10.81.0.0/16", s.runTags()));
        s.trackNetwork(network.id());
        Subnet subnet = s.cloud().createSubnet(new SubnetSpec(network.id(), "10.81.1.0/24", null, s.name("map"),
                false, s.runTags()));
        Instance without = s.launch(b -> b.name(s.name("nopub")).subnetId(subnet.id())).get(0);
        assertThat(s.awaitState(without.id(), InstanceCondition.RUNNING).publicIp()).isNull();

        Subnet modified = s.cloud().modifySubnet(subnet.id(), true);

        assertThat(modified.mapPublicIpOnLaunch()).isTrue();
        assertThat(s.cloud().subnets()).filteredOn(x -> x.id().equals(subnet.id())).singleElement()
                .satisfies(x -> assertThat(x.mapPublicIpOnLaunch()).isTrue());
        Instance with = s.launch(b -> b.name(s.name("pub")).subnetId(subnet.id())).get(0);
        Instance running = s.awaitState(with.id(), InstanceCondition.RUNNING);
        assertThat(running.publicIp()).isNotBlank();
        assertThat(running.publicDnsName()).as("no public DNS names in a new network").isNullOrEmpty();

        s.cloud().modifyNetwork(network.id(), null, true);

        s.eventually("a public DNS name once the network gives hostnames", () ->
                assertThat(s.cloud().instance(with.id()).publicDnsName()).isNotBlank());
    }

    @Test
    default void instanceTypeChangesOnlyWhileStopped(ContractSession s) {
        assumeTrue(s.supports(Capability.INSTANCE_ATTRIBUTES) && s.supports(Capability.STOP_START),
                "provider does not declare INSTANCE_ATTRIBUTES and STOP_START");
        Instance running = s.launchRunning("resize");
        Optional<String> otherType = s.cloud().instanceTypes().stream()
                .filter(t -> running.architecture() == null || t.supports(running.architecture()))
                .map(InstanceType::name).filter(n -> !n.equals(running.instanceType())).sorted().findFirst();
        assumeTrue(otherType.isPresent(), "no second instance type to change to");
        InstanceAttributes before = s.cloud().instanceAttributes(running.id());
        assertThat(before.instanceType()).isEqualTo(running.instanceType());
        assertThat(before.disableApiTermination()).isFalse();

        s.expectError(ErrorCode.INVALID_STATE, "IncorrectInstanceState",
                () -> s.cloud().modifyInstance(running.id(), InstanceChange.instanceType(otherType.get())));

        s.cloud().stop(List.of(running.id()), false);
        s.awaitState(running.id(), InstanceCondition.STOPPED);
        InstanceAttributes changed = s.cloud().modifyInstance(running.id(),
                InstanceChange.instanceType(otherType.get()));

        assertThat(changed.instanceType()).isEqualTo(otherType.get());
        assertThat(s.cloud().instance(running.id()).instanceType()).isEqualTo(otherType.get());
        assertThat(s.cloud().instanceAttributes(running.id()).instanceType()).isEqualTo(otherType.get());
    }

    @Test
    default void terminationProtectionRefusesTerminateUntilCleared(ContractSession s) {
        assumeTrue(s.supports(Capability.INSTANCE_ATTRIBUTES), "provider does not declare INSTANCE_ATTRIBUTES");
        Instance protectedOne = s.launch(b -> b.name(s.name("protected")).userData("#cloud-config\n")).get(0);
        Instance plain = s.launchOne("plain");

        InstanceAttributes attributes = s.cloud().modifyInstance(protectedOne.id(),
                InstanceChange.disableApiTermination(true));

        assertThat(attributes.disableApiTermination()).isTrue();
        assertThat(s.cloud().instanceAttributes(protectedOne.id()).userData()).isEqualTo("#cloud-config\n");
        s.expectError(ErrorCode.INVALID_STATE, "OperationNotPermitted",
                () -> s.cloud().terminate(List.of(plain.id(), protectedOne.id())));
        assertThat(s.cloud().instance(plain.id()).state()).as("nothing terminated by a refused call")
                .isIn(InstanceState.PENDING, InstanceState.RUNNING);

        s.cloud().modifyInstance(protectedOne.id(), InstanceChange.disableApiTermination(false));
        s.cloud().terminate(List.of(plain.id(), protectedOne.id()));

        s.awaitAll(List.of(plain.id(), protectedOne.id()), InstanceCondition.TERMINATED);
    }
}
