package io.altostratus.core.spec;

import io.altostratus.core.model.Tags;
import java.util.Map;

/**
 * A volume to create on its own.
 *
 * @param zone       availability zone (required: a volume lives in one zone)
 * @param sizeGiB    size in GiB; may be 0 when restoring a snapshot (its size is used)
 * @param type       volume type, {@code gp3} when null
 * @param iops       provisioned IOPS, 0 for the default
 * @param encrypted  whether to encrypt
 * @param snapshotId snapshot to restore, or null
 * @param tags       tags
 */
public record VolumeSpec(String zone, int sizeGiB, String type, int iops, boolean encrypted, String snapshotId,
                         Map<String, String> tags) {
    public VolumeSpec {
        if (zone == null || zone.isBlank()) {
            throw new IllegalArgumentException("a volume needs an availability zone");
        }
        if (sizeGiB < 1 && snapshotId == null) {
            throw new IllegalArgumentException("volume size must be at least 1 GiB, got " + sizeGiB);
        }
        if (sizeGiB > 65536) {
            throw new IllegalArgumentException("volume size must be at most 65536 GiB, got " + sizeGiB);
        }
        type = type == null ? "gp3" : type;
        tags = Tags.copy(tags);
    }

    public static VolumeSpec of(String zone, int sizeGiB) {
        return new VolumeSpec(zone, sizeGiB, null, 0, false, null, Map.of());
    }
}
