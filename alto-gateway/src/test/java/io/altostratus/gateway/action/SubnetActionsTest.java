package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.spi.ProviderContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HostnameType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

class SubnetActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String vpcId;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void vpc() {
        vpcId = ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    }

    private Subnet subnet(String cidr, String zone, Map<String, String> tags) {
        return ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone(zone)
                .tagSpecifications(tags(ResourceType.SUBNET, tags))).subnet();
    }

    @Test
    void createSubnetAnswersEveryFieldClientsRead() {
        Subnet created = subnet("10.0.1.0/24", "us-east-1b", Map.of("Name", "app"));
        AvailabilityZone zone = ec2().describeAvailabilityZones(r -> r.zoneNames("us-east-1b"))
                .availabilityZones().get(0);

        assertThat(created.subnetId()).matches("subnet-[0-9a-f]{17}");
        assertThat(created.vpcId()).isEqualTo(vpcId);
        assertThat(created.cidrBlock()).isEqualTo("10.0.1.0/24");
        assertThat(created.availabilityZone()).isEqualTo("us-east-1b");
        assertThat(created.availabilityZoneId()).isEqualTo(zone.zoneId());
        // A /24 has 256 addresses; EC2 keeps 5 of them.
        assertThat(created.availableIpAddressCount()).isEqualTo(251);
        assertThat(created.stateAsString()).isEqualTo("available");
        assertThat(created.ownerId()).isEqualTo(ProviderContext.DEFAULT_ACCOUNT);
        assertThat(created.subnetArn()).isEqualTo("arn:aws:ec2:us-east-1:" + ProviderContext.DEFAULT_ACCOUNT
                + ":subnet/" + created.subnetId());
        assertThat(created.mapPublicIpOnLaunch()).isFalse();
        assertThat(created.defaultForAz()).isFalse();
        assertThat(created.assignIpv6AddressOnCreation()).isFalse();
        assertThat(created.hasIpv6CidrBlockAssociationSet()).isTrue();
        assertThat(created.ipv6CidrBlockAssociationSet()).isEmpty();
        assertThat(created.enableDns64()).isFalse();
        assertThat(created.ipv6Native()).isFalse();
        assertThat(created.mapCustomerOwnedIpOnLaunch()).isFalse();
        assertThat(created.privateDnsNameOptionsOnLaunch().hostnameType()).isEqualTo(HostnameType.IP_NAME);
        assertThat(created.tags()).containsExactly(Tag.builder().key("Name").value("app").build());

        assertThat(ec2().describeSubnets(r -> r.subnetIds(created.subnetId())).subnets())
                .containsExactly(created);
    }

    @Test
    void zoneByIdOrChosenByTheBackend() {
        AvailabilityZone zone = ec2().describeAvailabilityZones(r -> r.zoneNames("us-east-1c"))
                .availabilityZones().get(0);

        Subnet byId = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.2.0/24")
                .availabilityZoneId(zone.zoneId())).subnet();
        Subnet chosen = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.3.0/24")).subnet();

        assertThat(byId.availabilityZone()).isEqualTo("us-east-1c");
        assertThat(chosen.availabilityZone()).startsWith("us-east-1");
        ec2Error(() -> ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.4.0/24")
                .availabilityZone("us-east-1b").availabilityZoneId(zone.zoneId())), "InvalidParameterCombination");
        ec2Error(() -> ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.4.0/24")
                .availabilityZone("eu-west-1a")), "InvalidParameterValue");
    }

    @Test
    void badBlocksAndUnknownVpcsAreRefused() {
        subnet("10.0.1.0/24", "us-east-1a", Map.of());

        ec2Error(() -> ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.1.0.0/24")), "InvalidSubnet.Range");
        ec2Error(() -> ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.0.0/29")), "InvalidSubnet.Range");
        ec2Error(() -> ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.128/25")),
                "InvalidSubnet.Conflict");
        ec2Error(() -> ec2().createSubnet(r -> r.vpcId("vpc-0123456789abcdef0").cidrBlock("10.0.9.0/24")),
                "InvalidVpcID.NotFound");
        ec2Error(() -> ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.9.0")), "InvalidParameterValue");
    }

    @Test
    void filtersMatchLikeEc2() {
        Subnet a = subnet("10.0.1.0/24", "us-east-1a", Map.of("tier", "web"));
        Subnet b = subnet("10.0.2.0/24", "us-east-1b", Map.of("tier", "db"));
        Subnet c = subnet("10.0.3.0/28", "us-east-1b", Map.of());

        assertThat(ids(filter("vpc-id", vpcId))).containsExactlyInAnyOrder(a.subnetId(), b.subnetId(), c.subnetId());
        assertThat(ids(filter("vpc-id", vpcId), filter("availability-zone", "us-east-1b")))
                .containsExactlyInAnyOrder(b.subnetId(), c.subnetId());
        assertThat(ids(filter("cidr-block", "10.0.1.0/24", "10.0.3.0/28")))
                .containsExactlyInAnyOrder(a.subnetId(), c.subnetId());
        assertThat(ids(filter("cidr", "10.0.?.0/24"))).containsExactlyInAnyOrder(a.subnetId(), b.subnetId());
        assertThat(ids(filter("tag:tier", "w*"))).containsExactly(a.subnetId());
        assertThat(ids(filter("tag-key", "tier"), filter("availability-zone-id", b.availabilityZoneId())))
                .containsExactly(b.subnetId());
        assertThat(ids(filter("available-ip-address-count", "11"))).containsExactly(c.subnetId());
        assertThat(ids(filter("subnet-id", a.subnetId(), c.subnetId()), filter("state", "available")))
                .containsExactlyInAnyOrder(a.subnetId(), c.subnetId());

        List<Subnet> defaults = ec2().describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets();
        assertThat(defaults).isNotEmpty().allSatisfy(s -> {
            assertThat(s.defaultForAz()).isTrue();
            assertThat(s.mapPublicIpOnLaunch()).isTrue();
            assertThat(s.cidrBlock()).startsWith("172.31.");
        });
        assertThat(ec2().describeSubnets(r -> r.filters(filter("defaultForAz", "true"))).subnets())
                .containsExactlyElementsOf(defaults);
        assertThat(ids(filter("map-public-ip-on-launch", "true"), filter("vpc-id", vpcId))).isEmpty();
    }

    private List<String> ids(Filter... filters) {
        return ec2().describeSubnets(r -> r.filters(filters)).subnets().stream().map(Subnet::subnetId).toList();
    }

    @Test
    void mapPublicIpOnLaunchIsTheOneAttributeChanged() {
        Subnet s = subnet("10.0.1.0/24", "us-east-1a", Map.of());

        ec2().modifySubnetAttribute(r -> r.subnetId(s.subnetId()).mapPublicIpOnLaunch(on(true)));
        assertThat(ec2().describeSubnets(r -> r.subnetIds(s.subnetId())).subnets().get(0).mapPublicIpOnLaunch())
                .isTrue();
        assertThat(ids(filter("map-public-ip-on-launch", "true"), filter("vpc-id", vpcId)))
                .containsExactly(s.subnetId());

        // Turning IPv6 off is always accepted; on needs the subnet to have an IPv6 block (see VpcCidrActionsTest).
        ec2().modifySubnetAttribute(r -> r.subnetId(s.subnetId()).assignIpv6AddressOnCreation(on(false)));
        ec2Error(() -> ec2().modifySubnetAttribute(r -> r.subnetId(s.subnetId())
                .assignIpv6AddressOnCreation(on(true))), "InvalidParameterValue");
        ec2Error(() -> ec2().modifySubnetAttribute(r -> r.subnetId(s.subnetId()).mapPublicIpOnLaunch(on(false))
                .enableDns64(on(false))), "InvalidParameterCombination");
        ec2Error(() -> ec2().modifySubnetAttribute(r -> r.subnetId("subnet-0123456789abcdef0")
                .mapPublicIpOnLaunch(on(true))), "InvalidSubnetID.NotFound");
    }

    private static AttributeBooleanValue on(boolean value) {
        return AttributeBooleanValue.builder().value(value).build();
    }

    @Test
    void deleteSubnetAndDryRun() {
        Subnet s = subnet("10.0.1.0/24", "us-east-1a", Map.of());

        assertDryRun(() -> ec2().deleteSubnet(r -> r.subnetId(s.subnetId()).dryRun(true)));
        assertDryRun(() -> ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.2.0/24").dryRun(true)));
        ec2Error(() -> ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.9.0.0/24").dryRun(true)),
                "InvalidSubnet.Range");
        assertThat(ids(filter("vpc-id", vpcId))).containsExactly(s.subnetId());

        ec2().deleteSubnet(r -> r.subnetId(s.subnetId()));
        ec2Error(() -> ec2().describeSubnets(r -> r.subnetIds(s.subnetId())), "InvalidSubnetID.NotFound");
        ec2Error(() -> ec2().deleteSubnet(r -> r.subnetId(s.subnetId())), "InvalidSubnetID.NotFound");
    }

    @Test
    void paginatorWalksEverySubnet() {
        for (int i = 1; i <= 7; i++) {
            int n = i;
            ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0." + n + ".0/24"));
        }
        List<Subnet> all = ec2().describeSubnets().subnets();

        List<Subnet> walked = ec2().describeSubnetsPaginator(r -> r.maxResults(5)).subnets().stream().toList();
        long pages = ec2().describeSubnetsPaginator(r -> r.maxResults(5)).stream().count();

        assertThat(all.size()).isGreaterThan(7);
        assertThat(walked).containsExactlyElementsOf(all);
        assertThat(pages).isEqualTo((all.size() + 4) / 5);
        ec2Error(() -> ec2().describeSubnets(r -> r.maxResults(2)), "InvalidParameterValue");
    }

    @Test
    void anotherAccountCannotSeeOrDeleteTheSubnet() {
        Subnet s = subnet("10.0.1.0/24", "us-east-1a", Map.of());
        Ec2Client other = gw.otherAccount();

        assertThat(other.describeSubnets().subnets()).extracting(Subnet::subnetId).doesNotContain(s.subnetId());
        ec2Error(() -> other.describeSubnets(r -> r.subnetIds(s.subnetId())), "InvalidSubnetID.NotFound");
        ec2Error(() -> other.deleteSubnet(r -> r.subnetId(s.subnetId())), "InvalidSubnetID.NotFound");
        ec2Error(() -> other.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.2.0/24")),
                "InvalidVpcID.NotFound");
    }
}
