package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.SecurityGroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceStatus;
import software.amazon.awssdk.services.ec2.model.ResourceType;

class NetworkInterfaceActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Subnet defaultSubnet(String zone) {
        return gw.cloud().require(Networks.class)
                .subnets().stream().filter(s -> s.defaultForZone() && zone.equals(s.zone())).findFirst()
                .orElseThrow();
    }

    private SecurityGroup defaultGroup(String vpcId) {
        return gw.cloud().require(SecurityGroups.class).securityGroups().stream()
                .filter(g -> vpcId.equals(g.networkId()) && "default".equals(g.name())).findFirst().orElseThrow();
    }

    private NetworkInterface create(Subnet subnet, String description, String... tagKeyValues) {
        return gw.client().createNetworkInterface(r -> r.subnetId(subnet.id()).description(description)
                .tagSpecifications(tags(ResourceType.NETWORK_INTERFACE, tagKeyValues))).networkInterface();
    }

    /** Interfaces the tests made, leaving out the primary interfaces of launched instances. */
    private List<String> idsMatching(Filter... filters) {
        return gw.client().describeNetworkInterfaces(r -> r.filters(filters)).networkInterfaces().stream()
                .map(NetworkInterface::networkInterfaceId).toList();
    }

    @Test
    void createAnswersACompleteInterface() {
        Subnet subnet = defaultSubnet("us-east-1a");
        SecurityGroup group = defaultGroup(subnet.networkId());
        String fixedIp = subnet.cidr().substring(0, subnet.cidr().lastIndexOf('.')) + ".77";

        NetworkInterface eni = gw.client().createNetworkInterface(r -> r.subnetId(subnet.id())
                .privateIpAddress(fixedIp).groups(group.id()).description("db nic")
                .tagSpecifications(tags(ResourceType.NETWORK_INTERFACE, "Name", "db"))).networkInterface();

        assertThat(eni.networkInterfaceId()).matches("eni-[0-9a-f]{17}");
        assertThat(eni.subnetId()).isEqualTo(subnet.id());
        assertThat(eni.vpcId()).isEqualTo(subnet.networkId());
        assertThat(eni.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(eni.privateIpAddress()).isEqualTo(fixedIp);
        assertThat(eni.privateDnsName()).isEqualTo("ip-" + fixedIp.replace('.', '-') + ".ec2.internal");
        assertThat(eni.privateIpAddresses()).singleElement().satisfies(p -> {
            assertThat(p.primary()).isTrue();
            assertThat(p.privateIpAddress()).isEqualTo(fixedIp);
        });
        assertThat(eni.groups()).extracting(GroupIdentifier::groupId, GroupIdentifier::groupName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(group.id(), "default"));
        assertThat(eni.interfaceTypeAsString()).isEqualTo("interface");
        assertThat(eni.macAddress()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(eni.requesterManaged()).isFalse();
        assertThat(eni.sourceDestCheck()).isTrue();
        assertThat(eni.status()).isEqualTo(NetworkInterfaceStatus.AVAILABLE);
        assertThat(eni.ownerId()).isEqualTo(gw.account());
        assertThat(eni.description()).isEqualTo("db nic");
        assertThat(eni.attachment()).isNull();
        assertThat(eni.tagSet()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("db"));

        NetworkInterface described = gw.client().describeNetworkInterfaces(r -> r.networkInterfaceIds(
                eni.networkInterfaceId())).networkInterfaces().get(0);
        assertThat(described).isEqualTo(eni);
        assertThat(gw.lastBody()).contains("<ipv6AddressesSet/>").contains("<privateIpAddressesSet>");
    }

    @Test
    void createRefusesBadSubnetsGroupsAndAddresses() {
        Subnet subnet = defaultSubnet("us-east-1a");
        assertThat(code(() -> gw.client().createNetworkInterface(r -> r.subnetId("subnet-0123456789abcdef0"))))
                .isEqualTo("InvalidSubnetID.NotFound");
        assertThat(code(() -> gw.client().createNetworkInterface(r -> r.subnetId("net-1"))))
                .isEqualTo("InvalidSubnetID.Malformed");
        assertThat(code(() -> gw.client().createNetworkInterface(r -> r.subnetId(subnet.id())
                .groups("sg-0123456789abcdef0")))).isEqualTo("InvalidGroup.NotFound");
        assertThat(code(() -> gw.client().createNetworkInterface(r -> r.subnetId(subnet.id())
                .privateIpAddress("10.0.0.300")))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> gw.client().createNetworkInterface(r -> r.subnetId(subnet.id())
                .secondaryPrivateIpAddressCount(2)))).isEqualTo("UnsupportedOperation");
        assertThat(code(() -> gw.client().createNetworkInterface(r -> r.subnetId(subnet.id())
                .tagSpecifications(tags(ResourceType.VOLUME, "a", "b"))))).isEqualTo("InvalidParameterValue");
        assertThat(gw.client().describeNetworkInterfaces(r -> r.filters(filter("subnet-id", subnet.id())))
                .networkInterfaces()).isEmpty();
    }

    @Test
    void attachDetachByAttachmentIdAndDelete() {
        Instance instance = gw.launch("us-east-1a");
        String eni = create(defaultSubnet("us-east-1a"), "second nic").networkInterfaceId();

        String attachmentId = gw.client().attachNetworkInterface(r -> r.networkInterfaceId(eni)
                .instanceId(instance.id()).deviceIndex(1)).attachmentId();
        assertThat(attachmentId).matches("eni-attach-[0-9a-f]{17}");

        NetworkInterface attached = gw.client().describeNetworkInterfaces(r -> r.networkInterfaceIds(eni))
                .networkInterfaces().get(0);
        assertThat(attached.status()).isEqualTo(NetworkInterfaceStatus.IN_USE);
        assertThat(attached.attachment().attachmentId()).isEqualTo(attachmentId);
        assertThat(attached.attachment().instanceId()).isEqualTo(instance.id());
        assertThat(attached.attachment().deviceIndex()).isEqualTo(1);
        assertThat(attached.attachment().instanceOwnerId()).isEqualTo(gw.account());
        assertThat(attached.attachment().attachTime()).isNotNull();
        assertThat(idsMatching(filter("attachment.attachment-id", attachmentId))).containsExactly(eni);
        assertThat(idsMatching(filter("attachment.instance-id", instance.id()), filter("attachment.device-index", "1")))
                .containsExactly(eni);
        assertThat(idsMatching(filter("attachment.instance-id", instance.id()))).hasSize(2);

        assertThat(code(() -> gw.client().deleteNetworkInterface(r -> r.networkInterfaceId(eni))))
                .isEqualTo("InvalidNetworkInterface.InUse");
        assertThat(code(() -> gw.client().attachNetworkInterface(r -> r.networkInterfaceId(eni)
                .instanceId(instance.id()).deviceIndex(2)))).isEqualTo("InvalidNetworkInterface.InUse");
        assertThat(code(() -> gw.client().detachNetworkInterface(r -> r.attachmentId("eni-attach-0123456789abcdef0"))))
                .isEqualTo("InvalidAttachmentID.NotFound");
        assertThat(code(() -> gw.client().detachNetworkInterface(r -> r.attachmentId(eni))))
                .isEqualTo("InvalidAttachmentID.Malformed");
        assertThat(code(() -> gw.client().detachNetworkInterface(r -> r.attachmentId(attachmentId).dryRun(true))))
                .isEqualTo("DryRunOperation");

        gw.client().detachNetworkInterface(r -> r.attachmentId(attachmentId));
        NetworkInterface detached = gw.client().describeNetworkInterfaces(r -> r.networkInterfaceIds(eni))
                .networkInterfaces().get(0);
        assertThat(detached.status()).isEqualTo(NetworkInterfaceStatus.AVAILABLE);
        assertThat(detached.attachment()).isNull();
        assertThat(code(() -> gw.client().detachNetworkInterface(r -> r.attachmentId(attachmentId))))
                .isEqualTo("InvalidAttachmentID.NotFound");

        gw.client().deleteNetworkInterface(r -> r.networkInterfaceId(eni));
        assertThat(code(() -> gw.client().describeNetworkInterfaces(r -> r.networkInterfaceIds(eni))))
                .isEqualTo("InvalidNetworkInterfaceID.NotFound");
    }

    @Test
    void describeFailsForMalformedUnknownAndPagedIds() {
        String eni = create(defaultSubnet("us-east-1a"), "x").networkInterfaceId();
        assertThat(code(() -> gw.client().describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-?"))))
                .isEqualTo("InvalidNetworkInterfaceID.Malformed");
        Ec2Exception unknown = ec2Error(() -> gw.client().describeNetworkInterfaces(r -> r.networkInterfaceIds(eni,
                "eni-0123456789abcdef0")));
        assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidNetworkInterfaceID.NotFound");
        assertThat(unknown.awsErrorDetails().errorMessage()).contains("eni-0123456789abcdef0");
        assertThat(code(() -> gw.client().describeNetworkInterfaces(r -> r.networkInterfaceIds(eni).maxResults(5))))
                .isEqualTo("InvalidParameterCombination");
        assertThat(code(() -> gw.client().describeNetworkInterfaces(r -> r.maxResults(2))))
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void filtersCombineAsEc2Says() {
        Subnet a = defaultSubnet("us-east-1a");
        Subnet b = defaultSubnet("us-east-1b");
        SecurityGroup extra = gw.cloud().require(SecurityGroups.class)
                .createSecurityGroup(new SecurityGroupSpec(a.networkId(), "extra", "extra",
                Map.of()));
        NetworkInterface one = create(a, "frontend one", "tier", "web");
        NetworkInterface two = create(b, "frontend two", "tier", "web", "Name", "two");
        String three = gw.client().createNetworkInterface(r -> r.subnetId(a.id()).groups(extra.id())
                .description("backend")).networkInterface().networkInterfaceId();
        String id1 = one.networkInterfaceId();
        String id2 = two.networkInterfaceId();

        assertThat(idsMatching(filter("subnet-id", a.id(), b.id()))).containsExactlyInAnyOrder(id1, id2, three);
        assertThat(idsMatching(filter("availability-zone", "us-east-1a"), filter("description", "frontend*")))
                .containsExactly(id1);
        assertThat(idsMatching(filter("vpc-id", a.networkId()), filter("group-id", extra.id()))).containsExactly(three);
        assertThat(idsMatching(filter("group-name", "default"), filter("status", "available")))
                .containsExactlyInAnyOrder(id1, id2);
        assertThat(idsMatching(filter("private-ip-address", one.privateIpAddress()))).containsExactly(id1);
        assertThat(idsMatching(filter("addresses.private-ip-address", two.privateIpAddress(), one.privateIpAddress())))
                .containsExactlyInAnyOrder(id1, id2);
        assertThat(idsMatching(filter("mac-address", two.macAddress()))).containsExactly(id2);
        assertThat(idsMatching(filter("tag:tier", "web"), filter("tag:Name", "t?o"))).containsExactly(id2);
        assertThat(idsMatching(filter("tag-key", "tier"))).containsExactlyInAnyOrder(id1, id2);
        assertThat(idsMatching(filter("tag-value", "two"))).containsExactly(id2);
        assertThat(idsMatching(filter("network-interface-id", id1, three))).containsExactlyInAnyOrder(id1, three);
        assertThat(idsMatching(filter("owner-id", gw.account()), filter("interface-type", "interface")))
                .containsExactlyInAnyOrder(id1, id2, three);
        assertThat(idsMatching(filter("description", "nothing*"))).isEmpty();
    }

    @Test
    void pagesWalkEveryInterfaceOnce() {
        Subnet subnet = defaultSubnet("us-east-1c");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            made.add(create(subnet, "nic " + i).networkInterfaceId());
        }
        List<Integer> sizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        gw.client().describeNetworkInterfacesPaginator(r -> r.maxResults(5).filters(filter("subnet-id", subnet.id())))
                .forEach(page -> {
                    sizes.add(page.networkInterfaces().size());
                    page.networkInterfaces().forEach(n -> seen.add(n.networkInterfaceId()));
                });
        assertThat(sizes).containsExactly(5, 3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(made).doesNotHaveDuplicates();
    }

    @Test
    void dryRunAndIsolation() {
        Subnet subnet = defaultSubnet("us-east-1a");
        Ec2Exception dry = ec2Error(() -> gw.client().createNetworkInterface(r -> r.subnetId(subnet.id()).dryRun(true)));
        assertThat(dry.statusCode()).isEqualTo(412);
        assertThat(dry.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
        assertThat(idsMatching(filter("subnet-id", subnet.id()))).isEmpty();

        String eni = create(subnet, "mine").networkInterfaceId();
        assertThat(code(() -> gw.client().deleteNetworkInterface(r -> r.networkInterfaceId(eni).dryRun(true))))
                .isEqualTo("DryRunOperation");
        assertThat(idsMatching(filter("subnet-id", subnet.id()))).containsExactly(eni);

        assertThat(gw.otherAccount().describeNetworkInterfaces().networkInterfaces())
                .extracting(NetworkInterface::networkInterfaceId).doesNotContain(eni);
        assertThat(code(() -> gw.otherAccount().describeNetworkInterfaces(r -> r.networkInterfaceIds(eni))))
                .isEqualTo("InvalidNetworkInterfaceID.NotFound");
        assertThat(code(() -> gw.otherAccount().deleteNetworkInterface(r -> r.networkInterfaceId(eni))))
                .isEqualTo("InvalidNetworkInterfaceID.NotFound");
        assertThat(code(() -> gw.otherAccount().createNetworkInterface(r -> r.subnetId(subnet.id()))))
                .isEqualTo("InvalidSubnetID.NotFound");
    }
}
