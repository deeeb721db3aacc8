package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * EC2's DHCP options sets and which one each VPC uses. Every account has a default set per region, which new VPCs
 * use; a VPC may instead use a set of the account's or none ({@link DhcpOptions#NONE}).
 */
public interface DhcpOptionsSets extends Extension {

    /**
     * Makes a set. Option names are EC2's ({@code domain-name}, {@code domain-name-servers}, {@code ntp-servers},
     * {@code netbios-name-servers}, {@code netbios-node-type}, {@code ipv6-address-preferred-lease-time}); an
     * unknown name or a bad value fails with {@code INVALID_PARAMETER}.
     */
    DhcpOptions createDhcpOptions(Map<String, List<String>> configurations, Map<String, String> tags);

    /** Every set of the account in the region, its default set included while it exists. */
    List<DhcpOptions> dhcpOptions();

    /**
     * Deletes a set: an unknown id fails with {@code NOT_FOUND} ({@code InvalidDhcpOptionID.NotFound}), a set a
     * VPC still uses with {@code DEPENDENCY_VIOLATION}.
     */
    void deleteDhcpOptions(String dhcpOptionsId);

    /**
     * Makes the VPC use the set, or no options when {@code dhcpOptionsId} is {@link DhcpOptions#NONE}. An unknown
     * set or VPC fails with {@code NOT_FOUND}.
     */
    void associateDhcpOptions(String dhcpOptionsId, String vpcId);

    /** Each VPC's set id (or {@link DhcpOptions#NONE}), for every VPC of the account in the region. */
    Map<String, String> vpcDhcpOptions();
}
