package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.VpcPeeringConnection;
import io.altostratus.core.ec2.VpcPeeringConnections;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupReferencesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupReferencesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeStaleSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeStaleSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroupReference;
import software.amazon.awssdk.services.ec2.model.StaleIpPermission;
import software.amazon.awssdk.services.ec2.model.StaleSecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Security group rules that reach across VPC peering: which peered VPCs' groups refer to a group
 * (DescribeSecurityGroupReferences), and which rules of a VPC's groups refer to groups across a peering connection
 * that is no longer active, or to groups that are gone (DescribeStaleSecurityGroups).
 */
public final class SecurityGroupReferenceActions implements ActionGroup {

    @Override
    public void register(ActionRegistry registry) {
        registry.on(DescribeSecurityGroupReferencesRequest.class, this::references)
                .on(DescribeStaleSecurityGroupsRequest.class, this::stale);
    }

    DescribeSecurityGroupReferencesResponse references(ActionContext ctx,
                                                       DescribeSecurityGroupReferencesRequest request) {
        if (!request.hasGroupId() || request.groupId().isEmpty()) {
            throw missing("GroupId");
        }
        Checks.checkIds(request.groupId(), Ec2IdKind.SECURITY_GROUP);
        List<SecurityGroup> groups = Checks.extension(ctx.cloud(), SecurityGroups.class).securityGroups();
        List<SecurityGroup> asked = IdSelection.byIds(groups, SecurityGroup::id, request.groupId(),
                SecurityGroupActions.NOT_FOUND, "security group");
        List<VpcPeeringConnection> peerings = activePeerings(ctx);
        dryRun(request.dryRun());
        List<SecurityGroupReference> out = new ArrayList<>();
        for (SecurityGroup target : asked) {
            Set<String> referencingVpcs = new LinkedHashSet<>();
            for (SecurityGroup other : groups) {
                if (other.networkId() != null && !other.networkId().equals(target.networkId())
                        && (refers(other.ingress(), target.id()) || refers(other.egress(), target.id()))) {
                    referencingVpcs.add(other.networkId());
                }
            }
            for (String vpcId : referencingVpcs) {
                VpcPeeringConnection pcx = between(peerings, target.networkId(), vpcId);
                if (pcx != null) {
                    out.add(SecurityGroupReference.builder().groupId(target.id()).referencingVpcId(vpcId)
                            .vpcPeeringConnectionId(pcx.id()).build());
                }
            }
        }
        return DescribeSecurityGroupReferencesResponse.builder().securityGroupReferenceSet(out).build();
    }

    DescribeStaleSecurityGroupsResponse stale(ActionContext ctx, DescribeStaleSecurityGroupsRequest request) {
        String vpcId = VpcActions.find(ctx, request.vpcId()).id();
        List<SecurityGroup> groups = Checks.extension(ctx.cloud(), SecurityGroups.class).securityGroups();
        Map<String, SecurityGroup> byId = groups.stream()
                .collect(Collectors.toMap(SecurityGroup::id, Function.identity()));
        List<VpcPeeringConnection> all = ctx.cloud().extension(VpcPeeringConnections.class)
                .map(VpcPeeringConnections::vpcPeeringConnections).orElse(List.of());
        dryRun(request.dryRun());
        List<StaleSecurityGroup> out = new ArrayList<>();
        for (SecurityGroup g : IdSelection.sorted(groups, SecurityGroup::id)) {
            if (!vpcId.equals(g.networkId())) {
                continue;
            }
            String owner = g.ownerId() == null ? ctx.account() : g.ownerId();
            List<StaleIpPermission> ingress = stale(g.ingress(), vpcId, byId, all, owner);
            List<StaleIpPermission> egress = stale(g.egress(), vpcId, byId, all, owner);
            if (!ingress.isEmpty() || !egress.isEmpty()) {
                out.add(StaleSecurityGroup.builder().groupId(g.id()).groupName(g.name())
                        .description(g.description()).vpcId(vpcId).staleIpPermissions(ingress)
                        .staleIpPermissionsEgress(egress).build());
            }
        }
        var page = Paging.page(out, request.maxResults(), request.nextToken(), 5, 255, Paging.queryKey(request));
        return DescribeStaleSecurityGroupsResponse.builder().staleSecurityGroupSet(page.items())
                .nextToken(page.nextToken()).build();
    }

    /** The rules that refer to a group outside the VPC without an active peering to its VPC, or to a lost group. */
    private static List<StaleIpPermission> stale(List<SecurityRule> rules, String vpcId,
                                                 Map<String, SecurityGroup> byId, List<VpcPeeringConnection> all,
                                                 String owner) {
        List<StaleIpPermission> out = new ArrayList<>();
        for (SecurityRule rule : rules) {
            List<UserIdGroupPair> pairs = new ArrayList<>();
            for (String groupId : rule.groupIds()) {
                SecurityGroup referenced = byId.get(groupId);
                if (referenced != null && vpcId.equals(referenced.networkId())) {
                    continue;
                }
                String otherVpc = referenced == null ? null : referenced.networkId();
                VpcPeeringConnection active = otherVpc == null ? null
                        : between(all.stream().filter(p -> VpcPeeringConnection.ACTIVE.equals(p.status())).toList(),
                                vpcId, otherVpc);
                if (active != null) {
                    continue;
                }
                VpcPeeringConnection last = otherVpc == null ? null : between(all, vpcId, otherVpc);
                pairs.add(UserIdGroupPair.builder().groupId(groupId).userId(owner)
                        .groupName(referenced == null ? null : referenced.name()).vpcId(otherVpc)
                        .vpcPeeringConnectionId(last == null ? null : last.id())
                        .peeringStatus(last == null ? null : last.status()).build());
            }
            if (!pairs.isEmpty()) {
                StaleIpPermission.Builder p = StaleIpPermission.builder().ipProtocol(rule.protocol())
                        .userIdGroupPairs(pairs).ipRanges(List.of()).prefixListIds(List.of());
                if (!"-1".equals(rule.protocol())) {
                    p.fromPort(rule.fromPort()).toPort(rule.toPort());
                }
                out.add(p.build());
            }
        }
        return out;
    }

    private static List<VpcPeeringConnection> activePeerings(ActionContext ctx) {
        return ctx.cloud().extension(VpcPeeringConnections.class)
                .map(p -> p.vpcPeeringConnections().stream()
                        .filter(c -> VpcPeeringConnection.ACTIVE.equals(c.status())).toList())
                .orElse(List.of());
    }

    private static VpcPeeringConnection between(List<VpcPeeringConnection> connections, String a, String b) {
        for (VpcPeeringConnection c : connections) {
            String r = c.requester().vpcId();
            String x = c.accepter().vpcId();
            if (a.equals(r) && b.equals(x) || a.equals(x) && b.equals(r)) {
                return c;
            }
        }
        return null;
    }

    private static boolean refers(List<SecurityRule> rules, String groupId) {
        return rules.stream().anyMatch(r -> r.groupIds().contains(groupId));
    }
}
