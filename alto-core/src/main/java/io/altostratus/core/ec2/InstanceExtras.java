package io.altostratus.core.ec2;

import java.util.Objects;

/**
 * What EC2 keeps about an instance beside its launch: detailed monitoring and its placement group, as changed by
 * MonitorInstances and ModifyInstancePlacement.
 *
 * @param instanceId      the instance
 * @param monitoring      {@code disabled}, {@code pending}, {@code enabled} or {@code disabling}
 * @param placementGroup  the name of the placement group it is in, or null
 * @param partitionNumber its partition in a partition group, or null
 */
public record InstanceExtras(String instanceId, String monitoring, String placementGroup, Integer partitionNumber) {
    public static final String DISABLED = "disabled";
    public static final String PENDING = "pending";
    public static final String ENABLED = "enabled";
    public static final String DISABLING = "disabling";

    public InstanceExtras {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(monitoring, "monitoring");
    }

    /** What an instance nothing was changed on has. */
    public static InstanceExtras defaults(String instanceId) {
        return new InstanceExtras(instanceId, DISABLED, null, null);
    }
}
