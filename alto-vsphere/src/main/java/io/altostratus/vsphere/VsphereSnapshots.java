package io.altostratus.vsphere;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.InstanceSnapshots;
import io.altostratus.core.model.InstanceSnapshot;
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
 * {@link InstanceSnapshots} as VM snapshots: vSphere snapshots a whole VM (every disk; memory is left out here); a
 * snapshot's id is its MoRef ({@code snapshot-N}). Tags live in the snapshot's description block, as on VMs. Names
 * are made here ({@code alto-} and the time), since vSphere wants one and the core gives none. A revert leaves the VM
 * powered off, as vSphere does for a snapshot without memory.
 */
final class VsphereSnapshots implements InstanceSnapshots {
    private final VsphereSession session;

    VsphereSnapshots(VsphereSession session) {
        this.session = session;
    }

    @Override
    public InstanceSnapshot snapshotInstance(String instanceId, String description, Map<String, String> tags) {
        MoRef vm = VmIds.vm(instanceId);
        String name = "alto-" + session.clock().millis();
        String text = AnnotationTags.write(description, tags == null ? Map.of() : tags);
        MoRef made = session.call("CreateSnapshot_Task " + instanceId, () -> session.vim().createSnapshot(vm, name,
                text));
        return instanceSnapshots().stream().filter(s -> s.id().equals(made.value())).findFirst()
                .orElseThrow(() -> new AltoException(ErrorCode.PROVIDER_ERROR, "SnapshotMissing", "snapshot "
                        + made.value() + " of " + instanceId + " is not listed after its task ended"));
    }

    /** Every snapshot of every VM of the datacenter: one property-collector round. */
    @Override
    public List<InstanceSnapshot> instanceSnapshots() {
        MoRef dc = session.datacenter().ref();
        List<ObjectContent> vms = session.call("inventory", () -> session.vim().inventory(dc,
                List.of(PropertySpec.of("VirtualMachine", "snapshot"))));
        List<InstanceSnapshot> out = new ArrayList<>();
        for (ObjectContent vm : vms) {
            XmlNode info = vm.prop("snapshot");
            if (info != null) {
                info.all("rootSnapshotList").forEach(tree -> walk(tree, vm.obj().value(), out));
            }
        }
        return out;
    }

    private static void walk(XmlNode tree, String vm, List<InstanceSnapshot> out) {
        String description = tree.textAt("", "description");
        Instant taken = null;
        String created = tree.textAt(null, "createTime");
        if (created != null && !created.isBlank()) {
            taken = OffsetDateTime.parse(created.strip()).toInstant();
        }
        out.add(new InstanceSnapshot(tree.textAt("", "snapshot"), vm, tree.textAt("", "name"),
                AnnotationTags.text(description), taken, AnnotationTags.read(description)));
        tree.all("childSnapshotList").forEach(child -> walk(child, vm, out));
    }

    /**
     * Reverts, then makes sure the VM is off: vSphere powers a VM off when it reverts to a snapshot without memory
     * (ours have none), but a snapshot someone took with memory comes back suspended, and vcsim leaves the power state
     * as it was; the portable contract is "stopped afterwards" on every server.
     */
    @Override
    public void revertToSnapshot(String snapshotId) {
        MoRef ref = existing(snapshotId);
        InstanceSnapshot snap = instanceSnapshots().stream().filter(s -> s.id().equals(snapshotId)).findFirst()
                .orElseThrow();
        MoRef vm = VmIds.vm(snap.instanceId());
        session.run("RevertToSnapshot_Task " + snapshotId, () -> session.vim().revertToSnapshot(ref));
        String power = session.call("RetrievePropertiesEx " + vm.value(), () -> session.vim()
                .object(vm, "runtime.powerState")).text("runtime.powerState", "poweredOff");
        if (!power.equals("poweredOff")) {
            session.run("PowerOffVM_Task " + vm.value(), () -> session.vim().powerOff(vm));
        }
    }

    @Override
    public void deleteInstanceSnapshot(String snapshotId) {
        MoRef ref = existing(snapshotId);
        session.run("RemoveSnapshot_Task " + snapshotId, () -> session.vim().removeSnapshot(ref));
    }

    private MoRef existing(String snapshotId) {
        MoRef ref = VmIds.snapshot(snapshotId);
        if (instanceSnapshots().stream().noneMatch(s -> s.id().equals(snapshotId))) {
            throw new AltoException(ErrorCode.NOT_FOUND, "SnapshotNotFound", "no snapshot " + snapshotId);
        }
        return ref;
    }
}
