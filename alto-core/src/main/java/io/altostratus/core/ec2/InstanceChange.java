package io.altostratus.core.ec2;

/**
 * Changes to an instance's attributes; null leaves an attribute as it is.
 *
 * @param instanceType          a new type (the instance must be stopped)
 * @param disableApiTermination set or clear termination protection
 * @param userData              new user data, decoded (the instance must be stopped)
 */
public record InstanceChange(String instanceType, Boolean disableApiTermination, String userData) {

    public static InstanceChange instanceType(String type) {
        return new InstanceChange(type, null, null);
    }

    public static InstanceChange disableApiTermination(boolean disable) {
        return new InstanceChange(null, disable, null);
    }

    public static InstanceChange userData(String data) {
        return new InstanceChange(null, null, data);
    }
}
