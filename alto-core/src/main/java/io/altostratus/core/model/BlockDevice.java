package io.altostratus.core.model;

/**
 * A volume attached to an instance at a device name.
 *
 * @param deviceName          e.g. {@code /dev/sda1} or {@code /dev/sdf}
 * @param volumeId            the attached volume
 * @param deleteOnTermination whether terminating the instance deletes the volume
 */
public record BlockDevice(String deviceName, String volumeId, boolean deleteOnTermination) {
}
