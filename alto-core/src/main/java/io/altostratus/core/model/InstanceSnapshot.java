package io.altostratus.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a whole machine, every disk at one moment, as hypervisors take them (a Proxmox or vSphere VM
 * snapshot); the machine can be reverted to it. Not a {@link Snapshot}, which copies one volume.
 *
 * @param id          the provider's id ({@code pve1/100/alto1733500000000}, {@code snapshot-42})
 * @param instanceId  the instance it was taken of
 * @param name        the snapshot's name on the hypervisor
 * @param description free text, may be empty
 * @param createdAt   when it was taken, or null when the hypervisor does not say
 * @param tags        tags
 */
public record InstanceSnapshot(String id, String instanceId, String name, String description, Instant createdAt,
                               Map<String, String> tags) {
    public InstanceSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instanceId, "instanceId");
        tags = Tags.copy(tags);
    }
}
