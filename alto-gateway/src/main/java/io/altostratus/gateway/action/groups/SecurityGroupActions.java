package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.combination;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;
import static io.altostratus.gateway.action.groups.Checks.unsupportedByBackend;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.ec2.SecurityGroupRuleEdits;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupEgressResponse;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ModifySecurityGroupRulesRequest;
import software.amazon.awssdk.services.ec2.model.ModifySecurityGroupRulesResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressResponse;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.RevokedSecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleDescription;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleUpdate;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsEgressRequest;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsEgressResponse;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsIngressRequest;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsIngressResponse;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Security groups and their rules. Rules go to the backend one peer at a time with that peer's own description,
 * and come back in EC2's grouped shape; the rule ids the backend keeps are what Authorize, Revoke and
 * DescribeSecurityGroupRules show.
 */
public final class SecurityGroupActions implements ActionGroup {
    static final String NOT_FOUND = Checks.notFoundCode(Ec2IdKind.SECURITY_GROUP);
    static final String RULE_NOT_FOUND = Checks.notFoundCode(Ec2IdKind.SECURITY_GROUP_RULE);

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> RULE_FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.SecurityGroupRule>builder()
                    .field("group-id", software.amazon.awssdk.services.ec2.model.SecurityGroupRule::groupId)
                    .field("security-group-rule-id",
                            software.amazon.awssdk.services.ec2.model.SecurityGroupRule::securityGroupRuleId)
                    .tags(r -> SdkTags.fromSdk(r.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateSecurityGroupRequest.class, this::createSecurityGroup)
                .on(DeleteSecurityGroupRequest.class, this::deleteSecurityGroup)
                .on(DescribeSecurityGroupsRequest.class, this::describeSecurityGroups)
                .on(AuthorizeSecurityGroupIngressRequest.class, this::authorizeIngress)
                .on(AuthorizeSecurityGroupEgressRequest.class, this::authorizeEgress)
                .on(RevokeSecurityGroupIngressRequest.class, this::revokeIngress)
                .on(RevokeSecurityGroupEgressRequest.class, this::revokeEgress)
                .on(DescribeSecurityGroupRulesRequest.class, this::describeSecurityGroupRules)
                .on(ModifySecurityGroupRulesRequest.class, this::modifySecurityGroupRules)
                .on(UpdateSecurityGroupRuleDescriptionsIngressRequest.class, this::updateDescriptionsIngress)
                .on(UpdateSecurityGroupRuleDescriptionsEgressRequest.class, this::updateDescriptionsEgress);
    }

    // ---- groups -----------------------------------------------------------------------------------------------

    CreateSecurityGroupResponse createSecurityGroup(ActionContext ctx, CreateSecurityGroupRequest request) {
        if (request.groupName() == null) {
            throw missing("GroupName");
        }
        if (request.description() == null) {
            throw missing("GroupDescription");
        }
        if (request.description().length() > 255) {
            throw Checks.invalid("Value for parameter GroupDescription is invalid: at most 255 characters");
        }
        String vpcId = request.vpcId() == null ? defaultVpc(ctx).id() : VpcActions.find(ctx, request.vpcId()).id();
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.SECURITY_GROUP);
        SecurityGroupSpec spec = new SecurityGroupSpec(vpcId, request.groupName(), request.description(), tags);
        boolean taken = Checks.extension(ctx.cloud(), SecurityGroups.class).securityGroups().stream()
                .anyMatch(g -> vpcId.equals(g.networkId()) && g.name().equals(request.groupName()));
        if (taken) {
            throw Ec2WireException.of("InvalidGroup.Duplicate", "The security group '" + request.groupName()
                    + "' already exists for VPC '" + vpcId + "'");
        }
        dryRun(request.dryRun());
        SecurityGroup created = Checks.extension(ctx.cloud(), SecurityGroups.class).createSecurityGroup(spec);
        CreateSecurityGroupResponse.Builder response = CreateSecurityGroupResponse.builder()
                .groupId(created.id())
                .securityGroupArn(NetworkShapes.arn(ctx, "security-group", created.id()));
        if (!created.tags().isEmpty()) {
            response.tags(SdkTags.toSdk(created.tags()));
        }
        return response.build();
    }

    DeleteSecurityGroupResponse deleteSecurityGroup(ActionContext ctx, DeleteSecurityGroupRequest request) {
        SecurityGroup group = resolve(ctx, request.groupId(), request.groupName());
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), SecurityGroups.class).deleteSecurityGroup(group.id());
        return DeleteSecurityGroupResponse.builder().returnValue(true).groupId(group.id()).build();
    }

    DescribeSecurityGroupsResponse describeSecurityGroups(ActionContext ctx, DescribeSecurityGroupsRequest request) {
        if (request.maxResults() != null && request.hasGroupIds() && !request.groupIds().isEmpty()) {
            throw combination("The parameter groupIdSet cannot be used with the parameter maxResults");
        }
        if (request.maxResults() != null && request.hasGroupNames() && !request.groupNames().isEmpty()) {
            throw combination("The parameter groupNameSet cannot be used with the parameter maxResults");
        }
        List<SecurityGroup> all = IdSelection.sorted(Checks.extension(ctx.cloud(), SecurityGroups.class)
                .securityGroups(), SecurityGroup::id);
        List<SecurityGroup> chosen = all;
        boolean byId = request.hasGroupIds() && !request.groupIds().isEmpty();
        boolean byName = request.hasGroupNames() && !request.groupNames().isEmpty();
        if (byId || byName) {
            Set<String> ids = new LinkedHashSet<>();
            if (byId) {
                List<String> absent = new ArrayList<>();
                for (String id : new LinkedHashSet<>(request.groupIds())) {
                    if (all.stream().anyMatch(g -> g.id().equals(id))) {
                        ids.add(id);
                    } else {
                        absent.add(id);
                    }
                }
                if (!absent.isEmpty()) {
                    throw Ec2WireException.of(NOT_FOUND, absent.size() == 1
                            ? "The security group '" + absent.get(0) + "' does not exist"
                            : "The security groups '" + String.join(", ", absent) + "' do not exist");
                }
            }
            if (byName) {
                for (String name : new LinkedHashSet<>(request.groupNames())) {
                    ids.add(inDefaultVpc(ctx, all, name).id());
                }
            }
            chosen = all.stream().filter(g -> ids.contains(g.id())).toList();
        }
        List<software.amazon.awssdk.services.ec2.model.SecurityGroup> out = new ArrayList<>(chosen.size());
        for (SecurityGroup g : chosen) {
            out.add(NetworkShapes.securityGroup(ctx, g));
        }
        Map<String, String> names = new HashMap<>();
        all.forEach(g -> names.put(g.id(), g.name()));
        var matching = groupFilters(names).apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeSecurityGroupsResponse.builder().securityGroups(page.items()).nextToken(page.nextToken())
                .build();
    }

    /** The filters EC2 documents for DescribeSecurityGroups; group names of referenced groups come from {@code names}. */
    private static FilterSet<software.amazon.awssdk.services.ec2.model.SecurityGroup> groupFilters(
            Map<String, String> names) {
        var filters = FilterSet.<software.amazon.awssdk.services.ec2.model.SecurityGroup>builder()
                .field("group-id", software.amazon.awssdk.services.ec2.model.SecurityGroup::groupId)
                .field("group-name", software.amazon.awssdk.services.ec2.model.SecurityGroup::groupName)
                .field("description", software.amazon.awssdk.services.ec2.model.SecurityGroup::description)
                .field("vpc-id", software.amazon.awssdk.services.ec2.model.SecurityGroup::vpcId)
                .field("owner-id", software.amazon.awssdk.services.ec2.model.SecurityGroup::ownerId)
                .tags(g -> SdkTags.fromSdk(g.tags()));
        permissionFilters(filters, "ip-permission.",
                software.amazon.awssdk.services.ec2.model.SecurityGroup::ipPermissions, names);
        permissionFilters(filters, "egress.ip-permission.",
                software.amazon.awssdk.services.ec2.model.SecurityGroup::ipPermissionsEgress, names);
        return filters.build();
    }

    private static void permissionFilters(
            FilterSet.Builder<software.amazon.awssdk.services.ec2.model.SecurityGroup> filters, String prefix,
            Function<software.amazon.awssdk.services.ec2.model.SecurityGroup, List<IpPermission>> perms,
            Map<String, String> names) {
        filters.field(prefix + "protocol", g -> perms.apply(g).stream().map(IpPermission::ipProtocol).toList())
                .field(prefix + "from-port", g -> perms.apply(g).stream().map(IpPermission::fromPort)
                        .filter(Objects::nonNull).toList())
                .field(prefix + "to-port", g -> perms.apply(g).stream().map(IpPermission::toPort)
                        .filter(Objects::nonNull).toList())
                .field(prefix + "cidr", g -> perms.apply(g).stream().flatMap(p -> p.ipRanges().stream())
                        .map(IpRange::cidrIp).toList())
                .field(prefix + "ipv6-cidr", g -> perms.apply(g).stream().flatMap(p -> p.ipv6Ranges().stream())
                        .map(Ipv6Range::cidrIpv6).toList())
                .field(prefix + "prefix-list-id", g -> List.of())
                .field(prefix + "group-id", g -> pairs(perms.apply(g)).map(UserIdGroupPair::groupId).toList())
                .field(prefix + "group-name", g -> pairs(perms.apply(g)).map(p -> names.get(p.groupId()))
                        .filter(Objects::nonNull).toList())
                .field(prefix + "user-id", g -> pairs(perms.apply(g)).map(UserIdGroupPair::userId).toList());
    }

    private static Stream<UserIdGroupPair> pairs(List<IpPermission> perms) {
        return perms.stream().flatMap(p -> p.userIdGroupPairs().stream());
    }

    // ---- rules ------------------------------------------------------------------------------------------------

    AuthorizeSecurityGroupIngressResponse authorizeIngress(ActionContext ctx,
                                                           AuthorizeSecurityGroupIngressRequest request) {
        SecurityGroup group = resolve(ctx, request.groupId(), request.groupName());
        List<SecurityRule> rules = rules(ctx, group, request.ipPermissions(), new Flat(request.ipProtocol(),
                request.fromPort(), request.toPort(), request.cidrIp(), request.sourceSecurityGroupName(),
                request.sourceSecurityGroupOwnerId()), true);
        rejectRuleTags(request.tagSpecifications());
        dryRun(request.dryRun());
        return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true)
                .securityGroupRules(authorize(ctx, group, true, rules)).build();
    }

    AuthorizeSecurityGroupEgressResponse authorizeEgress(ActionContext ctx,
                                                         AuthorizeSecurityGroupEgressRequest request) {
        SecurityGroup group = resolve(ctx, request.groupId(), null);
        List<SecurityRule> rules = rules(ctx, group, request.ipPermissions(), new Flat(request.ipProtocol(),
                request.fromPort(), request.toPort(), request.cidrIp(), request.sourceSecurityGroupName(),
                request.sourceSecurityGroupOwnerId()), false);
        rejectRuleTags(request.tagSpecifications());
        dryRun(request.dryRun());
        return AuthorizeSecurityGroupEgressResponse.builder().returnValue(true)
                .securityGroupRules(authorize(ctx, group, false, rules)).build();
    }

    RevokeSecurityGroupIngressResponse revokeIngress(ActionContext ctx, RevokeSecurityGroupIngressRequest request) {
        SecurityGroup group = resolve(ctx, request.groupId(), request.groupName());
        List<SecurityRule> rules = revocations(ctx, group, true, request.securityGroupRuleIds(),
                request.ipPermissions(), new Flat(request.ipProtocol(), request.fromPort(), request.toPort(),
                        request.cidrIp(), request.sourceSecurityGroupName(), request.sourceSecurityGroupOwnerId()));
        dryRun(request.dryRun());
        return RevokeSecurityGroupIngressResponse.builder().returnValue(true)
                .revokedSecurityGroupRules(revoke(ctx, group, true, rules)).build();
    }

    RevokeSecurityGroupEgressResponse revokeEgress(ActionContext ctx, RevokeSecurityGroupEgressRequest request) {
        SecurityGroup group = resolve(ctx, request.groupId(), null);
        List<SecurityRule> rules = revocations(ctx, group, false, request.securityGroupRuleIds(),
                request.ipPermissions(), new Flat(request.ipProtocol(), request.fromPort(), request.toPort(),
                        request.cidrIp(), request.sourceSecurityGroupName(), request.sourceSecurityGroupOwnerId()));
        dryRun(request.dryRun());
        return RevokeSecurityGroupEgressResponse.builder().returnValue(true)
                .revokedSecurityGroupRules(revoke(ctx, group, false, rules)).build();
    }

    DescribeSecurityGroupRulesResponse describeSecurityGroupRules(ActionContext ctx,
                                                                  DescribeSecurityGroupRulesRequest request) {
        List<SecurityGroupRule> rules = IdSelection.sorted(Checks.extension(ctx.cloud(), Ec2Networking.class)
                .securityGroupRules(List.of()),
                SecurityGroupRule::id);
        rules = IdSelection.byIds(rules, SecurityGroupRule::id, request.securityGroupRuleIds(), RULE_NOT_FOUND,
                "security group rule");
        List<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> out = new ArrayList<>(rules.size());
        for (SecurityGroupRule r : rules) {
            out.add(NetworkShapes.rule(ctx, r));
        }
        var matching = RULE_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeSecurityGroupRulesResponse.builder().securityGroupRules(page.items())
                .nextToken(page.nextToken()).build();
    }

    ModifySecurityGroupRulesResponse modifySecurityGroupRules(ActionContext ctx,
                                                              ModifySecurityGroupRulesRequest request) {
        if (request.groupId() == null) {
            throw missing("GroupId");
        }
        if (!request.hasSecurityGroupRules() || request.securityGroupRules().isEmpty()) {
            throw missing("SecurityGroupRule");
        }
        SecurityGroup group = resolve(ctx, request.groupId(), null);
        Map<String, SecurityRule> changes = new LinkedHashMap<>();
        for (SecurityGroupRuleUpdate update : request.securityGroupRules()) {
            if (update.securityGroupRuleId() == null) {
                throw missing("SecurityGroupRule.SecurityGroupRuleId");
            }
            Checks.checkId(update.securityGroupRuleId(), Ec2IdKind.SECURITY_GROUP_RULE);
            SecurityGroupRuleRequest r = update.securityGroupRule();
            if (r == null || r.ipProtocol() == null) {
                throw missing("SecurityGroupRule.SecurityGroupRule.IpProtocol");
            }
            if (r.prefixListId() != null) {
                throw unsupportedByBackend("Prefix-list peers in security group rules");
            }
            int peers = (r.cidrIpv4() == null ? 0 : 1) + (r.cidrIpv6() == null ? 0 : 1)
                    + (r.referencedGroupId() == null ? 0 : 1);
            if (peers != 1) {
                throw combination("A security group rule takes exactly one of CidrIpv4, CidrIpv6, PrefixListId and "
                        + "ReferencedGroupId");
            }
            String peer = r.referencedGroupId() == null ? null : peerById(ctx, r.referencedGroupId());
            changes.put(update.securityGroupRuleId(), new SecurityRule(r.ipProtocol(),
                    r.fromPort() == null ? -1 : r.fromPort(), r.toPort() == null ? -1 : r.toPort(),
                    r.cidrIpv4() == null ? List.of() : List.of(r.cidrIpv4()),
                    r.cidrIpv6() == null ? List.of() : List.of(r.cidrIpv6()),
                    peer == null ? List.of() : List.of(peer), r.description()));
        }
        SecurityGroupRuleEdits edits = Checks.extension(ctx.cloud(), SecurityGroupRuleEdits.class);
        dryRun(request.dryRun());
        edits.modifyRules(group.id(), changes);
        return ModifySecurityGroupRulesResponse.builder().returnValue(true).build();
    }

    UpdateSecurityGroupRuleDescriptionsIngressResponse updateDescriptionsIngress(
            ActionContext ctx, UpdateSecurityGroupRuleDescriptionsIngressRequest request) {
        SecurityGroup group = resolve(ctx, request.groupId(), request.groupName());
        updateDescriptions(ctx, group, true, request.ipPermissions(), request.securityGroupRuleDescriptions(),
                request.dryRun());
        return UpdateSecurityGroupRuleDescriptionsIngressResponse.builder().returnValue(true).build();
    }

    UpdateSecurityGroupRuleDescriptionsEgressResponse updateDescriptionsEgress(
            ActionContext ctx, UpdateSecurityGroupRuleDescriptionsEgressRequest request) {
        SecurityGroup group = resolve(ctx, request.groupId(), request.groupName());
        updateDescriptions(ctx, group, false, request.ipPermissions(), request.securityGroupRuleDescriptions(),
                request.dryRun());
        return UpdateSecurityGroupRuleDescriptionsEgressResponse.builder().returnValue(true).build();
    }

    /** Descriptions by matching permissions or by rule id; EC2 takes one form or the other per call. */
    private static void updateDescriptions(ActionContext ctx, SecurityGroup group, boolean ingress,
                                           List<IpPermission> permissions,
                                           List<SecurityGroupRuleDescription> byId, Boolean dryRun) {
        boolean hasPermissions = permissions != null && !permissions.isEmpty();
        boolean hasIds = byId != null && !byId.isEmpty();
        if (hasPermissions && hasIds) {
            throw combination("IpPermissions and SecurityGroupRuleDescriptions cannot be used together");
        }
        if (!hasPermissions && !hasIds) {
            throw missing("IpPermissions or SecurityGroupRuleDescriptions");
        }
        SecurityGroupRuleEdits edits = Checks.extension(ctx.cloud(), SecurityGroupRuleEdits.class);
        if (hasPermissions) {
            List<SecurityRule> rules = rules(ctx, group, permissions, new Flat(null, null, null, null, null, null),
                    ingress);
            dryRun(dryRun);
            edits.updateDescriptions(group.id(), !ingress, rules);
            return;
        }
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (SecurityGroupRuleDescription d : byId) {
            if (d.securityGroupRuleId() == null) {
                throw missing("SecurityGroupRuleDescription.SecurityGroupRuleId");
            }
            Checks.checkId(d.securityGroupRuleId(), Ec2IdKind.SECURITY_GROUP_RULE);
            descriptions.put(d.securityGroupRuleId(), d.description());
        }
        dryRun(dryRun);
        edits.updateDescriptionsById(group.id(), !ingress, descriptions);
    }

    /** The rules the backend minted for this call: those of the direction that were not there before. */
    private static List<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> authorize(
            ActionContext ctx, SecurityGroup group, boolean ingress, List<SecurityRule> rules) {
        Set<String> before = ruleIds(ctx, group.id());
        Checks.extension(ctx.cloud(), SecurityGroups.class).authorize(group.id(), ingress, rules);
        List<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> added = new ArrayList<>();
        for (SecurityGroupRule r : Checks.extension(ctx.cloud(), Ec2Networking.class)
                .securityGroupRules(List.of(group.id()))) {
            if (r.egress() != ingress && !before.contains(r.id())) {
                added.add(NetworkShapes.rule(ctx, r));
            }
        }
        return added;
    }

    private static List<RevokedSecurityGroupRule> revoke(ActionContext ctx, SecurityGroup group, boolean ingress,
                                                         List<SecurityRule> rules) {
        List<SecurityGroupRule> before = Checks.extension(ctx.cloud(), Ec2Networking.class)
                .securityGroupRules(List.of(group.id()));
        Checks.extension(ctx.cloud(), SecurityGroups.class).revoke(group.id(), ingress, rules);
        Set<String> after = ruleIds(ctx, group.id());
        List<RevokedSecurityGroupRule> revoked = new ArrayList<>();
        for (SecurityGroupRule r : before) {
            if (r.egress() != ingress && !after.contains(r.id())) {
                revoked.add(RevokedSecurityGroupRule.builder()
                        .securityGroupRuleId(r.id())
                        .groupId(r.groupId())
                        .isEgress(r.egress())
                        .ipProtocol(r.protocol())
                        .fromPort(r.fromPort())
                        .toPort(r.toPort())
                        .cidrIpv4(r.cidr())
                        .cidrIpv6(r.ipv6Cidr())
                        .referencedGroupId(r.referencedGroupId())
                        .description(r.description())
                        .build());
            }
        }
        return revoked;
    }

    private static Set<String> ruleIds(ActionContext ctx, String groupId) {
        Set<String> ids = new HashSet<>();
        for (SecurityGroupRule r : Checks.extension(ctx.cloud(), Ec2Networking.class)
                .securityGroupRules(List.of(groupId))) {
            ids.add(r.id());
        }
        return ids;
    }

    /** What to revoke: the rules named by id (of this direction), or the permissions as given. */
    private static List<SecurityRule> revocations(ActionContext ctx, SecurityGroup group, boolean ingress,
                                                  List<String> ruleIds, List<IpPermission> permissions, Flat flat) {
        boolean byId = ruleIds != null && !ruleIds.isEmpty();
        if (!byId) {
            return rules(ctx, group, permissions, flat, ingress);
        }
        if ((permissions != null && !permissions.isEmpty()) || flat.given()) {
            throw combination("SecurityGroupRuleIds cannot be combined with IpPermissions or the flat rule "
                    + "parameters");
        }
        Map<String, SecurityGroupRule> own = new LinkedHashMap<>();
        for (SecurityGroupRule r : Checks.extension(ctx.cloud(), Ec2Networking.class)
                .securityGroupRules(List.of(group.id()))) {
            if (r.egress() != ingress) {
                own.put(r.id(), r);
            }
        }
        List<SecurityRule> rules = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ruleIds)) {
            SecurityGroupRule rule = own.get(id);
            if (rule == null) {
                absent.add(id);
            } else {
                rules.add(rule.toSecurityRule());
            }
        }
        if (!absent.isEmpty()) {
            throw Checks.notFound(RULE_NOT_FOUND, "security group rule", absent);
        }
        return rules;
    }

    /** The old one-rule form of Authorize/Revoke (CidrIp, IpProtocol, FromPort, ToPort, SourceSecurityGroupName). */
    private record Flat(String protocol, Integer from, Integer to, String cidr, String sourceGroupName,
                        String sourceGroupOwner) {
        boolean given() {
            return protocol != null || from != null || to != null || cidr != null || sourceGroupName != null
                    || sourceGroupOwner != null;
        }
    }

    /**
     * The request's permissions as backend rules, one per peer so that each keeps its own description. Peer groups
     * given by name are looked up in the target group's VPC.
     */
    private static List<SecurityRule> rules(ActionContext ctx, SecurityGroup group, List<IpPermission> permissions,
                                            Flat flat, boolean ingress) {
        boolean structured = permissions != null && !permissions.isEmpty();
        if (structured && flat.given()) {
            throw combination("IpPermissions cannot be combined with CidrIp, IpProtocol, FromPort, ToPort or "
                    + "SourceSecurityGroupName");
        }
        if (!structured && !flat.given()) {
            throw missing("IpPermissions");
        }
        List<SecurityRule> rules = new ArrayList<>();
        if (!structured) {
            if (!ingress) {
                // EC2 takes egress rules only as IpPermissions.
                throw combination("Egress rules must be given as IpPermissions");
            }
            flatRules(ctx, group, flat, rules);
            return rules;
        }
        for (IpPermission p : permissions) {
            if (p.ipProtocol() == null) {
                throw missing("IpPermissions.IpProtocol");
            }
            if (p.hasPrefixListIds() && !p.prefixListIds().isEmpty()) {
                throw unsupportedByBackend("Prefix-list peers in security group rules");
            }
            int from = p.fromPort() == null ? -1 : p.fromPort();
            int to = p.toPort() == null ? -1 : p.toPort();
            int before = rules.size();
            for (IpRange range : p.ipRanges()) {
                if (range.cidrIp() == null) {
                    throw missing("IpRanges.CidrIp");
                }
                rules.add(new SecurityRule(p.ipProtocol(), from, to, List.of(range.cidrIp()), List.of(), List.of(),
                        range.description()));
            }
            for (Ipv6Range range : p.ipv6Ranges()) {
                if (range.cidrIpv6() == null) {
                    throw missing("Ipv6Ranges.CidrIpv6");
                }
                rules.add(new SecurityRule(p.ipProtocol(), from, to, List.of(), List.of(range.cidrIpv6()), List.of(),
                        range.description()));
            }
            for (UserIdGroupPair pair : p.userIdGroupPairs()) {
                if (pair.vpcPeeringConnectionId() != null) {
                    throw unsupportedByBackend("Security group peers across VPC peering connections");
                }
                if (pair.userId() != null && !pair.userId().equals(ctx.account())) {
                    throw unsupportedByBackend("Security group peers of other accounts");
                }
                String peer = pair.groupId() != null ? peerById(ctx, pair.groupId())
                        : peerByName(ctx, group, pair.groupName());
                rules.add(new SecurityRule(p.ipProtocol(), from, to, List.of(), List.of(), List.of(peer),
                        pair.description()));
            }
            if (rules.size() == before) {
                throw missing("IpRanges, Ipv6Ranges or UserIdGroupPairs (a rule needs a peer)");
            }
        }
        return rules;
    }

    private static void flatRules(ActionContext ctx, SecurityGroup group, Flat flat, List<SecurityRule> rules) {
        if (flat.cidr() != null && flat.sourceGroupName() != null) {
            throw combination("CidrIp and SourceSecurityGroupName cannot be used together");
        }
        if (flat.sourceGroupOwner() != null && !flat.sourceGroupOwner().equals(ctx.account())) {
            throw unsupportedByBackend("Security group peers of other accounts");
        }
        int from = flat.from() == null ? -1 : flat.from();
        int to = flat.to() == null ? -1 : flat.to();
        if (flat.cidr() != null) {
            if (flat.protocol() == null) {
                throw missing("IpProtocol");
            }
            rules.add(new SecurityRule(flat.protocol(), from, to, List.of(flat.cidr()), List.of(), List.of(), null));
            return;
        }
        if (flat.sourceGroupName() == null) {
            throw missing("CidrIp or SourceSecurityGroupName");
        }
        String peer = peerByName(ctx, group, flat.sourceGroupName());
        if (flat.protocol() == null) {
            // A bare source group grants all of TCP, UDP and ICMP, as EC2's flat form does.
            rules.add(new SecurityRule("tcp", 0, 65535, List.of(), List.of(), List.of(peer), null));
            rules.add(new SecurityRule("udp", 0, 65535, List.of(), List.of(), List.of(peer), null));
            rules.add(new SecurityRule("icmp", -1, -1, List.of(), List.of(), List.of(peer), null));
        } else {
            rules.add(new SecurityRule(flat.protocol(), from, to, List.of(), List.of(), List.of(peer), null));
        }
    }

    private static String peerById(ActionContext ctx, String id) {
        boolean known = Checks.extension(ctx.cloud(), SecurityGroups.class)
                .securityGroups().stream().anyMatch(g -> g.id().equals(id));
        if (!known) {
            throw Ec2WireException.of(NOT_FOUND, "The security group '" + id + "' does not exist");
        }
        return id;
    }

    private static String peerByName(ActionContext ctx, SecurityGroup group, String name) {
        if (name == null) {
            throw missing("UserIdGroupPairs.GroupId");
        }
        return Checks.extension(ctx.cloud(), SecurityGroups.class).securityGroups().stream()
                .filter(g -> g.name().equals(name) && Objects.equals(g.networkId(), group.networkId()))
                .findFirst()
                .orElseThrow(() -> Ec2WireException.of(NOT_FOUND, "The security group '" + name
                        + "' does not exist in VPC '" + group.networkId() + "'"))
                .id();
    }

    private static void rejectRuleTags(List<TagSpecification> specs) {
        if (!SdkTags.fromSpecifications(specs, ResourceType.SECURITY_GROUP_RULE).isEmpty()) {
            throw unsupportedByBackend("Tagging security group rules");
        }
    }

    // ---- lookups ----------------------------------------------------------------------------------------------

    /** The group a request names by id, or by name in the default VPC (EC2 allows names only there). */
    private static SecurityGroup resolve(ActionContext ctx, String groupId, String groupName) {
        List<SecurityGroup> all = Checks.extension(ctx.cloud(), SecurityGroups.class).securityGroups();
        if (groupId != null) {
            return all.stream().filter(g -> g.id().equals(groupId)).findFirst()
                    .orElseThrow(() -> Ec2WireException.of(NOT_FOUND,
                            "The security group '" + groupId + "' does not exist"));
        }
        if (groupName != null) {
            return inDefaultVpc(ctx, all, groupName);
        }
        throw missing("GroupId or GroupName");
    }

    private static SecurityGroup inDefaultVpc(ActionContext ctx, List<SecurityGroup> all, String name) {
        String vpcId = defaultVpc(ctx).id();
        return all.stream().filter(g -> g.name().equals(name) && vpcId.equals(g.networkId())).findFirst()
                .orElseThrow(() -> Ec2WireException.of(NOT_FOUND, "The security group '" + name
                        + "' does not exist in default VPC '" + vpcId + "'"));
    }

    private static Network defaultVpc(ActionContext ctx) {
        return Checks.extension(ctx.cloud(), Networks.class).networks().stream().filter(Network::isDefault).findFirst()
                .orElseThrow(() -> Ec2WireException.of("VPCIdNotSpecified",
                        "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC."));
    }
}
