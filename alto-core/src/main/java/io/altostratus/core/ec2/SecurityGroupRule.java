package io.altostratus.core.ec2;

import io.altostratus.core.model.SecurityRule;
import java.util.Objects;

/**
 * One rule of a security group with its own id, as EC2's {@code DescribeSecurityGroupRules} lists them: one
 * protocol and port range to or from exactly one peer (an IPv4 block, an IPv6 block or a group). A
 * {@link SecurityRule} with several peers is several of these. Ids are minted when the rule is authorized and stay
 * the same until it is revoked.
 *
 * @param id                e.g. {@code sgr-0123456789abcdef0}
 * @param groupId           the group it belongs to
 * @param groupOwnerId      the account that owns the group
 * @param egress            whether it is an outbound rule
 * @param protocol          {@code tcp}, {@code udp}, {@code icmp}, a protocol number, or {@code -1} for all
 * @param fromPort          first port (or ICMP type), -1 for all
 * @param toPort            last port (or ICMP code), -1 for all
 * @param cidr              the IPv4 peer, or null
 * @param ipv6Cidr          the IPv6 peer, or null
 * @param referencedGroupId the peer group, or null
 * @param description       free text, or null
 */
public record SecurityGroupRule(String id, String groupId, String groupOwnerId, boolean egress, String protocol,
                                int fromPort, int toPort, String cidr, String ipv6Cidr, String referencedGroupId,
                                String description) {
    public SecurityGroupRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(protocol, "protocol");
    }

    /** The rule as a one-peer {@link SecurityRule}, the form authorize and revoke take. */
    public SecurityRule toSecurityRule() {
        return new SecurityRule(protocol, fromPort, toPort,
                cidr == null ? java.util.List.of() : java.util.List.of(cidr),
                ipv6Cidr == null ? java.util.List.of() : java.util.List.of(ipv6Cidr),
                referencedGroupId == null ? java.util.List.of() : java.util.List.of(referencedGroupId), description);
    }
}
