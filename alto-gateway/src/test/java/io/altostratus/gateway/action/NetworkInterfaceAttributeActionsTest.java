package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AssignedPrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttribute;

/** Secondary private and IPv6 addresses, and interface attributes, through the SDK. */
class NetworkInterfaceAttributeActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String vpcId;
    private String subnetId;
    private String eniId;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void network() {
        vpcId = ec2().createVpc(r -> r.cidrBlock("10.50.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc().vpcId();
        subnetId = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.50.1.0/28")).subnet().subnetId();
        eniId = ec2().createNetworkInterface(r -> r.subnetId(subnetId).description("first"))
                .networkInterface().networkInterfaceId();
    }

    private int freeAddresses() {
        return ec2().describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0).availableIpAddressCount();
    }

    @Test
    void secondaryPrivateAddressesAreLeasedFromTheSubnet() {
        int free = freeAddresses();
        var assigned = ec2().assignPrivateIpAddresses(r -> r.networkInterfaceId(eniId)
                .secondaryPrivateIpAddressCount(2));
        assertThat(assigned.networkInterfaceId()).isEqualTo(eniId);
        List<String> ips = assigned.assignedPrivateIpAddresses().stream()
                .map(AssignedPrivateIpAddress::privateIpAddress).toList();
        assertThat(ips).hasSize(2).allSatisfy(ip -> assertThat(ip).startsWith("10.50.1."));
        assertThat(freeAddresses()).isEqualTo(free - 2);
        // DescribeNetworkInterfaces shows them beside the primary address.
        assertThat(ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(eniId)).networkInterfaces().get(0)
                .privateIpAddresses()).extracting(p -> p.privateIpAddress() + "/" + p.primary())
                .containsAll(ips.stream().map(ip -> ip + "/false").toList()).hasSize(3);

        // A named address that another interface holds as a secondary one moves only when reassignment is allowed.
        String other = ec2().createNetworkInterface(r -> r.subnetId(subnetId)).networkInterface().networkInterfaceId();
        ec2Error(() -> ec2().assignPrivateIpAddresses(r -> r.networkInterfaceId(other)
                .privateIpAddresses(ips.get(0))), "InvalidIPAddress.InUse");
        ec2().assignPrivateIpAddresses(r -> r.networkInterfaceId(other).privateIpAddresses(ips.get(0))
                .allowReassignment(true));
        ec2Error(() -> ec2().assignPrivateIpAddresses(r -> r.networkInterfaceId(eniId)
                .privateIpAddresses("10.50.2.9")), "InvalidParameterValue");
        ec2Error(() -> ec2().assignPrivateIpAddresses(r -> r.networkInterfaceId(eniId)
                .privateIpAddresses("10.50.1.9").secondaryPrivateIpAddressCount(1)), "InvalidParameterCombination");
        ec2Error(() -> ec2().assignPrivateIpAddresses(r -> r.networkInterfaceId("eni-0123456789abcdef0")
                .secondaryPrivateIpAddressCount(1)), "InvalidNetworkInterfaceID.NotFound");

        ec2Error(() -> ec2().unassignPrivateIpAddresses(r -> r.networkInterfaceId(eniId)
                .privateIpAddresses(ips.get(0))), "InvalidParameterValue");
        ec2().unassignPrivateIpAddresses(r -> r.networkInterfaceId(eniId).privateIpAddresses(ips.get(1)));
        ec2().unassignPrivateIpAddresses(r -> r.networkInterfaceId(other).privateIpAddresses(ips.get(0)));
        assertThat(freeAddresses()).isEqualTo(free - 1);
        // A /28 has 11 usable addresses: asking for more than remain fails without taking any.
        ec2Error(() -> ec2().assignPrivateIpAddresses(r -> r.networkInterfaceId(eniId)
                .secondaryPrivateIpAddressCount(20)), "InsufficientFreeAddressesInSubnet");
        assertThat(freeAddresses()).isEqualTo(free - 1);
    }

    @Test
    void ipv6AddressesComeFromTheSubnetsBlock() {
        ec2Error(() -> ec2().assignIpv6Addresses(r -> r.networkInterfaceId(eniId).ipv6AddressCount(1)),
                "InvalidParameterValue");
        String v56 = ec2().describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0).ipv6CidrBlockAssociationSet().get(0)
                .ipv6CidrBlock();
        String v64 = VpcCidrActionsTest.slash64(v56, 3);
        ec2().associateSubnetCidrBlock(r -> r.subnetId(subnetId).ipv6CidrBlock(v64));
        var assigned = ec2().assignIpv6Addresses(r -> r.networkInterfaceId(eniId).ipv6AddressCount(2));
        assertThat(assigned.assignedIpv6Addresses()).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(a -> assertThat(a).startsWith(v64.substring(0, v64.indexOf("::"))));
        String named = v64.replace("::/64", "::abcd");
        assertThat(ec2().assignIpv6Addresses(r -> r.networkInterfaceId(eniId).ipv6Addresses(named))
                .assignedIpv6Addresses()).containsExactly(named);
        ec2Error(() -> ec2().assignIpv6Addresses(r -> r.networkInterfaceId(eniId).ipv6Addresses("2001:db8::1")),
                "InvalidParameterValue");

        // The subnet's block cannot go while an interface holds one of its addresses.
        String association = ec2().describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0)
                .ipv6CidrBlockAssociationSet().get(0).associationId();
        ec2Error(() -> ec2().disassociateSubnetCidrBlock(r -> r.associationId(association)), "DependencyViolation");
        var unassigned = ec2().unassignIpv6Addresses(r -> r.networkInterfaceId(eniId)
                .ipv6Addresses(assigned.assignedIpv6Addresses().get(0), named));
        assertThat(unassigned.unassignedIpv6Addresses())
                .containsExactlyInAnyOrder(assigned.assignedIpv6Addresses().get(0), named);
        ec2Error(() -> ec2().unassignIpv6Addresses(r -> r.networkInterfaceId(eniId).ipv6Addresses(named)),
                "InvalidParameterValue");
    }

    @Test
    void attributesAreDescribedModifiedAndReset() {
        assertThat(describe(NetworkInterfaceAttribute.DESCRIPTION).description().value()).isEqualTo("first");
        assertThat(describe(NetworkInterfaceAttribute.SOURCE_DEST_CHECK).sourceDestCheck().value()).isTrue();

        ec2().modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniId).description(d -> d.value("second")));
        ec2().modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniId).sourceDestCheck(b -> b.value(false)));
        String group = ec2().createSecurityGroup(r -> r.vpcId(vpcId).groupName("web").description("web"))
                .groupId();
        ec2().modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniId).groups(group));

        assertThat(describe(NetworkInterfaceAttribute.DESCRIPTION).description().value()).isEqualTo("second");
        assertThat(describe(NetworkInterfaceAttribute.SOURCE_DEST_CHECK).sourceDestCheck().value()).isFalse();
        assertThat(describe(NetworkInterfaceAttribute.GROUP_SET).groups()).extracting(GroupIdentifier::groupId)
                .containsExactly(group);
        assertThat(ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(eniId)).networkInterfaces().get(0)
                .description()).isEqualTo("second");

        ec2().resetNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniId).sourceDestCheck("true"));
        assertThat(describe(NetworkInterfaceAttribute.SOURCE_DEST_CHECK).sourceDestCheck().value()).isTrue();

        ec2Error(() -> ec2().modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniId)
                .description(d -> d.value("x")).sourceDestCheck(b -> b.value(true))), "InvalidParameterCombination");
        String otherVpc = ec2().createVpc(r -> r.cidrBlock("10.51.0.0/16")).vpc().vpcId();
        String foreign = ec2().createSecurityGroup(r -> r.vpcId(otherVpc).groupName("x").description("x"))
                .groupId();
        ec2Error(() -> ec2().modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniId).groups(foreign)),
                "InvalidGroup.NotFound");
        ec2Error(() -> ec2().modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniId).groups("sg-nope")),
                "InvalidGroupId.Malformed");
        ec2Error(() -> ec2().describeNetworkInterfaceAttribute(r -> r.networkInterfaceId("eni-0123456789abcdef0")
                .attribute(NetworkInterfaceAttribute.DESCRIPTION)), "InvalidNetworkInterfaceID.NotFound");
        assertDryRun(() -> ec2().modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniId)
                .description(d -> d.value("dry")).dryRun(true)));
        assertThat(describe(NetworkInterfaceAttribute.DESCRIPTION).description().value()).isEqualTo("second");
    }

    private software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfaceAttributeResponse describe(
            NetworkInterfaceAttribute attribute) {
        return ec2().describeNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniId).attribute(attribute));
    }
}
