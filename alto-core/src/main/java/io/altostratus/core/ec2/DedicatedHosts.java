package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * EC2's Dedicated Hosts: whole servers an account allocates in a zone for one instance type or family.
 */
public interface DedicatedHosts extends Extension {

    /**
     * Allocates {@code quantity} hosts, all {@code available}, for {@code instanceType} or (when that is null) any
     * size of {@code instanceFamily}. An unknown type or family, or one the zone does not offer, fails with
     * {@code INVALID_PARAMETER}; an unknown zone with {@code InvalidParameterValue}. A {@code clientToken} seen
     * before answers the hosts that call made.
     *
     * @param autoPlacement   {@code on} or {@code off} (null: {@code off}, as EC2's default)
     * @param hostRecovery    {@code on} or {@code off} (null: {@code off})
     * @param hostMaintenance {@code on} or {@code off} (null: {@code on})
     */
    List<DedicatedHost> allocateHosts(String instanceType, String instanceFamily, String zone, int quantity,
                                      String autoPlacement, String hostRecovery, String hostMaintenance,
                                      String clientToken, Map<String, String> tags);

    /** Every host, released ones included while EC2 still lists them. */
    List<DedicatedHost> hosts();

    /**
     * Changes one host's settings. An unknown id fails with {@code NOT_FOUND}; a released host with
     * {@code INVALID_STATE}; a type or family the zone does not offer with {@code INVALID_PARAMETER}.
     */
    DedicatedHost modifyHost(String hostId, DedicatedHost.HostChange change);

    /** Releases one host ({@code released}). Unknown: {@code NOT_FOUND}; already released: {@code INVALID_STATE}. */
    DedicatedHost releaseHost(String hostId);
}
