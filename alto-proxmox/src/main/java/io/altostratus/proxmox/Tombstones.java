package io.altostratus.proxmox;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances this process destroyed, shown as {@code terminated} for a while as EC2 shows them: Proxmox forgets a VM
 * the moment it is destroyed, but callers that wait for several instances to be terminated list them by id and expect
 * to see them. Shared by every session one factory opens; destroyed VMIDs are retired from launches for as long; one reused by another client replaces its tombstone.
 */
final class Tombstones {
    static final Duration KEPT = Duration.ofHours(1);

    private record Grave(Instance instance, Instant until) {
    }

    private final Map<String, Grave> graves = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> retired = new ConcurrentHashMap<>();

    void bury(Instance last, Clock clock) {
        graves.put(last.id(), new Grave(last.toBuilder().state(InstanceState.TERMINATED).rawState("destroyed")
                .privateIp(null).stateReason(null).build(), clock.instant().plus(KEPT)));
    }

    /** Forgets a tombstone because a new VM has the id. */
    void reborn(String id) {
        graves.remove(id);
    }

    /** The terminated instance for an id, when buried and still kept. */
    Instance find(String id, Clock clock) {
        Grave g = graves.get(id);
        if (g == null) {
            return null;
        }
        if (!clock.instant().isBefore(g.until())) {
            graves.remove(id);
            return null;
        }
        return g.instance();
    }

    /**
     * Marks a VMID as not to be handed out again for the tombstones' life; called before the destroy starts, since
     * Proxmox frees the VMID the moment the destroy ends and a concurrent launch may be asking for one right then.
     */
    void retire(int vmid, Clock clock) {
        Instant now = clock.instant();
        retired.entrySet().removeIf(e -> !now.isBefore(e.getValue())); // a long-running server forgets old ones
        retired.put(vmid, now.plus(KEPT));
    }

    /** Whether this VMID was retired within the tombstones' life (VMIDs are unique across a cluster's nodes). */
    boolean holdsVmid(int vmid, Clock clock) {
        Instant until = retired.get(vmid);
        if (until != null && !clock.instant().isBefore(until)) {
            retired.remove(vmid, until);
            return false;
        }
        return until != null;
    }

    List<Instance> all(Clock clock) {
        return graves.keySet().stream().map(id -> find(id, clock)).filter(java.util.Objects::nonNull).toList();
    }
}
