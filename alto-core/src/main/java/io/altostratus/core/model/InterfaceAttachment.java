package io.altostratus.core.model;

import java.time.Instant;

/**
 * Where a network interface is attached.
 *
 * @param attachmentId        e.g. {@code eni-attach-0123456789abcdef0}
 * @param instanceId          the instance
 * @param deviceIndex         0 for the primary interface
 * @param deleteOnTermination whether terminating the instance deletes the interface
 * @param attachTime          when it was attached
 */
public record InterfaceAttachment(String attachmentId, String instanceId, int deviceIndex,
                                  boolean deleteOnTermination, Instant attachTime) {
}
