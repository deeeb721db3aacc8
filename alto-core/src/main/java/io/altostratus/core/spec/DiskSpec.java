package io.altostratus.core.spec;

/**
 * An extra volume made with an instance at launch.
 *
 * @param deviceName          where to attach it; null picks the next free device
 * @param sizeGiB             size, at least 1
 * @param type                volume type ({@code gp3} when null)
 * @param iops                provisioned IOPS, 0 for the type's default
 * @param snapshotId          snapshot to restore from, or null
 * @param deleteOnTermination whether it goes with the instance
 */
public record DiskSpec(String deviceName, int sizeGiB, String type, int iops, String snapshotId,
                       boolean deleteOnTermination) {
    public DiskSpec {
        if (sizeGiB < 1 && snapshotId == null) {
            throw new IllegalArgumentException("disk size must be at least 1 GiB, got " + sizeGiB);
        }
        type = type == null ? "gp3" : type;
    }

    public static DiskSpec of(int sizeGiB) {
        return new DiskSpec(null, sizeGiB, null, 0, null, true);
    }
}
