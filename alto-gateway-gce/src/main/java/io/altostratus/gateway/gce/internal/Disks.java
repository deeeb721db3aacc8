package io.altostratus.gateway.gce.internal;

import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.Disk;
import com.google.cloud.compute.v1.DiskList;
import com.google.cloud.compute.v1.Operation;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spec.VolumeSpec;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * disks. A boot disk is a view of its instance ({@code zones/z/disks/{instance name}}, as
 * Compute Engine names a boot disk made with the instance); standalone disks ({@code disks.insert}, attached with
 * {@code instances.attachDisk}) are backend volumes of the {@link Volumes} extension, named through
 * {@link DiskNames}, and Google's unsupported-request error where the backend has no volumes.
 */
public final class Disks {
    /** Compute Engine's size for a blank disk whose request names none. */
    private static final int BLANK_DISK_GB = 500;

    private final Instances instances;
    private final DiskNames names;
    private final Sessions sessions;
    private final Operations operations;
    private final InstanceNames instanceNames;
    private final Clock clock;

    public Disks(Instances instances, DiskNames names, Sessions sessions, Operations operations,
                 InstanceNames instanceNames, Clock clock) {
        this.instances = instances;
        this.names = names;
        this.sessions = sessions;
        this.operations = operations;
        this.instanceNames = instanceNames;
        this.clock = clock;
    }

    private static String path(String project, String zone, String name) {
        return "projects/" + project + "/zones/" + zone + "/disks/" + name;
    }

    private Volumes volumes(Request req, String zone) {
        return sessions.cloudOfZone(req.project(), zone).extension(Volumes.class)
                .orElseThrow(() -> GceException.unsupported("Disks as resources of their own (disks.insert, "
                        + "attachDisk)"));
    }

    /** The backend volume of a standalone disk, or empty when it is gone (and then the name is dropped). */
    private Optional<Volume> volume(Request req, DiskNames.Entry entry) {
        Optional<Volumes> volumes = sessions.cloudOfZone(req.project(), entry.zone()).extension(Volumes.class);
        Optional<Volume> volume = volumes.flatMap(v -> v.volumes(List.of(entry.volumeId())).stream().findFirst())
                .filter(v -> !"deleted".equals(v.state()));
        if (volume.isEmpty()) {
            names.forget(req.project(), entry.zone(), entry.name());
        }
        return volume;
    }

    private Disk standalone(Request req, DiskNames.Entry entry, Volume volume) {
        String zone = entry.zone();
        String status = switch (volume.state() == null ? "" : volume.state()) {
            case "creating" -> "CREATING";
            case "deleting" -> "DELETING";
            default -> "READY";
        };
        Disk.Builder out = Disk.newBuilder().setKind("compute#disk")
                .setId(Ids.stable("disk", Links.regionOfZone(zone), volume.id())).setName(entry.name())
                .setCreationTimestamp(Ids.timestamp(entry.created())).setSizeGb(volume.sizeGiB())
                .setZone(req.links().zone(req.project(), zone)).setStatus(status)
                .setSelfLink(req.links().disk(req.project(), zone, entry.name()))
                .setType(req.links().diskType(req.project(), zone, entry.type()))
                .putAllLabels(Labels.fromTags(volume.tags())).setLabelFingerprint(Labels.fingerprint(volume.tags()));
        if (entry.description() != null) {
            out.setDescription(entry.description());
        }
        if (entry.sourceSnapshot() != null) {
            out.setSourceSnapshot(entry.sourceSnapshot())
                    .setSourceSnapshotId(Long.toUnsignedString(entry.sourceSnapshotId()));
        }
        if (volume.attachment() != null && volume.attachment().instanceId() != null) {
            instanceNames.byBackendId(req.project(), volume.attachment().instanceId()).ifPresent(owner ->
                    out.addUsers(req.links().instance(req.project(), owner.zone(), owner.name())));
        }
        return out.build();
    }

    private Disk disk(Request req, InstanceNames.Entry entry, io.altostratus.core.model.Instance instance) {
        String zone = entry.zone();
        String type = entry.bootDiskType() == null ? "pd-standard" : Links.lastSegment(entry.bootDiskType());
        Disk.Builder out = Disk.newBuilder().setKind("compute#disk")
                .setId(Ids.stable("disk", Links.regionOfZone(zone), instance.id())).setName(entry.name())
                .setCreationTimestamp(Ids.timestamp(entry.created()))
                .setSizeGb(entry.bootDiskSizeGb() == null ? 10 : entry.bootDiskSizeGb())
                .setZone(req.links().zone(req.project(), zone)).setStatus("READY")
                .setSelfLink(req.links().disk(req.project(), zone, entry.name()))
                .setType(req.links().diskType(req.project(), zone, type))
                .addUsers(req.links().instance(req.project(), zone, entry.name()));
        if (entry.sourceImage() != null) {
            out.setSourceImage(entry.sourceImage());
        }
        return out.build();
    }

    public Disk get(Request req, String zone, String name) {
        sessions.requireZone(req.project(), zone);
        Optional<DiskNames.Entry> entry = names.byName(req.project(), zone, name)
                .filter(e -> e.volumeId() != null);
        if (entry.isPresent()) {
            Volume volume = volume(req, entry.get())
                    .orElseThrow(() -> GceException.notFound(path(req.project(), zone, name)));
            return standalone(req, entry.get(), volume);
        }
        try {
            Map.Entry<InstanceNames.Entry, io.altostratus.core.model.Instance> e =
                    instances.entry(req.project(), zone, name);
            return disk(req, e.getKey(), e.getValue());
        } catch (GceException e) {
            if (e.status() == 404) {
                throw GceException.notFound("projects/" + req.project() + "/zones/" + zone + "/disks/" + name);
            }
            throw e;
        }
    }

    public DiskList list(Request req, String zone) {
        Filter filter = Filter.parse(req.param("filter"));
        List<Disk> disks = new ArrayList<>();
        disks.addAll(inZone(req, zone).stream().filter(filter::matches).toList());
        Pages.Slice<Disk> page = Pages.slice(disks, Disk::getName, req);
        DiskList.Builder out = DiskList.newBuilder().setKind("compute#diskList")
                .setId("projects/" + req.project() + "/zones/" + zone + "/disks").addAllItems(page.items())
                .setSelfLink(req.links().zone(req.project(), zone) + "/disks");
        if (page.nextPageToken() != null) {
            out.setNextPageToken(page.nextPageToken());
        }
        return out.build();
    }

    public com.google.cloud.compute.v1.DiskAggregatedList aggregatedList(Request req, Sessions sessions) {
        Filter filter = Filter.parse(req.param("filter"));
        var out = com.google.cloud.compute.v1.DiskAggregatedList.newBuilder().setKind("compute#diskAggregatedList")
                .setId("projects/" + req.project() + "/aggregated/disks")
                .setSelfLink(req.links().project(req.project()) + "/aggregated/disks");
        List<String> zones = sessions.allZoneNames(req.project());
        // The zones' backend calls side by side; answers in zone order.
        List<List<Disk>> byZone = Fanout.map(zones, zone -> inZone(req, zone));
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            List<Disk> disks = byZone.get(i).stream().filter(filter::matches).toList();
            var scoped = com.google.cloud.compute.v1.DisksScopedList.newBuilder().addAllDisks(disks);
            if (disks.isEmpty()) {
                scoped.setWarning(Places.noResults("zones/" + zone));
            }
            out.putItems("zones/" + zone, scoped.build());
        }
        return out.build();
    }

    /**
     * The backend volume behind a disk name, for snapshots: a standalone disk's volume, or for a boot disk the
     * instance's first volume that is not a standalone disk of this front (the volume the launch made).
     *
     * @param path the disk's resource path, for messages
     * @param link the disk's URL
     * @param id   the disk's numeric id, as its view shows it
     */
    public record Source(String volumeId, String path, String link, long id) {
    }

    public Source source(Request req, String zone, String name) {
        sessions.requireZone(req.project(), zone);
        String link = req.links().disk(req.project(), zone, name);
        String region = Links.regionOfZone(zone);
        Optional<DiskNames.Entry> entry = names.byName(req.project(), zone, name).filter(e -> e.volumeId() != null);
        if (entry.isPresent()) {
            return new Source(entry.get().volumeId(), path(req.project(), zone, name), link,
                    Ids.stable("disk", region, entry.get().volumeId()));
        }
        Map.Entry<InstanceNames.Entry, io.altostratus.core.model.Instance> owner;
        try {
            owner = instances.entry(req.project(), zone, name);
        } catch (GceException e) {
            throw e.status() == 404 ? GceException.notFound(path(req.project(), zone, name)) : e;
        }
        Map<String, DiskNames.Entry> standalone = names.byVolume(req.project(), zone);
        String volumeId = owner.getValue().blockDevices().stream().map(b -> b.volumeId())
                .filter(id -> id != null && !standalone.containsKey(id)).findFirst()
                .orElseThrow(() -> GceException.unsupported("Snapshots of a boot disk the backend has no volume for"));
        return new Source(volumeId, path(req.project(), zone, name), link,
                Ids.stable("disk", region, owner.getValue().id()));
    }

    /** Boot disks and standalone disks of a zone, in name order. */
    private List<Disk> inZone(Request req, String zone) {
        List<Disk> disks = new ArrayList<>();
        for (var e : instances.entries(req.project(), zone)) {
            disks.add(disk(req, e.getKey(), e.getValue()));
        }
        for (DiskNames.Entry entry : names.inZone(req.project(), zone)) {
            volume(req, entry).ifPresent(v -> disks.add(standalone(req, entry, v)));
        }
        disks.sort(Comparator.comparing(Disk::getName));
        return disks;
    }

    // ---- standalone disks -----------------------------------------------------------------------------------

    /**
     * disks.insert: a blank disk, or with {@code sourceSnapshot} one restored from a snapshot made here (the
     * backend's {@link VolumeSpec#snapshotId()}); the snapshot must live in the disk's region, because backend
     * snapshots are regional where Compute Engine's are global. Disks from an image are refused.
     */
    public Operation insert(Request req, String zone, SnapshotResources snapshots) {
        Disk body = Json.parse(req.body(), Disk.newBuilder()).build();
        if (!body.hasName() || body.getName().isEmpty()) {
            throw GceException.required("Required field 'resource.name' not specified");
        }
        String name = body.getName();
        if (!InstanceNames.NAME.matcher(name).matches()) {
            throw GceException.invalid("Invalid value for field 'resource.name': '" + name
                    + "'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'");
        }
        if (body.hasSourceImage()) {
            throw GceException.unsupported("Disks from an image");
        }
        String region = Links.regionOfZone(zone);
        Volumes volumes = volumes(req, zone);
        SnapshotResources.Restorable snapshot = null;
        if (body.hasSourceSnapshot() && !body.getSourceSnapshot().isEmpty()) {
            snapshot = snapshots.restorable(req, body.getSourceSnapshot());
            if (!snapshot.region().equals(region)) {
                throw GceException.unsupported("Restoring a snapshot of region '" + snapshot.region()
                        + "' into zone '" + zone + "'");
            }
        }
        long size = body.hasSizeGb() ? body.getSizeGb() : snapshot != null ? snapshot.sizeGiB() : BLANK_DISK_GB;
        if (size < 1 || size > 65_536) {
            throw GceException.invalid("Invalid value for field 'resource.sizeGb': '" + size + "'.");
        }
        if (snapshot != null && size < snapshot.sizeGiB()) {
            throw GceException.invalid("Invalid value for field 'resource.sizeGb': '" + size + "'. Requested disk "
                    + "size cannot be smaller than the snapshot size (" + snapshot.sizeGiB() + " GB)");
        }
        Map<String, String> tags = new LinkedHashMap<>(Labels.toTags(body.getLabelsMap()));
        tags.put(io.altostratus.core.model.Tags.NAME, name);
        if (instances.entries(req.project(), zone).stream().anyMatch(e -> e.getKey().name().equals(name))) {
            throw GceException.alreadyExists(path(req.project(), zone, name));
        }
        String type = body.hasType() ? Links.lastSegment(body.getType()) : "pd-standard";
        DiskNames.Entry entry = new DiskNames.Entry(zone, name, null, clock.instant(),
                body.hasDescription() ? body.getDescription() : null, type, null,
                snapshot == null ? null : snapshot.link(), snapshot == null ? 0 : snapshot.id());
        names.reserve(req.project(), entry);
        Volume made;
        try {
            // The backend's own default volume type: GCE's pd-* names mean nothing to it.
            made = volumes.createVolume(new VolumeSpec(zone, (int) size, null, 0, false,
                    snapshot == null ? null : snapshot.snapshotId(), tags));
        } catch (AltoException | IllegalArgumentException e) {
            names.forget(req.project(), zone, name);
            throw e instanceof AltoException alto ? GceException.from(alto, path(req.project(), zone, name))
                    : GceException.invalid(e.getMessage());
        }
        names.put(req.project(), entry.withVolume(made.id()));
        return operations.record(req, "zones/" + zone, "insert", req.links().disk(req.project(), zone, name),
                Ids.stable("disk", region, made.id()), Operations.Until.DISK_READY, region, made.id());
    }

    public Operation delete(Request req, String zone, String name) {
        sessions.requireZone(req.project(), zone);
        Optional<DiskNames.Entry> entry = names.byName(req.project(), zone, name).filter(e -> e.volumeId() != null);
        if (entry.isEmpty()) {
            Disk boot = get(req, zone, name);
            throw new GceException(400, "resourceInUseByAnotherResource", "The disk resource '"
                    + path(req.project(), zone, name) + "' is already being used by '"
                    + Links.relative(boot.getUsers(0)) + "'");
        }
        Volume volume = volume(req, entry.get())
                .orElseThrow(() -> GceException.notFound(path(req.project(), zone, name)));
        if (volume.attachment() != null && volume.attachment().instanceId() != null) {
            Disk disk = standalone(req, entry.get(), volume);
            throw new GceException(400, "resourceInUseByAnotherResource", "The disk resource '"
                    + path(req.project(), zone, name) + "' is already being used by '"
                    + (disk.getUsersCount() > 0 ? Links.relative(disk.getUsers(0)) : volume.attachment().instanceId())
                    + "'");
        }
        try {
            volumes(req, zone).deleteVolume(volume.id());
        } catch (AltoException e) {
            throw GceException.from(e, path(req.project(), zone, name));
        }
        names.forget(req.project(), zone, name);
        return operations.record(req, "zones/" + zone, "delete", req.links().disk(req.project(), zone, name),
                Ids.stable("disk", Links.regionOfZone(zone), volume.id()), Operations.Until.NOTHING, null, null);
    }

    /** instances.attachDisk: a standalone disk of the same zone, read-write. */
    public Operation attach(Request req, String zone, String instanceName) {
        AttachedDisk body = Json.parse(req.body(), AttachedDisk.newBuilder()).build();
        if (!body.hasSource() || body.getSource().isEmpty()) {
            throw GceException.required("Required field 'resource.source' not specified");
        }
        String diskZone = Links.zoneOf(body.getSource());
        if (diskZone != null && !diskZone.equals(zone)) {
            throw GceException.invalid("Invalid value for field 'resource.source': '" + body.getSource()
                    + "'. Disk must be in the same zone as the instance.");
        }
        String diskName = Links.lastSegment(body.getSource());
        var instance = instances.entry(req.project(), zone, instanceName);
        DiskNames.Entry entry = names.byName(req.project(), zone, diskName).filter(e -> e.volumeId() != null)
                .orElseThrow(() -> GceException.notFound(path(req.project(), zone, diskName)));
        try {
            volumes(req, zone).attachVolume(entry.volumeId(), instance.getValue().id(), null);
        } catch (AltoException e) {
            throw GceException.from(e, path(req.project(), zone, diskName));
        }
        names.put(req.project(), entry.withDevice(body.hasDeviceName() ? body.getDeviceName() : diskName));
        String region = Links.regionOfZone(zone);
        return operations.record(req, "zones/" + zone, "attachDisk",
                req.links().instance(req.project(), zone, instanceName),
                Ids.stable("instance", region, instance.getValue().id()), Operations.Until.NOTHING, null, null);
    }

    /** instances.detachDisk: by the device name the attachment has. */
    public Operation detach(Request req, String zone, String instanceName) {
        String device = req.param("deviceName");
        if (device == null || device.isEmpty()) {
            throw GceException.required("Required parameter 'deviceName' not specified");
        }
        var instance = instances.entry(req.project(), zone, instanceName);
        DiskNames.Entry entry = names.inZone(req.project(), zone).stream()
                .filter(e -> device.equals(e.deviceName())).filter(e -> instance.getValue().blockDevices().stream()
                        .anyMatch(b -> b.volumeId().equals(e.volumeId())))
                .findFirst().orElseThrow(() -> GceException.invalid("Invalid value for field 'deviceName': '"
                        + device + "'. No attached disk found with that device name."));
        try {
            volumes(req, zone).detachVolume(entry.volumeId(), false);
        } catch (AltoException e) {
            throw GceException.from(e, path(req.project(), zone, entry.name()));
        }
        names.put(req.project(), entry.withDevice(null));
        String region = Links.regionOfZone(zone);
        return operations.record(req, "zones/" + zone, "detachDisk",
                req.links().instance(req.project(), zone, instanceName),
                Ids.stable("instance", region, instance.getValue().id()), Operations.Until.NOTHING, null, null);
    }
}
