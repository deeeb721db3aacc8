package io.altostratus.core.ec2;

import java.util.Objects;

/**
 * A route in a transit gateway route table, as it reads now.
 *
 * @param destinationCidr the IPv4 block it covers
 * @param type            {@link #STATIC} (made by a call) or {@link #PROPAGATED} (an attached VPC's CIDR)
 * @param state           {@link #ACTIVE} or {@link #BLACKHOLE} (dropped: asked for, or its attachment is not
 *                        available)
 * @param attachmentId    where it sends traffic, or null for a blackhole route made as one
 */
public record TransitGatewayRoute(String destinationCidr, String type, String state, String attachmentId) {
    public static final String STATIC = "static";
    public static final String PROPAGATED = "propagated";
    public static final String ACTIVE = "active";
    public static final String BLACKHOLE = "blackhole";
    /** How EC2 reports a route it has just removed. */
    public static final String DELETED = "deleted";

    public TransitGatewayRoute {
        Objects.requireNonNull(destinationCidr, "destinationCidr");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
    }
}
