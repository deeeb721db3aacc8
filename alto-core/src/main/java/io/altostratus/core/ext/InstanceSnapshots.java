package io.altostratus.core.ext;

import io.altostratus.core.model.InstanceSnapshot;
import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * Snapshots of whole machines that the machine can be reverted to: what a hypervisor calls a VM snapshot (Proxmox,
 * vSphere). Each call returns when the hypervisor's task has ended. Volume snapshots are {@link Snapshots}.
 */
public interface InstanceSnapshots extends Extension {
    /** Takes a snapshot of every disk of the instance (not its memory). */
    InstanceSnapshot snapshotInstance(String instanceId, String description, Map<String, String> tags);

    /** Every instance's snapshots, oldest first within each instance. */
    List<InstanceSnapshot> instanceSnapshots();

    /**
     * Puts the instance's disks back as they were when the snapshot was taken. The instance is stopped afterwards
     * (the snapshot holds no memory), and may be started again.
     */
    void revertToSnapshot(String snapshotId);

    void deleteInstanceSnapshot(String snapshotId);
}
