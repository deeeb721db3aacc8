package io.altostratus.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A point-in-time copy of a volume.
 *
 * @param id          e.g. {@code snap-0123456789abcdef0}
 * @param volumeId    the volume it copies
 * @param sizeGiB     the volume's size
 * @param state       {@code pending}, {@code completed} or {@code error}
 * @param progress    percent done, 0..100
 * @param description free text
 * @param ownerId     the owning account
 * @param startTime   when it was started
 * @param tags        tags
 */
public record Snapshot(String id, String volumeId, int sizeGiB, String state, int progress, String description,
                       String ownerId, Instant startTime, Map<String, String> tags) {
    public Snapshot {
        Objects.requireNonNull(id, "id");
        tags = Tags.copy(tags);
    }

    public Snapshot withTags(Map<String, String> newTags) {
        return new Snapshot(id, volumeId, sizeGiB, state, progress, description, ownerId, startTime, newTags);
    }
}
