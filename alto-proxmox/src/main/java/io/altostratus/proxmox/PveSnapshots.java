package io.altostratus.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.InstanceSnapshots;
import io.altostratus.core.model.InstanceSnapshot;
import io.altostratus.proxmox.internal.PveClient;
import io.altostratus.proxmox.internal.PveTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link InstanceSnapshots} as Proxmox VM snapshots (every disk; RAM left out): a snapshot's id is
 * {@code node/vmid/snapname}. Tags live in the snapshot description's block, as on VMs. Snapshot names are made here
 * ({@code alto} and the time in milliseconds), since Proxmox wants a name and the core gives none. A rollback leaves
 * the VM stopped, as Proxmox does for a snapshot without RAM.
 */
final class PveSnapshots implements InstanceSnapshots {
    private final PveSession session;
    private final Vms vms;

    PveSnapshots(PveSession session, Vms vms) {
        this.session = session;
        this.vms = vms;
    }

    @Override
    public InstanceSnapshot snapshotInstance(String instanceId, String description, Map<String, String> tags) {
        VmRef vm = VmRef.parse(instanceId);
        String name = "alto" + session.retrier().clock().millis();
        PveTags.Written written = PveTags.write(tags == null ? Map.of() : tags,
                description == null ? "" : description + "\n");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("snapname", name);
        form.put("description", written.description());
        vms.mutate("qemu.snapshot " + vm, () -> session.client().post(vm.path() + "/snapshot", form));
        return snapshots(vm).stream().filter(s -> s.id().equals(vm.id() + "/" + name)).findFirst()
                .orElseThrow(() -> new AltoException(ErrorCode.PROVIDER_ERROR, "SnapshotMissing", "snapshot "
                        + name + " of " + vm + " is not listed after its task ended"));
    }

    @Override
    public List<InstanceSnapshot> instanceSnapshots() {
        List<InstanceSnapshot> out = new ArrayList<>();
        for (JsonNode r : vms.resources()) {
            if (r.path("template").asInt(0) == 1) {
                continue;
            }
            try {
                out.addAll(snapshots(new VmRef(r.path("node").asText(), r.path("vmid").asInt())));
            } catch (AltoException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return out;
    }

    private List<InstanceSnapshot> snapshots(VmRef vm) {
        JsonNode list = session.retrier().call("qemu.snapshots " + vm,
                () -> session.client().get(vm.path() + "/snapshot"));
        List<InstanceSnapshot> out = new ArrayList<>();
        for (JsonNode s : list) {
            String name = s.path("name").asText();
            if (name.isEmpty() || name.equals("current")) {
                continue; // "current" is the VM's live state, not a snapshot
            }
            String description = s.path("description").asText(null);
            Instant taken = s.has("snaptime") ? Instant.ofEpochSecond(s.path("snaptime").asLong()) : null;
            out.add(new InstanceSnapshot(vm.id() + "/" + name, vm.id(), name, PveTags.withoutBlock(description).strip(),
                    taken, PveTags.block(description)));
        }
        return out;
    }

    @Override
    public void revertToSnapshot(String snapshotId) {
        Named snap = named(snapshotId);
        vms.mutate("qemu.rollback " + snapshotId, () -> session.client().post(snap.vm().path() + "/snapshot/"
                + PveClient.segment(snap.name()) + "/rollback", Map.of()));
    }

    @Override
    public void deleteInstanceSnapshot(String snapshotId) {
        Named snap = named(snapshotId);
        vms.mutate("qemu.delsnapshot " + snapshotId, () -> session.client().delete(snap.vm().path() + "/snapshot/"
                + PveClient.segment(snap.name()), Map.of()));
    }

    private record Named(VmRef vm, String name) {
    }

    /** A snapshot id {@code node/vmid/name}, checked. */
    private static Named named(String snapshotId) {
        int slash = snapshotId == null ? -1 : snapshotId.lastIndexOf('/');
        if (slash < 0) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidId", "'" + snapshotId
                    + "' is not a Proxmox snapshot id (NODE/VMID/NAME)");
        }
        String name = snapshotId.substring(slash + 1);
        if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidId", "'" + name
                    + "' is not a Proxmox snapshot name");
        }
        return new Named(VmRef.parse(snapshotId.substring(0, slash)), name);
    }
}
