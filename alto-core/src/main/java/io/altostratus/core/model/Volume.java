package io.altostratus.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A block storage volume.
 *
 * @param id         e.g. {@code vol-0123456789abcdef0}
 * @param name       the {@code Name} tag, or null
 * @param zone       the availability zone it lives in (it attaches only to instances there)
 * @param sizeGiB    size
 * @param type       {@code gp3}, {@code gp2}, {@code io2}, ...
 * @param iops       provisioned IOPS, 0 when not applicable
 * @param encrypted  whether it is encrypted
 * @param snapshotId the snapshot it was made from, or null
 * @param state      {@code creating}, {@code available}, {@code in-use}, {@code deleting}, {@code deleted}
 * @param attachment where it is attached, or null
 * @param createTime when it was made
 * @param tags       tags
 */
public record Volume(String id, String name, String zone, int sizeGiB, String type, int iops, boolean encrypted,
                     String snapshotId, String state, VolumeAttachment attachment, Instant createTime,
                     Map<String, String> tags) {
    public Volume {
        Objects.requireNonNull(id, "id");
        tags = Tags.copy(tags);
    }

    public Volume withAttachment(String newState, VolumeAttachment newAttachment) {
        return new Volume(id, name, zone, sizeGiB, type, iops, encrypted, snapshotId, newState, newAttachment,
                createTime, tags);
    }

    public Volume withTags(Map<String, String> newTags) {
        return new Volume(id, newTags.get(Tags.NAME), zone, sizeGiB, type, iops, encrypted, snapshotId, state,
                attachment, createTime, newTags);
    }
}
