package io.altostratus.core.model;

import java.time.Instant;

/**
 * Where a volume is attached.
 *
 * @param instanceId          the instance
 * @param device              the device name, e.g. {@code /dev/sdf}
 * @param state               {@code attaching}, {@code attached}, {@code detaching} or {@code detached}
 * @param deleteOnTermination whether terminating the instance deletes the volume
 * @param attachTime          when it was attached
 */
public record VolumeAttachment(String instanceId, String device, String state, boolean deleteOnTermination,
                               Instant attachTime) {
}
