package io.altostratus.qemu;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.ext.InstanceSnapshots;
import io.altostratus.core.model.InstanceSnapshot;
import io.altostratus.core.model.InstanceState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Whole-machine snapshots as qcow2 internal snapshots of the instance's overlay and extra disks given at launch
 * (not of attached volumes): taken live over QMP ({@code blockdev-snapshot-internal-sync}) while QEMU runs, with
 * {@code qemu-img snapshot} when it does not.
 * Reverting needs the disks closed, so a running instance is stopped hard first; it is stopped afterwards, as the
 * interface says.
 */
final class QemuInstanceSnapshots implements InstanceSnapshots {
    private final QemuProvider provider;

    QemuInstanceSnapshots(QemuProvider provider) {
        this.provider = provider;
    }

    @Override
    public InstanceSnapshot snapshotInstance(String instanceId, String description, Map<String, String> tags) {
        QemuState.Vm vm = provider.vm(instanceId);
        InstanceState state = provider.effective(vm);
        if (state == InstanceState.TERMINATED || state == InstanceState.PENDING) {
            throw QemuProvider.incorrectState(vm.id(), state, "snapshotted");
        }
        String id = QemuIds.newSnapshotId();
        boolean live = QemuMachines.alive(vm);
        List<String> done = new ArrayList<>();
        try {
            for (Drive drive : drives(vm)) {
                if (live) {
                    provider.machines().qmp(vm, "blockdev-snapshot-internal-sync", Map.of("device", drive.id(),
                            "name", id));
                } else {
                    provider.qemuImg().snapshot("-c", id, drive.file());
                }
                done.add(drive.id());
            }
        } catch (RuntimeException e) {
            for (Drive drive : drives(vm)) {
                if (done.contains(drive.id())) {
                    deleteOn(vm, drive, id, live);
                }
            }
            throw e;
        }
        QemuState.Snap snap = new QemuState.Snap(id, vm.id(), id, description == null ? "" : description,
                provider.clock().instant(), tags);
        provider.store().write(tx -> {
            tx.put(QemuState.SNAPSHOT, provider.account(), id, snap);
            return null;
        });
        return view(snap);
    }

    @Override
    public List<InstanceSnapshot> instanceSnapshots() {
        return provider.store().read(v -> v.list(QemuState.SNAPSHOT, provider.account(), QemuState.Snap.class))
                .stream().sorted(Comparator.comparing(QemuState.Snap::instanceId)
                        .thenComparing(QemuState.Snap::created)).map(QemuInstanceSnapshots::view).toList();
    }

    @Override
    public void revertToSnapshot(String snapshotId) {
        QemuState.Snap snap = snap(snapshotId);
        QemuState.Vm vm = provider.vm(snap.instanceId());
        if (QemuMachines.alive(vm)) {
            provider.stop(List.of(vm.id()), true);
            vm = provider.vm(vm.id());
        }
        for (Drive drive : drives(vm)) {
            provider.qemuImg().snapshot("-a", snap.id(), drive.file());
        }
        QemuState.Vm stopped = vm.withWanted(QemuProvider.WANT_STOPPED, provider.clock().instant());
        provider.save(stopped);
    }

    @Override
    public void deleteInstanceSnapshot(String snapshotId) {
        QemuState.Snap snap = snap(snapshotId);
        provider.store().read(v -> v.get(QemuState.INSTANCE, provider.account(), snap.instanceId(),
                QemuState.Vm.class)).ifPresent(vm -> {
                    boolean live = QemuMachines.alive(vm);
                    if (!QemuProvider.WANT_TERMINATED.equals(vm.wanted())) {
                        for (Drive drive : drives(vm)) {
                            deleteOn(vm, drive, snap.id(), live);
                        }
                    }
                });
        provider.store().write(tx -> {
            tx.delete(QemuState.SNAPSHOT, provider.account(), snap.id());
            return null;
        });
    }

    void retag(String snapshotId, java.util.function.UnaryOperator<Map<String, String>> change) {
        QemuState.Snap snap = snap(snapshotId);
        provider.store().write(tx -> {
            tx.put(QemuState.SNAPSHOT, provider.account(), snap.id(), new QemuState.Snap(snap.id(),
                    snap.instanceId(), snap.name(), snap.description(), snap.created(), change.apply(snap.tags())));
            return null;
        });
    }

    private void deleteOn(QemuState.Vm vm, Drive drive, String name, boolean live) {
        if (live) {
            provider.machines().qmp(vm, "blockdev-snapshot-delete-internal-sync", Map.of("device", drive.id(),
                    "name", name));
        } else {
            provider.qemuImg().snapshot("-d", name, drive.file());
        }
    }

    private QemuState.Snap snap(String id) {
        QemuIds.checkSnapshot(id);
        return provider.store().read(v -> v.get(QemuState.SNAPSHOT, provider.account(), id, QemuState.Snap.class))
                .orElseThrow(() -> AltoException.notFound("InvalidSnapshot.NotFound", "snapshot " + id
                        + " does not exist"));
    }

    /** A disk of the instance: its QEMU drive id and its file. */
    private record Drive(String id, Path file) {
    }

    /**
     * The disks a snapshot covers: the root and the disks given at launch. Volumes are left out: they come and go
     * (a revert would find one attached since without the snapshot, or miss one detached since) and are resources
     * of their own.
     */
    private static List<Drive> drives(QemuState.Vm vm) {
        List<Drive> drives = new ArrayList<>();
        drives.add(new Drive("root", Path.of(vm.dir()).resolve(QemuCommandLine.OVERLAY)));
        vm.disks().stream().filter(d -> !d.isVolume())
                .forEach(d -> drives.add(new Drive(QemuCommandLine.driveId(d), Path.of(d.file()))));
        return drives;
    }

    private static InstanceSnapshot view(QemuState.Snap s) {
        return new InstanceSnapshot(s.id(), s.instanceId(), s.name(), s.description(), s.created(), s.tags());
    }
}
