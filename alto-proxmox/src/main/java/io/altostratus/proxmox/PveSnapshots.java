package io.altostratus.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.model.Snapshot;
import io.altostratus.proxmox.internal.PveClient;
import io.altostratus.proxmox.internal.PveTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Snapshots} as Proxmox VM snapshots: Proxmox snapshots a whole VM (all its disks, optionally its RAM), so a
 * snapshot's "volume" is the VM, id {@code node/vmid}, and a snapshot's id is {@code node/vmid/snapname}. Tags live
 * in the snapshot description's block, as on VMs. Snapshot names are made here ({@code alto} and the time in
 * milliseconds), since Proxmox wants a name and the core gives none.
 */
final class PveSnapshots implements Snapshots {
    private final PveSession session;
    private final Vms vms;

    PveSnapshots(PveSession session, Vms vms) {
        this.session = session;
        this.vms = vms;
    }

    @Override
    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        VmRef vm = VmRef.parse(volumeId);
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
    public List<Snapshot> snapshots() {
        List<Snapshot> out = new ArrayList<>();
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

    private List<Snapshot> snapshots(VmRef vm) {
        JsonNode list = session.retrier().call("qemu.snapshots " + vm,
                () -> session.client().get(vm.path() + "/snapshot"));
        List<Snapshot> out = new ArrayList<>();
        for (JsonNode s : list) {
            String name = s.path("name").asText();
            if (name.isEmpty() || name.equals("current")) {
                continue; // "current" is the VM's live state, not a snapshot
            }
            String description = s.path("description").asText(null);
            Instant taken = s.has("snaptime") ? Instant.ofEpochSecond(s.path("snaptime").asLong()) : null;
            out.add(new Snapshot(vm.id() + "/" + name, vm.id(), 0, "completed", 100,
                    PveTags.withoutBlock(description).strip(), null, taken, PveTags.block(description)));
        }
        return out;
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        int slash = snapshotId == null ? -1 : snapshotId.lastIndexOf('/');
        if (slash < 0) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidId", "'" + snapshotId
                    + "' is not a Proxmox snapshot id (NODE/VMID/NAME)");
        }
        VmRef vm = VmRef.parse(snapshotId.substring(0, slash));
        String name = snapshotId.substring(slash + 1);
        if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidId", "'" + name
                    + "' is not a Proxmox snapshot name");
        }
        vms.mutate("qemu.delsnapshot " + snapshotId, () -> session.client().delete(vm.path() + "/snapshot/"
                + PveClient.segment(name), Map.of()));
    }
}
