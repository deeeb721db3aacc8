package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Instance settings EC2 changes after launch: detailed monitoring, placement, and the attributes ResetInstanceAttribute
 * puts back. Unknown instances fail with {@code NOT_FOUND} ({@code InvalidInstanceID.NotFound}).
 */
public interface Ec2InstanceExtras extends Extension {

    /**
     * Turns detailed monitoring on ({@code pending}, then {@code enabled}) or off ({@code disabling}, then
     * {@code disabled}) for each instance; all or none. Answers each instance's state right after the call.
     */
    List<InstanceExtras> monitor(Collection<String> instanceIds, boolean enable);

    /** The settings of the given instances as they read now (defaults for those never changed), by instance id. */
    Map<String, InstanceExtras> instanceExtras(Collection<String> instanceIds);

    /**
     * Moves a stopped instance into the named placement group (its partition where given), or out of any when
     * {@code groupName} is empty. Refused ({@code IncorrectInstanceState}) unless the instance is stopped; an
     * unknown group fails with {@code InvalidPlacementGroup.Unknown}.
     */
    InstanceExtras modifyPlacement(String instanceId, String groupName, Integer partitionNumber);

    /**
     * Puts an attribute back to its default: {@code sourceDestCheck} (on), {@code kernel} or {@code ramdisk} (the
     * image's; only while stopped). Others fail with {@code InvalidParameterValue}.
     */
    void resetInstanceAttribute(String instanceId, String attribute);
}
