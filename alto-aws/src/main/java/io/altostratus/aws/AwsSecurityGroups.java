package io.altostratus.aws;

import static io.altostratus.aws.Ec2Filters.filter;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.wait.Retrier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Security groups and their rules. */
final class AwsSecurityGroups implements SecurityGroups {
    private final AwsContext context;
    private final Ec2Client ec2;
    private final Retrier retrier;

    AwsSecurityGroups(AwsContext context) {
        this.context = context;
        this.ec2 = context.ec2();
        this.retrier = context.retrier();
    }

    @Override
    public SecurityGroup createSecurityGroup(SecurityGroupSpec spec) {
        String id = retrier.callUntilVisible("CreateSecurityGroup", context.visibleBy(List.of(spec.networkId())),
                () -> ec2.createSecurityGroup(r -> r.vpcId(spec.networkId()).groupName(spec.name())
                        .description(spec.description())
                        .tagSpecifications(context.tagSpec(ResourceType.SECURITY_GROUP, spec.tags())))).groupId();
        context.remember(id);
        return securityGroup(id);
    }

    private SecurityGroup securityGroup(String id) {
        return retrier.callUntilVisible("DescribeSecurityGroups", context.visibleBy(List.of(id)),
                () -> ec2.describeSecurityGroups(r -> r.groupIds(id))).securityGroups().stream()
                .map(Ec2Convert::securityGroup).findFirst()
                .orElseThrow(() -> AltoException.notFound("InvalidGroup.NotFound", "group " + id + " does not exist"));
    }

    @Override
    public List<SecurityGroup> securityGroups() {
        return retrier.call("DescribeSecurityGroups", () -> ec2.describeSecurityGroups(r -> {
        })).securityGroups().stream().map(Ec2Convert::securityGroup).toList();
    }

    @Override
    public SecurityGroup authorize(String groupId, boolean ingress, List<SecurityRule> rules) {
        List<IpPermission> permissions = rules.stream().map(Ec2Convert::permission).toList();
        if (ingress) {
            retrier.callUntilVisible("AuthorizeSecurityGroupIngress", context.visibleBy(List.of(groupId)),
                    () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions)));
        } else {
            retrier.callUntilVisible("AuthorizeSecurityGroupEgress", context.visibleBy(List.of(groupId)),
                    () -> ec2.authorizeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(permissions)));
        }
        return securityGroup(groupId);
    }

    @Override
    public SecurityGroup revoke(String groupId, boolean ingress, List<SecurityRule> rules) {
        List<IpPermission> permissions = rules.stream().map(Ec2Convert::permission).toList();
        if (ingress) {
            retrier.run("RevokeSecurityGroupIngress", () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId)
                    .ipPermissions(permissions)));
        } else {
            retrier.run("RevokeSecurityGroupEgress", () -> ec2.revokeSecurityGroupEgress(r -> r.groupId(groupId)
                    .ipPermissions(permissions)));
        }
        return securityGroup(groupId);
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        retrier.run("DeleteSecurityGroup", () -> ec2.deleteSecurityGroup(r -> r.groupId(groupId)));
    }

    List<SecurityGroupRule> securityGroupRules(Collection<String> groupIds) {
        List<SecurityGroupRule> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = retrier.call("DescribeSecurityGroupRules", () -> ec2.describeSecurityGroupRules(r -> {
                r.nextToken(next).maxResults(1000);
                if (!groupIds.isEmpty()) {
                    r.filters(filter("group-id", groupIds));
                }
            }));
            page.securityGroupRules().forEach(x -> out.add(Ec2Convert.groupRule(x)));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        if (!groupIds.isEmpty()) {
            // A filter quietly matches nothing for an unknown group; EC2's NotFound comes from asking by id.
            Set<String> seen = new LinkedHashSet<>();
            out.forEach(x -> seen.add(x.groupId()));
            List<String> unseen = groupIds.stream().filter(g -> !seen.contains(g)).toList();
            if (!unseen.isEmpty()) {
                retrier.call("DescribeSecurityGroups", () -> ec2.describeSecurityGroups(r -> r.groupIds(unseen)));
            }
        }
        return out;
    }
}
