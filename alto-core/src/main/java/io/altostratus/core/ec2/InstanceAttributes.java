package io.altostratus.core.ec2;

import java.util.Objects;

/**
 * The attributes of an instance that EC2's {@code DescribeInstanceAttribute} reports and that are not already part
 * of {@link Instance}.
 *
 * @param instanceId            the instance
 * @param instanceType          its type (changeable while it is stopped)
 * @param disableApiTermination whether terminating it is refused until the flag is cleared
 * @param userData              its user data (decoded), or null when it has none
 */
public record InstanceAttributes(String instanceId, String instanceType, boolean disableApiTermination,
                                 String userData) {
    public InstanceAttributes {
        Objects.requireNonNull(instanceId, "instanceId");
    }
}
