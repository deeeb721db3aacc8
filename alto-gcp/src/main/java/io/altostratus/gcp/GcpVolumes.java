package io.altostratus.gcp;

import com.google.cloud.compute.v1.AttachDiskInstanceRequest;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.DeleteDiskRequest;
import com.google.cloud.compute.v1.DetachDiskInstanceRequest;
import com.google.cloud.compute.v1.Disk;
import com.google.cloud.compute.v1.InsertDiskRequest;
import com.google.cloud.compute.v1.ListDisksRequest;
import com.google.cloud.compute.v1.SetLabelsDiskRequest;
import com.google.cloud.compute.v1.ZoneSetLabelsRequest;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.VolumeAttachment;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.gcp.internal.GceConvert;
import io.altostratus.gcp.internal.GceNames;
import io.altostratus.gcp.internal.GceNames.DiskRef;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Persistent disks as {@link Volumes}. A disk id is {@code {zone}/disks/{name}}. A disk's name is its {@code Name}
 * tag when that is a valid GCE name, else a generated {@code alto-disk-<10 hex>}; the other tags are labels.
 * Type names are GCE's ({@code pd-balanced}, {@code pd-ssd}, {@code hyperdisk-balanced}, ...); EC2's names, the
 * portable default {@code gp3} among them, mean the provider's {@code disk_type}. GCE encrypts every disk.
 * An attached disk's device is {@code /dev/disk/by-id/google-<deviceName>}, where the guest finds it.
 */
final class GcpVolumes implements Volumes {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final GcpContext context;
    private final GcpPlaces places;
    private final GcpInstances instances;

    GcpVolumes(GcpContext context, GcpPlaces places, GcpInstances instances) {
        this.context = context;
        this.places = places;
        this.instances = instances;
    }

    @Override
    public Volume createVolume(VolumeSpec spec) {
        if (!places.zoneNames().contains(spec.zone())) {
            throw AltoException.invalid("InvalidZone", "zone " + spec.zone() + " is not in region "
                    + context.region());
        }
        Map<String, String> labels = GceLabels.of(spec.tags());
        String name = spec.tags().get(Tags.NAME);
        if (name == null || !GceNames.isName(name)) {
            byte[] bytes = new byte[5];
            RANDOM.nextBytes(bytes);
            name = "alto-disk-" + HexFormat.of().formatHex(bytes);
        }
        Disk.Builder disk = Disk.newBuilder().setName(name)
                .setType("zones/" + spec.zone() + "/diskTypes/" + diskType(spec.type())).putAllLabels(labels);
        if (spec.sizeGiB() > 0) {
            disk.setSizeGb(spec.sizeGiB());
        }
        if (spec.snapshotId() != null) {
            GceNames.SnapshotRef snapshot = GceNames.snapshot(spec.snapshotId());
            disk.setSourceSnapshot(GceNames.snapshotId(snapshot.project(), snapshot.name()));
        }
        if (spec.iops() > 0) {
            disk.setProvisionedIops(spec.iops());
        }
        String requestId = UUID.randomUUID().toString();
        context.calls().mutate("disks.insert", () -> context.clients().disks().insertCallable().call(
                InsertDiskRequest.newBuilder().setProject(context.project()).setZone(spec.zone())
                        .setDiskResource(disk).setRequestId(requestId).build()));
        DiskRef ref = new DiskRef(spec.zone(), name);
        java.time.Instant visibleBy = context.clock().instant().plus(context.settings().consistencyGrace());
        return convert(context.calls().callUntilVisible("disks.get", visibleBy, () -> raw(ref)));
    }

    /** Every disk in the region's zones, sorted by id. */
    @Override
    public List<Volume> volumes() {
        List<Volume> out = new ArrayList<>();
        for (List<Disk> disks : context.inParallel(places.zoneNames(), this::list)) {
            disks.forEach(d -> out.add(convert(d)));
        }
        out.sort(Comparator.comparing(Volume::id));
        return List.copyOf(out);
    }

    /** The disks with these ids that exist; malformed ids are INVALID_PARAMETER, missing ones are left out. */
    @Override
    public List<Volume> volumes(Collection<String> ids) {
        List<DiskRef> refs = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            refs.add(GceNames.disk(id));
        }
        List<Volume> out = new ArrayList<>();
        for (Volume v : context.inParallel(refs, ref -> {
            try {
                return convert(get(ref));
            } catch (AltoException e) {
                if (e.code() == ErrorCode.NOT_FOUND) {
                    return null;
                }
                throw e;
            }
        })) {
            if (v != null) {
                out.add(v);
            }
        }
        out.sort(Comparator.comparing(Volume::id));
        return List.copyOf(out);
    }

    /** Attaches read-write; the device is GCE's device name ({@code /dev/sdf} becomes {@code sdf}). */
    @Override
    public Volume attachVolume(String volumeId, String instanceId, String device) {
        DiskRef disk = GceNames.disk(volumeId);
        GceNames.InstanceRef instance = GceNames.instance(instanceId);
        if (!disk.zone().equals(instance.zone())) {
            throw AltoException.invalid("InvalidZone", "disk " + volumeId + " is in " + disk.zone()
                    + " and instance " + instanceId + " in " + instance.zone() + ": a disk attaches only in its zone");
        }
        Disk current = get(disk);
        if (current.getUsersCount() > 0) {
            throw new AltoException(ErrorCode.INVALID_STATE, "resourceInUseByAnotherResource",
                    "disk " + volumeId + " is already attached");
        }
        instances.live(instance);
        AttachedDisk.Builder attached = AttachedDisk.newBuilder().setSource(current.getSelfLink().isEmpty()
                ? "projects/" + context.project() + "/zones/" + disk.zone() + "/disks/" + disk.name()
                : current.getSelfLink()).setMode("READ_WRITE").setAutoDelete(false);
        String deviceName = deviceName(device);
        if (deviceName != null) {
            attached.setDeviceName(deviceName);
        }
        String requestId = UUID.randomUUID().toString();
        context.calls().mutate("instances.attachDisk", () -> context.clients().instances().attachDiskCallable()
                .call(AttachDiskInstanceRequest.newBuilder().setProject(context.project()).setZone(instance.zone())
                        .setInstance(instance.name()).setAttachedDiskResource(attached).setRequestId(requestId)
                        .build()));
        return convert(get(disk));
    }

    /** Detaches from the instance using it. GCE has no gentler detach, so {@code force} changes nothing. */
    @Override
    public Volume detachVolume(String volumeId, boolean force) {
        DiskRef disk = GceNames.disk(volumeId);
        Disk current = get(disk);
        if (current.getUsersCount() == 0) {
            throw new AltoException(ErrorCode.INVALID_STATE, "IncorrectState", "disk " + volumeId
                    + " is not attached");
        }
        GceNames.InstanceRef user = new GceNames.InstanceRef(disk.zone(), GceNames.last(current.getUsers(0)));
        com.google.cloud.compute.v1.Instance vm = instances.raw(user);
        String deviceName = deviceOf(vm, disk.name());
        String requestId = UUID.randomUUID().toString();
        context.calls().mutate("instances.detachDisk", () -> context.clients().instances().detachDiskCallable()
                .call(DetachDiskInstanceRequest.newBuilder().setProject(context.project()).setZone(user.zone())
                        .setInstance(user.name()).setDeviceName(deviceName).setRequestId(requestId).build()));
        return convert(get(disk));
    }

    /** Deletes a disk; one still attached is refused by GCE ({@code DEPENDENCY_VIOLATION}). */
    @Override
    public void deleteVolume(String volumeId) {
        DiskRef disk = GceNames.disk(volumeId);
        Disk current = get(disk);
        if (current.getUsersCount() > 0) {
            throw new AltoException(ErrorCode.DEPENDENCY_VIOLATION, "resourceInUseByAnotherResource",
                    "disk " + volumeId + " is attached to " + GceNames.last(current.getUsers(0)));
        }
        String requestId = UUID.randomUUID().toString();
        context.calls().mutate("disks.delete", () -> context.clients().disks().deleteCallable().call(
                DeleteDiskRequest.newBuilder().setProject(context.project()).setZone(disk.zone())
                        .setDisk(disk.name()).setRequestId(requestId).build()));
    }

    /** Adds or replaces labels on a disk; its {@code Name} is its GCE name and cannot change. */
    void tag(String volumeId, Map<String, String> tags) {
        DiskRef disk = GceNames.disk(volumeId);
        String name = tags.get(Tags.NAME);
        if (name != null && !name.equals(disk.name())) {
            throw AltoException.invalid("InvalidLabel", "a disk's Name is its GCE name and cannot be changed");
        }
        Map<String, String> changes = GceLabels.of(tags);
        relabel(disk, labels -> labels.putAll(changes));
    }

    void untag(String volumeId, Collection<String> keys) {
        relabel(GceNames.disk(volumeId), labels -> keys.forEach(labels::remove));
    }

    private void relabel(DiskRef disk, Consumer<Map<String, String>> change) {
        Disk current = get(disk);
        Map<String, String> labels = GceLabels.changed(current.getLabelsMap(), change);
        if (labels == null) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        context.calls().mutate("disks.setLabels", () -> context.clients().disks().setLabelsCallable().call(
                SetLabelsDiskRequest.newBuilder().setProject(context.project()).setZone(disk.zone())
                        .setResource(disk.name()).setRequestId(requestId)
                        .setZoneSetLabelsRequestResource(ZoneSetLabelsRequest.newBuilder().putAllLabels(labels)
                                .setLabelFingerprint(current.getLabelFingerprint()))
                        .build()));
    }

    private Disk get(DiskRef ref) {
        // A zone's region is its name less the last letter (see GcpInstances), so this costs no zone listing.
        if (!ref.zone().startsWith(context.region() + "-")) {
            throw AltoException.notFound("notFound", "disk " + ref.id() + " not found: zone " + ref.zone()
                    + " is not in region " + context.region());
        }
        return context.calls().call("disks.get", () -> raw(ref));
    }

    private Disk raw(DiskRef ref) {
        return context.clients().disks().get(context.project(), ref.zone(), ref.name());
    }

    private List<Disk> list(String zone) {
        return context.calls().call("disks.list", () -> {
            List<Disk> disks = new ArrayList<>();
            context.clients().disks().list(ListDisksRequest.newBuilder().setProject(context.project())
                    .setZone(zone).build()).iterateAll().forEach(disks::add);
            return disks;
        });
    }

    /** A disk as a volume; the attachment's device is read from the instance using it. */
    private Volume convert(Disk disk) {
        String zone = GceNames.last(disk.getZone());
        VolumeAttachment attachment = null;
        if (disk.getUsersCount() > 0) {
            GceNames.InstanceRef user = new GceNames.InstanceRef(zone, GceNames.last(disk.getUsers(0)));
            String device = null;
            boolean autoDelete = false;
            try {
                com.google.cloud.compute.v1.Instance vm = instances.raw(user);
                for (AttachedDisk attached : vm.getDisksList()) {
                    if (disk.getName().equals(GceNames.last(attached.getSource()))) {
                        device = "/dev/disk/by-id/google-" + attached.getDeviceName();
                        autoDelete = attached.getAutoDelete();
                    }
                }
            } catch (AltoException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
            }
            attachment = new VolumeAttachment(user.id(), device, "attached", autoDelete,
                    GceConvert.timestamp(disk.getLastAttachTimestamp()));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Tags.NAME, disk.getName());
        tags.putAll(new java.util.TreeMap<>(disk.getLabelsMap()));
        return new Volume(GceNames.diskId(zone, disk.getName()), disk.getName(), zone, (int) disk.getSizeGb(),
                GceNames.last(disk.getType()), (int) disk.getProvisionedIops(), true, snapshotIdOf(disk),
                state(disk.getStatus(), attachment != null), attachment,
                GceConvert.timestamp(disk.getCreationTimestamp()), tags);
    }

    /** The snapshot a disk was restored from, as a snapshot id, or null. */
    private String snapshotIdOf(Disk disk) {
        String source = disk.getSourceSnapshot();
        if (source.isEmpty()) {
            return null;
        }
        if (GceNames.isSnapshotId(source)) {
            GceNames.SnapshotRef ref = GceNames.snapshot(source);
            return GceNames.snapshotId(ref.project(), ref.name());
        }
        return GceNames.snapshotId(context.project(), GceNames.last(source));
    }

    static String state(String status, boolean attached) {
        return switch (status == null ? "" : status) {
            case "CREATING", "RESTORING" -> "creating";
            case "DELETING" -> "deleting";
            case "FAILED" -> "error";
            default -> attached ? "in-use" : "available";
        };
    }

    private static String deviceOf(com.google.cloud.compute.v1.Instance vm, String diskName) {
        for (AttachedDisk attached : vm.getDisksList()) {
            if (diskName.equals(GceNames.last(attached.getSource()))) {
                return attached.getDeviceName();
            }
        }
        throw new AltoException(ErrorCode.INVALID_STATE, "IncorrectState", "disk " + diskName
                + " is not attached to " + vm.getName());
    }

    /** {@code /dev/sdf} -> {@code sdf}; a valid GCE name as is; null for GCE's own choice. */
    static String deviceName(String device) {
        if (device == null || device.isBlank()) {
            return null;
        }
        String name = device.startsWith("/dev/disk/by-id/google-") ? device.substring(23)
                : device.startsWith("/dev/") ? device.substring(5) : device;
        if (!GceNames.isName(name)) {
            throw AltoException.invalid("InvalidDevice", "'" + device + "' cannot be a GCE device name");
        }
        return name;
    }

    private String diskType(String type) {
        return type != null && (type.startsWith("pd-") || type.startsWith("hyperdisk-"))
                ? type : context.settings().diskType();
    }
}
