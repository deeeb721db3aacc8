package io.altostratus.qemu;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.VolumeAttachment;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.store.StateTx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Volumes as qcow2 files in the provider's {@code volumes} directory, recorded in the durable store so every process
 * sees them. Attaching to a running instance hot-adds the file over QMP (a block node and a virtio-blk device on a
 * PCIe hot-plug port, serial = volume id: the guest finds it at {@code /dev/disk/by-id/virtio-<volume id>});
 * attaching to a stopped one records it, and the next start puts it on the command line. Detaching from a running
 * instance waits until the guest has let the device go. A volume is available or in-use, nothing in between: each
 * call returns when its work is done.
 * <p>
 * Disks given at launch are listed too, with the ids their instance's block devices show ({@code qvm-.../vdb}); they
 * belong to their instance and are neither detached nor deleted on their own.
 */
final class QemuVolumes implements Volumes {
    static final String TYPE = "qcow2";
    private static final Pattern DEVICE = Pattern.compile("/dev/vd[b-z]");
    /** How long a guest may take to let a volume go: Linux waits five seconds for a PCIe attention button. */
    static final Duration DETACH_TIMEOUT = Duration.ofSeconds(30);

    private final QemuProvider provider;
    private final Duration detachTimeout;

    QemuVolumes(QemuProvider provider, Duration detachTimeout) {
        this.provider = provider;
        this.detachTimeout = detachTimeout;
    }

    @Override
    public Volume createVolume(VolumeSpec spec) {
        if (!QemuCatalog.ZONE.equals(spec.zone())) {
            throw AltoException.invalid("InvalidZone.NotFound", "there is no zone " + spec.zone() + " in "
                    + QemuCatalog.REGION + " (only " + QemuCatalog.ZONE + ")");
        }
        if (spec.snapshotId() != null) {
            throw AltoException.unsupported(QemuProvider.NAME, "volumes from snapshots");
        }
        if (spec.encrypted()) {
            throw AltoException.unsupported(QemuProvider.NAME, "encrypted volumes");
        }
        if (spec.iops() > 0) {
            throw AltoException.unsupported(QemuProvider.NAME, "provisioned IOPS");
        }
        // the spec fills in gp3 when no type is given; qcow2 is the only kind there is
        if (!TYPE.equals(spec.type()) && !"gp3".equals(spec.type())) {
            throw AltoException.invalid("InvalidParameterValue", "volume type " + spec.type()
                    + " does not exist here (qemu volumes are " + TYPE + " files)");
        }
        QemuProvider.checkTags(spec.tags());
        String id = QemuIds.newVolumeId();
        Path file = volumesDir().resolve(id + ".qcow2").toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file.getParent() + ": " + e.getMessage(), e);
        }
        provider.qemuImg().createEmpty(file, spec.sizeGiB() * (1L << 30));
        QemuState.Vol vol = new QemuState.Vol(id, spec.sizeGiB(), file.toString(), provider.clock().instant(),
                spec.tags(), null, null, null);
        try {
            provider.store().write(tx -> {
                tx.put(QemuState.VOLUME, provider.account(), id, vol);
                return null;
            });
        } catch (RuntimeException e) {
            QemuFiles.deleteTree(file);
            throw e;
        }
        return view(vol);
    }

    private Path volumesDir() {
        return provider.settings().root().resolve("volumes");
    }

    /** The volumes made on their own, then the disks instances were launched with. */
    @Override
    public List<Volume> volumes() {
        List<Volume> out = new ArrayList<>();
        provider.store().read(v -> v.list(QemuState.VOLUME, provider.account(), QemuState.Vol.class))
                .forEach(vol -> out.add(view(vol)));
        for (QemuState.Vm vm : provider.store().read(v -> v.list(QemuState.INSTANCE, provider.account(),
                QemuState.Vm.class))) {
            if (!QemuProvider.WANT_TERMINATED.equals(vm.wanted())) {
                vm.disks().stream().filter(d -> !d.isVolume()).forEach(d -> out.add(launchDiskView(vm, d)));
            }
        }
        return out;
    }

    @Override
    public List<Volume> volumes(Collection<String> ids) {
        List<Volume> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (QemuIds.isVolume(id)) {
                record(id).ifPresent(vol -> out.add(view(vol)));
            } else {
                launchDisk(id).ifPresent(out::add);
            }
        }
        return out;
    }

    @Override
    public Volume attachVolume(String volumeId, String instanceId, String device) {
        refuseLaunchDisk(volumeId, "attaching");
        existing(volumeId);
        QemuState.Vm vm = provider.vm(instanceId);
        InstanceState state = provider.effective(vm);
        if (state != InstanceState.RUNNING && state != InstanceState.STOPPED) {
            throw QemuProvider.incorrectState(vm.id(), state, "given a volume");
        }
        Instant now = provider.clock().instant();
        Attached attached = provider.store().write(tx -> {
            QemuState.Vol vol = existing(tx, volumeId);
            if (vol.instanceId() != null) {
                throw new AltoException(ErrorCode.INVALID_STATE, "VolumeInUse", "volume " + volumeId
                        + " is already attached to " + vol.instanceId());
            }
            QemuState.Vm current = tx.get(QemuState.INSTANCE, provider.account(), vm.id(), QemuState.Vm.class)
                    .orElseThrow(() -> AltoException.notFound("InvalidInstanceID.NotFound", "instance "
                            + vm.id() + " does not exist"));
            String chosen = device == null ? nextDevice(current) : checkDevice(device, current);
            QemuState.Disk disk = new QemuState.Disk(chosen, vol.file(), vol.sizeGiB(), false, vol.id(),
                    freePort(current));
            List<QemuState.Disk> disks = new ArrayList<>(current.disks());
            disks.add(disk);
            QemuState.Vm updated = current.withDisks(disks);
            QemuState.Vol taken = vol.attached(vm.id(), chosen, now);
            tx.put(QemuState.INSTANCE, provider.account(), vm.id(), updated);
            tx.put(QemuState.VOLUME, provider.account(), volumeId, taken);
            return new Attached(updated, disk, taken);
        });
        if (state == InstanceState.RUNNING) {
            try {
                provider.machines().hotAdd(attached.vm(), attached.disk());
            } catch (RuntimeException e) {
                // a machine that stopped meanwhile gets the volume at its next start; a running one refused it
                if (QemuMachines.alive(attached.vm())) {
                    provider.store().write(tx -> {
                        release(tx, volumeId, vm.id());
                        return null;
                    });
                    throw e;
                }
            }
        }
        return view(attached.vol());
    }

    /** What an attach recorded: the instance with the volume among its disks, the disk, and the volume. */
    private record Attached(QemuState.Vm vm, QemuState.Disk disk, QemuState.Vol vol) {
    }

    /**
     * Detaches the volume: from a running instance once its guest has let the device go (whether or not {@code
     * force} is given, since QEMU cannot pull a PCI device from under a guest), from a stopped one at once.
     */
    @Override
    public Volume detachVolume(String volumeId, boolean force) {
        refuseLaunchDisk(volumeId, "detaching");
        QemuState.Vol vol = existing(volumeId);
        if (vol.instanceId() == null) {
            throw new AltoException(ErrorCode.INVALID_STATE, "IncorrectState", "volume " + volumeId
                    + " is available (attached to no instance)");
        }
        Optional<QemuState.Vm> vm = provider.store().read(v -> v.get(QemuState.INSTANCE, provider.account(),
                vol.instanceId(), QemuState.Vm.class));
        if (vm.isPresent()) {
            InstanceState state = provider.effective(vm.get());
            if (state == InstanceState.PENDING || state == InstanceState.STOPPING) {
                throw QemuProvider.incorrectState(vm.get().id(), state, "rid of a volume");
            }
            Optional<QemuState.Disk> disk = vm.get().disks().stream().filter(d -> volumeId.equals(d.volumeId()))
                    .findFirst();
            if (state == InstanceState.RUNNING && disk.isPresent()) {
                provider.machines().hotRemove(vm.get(), disk.get(), detachTimeout);
            }
        }
        QemuState.Vol detached = provider.store().write(tx -> release(tx, volumeId, vol.instanceId()));
        return view(detached);
    }

    /** Takes the volume off the instance's disks and marks it available; returns it. */
    private QemuState.Vol release(StateTx tx, String volumeId, String instanceId) {
        tx.get(QemuState.INSTANCE, provider.account(), instanceId, QemuState.Vm.class).ifPresent(vm -> {
            List<QemuState.Disk> disks = new ArrayList<>(vm.disks());
            if (disks.removeIf(d -> volumeId.equals(d.volumeId()))) {
                tx.put(QemuState.INSTANCE, provider.account(), instanceId, vm.withDisks(disks));
            }
        });
        QemuState.Vol vol = existing(tx, volumeId).detached();
        tx.put(QemuState.VOLUME, provider.account(), volumeId, vol);
        return vol;
    }

    /** Marks the instance's volumes available: it was terminated, and its volumes outlive it. */
    static void releaseAll(StateTx tx, String account, QemuState.Vm vm) {
        for (QemuState.Disk disk : vm.disks()) {
            if (disk.isVolume()) {
                tx.get(QemuState.VOLUME, account, disk.volumeId(), QemuState.Vol.class)
                        .filter(vol -> vm.id().equals(vol.instanceId()))
                        .ifPresent(vol -> tx.put(QemuState.VOLUME, account, vol.id(), vol.detached()));
            }
        }
    }

    @Override
    public void deleteVolume(String volumeId) {
        refuseLaunchDisk(volumeId, "deleting");
        QemuState.Vol vol = provider.store().write(tx -> {
            QemuState.Vol v = existing(tx, volumeId);
            if (v.instanceId() != null) {
                throw new AltoException(ErrorCode.INVALID_STATE, "VolumeInUse", "volume " + volumeId
                        + " is attached to " + v.instanceId() + "; detach it first");
            }
            tx.delete(QemuState.VOLUME, provider.account(), volumeId);
            return v;
        });
        QemuFiles.deleteTree(Path.of(vol.file()));
    }

    void retag(String volumeId, UnaryOperator<Map<String, String>> change) {
        provider.store().write(tx -> {
            QemuState.Vol vol = existing(tx, volumeId);
            tx.put(QemuState.VOLUME, provider.account(), volumeId, vol.withTags(change.apply(vol.tags())));
            return null;
        });
    }

    // ---- devices and ports ------------------------------------------------------------------------------------

    /** The first of /dev/vdb to /dev/vdz the instance has not given to a disk yet. */
    static String nextDevice(QemuState.Vm vm) {
        Set<String> used = devices(vm);
        for (char c = 'b'; c <= 'z'; c++) {
            if (!used.contains("/dev/vd" + c)) {
                return "/dev/vd" + c;
            }
        }
        throw AltoException.invalid("AttachmentLimitExceeded", "instance " + vm.id() + " has no free device name");
    }

    static String checkDevice(String device, QemuState.Vm vm) {
        if (!DEVICE.matcher(device).matches()) {
            throw AltoException.invalid("InvalidParameterValue", "device " + device + " is not one of /dev/vdb to "
                    + "/dev/vdz (qemu disks are virtio disks)");
        }
        if (devices(vm).contains(device)) {
            throw AltoException.invalid("InvalidParameterValue", "device " + device + " is already in use on "
                    + vm.id());
        }
        return device;
    }

    private static Set<String> devices(QemuState.Vm vm) {
        Set<String> used = new LinkedHashSet<>();
        vm.disks().forEach(d -> used.add(d.device()));
        return used;
    }

    /** The first hot-plug port no volume of the instance sits on. */
    static int freePort(QemuState.Vm vm) {
        Set<Integer> used = new LinkedHashSet<>();
        vm.disks().stream().filter(QemuState.Disk::isVolume).forEach(d -> used.add(d.port()));
        for (int port = 0; port < QemuCommandLine.HOTPLUG_PORTS; port++) {
            if (!used.contains(port)) {
                return port;
            }
        }
        throw AltoException.invalid("AttachmentLimitExceeded", "instance " + vm.id() + " already has "
                + QemuCommandLine.HOTPLUG_PORTS + " volumes attached, as many as it has hot-plug ports");
    }

    // ---- records and views ------------------------------------------------------------------------------------

    private Optional<QemuState.Vol> record(String id) {
        return provider.store().read(v -> v.get(QemuState.VOLUME, provider.account(), id, QemuState.Vol.class));
    }

    private QemuState.Vol existing(String id) {
        QemuIds.checkVolume(id);
        return record(id).orElseThrow(() -> notFound(id));
    }

    private QemuState.Vol existing(StateTx tx, String id) {
        QemuIds.checkVolume(id);
        return tx.get(QemuState.VOLUME, provider.account(), id, QemuState.Vol.class).orElseThrow(() -> notFound(id));
    }

    private static AltoException notFound(String id) {
        return AltoException.notFound("InvalidVolume.NotFound", "volume " + id + " does not exist");
    }

    private static void refuseLaunchDisk(String id, String verb) {
        if (id != null && id.startsWith("qvm-") && id.contains("/")) {
            throw AltoException.unsupported(QemuProvider.NAME, verb + " " + id + ", a disk given at launch (it "
                    + "belongs to its instance: it goes when the instance is terminated, or is kept as a volume)");
        }
    }

    static Volume view(QemuState.Vol vol) {
        VolumeAttachment attachment = vol.instanceId() == null ? null
                : new VolumeAttachment(vol.instanceId(), vol.device(), "attached", false, vol.attachTime());
        return new Volume(vol.id(), vol.tags().get(Tags.NAME), QemuCatalog.ZONE, vol.sizeGiB(), TYPE, 0, false,
                null, attachment == null ? "available" : "in-use", attachment, vol.created(), vol.tags());
    }

    private Optional<Volume> launchDisk(String id) {
        int slash = id == null ? -1 : id.indexOf('/');
        if (slash < 0 || !QemuIds.isInstance(id.substring(0, slash))) {
            return Optional.empty();
        }
        String instanceId = id.substring(0, slash);
        return provider.store().read(v -> v.get(QemuState.INSTANCE, provider.account(), instanceId,
                        QemuState.Vm.class))
                .filter(vm -> !QemuProvider.WANT_TERMINATED.equals(vm.wanted()))
                .flatMap(vm -> vm.disks().stream().filter(d -> !d.isVolume())
                        .filter(d -> id.equals(launchDiskId(vm, d))).findFirst().map(d -> launchDiskView(vm, d)));
    }

    static String launchDiskId(QemuState.Vm vm, QemuState.Disk disk) {
        return vm.id() + "/" + QemuCommandLine.driveId(disk);
    }

    private static Volume launchDiskView(QemuState.Vm vm, QemuState.Disk disk) {
        return new Volume(launchDiskId(vm, disk), null, vm.zone(), disk.sizeGiB(), TYPE, 0, false, null, "in-use",
                new VolumeAttachment(vm.id(), disk.device(), "attached", disk.deleteOnTermination(),
                        vm.launchTime()), vm.launchTime(), Map.of());
    }
}
