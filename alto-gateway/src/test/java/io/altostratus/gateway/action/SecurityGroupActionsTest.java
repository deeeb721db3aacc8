package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.altostratus.core.spi.ProviderContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Vpc;

class SecurityGroupActionsTest {
    private static final String ACCOUNT = ProviderContext.DEFAULT_ACCOUNT;

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private String defaultVpc() {
        return ec2().describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
    }

    private String group(String name, String vpcId) {
        return ec2().createSecurityGroup(r -> r.groupName(name).description("for " + name).vpcId(vpcId)).groupId();
    }

    private SecurityGroup describe(String groupId) {
        return ec2().describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
    }

    private static IpPermission tcp(int port, String... cidrs) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(java.util.Arrays.stream(cidrs).map(c -> IpRange.builder().cidrIp(c).build()).toList())
                .build();
    }

    @Test
    void aNewGroupHasAwsDefaultEgressRuleAndEveryListField() {
        var created = ec2().createSecurityGroup(r -> r.groupName("web").description("web servers")
                .tagSpecifications(tags(ResourceType.SECURITY_GROUP, Map.of("team", "a"))));

        assertThat(created.groupId()).matches("sg-[0-9a-f]{17}");
        assertThat(created.securityGroupArn()).isEqualTo("arn:aws:ec2:us-east-1:" + ACCOUNT + ":security-group/"
                + created.groupId());
        assertThat(created.tags()).containsExactly(Tag.builder().key("team").value("a").build());

        SecurityGroup group = describe(created.groupId());
        assertThat(group.groupName()).isEqualTo("web");
        assertThat(group.description()).isEqualTo("web servers");
        assertThat(group.vpcId()).isEqualTo(defaultVpc());
        assertThat(group.ownerId()).isEqualTo(ACCOUNT);
        assertThat(group.securityGroupArn()).isEqualTo(created.securityGroupArn());
        assertThat(group.hasIpPermissions()).isTrue();
        assertThat(group.ipPermissions()).isEmpty();
        assertThat(group.ipPermissionsEgress()).singleElement().satisfies(p -> {
            assertThat(p.ipProtocol()).isEqualTo("-1");
            assertThat(p.fromPort()).isNull();
            assertThat(p.toPort()).isNull();
            assertThat(p.ipRanges()).extracting(IpRange::cidrIp).containsExactly("0.0.0.0/0");
            assertThat(p.hasIpv6Ranges()).isTrue();
            assertThat(p.hasUserIdGroupPairs()).isTrue();
            assertThat(p.hasPrefixListIds()).isTrue();
        });
    }

    @Test
    void createErrors() {
        String vpc = ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        group("app", vpc);

        ec2Error(() -> ec2().createSecurityGroup(r -> r.groupName("app").description("again").vpcId(vpc)),
                "InvalidGroup.Duplicate");
        ec2Error(() -> ec2().createSecurityGroup(r -> r.groupName("nodesc")), "MissingParameter");
        ec2Error(() -> ec2().createSecurityGroup(r -> r.groupName("sg-bad").description("d")),
                "InvalidParameterValue");
        ec2Error(() -> ec2().createSecurityGroup(r -> r.groupName("x").description("d")
                .vpcId("vpc-0123456789abcdef0")), "InvalidVpcID.NotFound");
        assertDryRun(() -> ec2().createSecurityGroup(r -> r.groupName("dry").description("d").vpcId(vpc)
                .dryRun(true)));
        ec2Error(() -> ec2().createSecurityGroup(r -> r.groupName("app").description("d").vpcId(vpc)
                .dryRun(true)), "InvalidGroup.Duplicate");
        // The same name in another VPC is a different group.
        assertThat(group("app", defaultVpc())).startsWith("sg-");
        assertThat(ec2().describeSecurityGroups(r -> r.filters(filter("group-name", "dry"))).securityGroups())
                .isEmpty();
    }

    @Test
    void ingressRulesComeBackGroupedByProtocolAndPortsWithPerPeerDescriptions() {
        String vpc = ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String sg = group("web", vpc);

        var authorized = ec2().authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(
                IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(
                        IpRange.builder().cidrIp("10.0.0.0/8").description("office").build(),
                        IpRange.builder().cidrIp("192.168.0.0/16").description("vpn").build()).build(),
                IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                        .userIdGroupPairs(UserIdGroupPair.builder().groupId(sg).build())
                        .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build()).build()));

        assertThat(authorized.returnValue()).isTrue();
        assertThat(authorized.securityGroupRules()).hasSize(4).allSatisfy(rule -> {
            assertThat(rule.securityGroupRuleId()).matches("sgr-[0-9a-f]{17}");
            assertThat(rule.groupId()).isEqualTo(sg);
            assertThat(rule.isEgress()).isFalse();
            assertThat(rule.groupOwnerId()).isEqualTo(ACCOUNT);
        });
        assertThat(authorized.securityGroupRules()).extracting(SecurityGroupRule::cidrIpv4,
                SecurityGroupRule::description).contains(tuple("10.0.0.0/8", "office"), tuple("192.168.0.0/16", "vpn"));

        List<IpPermission> ingress = describe(sg).ipPermissions();
        assertThat(ingress).hasSize(2);
        assertThat(ingress).filteredOn(p -> p.fromPort() == 22).singleElement().satisfies(p -> {
            assertThat(p.ipProtocol()).isEqualTo("tcp");
            assertThat(p.toPort()).isEqualTo(22);
            assertThat(p.ipRanges()).extracting(IpRange::cidrIp, IpRange::description)
                    .containsExactlyInAnyOrder(tuple("10.0.0.0/8", "office"), tuple("192.168.0.0/16", "vpn"));
            assertThat(p.userIdGroupPairs()).isEmpty();
        });
        assertThat(ingress).filteredOn(p -> p.fromPort() == 443).singleElement().satisfies(p -> {
            assertThat(p.userIdGroupPairs()).extracting(UserIdGroupPair::groupId, UserIdGroupPair::userId)
                    .containsExactly(tuple(sg, ACCOUNT));
            assertThat(p.ipv6Ranges()).extracting(Ipv6Range::cidrIpv6).containsExactly("::/0");
            assertThat(p.ipRanges()).isEmpty();
        });

        ec2Error(() -> ec2().authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(
                tcp(22, "10.0.0.0/8"))), "InvalidPermission.Duplicate");
        ec2Error(() -> ec2().authorizeSecurityGroupIngress(r -> r.groupId("sg-0123456789abcdef0")
                .ipPermissions(tcp(22, "10.0.0.0/8"))), "InvalidGroup.NotFound");
        ec2Error(() -> ec2().authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(
                IpPermission.builder().ipProtocol("tcp").fromPort(80).toPort(80)
                        .userIdGroupPairs(UserIdGroupPair.builder().groupId("sg-0123456789abcdef0").build())
                        .build())), "InvalidGroup.NotFound");
        ec2Error(() -> ec2().authorizeSecurityGroupIngress(r -> r.groupId(sg)), "MissingParameter");
        assertDryRun(() -> ec2().authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(tcp(80, "1.2.3.4/32"))
                .dryRun(true)));
        assertThat(describe(sg).ipPermissions()).hasSize(2);
    }

    @Test
    void theFlatFormAuthorizesOneRuleOrAllOfTcpUdpIcmpFromAGroup() {
        String sg = group("legacy", null);
        String peer = group("peer", null);

        ec2().authorizeSecurityGroupIngress(r -> r.groupName("legacy").ipProtocol("tcp").fromPort(80).toPort(80)
                .cidrIp("203.0.113.0/24"));
        var fromGroup = ec2().authorizeSecurityGroupIngress(r -> r.groupId(sg).sourceSecurityGroupName("peer"));

        assertThat(fromGroup.securityGroupRules()).extracting(SecurityGroupRule::ipProtocol,
                SecurityGroupRule::fromPort, SecurityGroupRule::toPort).containsExactlyInAnyOrder(
                tuple("tcp", 0, 65535), tuple("udp", 0, 65535), tuple("icmp", -1, -1));
        assertThat(fromGroup.securityGroupRules()).allSatisfy(rule ->
                assertThat(rule.referencedGroupInfo().groupId()).isEqualTo(peer));
        assertThat(describe(sg).ipPermissions()).extracting(IpPermission::ipProtocol, IpPermission::fromPort)
                .containsExactlyInAnyOrder(tuple("tcp", 80), tuple("tcp", 0), tuple("udp", 0), tuple("icmp", -1));
        ec2Error(() -> ec2().authorizeSecurityGroupIngress(r -> r.groupId(sg).cidrIp("1.2.3.4/32")
                .ipPermissions(tcp(22, "1.2.3.4/32"))), "InvalidParameterCombination");
        ec2Error(() -> ec2().authorizeSecurityGroupIngress(r -> r.groupName("nope").ipProtocol("tcp")
                .fromPort(1).toPort(1).cidrIp("1.2.3.4/32")), "InvalidGroup.NotFound");
    }

    @Test
    void revokeByPermissionOrByRuleIdAndEgressRules() {
        String sg = group("db", null);
        ec2().authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(tcp(5432, "10.0.0.0/8", "10.1.0.0/16")));

        var revoked = ec2().revokeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(tcp(5432, "10.1.0.0/16")));
        assertThat(revoked.returnValue()).isTrue();
        assertThat(revoked.revokedSecurityGroupRules()).singleElement().satisfies(rule -> {
            assertThat(rule.cidrIpv4()).isEqualTo("10.1.0.0/16");
            assertThat(rule.securityGroupRuleId()).startsWith("sgr-");
            assertThat(rule.isEgress()).isFalse();
        });
        assertThat(describe(sg).ipPermissions()).singleElement().satisfies(p ->
                assertThat(p.ipRanges()).extracting(IpRange::cidrIp).containsExactly("10.0.0.0/8"));
        ec2Error(() -> ec2().revokeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(
                tcp(5432, "10.1.0.0/16"))), "InvalidPermission.NotFound");

        String ruleId = rules(filter("group-id", sg)).stream().filter(rule -> !rule.isEgress()).findFirst()
                .orElseThrow().securityGroupRuleId();
        ec2Error(() -> ec2().revokeSecurityGroupEgress(r -> r.groupId(sg).securityGroupRuleIds(ruleId)),
                "InvalidSecurityGroupRuleId.NotFound");
        ec2().revokeSecurityGroupIngress(r -> r.groupId(sg).securityGroupRuleIds(ruleId));
        assertThat(describe(sg).ipPermissions()).isEmpty();
        ec2Error(() -> ec2().revokeSecurityGroupIngress(r -> r.groupId(sg).securityGroupRuleIds(ruleId)),
                "InvalidSecurityGroupRuleId.NotFound");

        ec2().revokeSecurityGroupEgress(r -> r.groupId(sg).ipPermissions(IpPermission.builder().ipProtocol("-1")
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        assertThat(describe(sg).ipPermissionsEgress()).isEmpty();
        var egress = ec2().authorizeSecurityGroupEgress(r -> r.groupId(sg).ipPermissions(tcp(443, "0.0.0.0/0")));
        assertThat(egress.securityGroupRules()).singleElement().satisfies(rule -> {
            assertThat(rule.isEgress()).isTrue();
            assertThat(rule.fromPort()).isEqualTo(443);
        });
        assertThat(describe(sg).ipPermissionsEgress()).extracting(IpPermission::fromPort).containsExactly(443);
        ec2Error(() -> ec2().authorizeSecurityGroupEgress(r -> r.groupId(sg).ipProtocol("tcp").fromPort(1)
                .toPort(1).cidrIp("1.2.3.4/32")), "InvalidParameterCombination");
        assertDryRun(() -> ec2().revokeSecurityGroupEgress(r -> r.groupId(sg).ipPermissions(tcp(443, "0.0.0.0/0"))
                .dryRun(true)));
        assertThat(describe(sg).ipPermissionsEgress()).hasSize(1);
    }

    private List<SecurityGroupRule> rules(Filter... filters) {
        return ec2().describeSecurityGroupRules(r -> r.filters(filters)).securityGroupRules();
    }

    @Test
    void describeSecurityGroupRulesByIdFilterAndPage() {
        String sg = group("api", null);
        var added = ec2().authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(
                tcp(80, "10.0.0.0/8"), tcp(81, "10.0.0.0/8"), tcp(82, "10.0.0.0/8"),
                IpPermission.builder().ipProtocol("udp").fromPort(53).toPort(53)
                        .userIdGroupPairs(UserIdGroupPair.builder().groupId(sg).description("dns").build()).build()))
                .securityGroupRules();
        String udp = added.stream().filter(r -> r.ipProtocol().equals("udp")).findFirst().orElseThrow()
                .securityGroupRuleId();

        SecurityGroupRule byId = ec2().describeSecurityGroupRules(r -> r.securityGroupRuleIds(udp))
                .securityGroupRules().get(0);
        assertThat(byId.groupId()).isEqualTo(sg);
        assertThat(byId.isEgress()).isFalse();
        assertThat(byId.fromPort()).isEqualTo(53);
        assertThat(byId.referencedGroupInfo().groupId()).isEqualTo(sg);
        assertThat(byId.referencedGroupInfo().userId()).isEqualTo(ACCOUNT);
        assertThat(byId.cidrIpv4()).isNull();
        assertThat(byId.description()).isEqualTo("dns");
        assertThat(byId.securityGroupRuleArn()).isEqualTo("arn:aws:ec2:us-east-1:" + ACCOUNT
                + ":security-group-rule/" + udp);

        // 4 ingress rules and the default egress rule.
        assertThat(rules(filter("group-id", sg))).hasSize(5);
        assertThat(rules(filter("group-id", sg), filter("security-group-rule-id", udp))).hasSize(1);
        List<SecurityGroupRule> all = ec2().describeSecurityGroupRules(r -> { }).securityGroupRules();
        List<SecurityGroupRule> walked = ec2().describeSecurityGroupRulesPaginator(r -> r.maxResults(5))
                .securityGroupRules().stream().toList();
        assertThat(walked).containsExactlyElementsOf(all).hasSizeGreaterThan(5);
        ec2Error(() -> ec2().describeSecurityGroupRules(r -> r.securityGroupRuleIds("sgr-0123456789abcdef0")),
                "InvalidSecurityGroupRuleId.NotFound");
        ec2Error(() -> ec2().describeSecurityGroupRules(r -> r.maxResults(4)), "InvalidParameterValue");
    }

    @Test
    void describeSecurityGroupsByIdNameFiltersAndPages() {
        String vpc = ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String ssh = group("ssh", vpc);
        String web = group("web", vpc);
        ec2().authorizeSecurityGroupIngress(r -> r.groupId(ssh).ipPermissions(tcp(22, "10.0.0.0/8")));
        ec2().authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(tcp(443, "0.0.0.0/0"),
                IpPermission.builder().ipProtocol("tcp").fromPort(8080).toPort(8080)
                        .userIdGroupPairs(UserIdGroupPair.builder().groupId(ssh).build()).build()));

        assertThat(names(filter("vpc-id", vpc))).containsExactlyInAnyOrder("default", "ssh", "web");
        assertThat(names(filter("vpc-id", vpc), filter("ip-permission.from-port", "22", "443")))
                .containsExactlyInAnyOrder("ssh", "web");
        assertThat(names(filter("ip-permission.cidr", "10.*"), filter("ip-permission.protocol", "tcp")))
                .containsExactly("ssh");
        assertThat(names(filter("ip-permission.group-id", ssh))).containsExactly("web");
        assertThat(names(filter("ip-permission.group-name", "ssh"))).containsExactly("web");
        assertThat(names(filter("egress.ip-permission.protocol", "-1"), filter("group-name", "w?b")))
                .containsExactly("web");
        assertThat(names(filter("description", "for *"), filter("owner-id", ACCOUNT), filter("vpc-id", vpc)))
                .containsExactlyInAnyOrder("ssh", "web");

        // The default VPC's default group, by name.
        SecurityGroup byName = ec2().describeSecurityGroups(r -> r.groupNames("default")).securityGroups().get(0);
        assertThat(byName.vpcId()).isEqualTo(defaultVpc());
        assertThat(byName.ipPermissions()).singleElement().satisfies(p -> {
            assertThat(p.ipProtocol()).isEqualTo("-1");
            assertThat(p.userIdGroupPairs()).extracting(UserIdGroupPair::groupId).containsExactly(byName.groupId());
        });
        ec2Error(() -> ec2().describeSecurityGroups(r -> r.groupNames("ssh")), "InvalidGroup.NotFound");
        ec2Error(() -> ec2().describeSecurityGroups(r -> r.groupIds(ssh, "sg-0123456789abcdef0")),
                "InvalidGroup.NotFound");
        ec2Error(() -> ec2().describeSecurityGroups(r -> r.groupIds(ssh).maxResults(5)),
                "InvalidParameterCombination");

        for (int i = 0; i < 4; i++) {
            group("extra" + i, vpc);
        }
        List<SecurityGroup> all = ec2().describeSecurityGroups().securityGroups();
        List<SecurityGroup> walked = ec2().describeSecurityGroupsPaginator(r -> r.maxResults(5)).securityGroups()
                .stream().toList();
        assertThat(walked).containsExactlyElementsOf(all).hasSizeGreaterThan(5);
        assertDryRun(() -> ec2().describeSecurityGroups(r -> r.dryRun(true)));
    }

    private List<String> names(Filter... filters) {
        return ec2().describeSecurityGroups(r -> r.filters(filters)).securityGroups().stream()
                .map(SecurityGroup::groupName).toList();
    }

    @Test
    void deleteRefusesTheDefaultGroupAndGroupsStillReferenced() {
        String vpc = ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String a = group("a", vpc);
        String b = group("b", vpc);
        ec2().authorizeSecurityGroupIngress(r -> r.groupId(b).ipPermissions(IpPermission.builder().ipProtocol("-1")
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(a).build()).build()));
        String defaultGroup = ec2().describeSecurityGroups(r -> r.filters(filter("vpc-id", vpc),
                filter("group-name", "default"))).securityGroups().get(0).groupId();

        ec2Error(() -> ec2().deleteSecurityGroup(r -> r.groupId(defaultGroup)), "CannotDelete");
        ec2Error(() -> ec2().deleteSecurityGroup(r -> r.groupId(a)), "DependencyViolation");
        assertDryRun(() -> ec2().deleteSecurityGroup(r -> r.groupId(b).dryRun(true)));

        var deleted = ec2().deleteSecurityGroup(r -> r.groupId(b));
        assertThat(deleted.returnValue()).isTrue();
        assertThat(deleted.groupId()).isEqualTo(b);
        ec2().deleteSecurityGroup(r -> r.groupId(a));
        ec2Error(() -> ec2().describeSecurityGroups(r -> r.groupIds(a)), "InvalidGroup.NotFound");
        ec2Error(() -> ec2().deleteSecurityGroup(r -> r.groupId(a)), "InvalidGroup.NotFound");

        group("named", null);
        ec2().deleteSecurityGroup(r -> r.groupName("named"));
        assertThat(names(filter("group-name", "named"))).isEmpty();
        ec2Error(() -> ec2().deleteSecurityGroup(r -> r.groupName("named")), "InvalidGroup.NotFound");
    }

    @Test
    void anotherAccountCannotSeeOrChangeTheGroup() {
        String sg = group("private", null);
        Ec2Client other = gw.otherAccount();

        assertThat(other.describeSecurityGroups().securityGroups()).extracting(SecurityGroup::groupId)
                .doesNotContain(sg);
        assertThat(other.describeSecurityGroups().securityGroups()).allSatisfy(g ->
                assertThat(g.ownerId()).isEqualTo(GatewayHarness.OTHER_ACCOUNT));
        ec2Error(() -> other.describeSecurityGroups(r -> r.groupIds(sg)), "InvalidGroup.NotFound");
        ec2Error(() -> other.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(
                tcp(22, "0.0.0.0/0"))), "InvalidGroup.NotFound");
        ec2Error(() -> other.deleteSecurityGroup(r -> r.groupId(sg)), "InvalidGroup.NotFound");
        assertThat(other.describeSecurityGroupRules(r -> { }).securityGroupRules()).extracting(SecurityGroupRule::groupId)
                .doesNotContain(sg);
        assertThat(describe(sg).ipPermissions()).isEmpty();
    }

    @Test
    void aTerraformStyleVpcStackReadsBackEverythingItMade() {
        Vpc vpc = ec2().createVpc(r -> r.cidrBlock("10.20.0.0/16")
                .tagSpecifications(tags(ResourceType.VPC, Map.of("Name", "stack")))).vpc();
        String subnet = ec2().createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.20.1.0/24")
                .availabilityZone("us-east-1a")).subnet().subnetId();
        String igw = ec2().createInternetGateway().internetGateway().internetGatewayId();
        ec2().attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
        String rtb = ec2().createRouteTable(r -> r.vpcId(vpc.vpcId())).routeTable().routeTableId();
        ec2().createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        ec2().associateRouteTable(r -> r.routeTableId(rtb).subnetId(subnet));
        String sg = group("stack-web", vpc.vpcId());
        ec2().authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(tcp(80, "0.0.0.0/0")));

        // What the aws provider reads after creating a VPC: its main table, default group and default ACL.
        assertThat(ec2().describeRouteTables(r -> r.filters(filter("vpc-id", vpc.vpcId()),
                filter("association.main", "true"))).routeTables()).hasSize(1);
        assertThat(ec2().describeSecurityGroups(r -> r.filters(filter("vpc-id", vpc.vpcId()),
                filter("group-name", "default"))).securityGroups()).hasSize(1);
        assertThat(ec2().describeNetworkAcls(r -> r.filters(filter("vpc-id", vpc.vpcId()),
                filter("default", "true"))).networkAcls()).hasSize(1);
        assertThat(ec2().describeRouteTables(r -> r.filters(filter("association.subnet-id", subnet)))
                .routeTables()).extracting(t -> t.routeTableId()).containsExactly(rtb);
        assertThat(describe(sg).ipPermissions()).extracting(IpPermission::fromPort).containsExactly(80);

        // Tearing it down in Terraform's order leaves nothing behind.
        ec2().deleteSecurityGroup(r -> r.groupId(sg));
        String association = ec2().describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0)
                .associations().get(0).routeTableAssociationId();
        ec2().disassociateRouteTable(r -> r.associationId(association));
        ec2().deleteRouteTable(r -> r.routeTableId(rtb));
        ec2().detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
        ec2().deleteInternetGateway(r -> r.internetGatewayId(igw));
        ec2().deleteSubnet(r -> r.subnetId(subnet));
        ec2().deleteVpc(r -> r.vpcId(vpc.vpcId()));
        assertThat(ec2().describeRouteTables(r -> r.filters(filter("vpc-id", vpc.vpcId()))).routeTables()).isEmpty();
        assertThat(ec2().describeSecurityGroups(r -> r.filters(filter("vpc-id", vpc.vpcId()))).securityGroups())
                .isEmpty();
    }
}
