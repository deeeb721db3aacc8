package io.altostratus.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One permission of a security group: a protocol and port range, from (ingress) or to (egress) a set of
 * IPv4/IPv6 ranges or other groups.
 *
 * @param protocol       {@code tcp}, {@code udp}, {@code icmp}, or {@code -1} for all
 * @param fromPort       first port (or ICMP type), -1 for all
 * @param toPort         last port (or ICMP code), -1 for all
 * @param cidrs          IPv4 ranges
 * @param ipv6Cidrs      IPv6 ranges
 * @param groupIds       source or destination security groups
 * @param description    free text, may be null
 */
public record SecurityRule(String protocol, int fromPort, int toPort, List<String> cidrs, List<String> ipv6Cidrs,
                           List<String> groupIds, String description) {
    public SecurityRule {
        Objects.requireNonNull(protocol, "protocol");
        cidrs = cidrs == null ? List.of() : List.copyOf(cidrs);
        ipv6Cidrs = ipv6Cidrs == null ? List.of() : List.copyOf(ipv6Cidrs);
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
    }

    /** TCP on one port from one IPv4 range, the common case ({@code ssh from 0.0.0.0/0}). */
    public static SecurityRule tcp(int port, String cidr) {
        return new SecurityRule("tcp", port, port, List.of(cidr), List.of(), List.of(), null);
    }

    /** Everything to everywhere: the egress rule a new EC2 group starts with. */
    public static SecurityRule allowAll() {
        return new SecurityRule("-1", -1, -1, List.of("0.0.0.0/0"), List.of(), List.of(), null);
    }
}
