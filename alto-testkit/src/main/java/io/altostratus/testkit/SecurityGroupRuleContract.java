package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spi.Capability;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Security group rules one peer at a time, with ids that stay put from authorize to revoke. */
public interface SecurityGroupRuleContract extends ProviderContract {

    private static SecurityGroup group(ContractSession s, String suffix) {
        Network network = s.cloud().createNetwork(new NetworkSpec(s.name(suffix), "10.79.0.0/16", s.runTags()));
        s.trackNetwork(network.id());
        SecurityGroup group = s.cloud().createSecurityGroup(
                new SecurityGroupSpec(network.id(), s.name(suffix), "rules contract", s.runTags()));
        s.trackSecurityGroup(group.id());
        return group;
    }

    @Test
    default void aNewGroupsDefaultEgressRuleHasAnId(ContractSession s) {
        assumeTrue(s.supports(Capability.SECURITY_GROUP_RULES), "provider does not declare SECURITY_GROUP_RULES");
        SecurityGroup group = group(s, "sgr-new");

        List<SecurityGroupRule> rules = s.cloud().securityGroupRules(List.of(group.id()));

        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.id()).matches("sgr-[0-9a-f]{17}");
            assertThat(r.groupId()).isEqualTo(group.id());
            assertThat(r.egress()).isTrue();
            assertThat(r.protocol()).isEqualTo("-1");
            assertThat(r.cidr()).isEqualTo("0.0.0.0/0");
        });
    }

    @Test
    default void everyPeerIsARuleWithAStableId(ContractSession s) {
        assumeTrue(s.supports(Capability.SECURITY_GROUP_RULES), "provider does not declare SECURITY_GROUP_RULES");
        SecurityGroup group = group(s, "sgr-ids");
        SecurityRule web = new SecurityRule("tcp", 443, 443, List.of("10.1.0.0/16", "10.2.0.0/16"), List.of(),
                List.of(group.id()), "web");

        s.cloud().authorize(group.id(), true, List.of(web));

        List<SecurityGroupRule> ingress = s.cloud().securityGroupRules(List.of(group.id())).stream()
                .filter(r -> !r.egress()).toList();
        assertThat(ingress).hasSize(3);
        assertThat(ingress).extracting(SecurityGroupRule::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("sgr-[0-9a-f]{17}"));
        assertThat(ingress).extracting(SecurityGroupRule::cidr).containsExactlyInAnyOrder("10.1.0.0/16", "10.2.0.0/16", null);
        assertThat(ingress).extracting(SecurityGroupRule::referencedGroupId).containsOnlyOnce(group.id());
        assertThat(ingress).allSatisfy(r -> {
            assertThat(r.protocol()).isEqualTo("tcp");
            assertThat(r.fromPort()).isEqualTo(443);
            assertThat(r.description()).isEqualTo("web");
        });
        assertThat(s.cloud().securityGroupRules(List.of(group.id())).stream().filter(r -> !r.egress()).toList())
                .as("listed twice").isEqualTo(ingress);

        SecurityGroupRule gone = ingress.stream().filter(r -> "10.1.0.0/16".equals(r.cidr())).findFirst().orElseThrow();
        s.cloud().revoke(group.id(), true, List.of(gone.toSecurityRule()));

        List<SecurityGroupRule> left = s.cloud().securityGroupRules(List.of(group.id())).stream()
                .filter(r -> !r.egress()).toList();
        assertThat(left).containsExactlyInAnyOrderElementsOf(ingress.stream().filter(r -> r != gone).toList());
        assertThat(s.cloud().securityGroupRules(List.of())).extracting(SecurityGroupRule::id)
                .as("all groups' rules").containsAll(left.stream().map(SecurityGroupRule::id).toList());
        s.expectError(ErrorCode.NOT_FOUND, "InvalidGroup.NotFound",
                () -> s.cloud().securityGroupRules(List.of("sg-0fedcba9876543210")));
    }
}
