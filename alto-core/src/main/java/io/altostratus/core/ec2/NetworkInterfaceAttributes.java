package io.altostratus.core.ec2;

import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * EC2's interface addressing and attributes: secondary private IPv4 addresses, IPv6 addresses, the description,
 * source/destination check and security groups. Unknown interfaces fail with {@code NOT_FOUND}
 * ({@code InvalidNetworkInterfaceID.NotFound}).
 */
public interface NetworkInterfaceAttributes extends Extension {

    /**
     * Adds secondary private addresses: the ones named (each in the interface's subnet and free, unless
     * {@code allowReassignment} lets one move from another interface), or {@code count} the cloud picks.
     */
    InterfaceAddresses assignPrivateIpAddresses(String networkInterfaceId, List<String> addresses, int count,
                                                boolean allowReassignment);

    /** Removes secondary private addresses; one the interface does not have fails with {@code INVALID_ARGUMENT}. */
    InterfaceAddresses unassignPrivateIpAddresses(String networkInterfaceId, List<String> addresses);

    /** Adds IPv6 addresses from the subnet's /64: the ones named, or {@code count} the cloud picks. */
    InterfaceAddresses assignIpv6Addresses(String networkInterfaceId, List<String> addresses, int count);

    /** Removes IPv6 addresses the interface has. */
    InterfaceAddresses unassignIpv6Addresses(String networkInterfaceId, List<String> addresses);

    /** The interface's extra addresses and source/destination check. */
    InterfaceAddresses interfaceAddresses(String networkInterfaceId);

    /** Every interface that has extra addresses or a changed check, by id (the rest read as {@code none}). */
    Map<String, InterfaceAddresses> allInterfaceAddresses();

    /**
     * Changes what is given (null leaves an attribute as it is): the description, the source/destination check, or
     * the security groups (all in the interface's VPC).
     */
    NetworkInterface modifyNetworkInterface(String networkInterfaceId, String description, Boolean sourceDestCheck,
                                            List<String> groupIds);
}
