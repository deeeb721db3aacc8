package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A physical server given to one account (an EC2 Dedicated Host): it runs instances of one type, or of several sizes
 * of one family, in one zone.
 *
 * @param id              e.g. {@code h-0123456789abcdef0}
 * @param instanceType    the only type it runs, or null when it runs any size of {@code instanceFamily}
 * @param instanceFamily  the family of its type, e.g. {@code m5}
 * @param zone            the availability zone it is in
 * @param autoPlacement   {@code on} (untargeted launches may land on it) or {@code off}
 * @param hostRecovery    {@code on} or {@code off}
 * @param hostMaintenance {@code on} or {@code off}
 * @param sockets         its processor sockets
 * @param cores           its physical cores
 * @param totalVCpus      its vCPUs: how many instances of a size fit is this divided by the size's vCPUs
 * @param state           {@code available}, {@code released}, ...
 * @param allocationTime  when it was allocated
 * @param releaseTime     when it was released, or null
 * @param clientToken     the caller's idempotency token, or null
 * @param tags            tags
 */
public record DedicatedHost(String id, String instanceType, String instanceFamily, String zone, String autoPlacement,
                            String hostRecovery, String hostMaintenance, int sockets, int cores, int totalVCpus,
                            String state, Instant allocationTime, Instant releaseTime, String clientToken,
                            Map<String, String> tags) {
    public static final String AVAILABLE = "available";
    public static final String RELEASED = "released";
    public static final String ON = "on";
    public static final String OFF = "off";

    public DedicatedHost {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instanceFamily, "instanceFamily");
        Objects.requireNonNull(state, "state");
        tags = Tags.copy(tags);
    }

    public DedicatedHost withState(String newState, Instant newReleaseTime) {
        return new DedicatedHost(id, instanceType, instanceFamily, zone, autoPlacement, hostRecovery,
                hostMaintenance, sockets, cores, totalVCpus, newState, allocationTime, newReleaseTime, clientToken,
                tags);
    }

    public DedicatedHost withTags(Map<String, String> newTags) {
        return new DedicatedHost(id, instanceType, instanceFamily, zone, autoPlacement, hostRecovery,
                hostMaintenance, sockets, cores, totalVCpus, state, allocationTime, releaseTime, clientToken,
                newTags);
    }

    /** The host with the settings {@code change} names; its fields left null keep theirs. */
    public DedicatedHost with(HostChange change) {
        String type = instanceType;
        String family = instanceFamily;
        if (change.instanceType() != null) {
            type = change.instanceType();
            family = change.instanceType().substring(0, change.instanceType().indexOf('.'));
        } else if (change.instanceFamily() != null) {
            type = null;
            family = change.instanceFamily();
        }
        return new DedicatedHost(id, type, family, zone,
                change.autoPlacement() == null ? autoPlacement : change.autoPlacement(),
                change.hostRecovery() == null ? hostRecovery : change.hostRecovery(),
                change.hostMaintenance() == null ? hostMaintenance : change.hostMaintenance(),
                sockets, cores, totalVCpus, state, allocationTime, releaseTime, clientToken, tags);
    }

    /**
     * What ModifyHosts changes; null fields stay as they are. At most one of {@code instanceType} and
     * {@code instanceFamily}.
     */
    public record HostChange(String autoPlacement, String hostRecovery, String hostMaintenance, String instanceType,
                             String instanceFamily) {
        public boolean isEmpty() {
            return autoPlacement == null && hostRecovery == null && hostMaintenance == null && instanceType == null
                    && instanceFamily == null;
        }
    }
}
