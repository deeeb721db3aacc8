package io.altostratus.core.ec2;

import java.time.Instant;
import java.util.Objects;

/**
 * A change to a volume's size, type or IOPS (an EC2 volume modification): {@code modifying}, then
 * {@code optimizing} (the volume already has its new size and type), then {@code completed}.
 *
 * @param volumeId     the volume
 * @param state        {@code modifying}, {@code optimizing}, {@code completed} or {@code failed}
 * @param originalSize size before, GiB
 * @param targetSize   size after, GiB
 * @param originalType type before
 * @param targetType   type after
 * @param originalIops IOPS before (0 where the type has none)
 * @param targetIops   IOPS after (0 where the type has none)
 * @param progress     percent done
 * @param startTime    when it was asked for
 * @param endTime      when it completed, or null
 */
public record VolumeModification(String volumeId, String state, int originalSize, int targetSize,
                                 String originalType, String targetType, int originalIops, int targetIops,
                                 long progress, Instant startTime, Instant endTime) {
    public static final String MODIFYING = "modifying";
    public static final String OPTIMIZING = "optimizing";
    public static final String COMPLETED = "completed";

    public VolumeModification {
        Objects.requireNonNull(volumeId, "volumeId");
        Objects.requireNonNull(state, "state");
    }

    public VolumeModification withProgress(String newState, long newProgress, Instant newEndTime) {
        return new VolumeModification(volumeId, newState, originalSize, targetSize, originalType, targetType,
                originalIops, targetIops, newProgress, startTime, newEndTime);
    }
}
