package io.altostratus.vsphere;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.model.Snapshot;
import io.altostratus.vsphere.internal.MoRef;
import io.altostratus.vsphere.internal.ObjectContent;
import io.altostratus.vsphere.internal.PropertySpec;
import io.altostratus.vsphere.internal.XmlNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Snapshots} as VM snapshots: vSphere snapshots a whole VM (every disk; memory is left out here), so a
 * snapshot's "volume" is the instance (id {@code vm-N}) and its id is the snapshot's MoRef ({@code snapshot-N}).
 * Tags live in the snapshot's description block, as on VMs. Names are made here ({@code alto-} and the time),
 * since vSphere wants one and the core gives none.
 */
final class VsphereSnapshots implements Snapshots {
    private final VsphereSession session;

    VsphereSnapshots(VsphereSession session) {
        this.session = session;
    }

    @Override
    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        if (VsphereVolumes.isVolumeId(volumeId)) {
            // A First Class Disk's id (VsphereVolumes): its own snapshots (VStorageObjectCreateSnapshot_Task) are
            // not offered, since a volume made from one needs CreateDiskFromSnapshot_Task, which vcsim lacks.
            throw AltoException.unsupported("vsphere", "snapshots of volumes (snapshots here are of instances, "
                    + "vm-N)");
        }
        MoRef vm = VmIds.vm(volumeId);
        String name = "alto-" + session.clock().millis();
        String text = AnnotationTags.write(description, tags == null ? Map.of() : tags);
        MoRef made = session.call("CreateSnapshot_Task " + volumeId, () -> session.vim().createSnapshot(vm, name,
                text));
        return snapshots().stream().filter(s -> s.id().equals(made.value())).findFirst()
                .orElseThrow(() -> new AltoException(ErrorCode.PROVIDER_ERROR, "SnapshotMissing", "snapshot "
                        + made.value() + " of " + volumeId + " is not listed after its task ended"));
    }

    /** Every snapshot of every VM of the datacenter: one property-collector round. */
    @Override
    public List<Snapshot> snapshots() {
        MoRef dc = session.datacenter().ref();
        List<ObjectContent> vms = session.call("inventory", () -> session.vim().inventory(dc,
                List.of(PropertySpec.of("VirtualMachine", "snapshot"))));
        List<Snapshot> out = new ArrayList<>();
        for (ObjectContent vm : vms) {
            XmlNode info = vm.prop("snapshot");
            if (info != null) {
                info.all("rootSnapshotList").forEach(tree -> walk(tree, vm.obj().value(), out));
            }
        }
        return out;
    }

    private static void walk(XmlNode tree, String vm, List<Snapshot> out) {
        String description = tree.textAt("", "description");
        Instant taken = null;
        String created = tree.textAt(null, "createTime");
        if (created != null && !created.isBlank()) {
            taken = OffsetDateTime.parse(created.strip()).toInstant();
        }
        out.add(new Snapshot(tree.textAt("", "snapshot"), vm, 0, "completed", 100, AnnotationTags.text(description),
                null, taken, AnnotationTags.read(description)));
        tree.all("childSnapshotList").forEach(child -> walk(child, vm, out));
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        MoRef ref = VmIds.snapshot(snapshotId);
        if (snapshots().stream().noneMatch(s -> s.id().equals(snapshotId))) {
            throw new AltoException(ErrorCode.NOT_FOUND, "SnapshotNotFound", "no snapshot " + snapshotId);
        }
        session.run("RemoveSnapshot_Task " + snapshotId, () -> session.vim().removeSnapshot(ref));
    }
}
