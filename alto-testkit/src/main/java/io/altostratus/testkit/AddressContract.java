package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.wait.InstanceCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Elastic IPs ({@link ElasticAddresses}, where offered): allocate, associate (and move), disassociate, release, and how
 * instances show them.
 */
public interface AddressContract extends ProviderContract {

    private static NetworkInterfaces nics(ContractSession s) {
        return s.cloud().require(NetworkInterfaces.class);
    }

    private static ElasticAddresses eips(ContractSession s) {
        return s.cloud().require(ElasticAddresses.class);
    }

    private static Address allocate(ContractSession s) {
        Address address = eips(s).allocateAddress(s.runTags());
        s.trackAddress(address.allocationId());
        return address;
    }

    private static Address listed(ContractSession s, String allocationId) {
        return eips(s).addresses().stream().filter(a -> a.allocationId().equals(allocationId)).findFirst()
                .orElseThrow(() -> new AssertionError("address " + allocationId + " is not listed"));
    }

    private static NetworkInterface primary(ContractSession s, Instance instance) {
        return nics(s).networkInterfaces().stream()
                .filter(n -> n.attachment() != null && n.attachment().instanceId().equals(instance.id())
                        && n.attachment().deviceIndex() == 0)
                .findFirst().orElseThrow(() -> new AssertionError("no primary interface for " + instance.id()));
    }

    @Test
    default void allocatedAddressIsListedAndReleased(ContractSession s) {
        s.assumeSupports(Capability.ELASTIC_IPS);

        Address address = allocate(s);

        s.assertIdShape(Ec2IdKind.ALLOCATION, address.allocationId());
        assertThat(address.publicIp()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(address.domain()).isEqualTo(Address.VPC);
        assertThat(address.isAssociated()).isFalse();
        assertThat(listed(s, address.allocationId())).isEqualTo(address);
        Address other = allocate(s);
        assertThat(other.publicIp()).isNotEqualTo(address.publicIp());

        eips(s).releaseAddress(address.allocationId());

        assertThat(eips(s).addresses()).extracting(Address::allocationId).doesNotContain(address.allocationId());
        s.expectError(ErrorCode.NOT_FOUND, "InvalidAllocationID.NotFound",
                () -> eips(s).releaseAddress(address.allocationId()));
    }

    @Test
    default void associatedAddressIsTheInstancesPublicIpUntilDisassociated(ContractSession s) {
        s.assumeSupports(Capability.ELASTIC_IPS);
        Instance instance = s.launchRunning("eip");
        Address address = allocate(s);

        Address associated = eips(s).associateAddress(address.allocationId(), instance.id(), null, false);

        s.assertIdShape(Ec2IdKind.ADDRESS_ASSOCIATION, associated.associationId());
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
                () -> eips(s).releaseAddress(address.allocationId()));

        eips(s).disassociateAddress(associated.associationId());

        assertThat(listed(s, address.allocationId()).isAssociated()).isFalse();
        assertThat(s.cloud().instance(instance.id()).publicIp()).isNotEqualTo(address.publicIp());
        s.expectError(ErrorCode.NOT_FOUND, "InvalidAssociationID.NotFound",
                () -> eips(s).disassociateAddress(associated.associationId()));
        eips(s).releaseAddress(address.allocationId());
    }

    @Test
    default void movingAnAssociatedAddressNeedsAllowReassociation(ContractSession s) {
        s.assumeSupports(Capability.ELASTIC_IPS);
        Instance first = s.launchRunning("eip-a");
        Instance second = s.launchRunning("eip-b");
        Address address = allocate(s);
        eips(s).associateAddress(address.allocationId(), first.id(), null, false);

        s.expectError(ErrorCode.ALREADY_EXISTS, "Resource.AlreadyAssociated",
                () -> eips(s).associateAddress(address.allocationId(), second.id(), null, false));
        assertThat(s.cloud().instance(first.id()).publicIp()).isEqualTo(address.publicIp());

        Address moved = eips(s).associateAddress(address.allocationId(), second.id(), null, true);

        assertThat(moved.instanceId()).isEqualTo(second.id());
        assertThat(s.cloud().instance(second.id()).publicIp()).isEqualTo(address.publicIp());
        assertThat(s.cloud().instance(first.id()).publicIp()).isNotEqualTo(address.publicIp());
    }

    @Test
    default void addressStaysThroughStopAndStartAndIsFreedByTermination(ContractSession s) {
        s.assumeSupports(Capability.ELASTIC_IPS);
        Instance instance = s.launchRunning("eip-stop");
        Address address = allocate(s);
        eips(s).associateAddress(address.allocationId(), instance.id(), null, false);

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
        eips(s).releaseAddress(address.allocationId());
    }
}
