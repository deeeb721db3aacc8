package io.altostratus.azure;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VMs this process deleted, kept for an hour and reported {@code terminated} (raw state {@code Deleted/gone}). ARM
 * forgets a deleted VM at once (a GET is {@code ResourceNotFound}), while the SPI shows a terminated instance for a
 * while, so that a caller who waits for {@code terminated} sees it arrive. The memory belongs to the factory, shared
 * by its sessions, keyed by subscription and resource group; another process sees {@code NOT_FOUND}. A live VM under
 * the same name always wins.
 */
final class Tombstones {
    static final Duration RETENTION = Duration.ofHours(1);

    private record Grave(Instance instance, Instant buried) {
    }

    private final ConcurrentHashMap<String, Grave> graves = new ConcurrentHashMap<>();

    void bury(String scope, Instance last, Instant now) {
        Instance terminated = last.toBuilder().state(InstanceState.TERMINATED).rawState("Deleted/gone")
                .stateReason("deleted").privateIp(null).publicIp(null).build();
        graves.put(scope + "|" + last.id(), new Grave(terminated, now));
    }

    /** Forgets a name that a live VM uses again. */
    void forget(String scope, String id) {
        graves.remove(scope + "|" + id);
    }

    Optional<Instance> find(String scope, String id, Instant now) {
        Grave grave = graves.get(scope + "|" + id);
        if (grave == null || grave.buried().plus(RETENTION).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(grave.instance());
    }

    List<Instance> all(String scope, String region, Instant now) {
        graves.entrySet().removeIf(e -> e.getValue().buried().plus(RETENTION).isBefore(now));
        String prefix = scope + "|";
        return graves.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(e -> e.getValue().instance()).filter(i -> region.equals(i.region())).toList();
    }
}
