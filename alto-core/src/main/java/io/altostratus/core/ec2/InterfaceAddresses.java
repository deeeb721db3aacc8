package io.altostratus.core.ec2;

import java.util.List;

/**
 * What an EC2 network interface has beyond the portable record: secondary private IPv4 addresses, IPv6 addresses
 * and its source/destination check.
 *
 * @param networkInterfaceId the interface
 * @param secondaryPrivateIps private IPv4 addresses besides the primary one, in the order they were assigned
 * @param ipv6Addresses       IPv6 addresses, from its subnet's /64
 * @param sourceDestCheck     whether traffic not addressed to it is dropped (true unless turned off, as on EC2)
 */
public record InterfaceAddresses(String networkInterfaceId, List<String> secondaryPrivateIps,
                                 List<String> ipv6Addresses, boolean sourceDestCheck) {
    public InterfaceAddresses {
        secondaryPrivateIps = secondaryPrivateIps == null ? List.of() : List.copyOf(secondaryPrivateIps);
        ipv6Addresses = ipv6Addresses == null ? List.of() : List.copyOf(ipv6Addresses);
    }

    /** What an interface has until something is assigned: nothing beyond its primary address, checks on. */
    public static InterfaceAddresses none(String networkInterfaceId) {
        return new InterfaceAddresses(networkInterfaceId, List.of(), List.of(), true);
    }
}
