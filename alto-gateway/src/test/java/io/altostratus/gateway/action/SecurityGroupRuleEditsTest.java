package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleDescription;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleUpdate;

/**
 * ModifySecurityGroupRules, the rule description updates, group-to-group rules and the per-group rule quota through
 * the SDK.
 */
class SecurityGroupRuleEditsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String vpcId;
    private String web;
    private String db;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void groups() {
        vpcId = ec2().createVpc(r -> r.cidrBlock("10.3.0.0/16")).vpc().vpcId();
        web = ec2().createSecurityGroup(r -> r.groupName("web").description("web").vpcId(vpcId)).groupId();
        db = ec2().createSecurityGroup(r -> r.groupName("db").description("db").vpcId(vpcId)).groupId();
    }

    private SecurityGroupRule authorize(String groupId, int port, String cidr) {
        return ec2().authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(port).toPort(port).ipRanges(IpRange.builder().cidrIp(cidr).build())
                .build())).securityGroupRules().get(0);
    }

    private SecurityGroupRule rule(String ruleId) {
        return ec2().describeSecurityGroupRules(r -> r.securityGroupRuleIds(ruleId)).securityGroupRules().get(0);
    }

    @Test
    void modifyingARuleKeepsItsIdAndCanReferenceAnotherGroup() {
        SecurityGroupRule ssh = authorize(db, 22, "10.0.0.0/8");
        assertThat(ec2().modifySecurityGroupRules(r -> r.groupId(db).securityGroupRules(SecurityGroupRuleUpdate
                .builder().securityGroupRuleId(ssh.securityGroupRuleId()).securityGroupRule(s -> s.ipProtocol("tcp")
                        .fromPort(5432).toPort(5432).referencedGroupId(web).description("postgres from web"))
                .build())).returnValue()).isTrue();

        SecurityGroupRule now = rule(ssh.securityGroupRuleId());
        assertThat(now.fromPort()).isEqualTo(5432);
        assertThat(now.cidrIpv4()).isNull();
        assertThat(now.referencedGroupInfo().groupId()).isEqualTo(web);
        assertThat(now.description()).isEqualTo("postgres from web");
        assertThat(now.isEgress()).isFalse();
        var group = ec2().describeSecurityGroups(r -> r.groupIds(db)).securityGroups().get(0);
        assertThat(group.ipPermissions()).singleElement().satisfies(p -> {
            assertThat(p.fromPort()).isEqualTo(5432);
            assertThat(p.userIdGroupPairs()).singleElement().satisfies(pair ->
                    assertThat(pair.groupId()).isEqualTo(web));
        });
        // The referenced group cannot go while the rule names it.
        ec2Error(() -> ec2().deleteSecurityGroup(r -> r.groupId(web)), "DependencyViolation");
        assertThat(ec2().describeSecurityGroupRules(r -> r.filters(filter("group-id", db))).securityGroupRules())
                .extracting(SecurityGroupRule::securityGroupRuleId).contains(ssh.securityGroupRuleId());
    }

    @Test
    void modifyErrors() {
        SecurityGroupRule ssh = authorize(db, 22, "10.0.0.0/8");
        SecurityGroupRule https = authorize(db, 443, "10.0.0.0/8");
        ec2Error(() -> ec2().modifySecurityGroupRules(r -> r.groupId(db).securityGroupRules(update(
                "sgr-0123456789abcdef0", 80, "0.0.0.0/0"))), "InvalidSecurityGroupRuleId.NotFound");
        ec2Error(() -> ec2().modifySecurityGroupRules(r -> r.groupId(db).securityGroupRules(update(
                "rule-1", 80, "0.0.0.0/0"))), "InvalidSecurityGroupRuleId.Malformed");
        ec2Error(() -> ec2().modifySecurityGroupRules(r -> r.groupId(db).securityGroupRules(update(
                ssh.securityGroupRuleId(), 443, "10.0.0.0/8"))), "InvalidPermission.Duplicate");
        ec2Error(() -> ec2().modifySecurityGroupRules(r -> r.groupId(db).securityGroupRules(
                SecurityGroupRuleUpdate.builder().securityGroupRuleId(ssh.securityGroupRuleId())
                        .securityGroupRule(s -> s.ipProtocol("tcp").fromPort(1).toPort(1)).build())),
                "InvalidParameterCombination");
        ec2Error(() -> ec2().modifySecurityGroupRules(r -> r.groupId("sg-0123456789abcdef0")
                .securityGroupRules(update(ssh.securityGroupRuleId(), 80, "0.0.0.0/0"))), "InvalidGroup.NotFound");
        ec2Error(() -> ec2().modifySecurityGroupRules(r -> r.groupId(db)), "MissingParameter");
        assertDryRun(() -> ec2().modifySecurityGroupRules(r -> r.groupId(db).dryRun(true)
                .securityGroupRules(update(ssh.securityGroupRuleId(), 80, "0.0.0.0/0"))));
        assertThat(rule(ssh.securityGroupRuleId()).fromPort()).isEqualTo(22);
        assertThat(rule(https.securityGroupRuleId()).fromPort()).isEqualTo(443);
    }

    private static SecurityGroupRuleUpdate update(String ruleId, int port, String cidr) {
        return SecurityGroupRuleUpdate.builder().securityGroupRuleId(ruleId).securityGroupRule(s -> s
                .ipProtocol("tcp").fromPort(port).toPort(port).cidrIpv4(cidr)).build();
    }

    @Test
    void descriptionsUpdateByPermissionOrByRuleId() {
        SecurityGroupRule ssh = authorize(web, 22, "10.0.0.0/8");
        ec2().updateSecurityGroupRuleDescriptionsIngress(r -> r.groupId(web).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(IpRange.builder().cidrIp("10.0.0.0/8")
                        .description("ssh from the office").build()).build()));
        assertThat(rule(ssh.securityGroupRuleId()).description()).isEqualTo("ssh from the office");

        ec2().updateSecurityGroupRuleDescriptionsIngress(r -> r.groupId(web).securityGroupRuleDescriptions(
                SecurityGroupRuleDescription.builder().securityGroupRuleId(ssh.securityGroupRuleId())
                        .description("ssh, renamed").build()));
        assertThat(rule(ssh.securityGroupRuleId()).description()).isEqualTo("ssh, renamed");

        String egressRule = ec2().describeSecurityGroupRules(r -> r.filters(filter("group-id", web)))
                .securityGroupRules().stream().filter(SecurityGroupRule::isEgress).findFirst().orElseThrow()
                .securityGroupRuleId();
        ec2().updateSecurityGroupRuleDescriptionsEgress(r -> r.groupId(web).ipPermissions(IpPermission.builder()
                .ipProtocol("-1").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").description("anywhere").build())
                .build()));
        assertThat(rule(egressRule).description()).isEqualTo("anywhere");

        ec2Error(() -> ec2().updateSecurityGroupRuleDescriptionsIngress(r -> r.groupId(web).ipPermissions(
                IpPermission.builder().ipProtocol("tcp").fromPort(23).toPort(23).ipRanges(IpRange.builder()
                        .cidrIp("10.0.0.0/8").description("x").build()).build())), "InvalidPermission.NotFound");
        ec2Error(() -> ec2().updateSecurityGroupRuleDescriptionsEgress(r -> r.groupId(web)
                .securityGroupRuleDescriptions(SecurityGroupRuleDescription.builder()
                        .securityGroupRuleId(ssh.securityGroupRuleId()).description("x").build())),
                "InvalidSecurityGroupRuleId.NotFound");
        ec2Error(() -> ec2().updateSecurityGroupRuleDescriptionsIngress(r -> r.groupId(web)), "MissingParameter");
        assertDryRun(() -> ec2().updateSecurityGroupRuleDescriptionsIngress(r -> r.groupId(web).dryRun(true)
                .securityGroupRuleDescriptions(SecurityGroupRuleDescription.builder()
                        .securityGroupRuleId(ssh.securityGroupRuleId()).description("dry").build())));
        assertThat(rule(ssh.securityGroupRuleId()).description()).isEqualTo("ssh, renamed");
    }

    @Test
    void sixtyInboundRulesPerGroupAtMost() {
        List<IpRange> ranges = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ranges.add(IpRange.builder().cidrIp("10.1." + i + ".0/24").build());
        }
        ec2().authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(ranges).build()));
        ec2Error(() -> authorize(web, 80, "192.168.0.0/16"), "RulesPerSecurityGroupLimitExceeded");
        // Outbound rules have their own 60, and the refused rule left nothing behind.
        ec2().authorizeSecurityGroupEgress(r -> r.groupId(web).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(IpRange.builder().cidrIp("10.9.0.0/16")
                        .build()).build()));
        var group = ec2().describeSecurityGroups(r -> r.groupIds(web)).securityGroups().get(0);
        assertThat(group.ipPermissions()).singleElement().satisfies(p -> assertThat(p.ipRanges()).hasSize(60));
    }
}
