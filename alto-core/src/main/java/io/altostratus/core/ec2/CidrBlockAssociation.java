package io.altostratus.core.ec2;

import java.util.Objects;

/**
 * A CIDR block added to a VPC after its primary one (a secondary IPv4 block or an Amazon-provided IPv6 /56), or an
 * IPv6 /64 given to a subnet out of its VPC's /56.
 *
 * @param id           e.g. {@code vpc-cidr-assoc-0123456789abcdef0} or {@code subnet-cidr-assoc-...}
 * @param resourceId   the VPC or subnet that holds the block
 * @param cidrBlock    the block, e.g. {@code 10.1.0.0/16} or {@code 2600:1f18:12:3400::/56}
 * @param ipv6         whether it is an IPv6 block
 * @param state        {@code associating}, {@code associated}, {@code disassociating} or {@code disassociated}
 * @param ipv6Pool     where an IPv6 block came from ({@code Amazon}), or null for IPv4
 * @param networkBorderGroup the group an IPv6 block is advertised from (the region), or null for IPv4
 */
public record CidrBlockAssociation(String id, String resourceId, String cidrBlock, boolean ipv6, String state,
                                   String ipv6Pool, String networkBorderGroup) {
    public static final String ASSOCIATING = "associating";
    public static final String ASSOCIATED = "associated";
    public static final String DISASSOCIATING = "disassociating";
    public static final String DISASSOCIATED = "disassociated";
    /** The pool EC2 names for blocks it hands out itself. */
    public static final String AMAZON_POOL = "Amazon";

    public CidrBlockAssociation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(cidrBlock, "cidrBlock");
        Objects.requireNonNull(state, "state");
    }

    /** Whether the block is in use or about to be: not being or been taken away. */
    public boolean isLive() {
        return ASSOCIATING.equals(state) || ASSOCIATED.equals(state);
    }

    public CidrBlockAssociation withState(String newState) {
        return new CidrBlockAssociation(id, resourceId, cidrBlock, ipv6, newState, ipv6Pool, networkBorderGroup);
    }
}
