package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ec2.Address;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.wait.InstanceCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Elastic IPs: allocate, associate (and move), disassociate, release, and how instances show them. */
public interface AddressContract extends ProviderContract {

    private static Address allocate(ContractSession s) {
        Address address = s.cloud().allocateAddress(s.runTags());
        s.trackAddress(address.allocationId());
        return address;
    }

    private static Address listed(ContractSession s, String allocationId) {
        return s.cloud().addresses().stream().filter(a -> a.allocationId().equals(allocationId)).findFirst()
                .orElseThrow(() -> new AssertionError("address " + allocationId + " is not listed"));
    }

    private static NetworkInterface primary(ContractSession s, Instance instance) {
        return s.cloud().networkInterfaces().stream()
                .filter(n -> n.attachment() != null && n.attachment().instanceId().equals(instance.id())
                        && n.attachment().deviceIndex() == 0)
                .findFirst().orElseThrow(() -> new AssertionError("no primary interface for " + instance.id()));
    }

    @Test
    default void allocatedAddressIsListedAndReleased(ContractSession s) {
        assumeTrue(s.supports(Capability.ELASTIC_IPS), "provider does not declare ELASTIC_IPS");

        Address address = allocate(s);

        assertThat(address.allocationId()).startsWith("eipalloc-");
        assertThat(address.publicIp()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(address.domain()).isEqualTo(Address.VPC);
        assertThat(address.isAssociated()).isFalse();
        assertThat(listed(s, address.allocationId())).isEqualTo(address);
        Address other = allocate(s);
        assertThat(other.publicIp()).isNotEqualTo(address.publicIp());

        s.cloud().releaseAddress(address.allocationId());

        assertThat(s.cloud().addresses()).extracting(Address::allocationId).doesNotContain(address.allocationId());
        s.expectError(ErrorCode.NOT_FOUND, "InvalidAllocationID.NotFound",
                () -> s.cloud().releaseAddress(address.allocationId()));
    }

    @Test
    default void associatedAddressIsTheInstancesPublicIpUntilDisassociated(ContractSession s) {
        assumeTrue(s.supports(Capability.ELASTIC_IPS), "provider does not declare ELASTIC_IPS");
        Instance instance = s.launchRunning("eip");
        Address address = allocate(s);

        Address associated = s.cloud().associateAddress(address.allocationId(), instance.id(), null, false);

        assertThat(associated.associationId()).startsWith("eipassoc-");
        assertThat(associated.instanceId()).isEqualTo(instance.id());
        assertThat(associated.privateIp()).isEqualTo(instance.privateIp());
        assertThat(listed(s, address.allocationId())).isEqualTo(associated);
        assertThat(s.cloud().instance(instance.id()).publicIp()).isEqualTo(address.publicIp());
        if (s.supports(Capability.NETWORK_INTERFACES)) {
            NetworkInterface eni = primary(s, instance);
            assertThat(associated.networkInterfaceId()).isEqualTo(eni.id());
            assertThat(eni.publicIp()).isEqualTo(address.publicIp());
        }
        s.expectError(ErrorCode.INVALID_STATE, "InvalidIPAddress.InUse",
                () -> s.cloud().releaseAddress(address.allocationId()));

        s.cloud().disassociateAddress(associated.associationId());

        assertThat(listed(s, address.allocationId()).isAssociated()).isFalse();
        assertThat(s.cloud().instance(instance.id()).publicIp()).isNotEqualTo(address.publicIp());
        s.expectError(ErrorCode.NOT_FOUND, "InvalidAssociationID.NotFound",
                () -> s.cloud().disassociateAddress(associated.associationId()));
        s.cloud().releaseAddress(address.allocationId());
    }

    @Test
    default void movingAnAssociatedAddressNeedsAllowReassociation(ContractSession s) {
        assumeTrue(s.supports(Capability.ELASTIC_IPS), "provider does not declare ELASTIC_IPS");
        Instance first = s.launchRunning("eip-a");
        Instance second = s.launchRunning("eip-b");
        Address address = allocate(s);
        s.cloud().associateAddress(address.allocationId(), first.id(), null, false);

        s.expectError(ErrorCode.ALREADY_EXISTS, "Resource.AlreadyAssociated",
                () -> s.cloud().associateAddress(address.allocationId(), second.id(), null, false));
        assertThat(s.cloud().instance(first.id()).publicIp()).isEqualTo(address.publicIp());

        Address moved = s.cloud().associateAddress(address.allocationId(), second.id(), null, true);

        assertThat(moved.instanceId()).isEqualTo(second.id());
        assertThat(s.cloud().instance(second.id()).publicIp()).isEqualTo(address.publicIp());
        assertThat(s.cloud().instance(first.id()).publicIp()).isNotEqualTo(address.publicIp());
    }

    @Test
    default void addressStaysThroughStopAndStartAndIsFreedByTermination(ContractSession s) {
        assumeTrue(s.supports(Capability.ELASTIC_IPS) && s.supports(Capability.STOP_START),
                "provider does not declare ELASTIC_IPS and STOP_START");
        Instance instance = s.launchRunning("eip-stop");
        Address address = allocate(s);
        s.cloud().associateAddress(address.allocationId(), instance.id(), null, false);

        s.cloud().stop(List.of(instance.id()), false);
        Instance stopped = s.awaitState(instance.id(), InstanceCondition.STOPPED);

        assertThat(stopped.publicIp()).as("a stopped instance keeps its elastic IP").isEqualTo(address.publicIp());
        s.cloud().start(List.of(instance.id()));
        assertThat(s.awaitState(instance.id(), InstanceCondition.RUNNING).publicIp()).isEqualTo(address.publicIp());

        s.cloud().terminate(List.of(instance.id()));
        s.awaitState(instance.id(), InstanceCondition.TERMINATED);

        Address after = listed(s, address.allocationId());
        assertThat(after.isAssociated()).as("termination ends the association: %s", after).isFalse();
        assertThat(after.publicIp()).as("and the address stays allocated").isEqualTo(address.publicIp());
        s.cloud().releaseAddress(address.allocationId());
    }
}
