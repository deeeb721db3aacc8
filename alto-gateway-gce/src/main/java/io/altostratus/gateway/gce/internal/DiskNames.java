package io.altostratus.gateway.gce.internal;

import io.altostratus.store.StateStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Standalone disks ({@code disks.insert}) by (project, zone, name) &rarr; backend volume id, in the gateway's store,
 * as {@link InstanceNames} does for instances. A boot disk has no entry: it is a view of its instance.
 */
public final class DiskNames {
    public static final String KIND = "gce-disk";

    /**
     * @param volumeId   null while an insert holds the name
     * @param deviceName the device name of its current attachment (GCE's handle for detachDisk), or null
     * @param sourceSnapshot the URL of the snapshot it was made from, or null
     * @param sourceSnapshotId that snapshot's numeric id (0 when none)
     */
    public record Entry(String zone, String name, String volumeId, Instant created, String description,
                        String type, String deviceName, String sourceSnapshot, long sourceSnapshotId) {
        Entry withVolume(String id) {
            return new Entry(zone, name, id, created, description, type, deviceName, sourceSnapshot,
                    sourceSnapshotId);
        }

        Entry withDevice(String device) {
            return new Entry(zone, name, volumeId, created, description, type, device, sourceSnapshot,
                    sourceSnapshotId);
        }
    }

    private final StateStore store;

    public DiskNames(StateStore store) {
        this.store = store;
    }

    private static String key(String zone, String name) {
        return zone + "/" + name;
    }

    public Optional<Entry> byName(String project, String zone, String name) {
        return store.read(view -> view.get(KIND, project, key(zone, name), Entry.class));
    }

    public List<Entry> inZone(String project, String zone) {
        return store.read(view -> view.list(KIND, project, Entry.class)).stream()
                .filter(e -> e.zone().equals(zone) && e.volumeId() != null).toList();
    }

    public void reserve(String project, Entry entry) {
        store.write(tx -> {
            String id = key(entry.zone(), entry.name());
            if (tx.get(KIND, project, id, Entry.class).isPresent()) {
                throw GceException.alreadyExists("projects/" + project + "/zones/" + entry.zone() + "/disks/"
                        + entry.name());
            }
            tx.put(KIND, project, id, entry);
            return null;
        });
    }

    public void put(String project, Entry entry) {
        store.write(tx -> {
            tx.put(KIND, project, key(entry.zone(), entry.name()), entry);
            return null;
        });
    }

    public void forget(String project, String zone, String name) {
        store.write(tx -> {
            tx.delete(KIND, project, key(zone, name));
            return null;
        });
    }

    /** Entries by backend volume id, for the disks an instance view lists. */
    public Map<String, Entry> byVolume(String project, String zone) {
        Map<String, Entry> out = new java.util.HashMap<>();
        inZone(project, zone).forEach(e -> out.put(e.volumeId(), e));
        return out;
    }
}
