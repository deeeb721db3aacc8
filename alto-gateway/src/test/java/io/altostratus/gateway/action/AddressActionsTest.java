package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Subnet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.ResourceType;

class AddressActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private AllocateAddressResponse allocate(String... tagKeyValues) {
        return gw.client().allocateAddress(r -> r.domain(DomainType.VPC)
                .tagSpecifications(tags(ResourceType.ELASTIC_IP, tagKeyValues)));
    }

    private Address describe(String allocationId) {
        return gw.client().describeAddresses(r -> r.allocationIds(allocationId)).addresses().get(0);
    }

    private List<String> idsMatching(Filter... filters) {
        return gw.client().describeAddresses(r -> r.filters(filters)).addresses().stream().map(Address::allocationId)
                .toList();
    }

    private NetworkInterface primaryInterface(Instance instance) {
        return gw.client().describeNetworkInterfaces(r -> r.filters(filter("attachment.instance-id", instance.id()),
                filter("attachment.device-index", "0"))).networkInterfaces().get(0);
    }

    @Test
    void allocateAnswersAnAddressAndDescribeShowsIt() {
        AllocateAddressResponse allocated = allocate("Name", "front");

        assertThat(allocated.allocationId()).matches("eipalloc-[0-9a-f]{17}");
        assertThat(allocated.publicIp()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(allocated.domain()).isEqualTo(DomainType.VPC);
        assertThat(allocated.publicIpv4Pool()).isEqualTo("amazon");
        assertThat(allocated.networkBorderGroup()).isEqualTo("us-east-1");

        Address described = describe(allocated.allocationId());
        assertThat(described.publicIp()).isEqualTo(allocated.publicIp());
        assertThat(described.domain()).isEqualTo(DomainType.VPC);
        assertThat(described.publicIpv4Pool()).isEqualTo("amazon");
        assertThat(described.networkBorderGroup()).isEqualTo("us-east-1");
        assertThat(described.associationId()).isNull();
        assertThat(described.instanceId()).isNull();
        assertThat(described.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("front"));
        assertThat(gw.client().describeAddresses(r -> r.publicIps(allocated.publicIp())).addresses())
                .extracting(Address::allocationId).containsExactly(allocated.allocationId());
    }

    @Test
    void allocateRefusesWhatCannotBeHonoured() {
        assertThat(code(() -> gw.client().allocateAddress(r -> r.domain(DomainType.STANDARD))))
                .isEqualTo("InvalidParameterValue");
        assertThat(code(() -> gw.client().allocateAddress(r -> r.publicIpv4Pool("ipv4pool-ec2-0123456789abcdef0"))))
                .isEqualTo("InvalidPublicIpv4PoolID.NotFound");
        assertThat(code(() -> gw.client().allocateAddress(r -> r.networkBorderGroup("us-west-2"))))
                .isEqualTo("InvalidParameterValue");
        assertThat(code(() -> gw.client().allocateAddress(r -> r.tagSpecifications(tags(ResourceType.VOLUME, "a",
                "b"))))).isEqualTo("InvalidParameterValue");
        assertThat(gw.client().describeAddresses().addresses()).isEmpty();
    }

    @Test
    void associateWithAnInstanceThenDisassociateAndRelease() {
        Instance instance = gw.launch("us-east-1a");
        AllocateAddressResponse eip = allocate();

        String associationId = gw.client().associateAddress(r -> r.allocationId(eip.allocationId())
                .instanceId(instance.id())).associationId();
        assertThat(associationId).matches("eipassoc-[0-9a-f]{17}");

        Address associated = describe(eip.allocationId());
        NetworkInterface eni = primaryInterface(instance);
        assertThat(associated.associationId()).isEqualTo(associationId);
        assertThat(associated.instanceId()).isEqualTo(instance.id());
        assertThat(associated.networkInterfaceId()).isEqualTo(eni.networkInterfaceId());
        assertThat(associated.networkInterfaceOwnerId()).isEqualTo(gw.account());
        assertThat(associated.privateIpAddress()).isEqualTo(eni.privateIpAddress());
        // The interface shows the elastic address as its public one, with the allocation it comes from.
        assertThat(eni.association().publicIp()).isEqualTo(eip.publicIp());
        assertThat(eni.association().allocationId()).isEqualTo(eip.allocationId());
        assertThat(eni.association().associationId()).isEqualTo(associationId);
        assertThat(eni.association().ipOwnerId()).isEqualTo(gw.account());

        Ec2Exception inUse = ec2Error(() -> gw.client().releaseAddress(r -> r.allocationId(eip.allocationId())));
        assertThat(inUse.awsErrorDetails().errorCode()).isEqualTo("InvalidIPAddress.InUse");

        assertThat(code(() -> gw.client().disassociateAddress(r -> r.associationId("eipassoc-0123456789abcdef0"))))
                .isEqualTo("InvalidAssociationID.NotFound");
        gw.client().disassociateAddress(r -> r.associationId(associationId));
        Address free = describe(eip.allocationId());
        assertThat(free.associationId()).isNull();
        assertThat(free.instanceId()).isNull();
        assertThat(free.networkInterfaceId()).isNull();

        gw.client().releaseAddress(r -> r.allocationId(eip.allocationId()));
        assertThat(code(() -> describe(eip.allocationId()))).isEqualTo("InvalidAllocationID.NotFound");
        assertThat(code(() -> gw.client().releaseAddress(r -> r.allocationId(eip.allocationId()))))
                .isEqualTo("InvalidAllocationID.NotFound");
    }

    @Test
    void oldPublicIpFormAndInterfaceTargets() {
        Subnet subnet = gw.cloud().require(Networks.class)
                .subnets().stream().filter(s -> s.defaultForZone() && s.zone().equals("us-east-1b"))
                .findFirst().orElseThrow();
        NetworkInterface eni = gw.client().createNetworkInterface(r -> r.subnetId(subnet.id())).networkInterface();
        AllocateAddressResponse eip = allocate();

        assertThat(code(() -> gw.client().associateAddress(r -> r.publicIp(eip.publicIp())
                .networkInterfaceId(eni.networkInterfaceId()).privateIpAddress("10.9.9.9"))))
                .isEqualTo("InvalidParameterValue");
        String associationId = gw.client().associateAddress(r -> r.publicIp(eip.publicIp())
                .networkInterfaceId(eni.networkInterfaceId()).privateIpAddress(eni.privateIpAddress())).associationId();

        Address associated = describe(eip.allocationId());
        assertThat(associated.associationId()).isEqualTo(associationId);
        assertThat(associated.networkInterfaceId()).isEqualTo(eni.networkInterfaceId());
        assertThat(associated.instanceId()).isNull();
        assertThat(associated.privateIpAddress()).isEqualTo(eni.privateIpAddress());

        gw.client().disassociateAddress(r -> r.publicIp(eip.publicIp()));
        assertThat(describe(eip.allocationId()).associationId()).isNull();
        gw.client().releaseAddress(r -> r.publicIp(eip.publicIp()));
        assertThat(gw.client().describeAddresses().addresses()).isEmpty();
        assertThat(code(() -> gw.client().releaseAddress(r -> r.publicIp(eip.publicIp()))))
                .isEqualTo("InvalidAddress.NotFound");
    }

    @Test
    void reassociationNeedsConsent() {
        Instance first = gw.launch("us-east-1a");
        Instance second = gw.launch("us-east-1a");
        AllocateAddressResponse eip = allocate();
        gw.client().associateAddress(r -> r.allocationId(eip.allocationId()).instanceId(first.id()));

        assertThat(code(() -> gw.client().associateAddress(r -> r.allocationId(eip.allocationId())
                .instanceId(second.id())))).isEqualTo("Resource.AlreadyAssociated");
        String moved = gw.client().associateAddress(r -> r.allocationId(eip.allocationId()).instanceId(second.id())
                .allowReassociation(true)).associationId();

        Address now = describe(eip.allocationId());
        assertThat(now.associationId()).isEqualTo(moved);
        assertThat(now.instanceId()).isEqualTo(second.id());
    }

    @Test
    void associateAndDisassociateRefuseBadCombinations() {
        Instance instance = gw.launch("us-east-1a");
        AllocateAddressResponse eip = allocate();

        assertThat(code(() -> gw.client().associateAddress(r -> r.allocationId(eip.allocationId()))))
                .isEqualTo("MissingParameter");
        assertThat(code(() -> gw.client().associateAddress(r -> r.instanceId(instance.id()))))
                .isEqualTo("MissingParameter");
        assertThat(code(() -> gw.client().associateAddress(r -> r.allocationId(eip.allocationId())
                .publicIp(eip.publicIp()).instanceId(instance.id())))).isEqualTo("InvalidParameterCombination");
        assertThat(code(() -> gw.client().associateAddress(r -> r.allocationId("eipalloc-0123456789abcdef0")
                .instanceId(instance.id())))).isEqualTo("InvalidAllocationID.NotFound");
        assertThat(code(() -> gw.client().associateAddress(r -> r.allocationId("alloc-1")
                .instanceId(instance.id())))).isEqualTo("InvalidAllocationID.Malformed");
        assertThat(code(() -> gw.client().associateAddress(r -> r.publicIp("203.0.113.200")
                .instanceId(instance.id())))).isEqualTo("InvalidAddress.NotFound");
        assertThat(code(() -> gw.client().associateAddress(r -> r.allocationId(eip.allocationId())
                .instanceId("i-0123456789abcdef0")))).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(code(() -> gw.client().disassociateAddress(r -> r.associationId("assoc")))).isEqualTo(
                "InvalidAssociationID.Malformed");
        assertThat(code(() -> gw.client().disassociateAddress(r -> r.dryRun(false)))).isEqualTo("MissingParameter");
        assertThat(code(() -> gw.client().releaseAddress(r -> r.dryRun(false)))).isEqualTo("MissingParameter");
        assertThat(describe(eip.allocationId()).associationId()).isNull();
    }

    @Test
    void describeErrorsAndFilters() {
        Instance instance = gw.launch("us-east-1a");
        AllocateAddressResponse a = allocate("env", "prod");
        AllocateAddressResponse b = allocate("env", "dev", "Name", "spare");
        gw.client().associateAddress(r -> r.allocationId(a.allocationId()).instanceId(instance.id()));
        NetworkInterface eni = primaryInterface(instance);

        assertThat(code(() -> gw.client().describeAddresses(r -> r.allocationIds("eipalloc-0123456789abcdef0"))))
                .isEqualTo("InvalidAllocationID.NotFound");
        assertThat(code(() -> gw.client().describeAddresses(r -> r.allocationIds("eip-1"))))
                .isEqualTo("InvalidAllocationID.Malformed");
        assertThat(code(() -> gw.client().describeAddresses(r -> r.publicIps("203.0.113.250"))))
                .isEqualTo("InvalidAddress.NotFound");
        assertThat(code(() -> gw.client().describeAddresses(r -> r.publicIps("not-an-ip"))))
                .isEqualTo("InvalidParameterValue");

        assertThat(idsMatching(filter("instance-id", instance.id()))).containsExactly(a.allocationId());
        assertThat(idsMatching(filter("network-interface-id", eni.networkInterfaceId()),
                filter("private-ip-address", eni.privateIpAddress()))).containsExactly(a.allocationId());
        assertThat(idsMatching(filter("association-id", "eipassoc-*"))).containsExactly(a.allocationId());
        assertThat(idsMatching(filter("public-ip", a.publicIp(), b.publicIp())))
                .containsExactlyInAnyOrder(a.allocationId(), b.allocationId());
        assertThat(idsMatching(filter("domain", "vpc"), filter("tag:env", "d*"))).containsExactly(b.allocationId());
        assertThat(idsMatching(filter("tag-key", "Name"))).containsExactly(b.allocationId());
        assertThat(idsMatching(filter("tag-value", "prod", "spare")))
                .containsExactlyInAnyOrder(a.allocationId(), b.allocationId());
        assertThat(idsMatching(filter("allocation-id", b.allocationId()), filter("network-border-group", "us-east-1")))
                .containsExactly(b.allocationId());
        assertThat(idsMatching(filter("network-interface-owner-id", gw.account()))).containsExactly(a.allocationId());
        assertThat(code(() -> idsMatching(filter("flavour", "x")))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void dryRunAndIsolation() {
        Ec2Exception dry = ec2Error(() -> gw.client().allocateAddress(r -> r.domain(DomainType.VPC).dryRun(true)));
        assertThat(dry.statusCode()).isEqualTo(412);
        assertThat(dry.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
        assertThat(gw.client().describeAddresses().addresses()).isEmpty();

        AllocateAddressResponse eip = allocate();
        Instance instance = gw.launch("us-east-1a");
        assertThat(code(() -> gw.client().associateAddress(r -> r.allocationId(eip.allocationId())
                .instanceId(instance.id()).dryRun(true)))).isEqualTo("DryRunOperation");
        assertThat(code(() -> gw.client().releaseAddress(r -> r.allocationId(eip.allocationId()).dryRun(true))))
                .isEqualTo("DryRunOperation");
        assertThat(describe(eip.allocationId()).associationId()).isNull();

        assertThat(gw.otherAccount().describeAddresses().addresses()).isEmpty();
        assertThat(code(() -> gw.otherAccount().describeAddresses(r -> r.allocationIds(eip.allocationId()))))
                .isEqualTo("InvalidAllocationID.NotFound");
        assertThat(code(() -> gw.otherAccount().describeAddresses(r -> r.publicIps(eip.publicIp()))))
                .isEqualTo("InvalidAddress.NotFound");
        assertThat(code(() -> gw.otherAccount().releaseAddress(r -> r.allocationId(eip.allocationId()))))
                .isEqualTo("InvalidAllocationID.NotFound");
        assertThat(code(() -> gw.otherAccount().associateAddress(r -> r.allocationId(eip.allocationId())
                .instanceId(instance.id())))).isEqualTo("InvalidAllocationID.NotFound");
        assertThat(describe(eip.allocationId()).publicIp()).isEqualTo(eip.publicIp());
    }

    @Test
    void addressAttributeIsThePtrRecordNobodySetYet() {
        AllocateAddressResponse first = allocate();
        AllocateAddressResponse second = allocate();

        var one = gw.client().describeAddressesAttribute(r -> r.allocationIds(first.allocationId())
                .attribute(software.amazon.awssdk.services.ec2.model.AddressAttributeName.DOMAIN_NAME)).addresses();
        assertThat(one).singleElement().satisfies(a -> {
            assertThat(a.allocationId()).isEqualTo(first.allocationId());
            assertThat(a.publicIp()).isEqualTo(first.publicIp());
            assertThat(a.ptrRecord()).isNull();
        });
        var all = gw.client().describeAddressesAttribute(r -> r.attribute("domain-name")).addresses();
        assertThat(all).extracting(a -> a.allocationId())
                .containsExactlyInAnyOrder(first.allocationId(), second.allocationId());
        var paged = gw.client().describeAddressesAttribute(r -> r.attribute("domain-name").maxResults(1));
        assertThat(paged.addresses()).hasSize(1);
        assertThat(paged.nextToken()).isNotNull();

        assertThat(code(() -> gw.client().describeAddressesAttribute(r -> r.attribute("domain-name")
                .allocationIds("eipalloc-0123456789abcdef0")))).isEqualTo("InvalidAllocationID.NotFound");
        assertThat(code(() -> gw.client().describeAddressesAttribute(r -> r.attribute("colour"))))
                .isEqualTo("InvalidParameterValue");
        assertThat(code(() -> gw.client().describeAddressesAttribute(r -> r.allocationIds(first.allocationId()))))
                .isEqualTo("MissingParameter");
    }
}
