package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;

/** EC2's instance attributes: type, termination protection and user data, read and changed. */
public interface Ec2InstanceAttributes extends Extension {
    InstanceAttributes instanceAttributes(String instanceId);

    /** The user data given at launch (decoded), or null when there was none. */
    String userData(String instanceId);

    /**
     * Changes instance attributes. A new type or user data needs a stopped instance ({@code INVALID_STATE},
     * {@code IncorrectInstanceState}, otherwise). While {@code disableApiTermination} is set, terminating fails with
     * {@code INVALID_STATE} ({@code OperationNotPermitted}) and terminates none of the instances it was given.
     */
    InstanceAttributes modifyInstance(String instanceId, InstanceChange change);
}
