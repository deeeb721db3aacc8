package io.altostratus.core.ec2;

/**
 * One EBS block device mapping of a registered image, as RegisterImage gave it.
 *
 * @param deviceName          e.g. {@code /dev/xvda}
 * @param snapshotId          the snapshot the volume starts from, or null for an empty volume
 * @param sizeGiB             its size
 * @param volumeType          {@code gp3}, {@code gp2}, ...
 * @param deleteOnTermination whether the volume goes with the instance
 * @param encrypted           whether the volume is encrypted
 */
public record ImageDevice(String deviceName, String snapshotId, int sizeGiB, String volumeType,
                          boolean deleteOnTermination, boolean encrypted) {
}
