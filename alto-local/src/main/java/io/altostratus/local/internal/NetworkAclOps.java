package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.NetworkAcl.Association;
import io.altostratus.core.ec2.NetworkAcl.Entry;
import io.altostratus.core.ec2.NetworkAcls;
import io.altostratus.core.model.Network;
import io.altostratus.core.spec.Cidr;
import io.altostratus.store.StateTx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A session's {@link NetworkAcls}: custom ACLs, their rules and subnet associations, each call one transaction.
 * Rules are kept sorted by direction then number, the order EC2 lists them in.
 */
public final class NetworkAclOps implements NetworkAcls {
    private static final String ANYWHERE = "0.0.0.0/0";
    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::egress)
            .thenComparingInt(Entry::ruleNumber);

    private final Session session;
    private final Env env;

    public NetworkAclOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public NetworkAcl createNetworkAcl(String networkId, Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> {
            Network vpc = Lookup.vpc(tx, env, networkId);
            List<Entry> entries = List.of(
                    new Entry(NetworkAcl.LAST_RULE, "-1", "deny", false, ANYWHERE, null, null),
                    new Entry(NetworkAcl.LAST_RULE, "-1", "deny", true, ANYWHERE, null, null));
            NetworkAcl acl = new NetworkAcl(Ec2IdKind.NETWORK_ACL.mint(), vpc.id(), false, entries, List.of(),
                    env.account(), tags);
            tx.put(Docs.NETWORK_ACL, env.scope(), acl.id(), acl);
            return acl;
        });
    }

    @Override
    public void deleteNetworkAcl(String networkAclId) {
        session.update(tx -> {
            NetworkAcl acl = Lookup.networkAcl(tx, env, networkAclId);
            if (acl.isDefault()) {
                throw Errors.invalidValue("cannot delete default network ACL " + networkAclId);
            }
            if (!acl.associations().isEmpty()) {
                throw Errors.dependency("The networkAcl '" + networkAclId + "' has dependencies and cannot be "
                        + "deleted: it is associated with " + acl.associations().stream()
                        .map(Association::subnetId).toList());
            }
            tx.delete(Docs.NETWORK_ACL, env.scope(), networkAclId);
        });
    }

    @Override
    public NetworkAcl createNetworkAclEntry(String networkAclId, Entry entry) {
        check(entry);
        return session.write(tx -> {
            NetworkAcl acl = Lookup.networkAcl(tx, env, networkAclId);
            if (indexOf(acl, entry.ruleNumber(), entry.egress()) >= 0) {
                throw Errors.duplicate("NetworkAclEntryAlreadyExists", "The network acl entry identified by "
                        + entry.ruleNumber() + " already exists.");
            }
            List<Entry> entries = new ArrayList<>(acl.entries());
            entries.add(entry);
            return put(tx, acl, entries);
        });
    }

    @Override
    public NetworkAcl replaceNetworkAclEntry(String networkAclId, Entry entry) {
        check(entry);
        return session.write(tx -> {
            NetworkAcl acl = Lookup.networkAcl(tx, env, networkAclId);
            int index = existing(acl, entry.ruleNumber(), entry.egress());
            List<Entry> entries = new ArrayList<>(acl.entries());
            entries.set(index, entry);
            return put(tx, acl, entries);
        });
    }

    @Override
    public NetworkAcl deleteNetworkAclEntry(String networkAclId, int ruleNumber, boolean egress) {
        if (ruleNumber == NetworkAcl.LAST_RULE) {
            throw Errors.invalidValue("The catch-all rule " + NetworkAcl.LAST_RULE + " cannot be deleted");
        }
        return session.write(tx -> {
            NetworkAcl acl = Lookup.networkAcl(tx, env, networkAclId);
            List<Entry> entries = new ArrayList<>(acl.entries());
            entries.remove(existing(acl, ruleNumber, egress));
            return put(tx, acl, entries);
        });
    }

    @Override
    public String replaceNetworkAclAssociation(String associationId, String networkAclId) {
        Ec2IdKind.NETWORK_ACL_ASSOCIATION.check(associationId);
        return session.write(tx -> {
            NetworkAcl target = Lookup.networkAcl(tx, env, networkAclId);
            NetworkAcl holder = null;
            Association association = null;
            for (NetworkAcl acl : AclOps.list(tx, env)) {
                for (Association a : acl.associations()) {
                    if (a.id().equals(associationId)) {
                        holder = acl;
                        association = a;
                    }
                }
            }
            if (association == null) {
                throw Ec2IdKind.NETWORK_ACL_ASSOCIATION.notFound(associationId);
            }
            if (!holder.networkId().equals(target.networkId())) {
                throw Errors.invalidValue("network ACL " + networkAclId + " belongs to network "
                        + target.networkId() + ", not " + holder.networkId());
            }
            String subnetId = association.subnetId();
            tx.put(Docs.NETWORK_ACL, env.scope(), holder.id(), holder.withAssociations(holder.associations().stream()
                    .filter(a -> !a.id().equals(associationId)).toList()));
            // Re-read: the target may be the ACL just written.
            NetworkAcl current = Lookup.networkAcl(tx, env, networkAclId);
            Association moved = new Association(Ec2IdKind.NETWORK_ACL_ASSOCIATION.mint(), networkAclId, subnetId);
            List<Association> associations = new ArrayList<>(current.associations());
            associations.add(moved);
            tx.put(Docs.NETWORK_ACL, env.scope(), networkAclId, current.withAssociations(associations));
            return moved.id();
        });
    }

    private NetworkAcl put(StateTx tx, NetworkAcl acl, List<Entry> entries) {
        entries.sort(ORDER);
        NetworkAcl changed = acl.withEntries(entries);
        tx.put(Docs.NETWORK_ACL, env.scope(), acl.id(), changed);
        return changed;
    }

    private static int indexOf(NetworkAcl acl, int ruleNumber, boolean egress) {
        for (int i = 0; i < acl.entries().size(); i++) {
            Entry e = acl.entries().get(i);
            if (e.ruleNumber() == ruleNumber && e.egress() == egress) {
                return i;
            }
        }
        return -1;
    }

    private static int existing(NetworkAcl acl, int ruleNumber, boolean egress) {
        int index = indexOf(acl, ruleNumber, egress);
        if (index < 0) {
            throw Errors.notFound("InvalidNetworkAclEntry.NotFound", "The network acl entry identified by "
                    + ruleNumber + " (" + (egress ? "egress" : "ingress") + ") does not exist in " + acl.id());
        }
        return index;
    }

    private static void check(Entry entry) {
        if (entry.ruleNumber() < 1 || entry.ruleNumber() >= NetworkAcl.LAST_RULE) {
            throw Errors.invalidValue("Value (" + entry.ruleNumber() + ") for parameter ruleNumber is invalid. "
                    + "Expected a number from 1 to " + (NetworkAcl.LAST_RULE - 1) + ".");
        }
        if (!entry.ruleAction().equals("allow") && !entry.ruleAction().equals("deny")) {
            throw Errors.invalidValue("Value (" + entry.ruleAction() + ") for parameter ruleAction is invalid. "
                    + "Valid values: allow, deny");
        }
        if (entry.cidr() == null && entry.ipv6Cidr() == null) {
            throw Errors.invalid("MissingParameter", "A network ACL rule needs a CIDR block (cidrBlock)");
        }
        if (entry.cidr() != null) {
            try {
                Cidr.parse(entry.cidr());
            } catch (IllegalArgumentException e) {
                throw Errors.invalidValue("Value (" + entry.cidr() + ") for parameter cidrBlock is invalid.");
            }
        }
        boolean ports = entry.protocol().equals("6") || entry.protocol().equals("17");
        if (ports && entry.portRange() == null) {
            throw Errors.invalid("MissingParameter", "A tcp or udp rule needs a port range (portRange)");
        }
        if (entry.portRange() != null && (entry.portRange().from() < 0 || entry.portRange().to() > 65535
                || entry.portRange().from() > entry.portRange().to())) {
            throw Errors.invalidValue("Invalid port range " + entry.portRange().from() + "-"
                    + entry.portRange().to());
        }
    }
}
