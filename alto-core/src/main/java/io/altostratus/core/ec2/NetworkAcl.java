package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stateless subnet firewall (an EC2 network ACL). Every network has a default ACL; each subnet is associated
 * with exactly one ACL.
 *
 * @param id           e.g. {@code acl-0123456789abcdef0}
 * @param networkId    the VPC
 * @param isDefault    whether this is the network's default ACL
 * @param entries      its rules, in both directions
 * @param associations the subnets that use it
 * @param ownerId      the owning account
 * @param tags         tags
 */
public record NetworkAcl(String id, String networkId, boolean isDefault, List<Entry> entries,
                         List<Association> associations, String ownerId, Map<String, String> tags) {
    /** The rule number of the catch-all deny rule every ACL ends with (EC2 shows it as {@code *}). */
    public static final int LAST_RULE = 32767;

    public NetworkAcl {
        Objects.requireNonNull(id, "id");
        entries = entries == null ? List.of() : List.copyOf(entries);
        associations = associations == null ? List.of() : List.copyOf(associations);
        tags = Tags.copy(tags);
    }

    public NetworkAcl withAssociations(List<Association> newAssociations) {
        return new NetworkAcl(id, networkId, isDefault, entries, newAssociations, ownerId, tags);
    }

    public NetworkAcl withEntries(List<Entry> newEntries) {
        return new NetworkAcl(id, networkId, isDefault, newEntries, associations, ownerId, tags);
    }

    public NetworkAcl withTags(Map<String, String> newTags) {
        return new NetworkAcl(id, networkId, isDefault, entries, associations, ownerId, newTags);
    }

    /**
     * One rule.
     *
     * @param ruleNumber 1..32766, or {@link #LAST_RULE} for the catch-all
     * @param protocol   {@code -1} for all, or an IP protocol number ({@code 6} tcp, {@code 17} udp, {@code 1} icmp)
     * @param ruleAction {@code allow} or {@code deny}
     * @param egress     whether it applies to outbound traffic
     * @param cidr       the IPv4 block, or null for an IPv6 rule
     * @param ipv6Cidr   the IPv6 block, or null
     * @param portRange  the ports for tcp and udp, or null for all
     */
    public record Entry(int ruleNumber, String protocol, String ruleAction, boolean egress, String cidr,
                        String ipv6Cidr, PortRange portRange) {
        public Entry {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(ruleAction, "ruleAction");
        }
    }

    /** An inclusive port range. */
    public record PortRange(int from, int to) {
    }

    /**
     * A subnet's association with an ACL.
     *
     * @param id           e.g. {@code aclassoc-0123456789abcdef0}
     * @param networkAclId the ACL
     * @param subnetId     the subnet
     */
    public record Association(String id, String networkAclId, String subnetId) {
    }
}
