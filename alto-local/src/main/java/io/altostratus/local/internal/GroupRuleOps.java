package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.local.internal.Docs.GroupRulesDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Security group rules with ids. A group's stored rules are single grants (one peer each); this keeps an id for each
 * grant in a document beside the group, rewritten whenever the group's rules change: a grant that was there keeps its
 * id, a new one gets a fresh id, so ids are stable from authorize to revoke.
 */
public final class GroupRuleOps {
    private GroupRuleOps() {
    }

    /** EC2's default quota of rules per security group and direction, each peer counting as one rule. */
    static final int MAX_RULES_PER_DIRECTION = 60;

    /**
     * Brings the group's rule ids in line with its stored grants. Every change of a group's rules comes through
     * here in the changing transaction, so this is where the per-group quota is enforced: failing aborts it.
     */
    static void sync(StateTx tx, Env env, SecurityGroup stored) {
        if (stored.ingress().size() > MAX_RULES_PER_DIRECTION || stored.egress().size() > MAX_RULES_PER_DIRECTION) {
            throw new AltoException(ErrorCode.QUOTA_EXCEEDED, "RulesPerSecurityGroupLimitExceeded",
                    "The maximum number of rules per security group has been reached.");
        }
        List<SecurityGroupRule> previous = new ArrayList<>(tx.get(Docs.GROUP_RULES, env.scope(), stored.id(),
                GroupRulesDoc.class).map(GroupRulesDoc::rules).orElse(List.of()));
        List<SecurityGroupRule> rules = new ArrayList<>();
        addAll(rules, previous, stored, false, stored.ingress());
        addAll(rules, previous, stored, true, stored.egress());
        tx.put(Docs.GROUP_RULES, env.scope(), stored.id(), new GroupRulesDoc(stored.id(), rules));
    }

    private static void addAll(List<SecurityGroupRule> out, List<SecurityGroupRule> previous, SecurityGroup group,
                               boolean egress, List<SecurityRule> grants) {
        for (SecurityRule grant : grants) {
            SecurityGroupRule kept = null;
            for (SecurityGroupRule p : previous) {
                if (p.egress() == egress && same(p, grant)) {
                    kept = p;
                    break;
                }
            }
            String id;
            if (kept != null) {
                previous.remove(kept);
                id = kept.id();
            } else {
                id = Ec2IdKind.SECURITY_GROUP_RULE.mint();
            }
            out.add(new SecurityGroupRule(id, group.id(), group.ownerId(), egress, grant.protocol(), grant.fromPort(),
                    grant.toPort(), first(grant.cidrs()), first(grant.ipv6Cidrs()), first(grant.groupIds()),
                    grant.description()));
        }
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private static boolean same(SecurityGroupRule rule, SecurityRule grant) {
        return rule.protocol().equals(grant.protocol()) && rule.fromPort() == grant.fromPort()
                && rule.toPort() == grant.toPort()
                && java.util.Objects.equals(rule.cidr(), first(grant.cidrs()))
                && java.util.Objects.equals(rule.ipv6Cidr(), first(grant.ipv6Cidrs()))
                && java.util.Objects.equals(rule.referencedGroupId(), first(grant.groupIds()));
    }

    /** The rules of the named groups (every group when none are named), ingress before egress per group. */
    public static List<SecurityGroupRule> list(StateView view, Env env, Collection<String> groupIds) {
        List<String> ids = new ArrayList<>();
        if (groupIds == null || groupIds.isEmpty()) {
            NetworkOps.groups(view, env).forEach(g -> ids.add(g.id()));
        } else {
            for (String id : new LinkedHashSet<>(groupIds)) {
                ids.add(Lookup.group(view, env, id).id());
            }
        }
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (String id : ids) {
            view.get(Docs.GROUP_RULES, env.scope(), id, GroupRulesDoc.class).ifPresent(d -> rules.addAll(d.rules()));
        }
        return rules;
    }

    static void delete(StateTx tx, Env env, String groupId) {
        tx.delete(Docs.GROUP_RULES, env.scope(), groupId);
    }
}
