package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.ec2.SecurityGroupRuleEdits;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.local.internal.Docs.GroupRulesDoc;
import io.altostratus.store.StateTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Security group rules changed in place. A modified rule keeps its id, which {@link GroupRuleOps#sync} alone would
 * not do (it sees a changed grant as a new one), so the rule document is written here in step with the group.
 * An instance is a session's {@link SecurityGroupRuleEdits}.
 */
public final class GroupRuleEditOps implements SecurityGroupRuleEdits {
    private final Session session;
    private final Env env;

    public GroupRuleEditOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public List<SecurityGroupRule> modifyRules(String groupId, Map<String, SecurityRule> byRuleId) {
        return session.write(tx -> {
            SecurityGroup group = Lookup.group(tx, env, groupId);
            List<SecurityGroupRule> rules = new ArrayList<>(rules(tx, groupId));
            List<SecurityRule> ingress = new ArrayList<>(group.ingress());
            List<SecurityRule> egress = new ArrayList<>(group.egress());
            for (Map.Entry<String, SecurityRule> change : byRuleId.entrySet()) {
                int at = indexOf(rules, change.getKey(), groupId);
                SecurityGroupRule old = rules.get(at);
                List<SecurityRule> atoms = NetworkOps.atoms(tx, env, List.of(change.getValue()));
                if (atoms.size() != 1) {
                    throw Errors.invalidValue("A security group rule has exactly one of CidrIpv4, CidrIpv6 and "
                            + "ReferencedGroupId");
                }
                SecurityRule next = atoms.get(0);
                List<SecurityRule> side = old.egress() ? egress : ingress;
                int grant = grantIndex(side, old.toSecurityRule());
                for (int i = 0; i < side.size(); i++) {
                    if (i != grant && same(side.get(i), next)) {
                        throw Errors.duplicate("InvalidPermission.Duplicate", "The rule " + change.getKey()
                                + " would duplicate another rule of " + groupId);
                    }
                }
                if (grant >= 0) {
                    side.set(grant, next);
                }
                rules.set(at, new SecurityGroupRule(old.id(), old.groupId(), old.groupOwnerId(), old.egress(),
                        next.protocol(), next.fromPort(), next.toPort(), first(next.cidrs()),
                        first(next.ipv6Cidrs()), first(next.groupIds()), next.description()));
            }
            tx.put(Docs.GROUP, env.scope(), groupId, group.withRules(ingress, egress));
            tx.put(Docs.GROUP_RULES, env.scope(), groupId, new GroupRulesDoc(groupId, rules));
            return List.copyOf(rules);
        });
    }

    @Override
    public List<SecurityGroupRule> updateDescriptions(String groupId, boolean egress, List<SecurityRule> grants) {
        return session.write(tx -> {
            SecurityGroup group = Lookup.group(tx, env, groupId);
            List<SecurityRule> side = new ArrayList<>(egress ? group.egress() : group.ingress());
            for (SecurityRule atom : NetworkOps.atoms(tx, env, grants)) {
                int at = grantIndex(side, atom);
                if (at < 0) {
                    throw Errors.notFound("InvalidPermission.NotFound", "The specified rule does not exist in "
                            + "this security group: " + groupId);
                }
                side.set(at, withDescription(side.get(at), atom.description()));
            }
            return store(tx, group, egress, side);
        });
    }

    @Override
    public List<SecurityGroupRule> updateDescriptionsById(String groupId, boolean egress,
                                                          Map<String, String> byRuleId) {
        return session.write(tx -> {
            SecurityGroup group = Lookup.group(tx, env, groupId);
            List<SecurityGroupRule> rules = rules(tx, groupId);
            List<SecurityRule> side = new ArrayList<>(egress ? group.egress() : group.ingress());
            for (Map.Entry<String, String> change : byRuleId.entrySet()) {
                SecurityGroupRule rule = rules.get(indexOf(rules, change.getKey(), groupId));
                if (rule.egress() != egress) {
                    throw Errors.notFound(Ec2IdKind.SECURITY_GROUP_RULE.notFoundCode(), "The security group rule ID '"
                            + change.getKey() + "' is not an " + (egress ? "egress" : "ingress") + " rule");
                }
                int at = grantIndex(side, rule.toSecurityRule());
                if (at >= 0) {
                    side.set(at, withDescription(side.get(at), change.getValue()));
                }
            }
            return store(tx, group, egress, side);
        });
    }

    private List<SecurityGroupRule> store(StateTx tx, SecurityGroup group, boolean egress, List<SecurityRule> side) {
        SecurityGroup updated = egress ? group.withRules(group.ingress(), side) : group.withRules(side, group.egress());
        tx.put(Docs.GROUP, env.scope(), group.id(), updated);
        GroupRuleOps.sync(tx, env, updated);
        return rules(tx, group.id());
    }

    private List<SecurityGroupRule> rules(StateTx tx, String groupId) {
        return tx.get(Docs.GROUP_RULES, env.scope(), groupId, GroupRulesDoc.class).map(GroupRulesDoc::rules)
                .orElse(List.of());
    }

    private static int indexOf(List<SecurityGroupRule> rules, String ruleId, String groupId) {
        Ec2IdKind.SECURITY_GROUP_RULE.check(ruleId);
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(ruleId)) {
                return i;
            }
        }
        throw Errors.notFound(Ec2IdKind.SECURITY_GROUP_RULE.notFoundCode(), "The security group rule ID '" + ruleId
                + "' does not exist in " + groupId);
    }

    private static int grantIndex(List<SecurityRule> grants, SecurityRule atom) {
        for (int i = 0; i < grants.size(); i++) {
            if (same(grants.get(i), atom)) {
                return i;
            }
        }
        return -1;
    }

    /** The same grant, description aside (the description is what the updates change). */
    private static boolean same(SecurityRule a, SecurityRule b) {
        return a.protocol().equals(b.protocol()) && a.fromPort() == b.fromPort() && a.toPort() == b.toPort()
                && a.cidrs().equals(b.cidrs()) && a.ipv6Cidrs().equals(b.ipv6Cidrs())
                && a.groupIds().equals(b.groupIds());
    }

    private static SecurityRule withDescription(SecurityRule r, String description) {
        return new SecurityRule(r.protocol(), r.fromPort(), r.toPort(), r.cidrs(), r.ipv6Cidrs(), r.groupIds(),
                description);
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }
}
