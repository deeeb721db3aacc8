package io.altostratus.gcp;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances this process deleted, kept for an hour and reported {@code terminated}. GCE forgets a deleted instance at
 * once (a read is {@code notFound}), while the SPI, like EC2, shows a terminated instance for a while, so that a
 * caller who waits for {@code terminated} sees it arrive and {@code instance(id)} after {@code terminate} answers.
 * The memory belongs to the factory, so every session of one process shares it; another process sees
 * {@code NOT_FOUND} instead. A live instance under the same id (GCE lets a name be reused) always wins.
 */
final class Tombstones {
    static final Duration RETENTION = Duration.ofHours(1);

    private record Grave(Instance instance, Instant buried) {
    }

    private final ConcurrentHashMap<String, Grave> graves = new ConcurrentHashMap<>();

    /** Remembers an instance just deleted, as terminated. */
    void bury(String project, Instance last, Instant now) {
        Instance terminated = last.toBuilder().state(InstanceState.TERMINATED).rawState(null)
                .stateReason("deleted").build();
        graves.put(key(project, last.id()), new Grave(terminated, now));
    }

    Optional<Instance> find(String project, String id, Instant now) {
        Grave grave = graves.get(key(project, id));
        if (grave == null) {
            return Optional.empty();
        }
        if (grave.buried().plus(RETENTION).isBefore(now)) {
            graves.remove(key(project, id), grave);
            return Optional.empty();
        }
        return Optional.of(grave.instance());
    }

    /** The project's terminated instances in a region, still within the retention. */
    List<Instance> all(String project, String region, Instant now) {
        graves.entrySet().removeIf(e -> e.getValue().buried().plus(RETENTION).isBefore(now));
        String prefix = project + "|";
        return graves.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(e -> e.getValue().instance())
                .filter(i -> region.equals(i.region()))
                .toList();
    }

    private static String key(String project, String id) {
        return project + "|" + id;
    }
}
