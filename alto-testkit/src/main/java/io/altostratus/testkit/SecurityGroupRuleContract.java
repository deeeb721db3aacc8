package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spi.Capability;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Security group rules one peer at a time ({@link Ec2Networking#securityGroupRules}, where offered), with ids that stay
 * put from authorize to revoke.
 */
public interface SecurityGroupRuleContract extends ProviderContract {

    private static Ec2Networking ec2(ContractSession s) {
        return s.cloud().require(Ec2Networking.class);
    }

    private static Networks nets(ContractSession s) {
        return s.cloud().require(Networks.class);
    }

    private static SecurityGroups groups(ContractSession s) {
        return s.cloud().require(SecurityGroups.class);
    }

    private static SecurityGroup group(ContractSession s, String suffix) {
        Network network = nets(s).createNetwork(new NetworkSpec(s.name(suffix), "10.79.0.0/16", s.runTags()));
        s.trackNetwork(network.id());
        SecurityGroup group = groups(s).createSecurityGroup(
                new SecurityGroupSpec(network.id(), s.name(suffix), "rules contract", s.runTags()));
        s.trackSecurityGroup(group.id());
        return group;
    }

    @Test
    default void aNewGroupsDefaultEgressRuleHasAnId(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.SECURITY_GROUPS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        SecurityGroup group = group(s, "sgr-new");

        List<SecurityGroupRule> rules = ec2(s).securityGroupRules(List.of(group.id()));

        assertThat(rules).singleElement().satisfies(r -> {
            s.assertIdShape(Ec2IdKind.SECURITY_GROUP_RULE, r.id());
            assertThat(r.groupId()).isEqualTo(group.id());
            assertThat(r.egress()).isTrue();
            assertThat(r.protocol()).isEqualTo("-1");
            assertThat(r.cidr()).isEqualTo("0.0.0.0/0");
        });
    }

    @Test
    default void everyPeerIsARuleWithAStableId(ContractSession s) {
        s.assumeSupports(Capability.NETWORKS);
        s.assumeSupports(Capability.SECURITY_GROUPS);
        s.assumeSupports(Capability.EC2_NETWORKING);
        String missingGroup = s.missingId(ResourceKind.SECURITY_GROUP);
        SecurityGroup group = group(s, "sgr-ids");
        SecurityRule web = new SecurityRule("tcp", 443, 443, List.of("10.1.0.0/16", "10.2.0.0/16"), List.of(),
                List.of(group.id()), "web");

        groups(s).authorize(group.id(), true, List.of(web));

        List<SecurityGroupRule> ingress = ec2(s).securityGroupRules(List.of(group.id())).stream()
                .filter(r -> !r.egress()).toList();
        assertThat(ingress).hasSize(3);
        assertThat(ingress).extracting(SecurityGroupRule::id).doesNotHaveDuplicates()
                .allSatisfy(id -> s.assertIdShape(Ec2IdKind.SECURITY_GROUP_RULE, id));
        assertThat(ingress).extracting(SecurityGroupRule::cidr).containsExactlyInAnyOrder("10.1.0.0/16", "10.2.0.0/16", null);
        assertThat(ingress).extracting(SecurityGroupRule::referencedGroupId).containsOnlyOnce(group.id());
        assertThat(ingress).allSatisfy(r -> {
            assertThat(r.protocol()).isEqualTo("tcp");
            assertThat(r.fromPort()).isEqualTo(443);
            assertThat(r.description()).isEqualTo("web");
        });
        assertThat(ec2(s).securityGroupRules(List.of(group.id())).stream().filter(r -> !r.egress()).toList())
                .as("listed twice").isEqualTo(ingress);

        SecurityGroupRule gone = ingress.stream().filter(r -> "10.1.0.0/16".equals(r.cidr())).findFirst().orElseThrow();
        groups(s).revoke(group.id(), true, List.of(gone.toSecurityRule()));

        List<SecurityGroupRule> left = ec2(s).securityGroupRules(List.of(group.id())).stream()
                .filter(r -> !r.egress()).toList();
        assertThat(left).containsExactlyInAnyOrderElementsOf(ingress.stream().filter(r -> r != gone).toList());
        assertThat(ec2(s).securityGroupRules(List.of())).extracting(SecurityGroupRule::id)
                .as("all groups' rules").containsAll(left.stream().map(SecurityGroupRule::id).toList());
        s.expectError(ErrorCode.NOT_FOUND, "InvalidGroup.NotFound",
                () -> ec2(s).securityGroupRules(List.of(missingGroup)));
    }
}
