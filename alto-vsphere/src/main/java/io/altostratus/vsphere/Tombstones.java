package io.altostratus.vsphere;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances this process destroyed, shown as {@code terminated} for an hour as EC2 shows them: vSphere forgets a VM
 * the moment Destroy_Task ends, but callers that wait for several instances to be terminated read them by id and
 * expect to find them. Shared by every session one factory opens; vCenter and ESXi never hand a MoRef out twice, so
 * a tombstone ends only with its time.
 */
final class Tombstones {
    static final Duration KEPT = Duration.ofHours(1);

    private record Grave(Instance instance, Instant until) {
    }

    private final Map<String, Grave> graves = new ConcurrentHashMap<>();

    void bury(Instance last, Clock clock) {
        graves.put(last.id(), new Grave(last.toBuilder().state(InstanceState.TERMINATED).rawState("destroyed")
                .privateIp(null).stateReason(null).build(), clock.instant().plus(KEPT)));
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

    List<Instance> all(Clock clock) {
        return graves.keySet().stream().map(id -> find(id, clock)).filter(Objects::nonNull).toList();
    }
}
