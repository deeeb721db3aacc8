package io.altostratus.vsphere;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.VolumeAttachment;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.vsphere.internal.MoRef;
import io.altostratus.vsphere.internal.VStorage;
import io.altostratus.vsphere.internal.VStorage.Fcd;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link Volumes} as First Class Disks ({@link VStorage}): disks with a life of their own, which outlive the VMs
 * they are attached to.
 * <ul>
 *   <li><b>Ids</b> are the disks' own ids, UUIDs ({@code 6f1c...-...}); anything else is malformed.</li>
 *   <li><b>Where</b>: a volume is made on the configured {@code datastore}, else the zone's first datastore; its zone
 *       is the one it was made for (the {@code alto:zone} tag), else the first zone that sees its datastore.</li>
 *   <li><b>Tags</b> live in the disk's name ({@link FcdNames}); they are set at creation.</li>
 *   <li><b>Types</b>: {@code gp3} (the core's default) and {@code thin} make a thin disk, {@code thick} a lazily
 *       zeroed thick one, {@code eagerZeroedThick} an eagerly zeroed one; a volume reports its provisioning type.
 *       Provisioned IOPS, encryption and volumes from snapshots are not offered ({@link VsphereSnapshots} are VM
 *       snapshots).</li>
 *   <li><b>Reads</b>: one property-collector round (the instance listing's, which reads every VM's disks: that is
 *       where attachments are found, by the disk's {@code vDiskId} or its file), then one
 *       {@code ListVStorageObject} per datastore and one {@code RetrieveVStorageObject} per disk: vim25 has no
 *       call that describes several disks at once.</li>
 *   <li><b>Attach</b> puts the disk on the VM's first SCSI controller at the asked device ({@code /dev/sdb} is unit
 *       1, {@link ScsiUnits}) or the next free unit; <b>detach</b> takes it off and keeps its file, forced or not
 *       (vSphere has no forced detach); <b>delete</b> refuses an attached disk with INVALID_STATE
 *       ({@code VolumeInUse}), as EBS does.</li>
 * </ul>
 */
final class VsphereVolumes implements Volumes {
    static final String ZONE_KEY = "alto:zone";
    private static final Pattern ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final VsphereSession session;
    private final VStorage disks;

    VsphereVolumes(VsphereSession session, MoRef manager) {
        this.session = session;
        this.disks = new VStorage(session.vim(), manager);
    }

    // ---- create -----------------------------------------------------------------------------------------------

    @Override
    public Volume createVolume(VolumeSpec spec) {
        if (spec.snapshotId() != null) {
            throw AltoException.unsupported("vsphere", "volumes from snapshots (snapshots here are of VMs)");
        }
        if (spec.encrypted()) {
            throw AltoException.unsupported("vsphere", "encrypted volumes");
        }
        if (spec.iops() > 0) {
            throw AltoException.unsupported("vsphere", "provisioned IOPS");
        }
        String provisioning = provisioning(spec.type());
        Inventory inventory = Inventory.read(session);
        List<MoRef> stores = inventory.datastoresOfZone().get(spec.zone());
        if (stores == null) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidZone.NotFound", "no zone (cluster or host) '"
                    + spec.zone() + "' in datacenter " + session.datacenter().name() + "; zones: "
                    + inventory.datastoresOfZone().keySet());
        }
        MoRef datastore = datastore(inventory, stores, spec.zone());
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.put(ZONE_KEY, spec.zone());
        Fcd made = session.call("CreateDisk_Task", () -> disks.create(FcdNames.write(tags), datastore,
                spec.sizeGiB() * 1024L, provisioning));
        return volume(made, inventory, attachments(inventory));
    }

    private static String provisioning(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "gp3", "thin" -> "thin";
            case "thick", "lazyzeroedthick" -> "lazyZeroedThick";
            case "eagerzeroedthick" -> "eagerZeroedThick";
            default -> throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue", "volume type '"
                    + type + "' is not one vSphere makes: thin (or gp3), thick, eagerZeroedThick");
        };
    }

    private MoRef datastore(Inventory inventory, List<MoRef> zoneStores, String zone) {
        String wanted = session.settings().datastore();
        if (wanted != null) {
            MoRef ds = inventory.datastores().get(wanted);
            if (ds == null) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", "[vsphere] no datastore '"
                        + wanted + "' (there are " + inventory.datastores().keySet() + ")");
            }
            return ds;
        }
        if (zoneStores.isEmpty()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "NoDatastore", "zone " + zone
                    + " sees no datastore: set datastore in [vsphere]");
        }
        return zoneStores.get(0);
    }

    // ---- read -------------------------------------------------------------------------------------------------

    @Override
    public List<Volume> volumes() {
        Inventory inventory = Inventory.read(session);
        Map<String, Attached> attached = attachments(inventory);
        List<Volume> out = new ArrayList<>();
        for (MoRef ds : inventory.datastores().values()) {
            for (String id : session.call("ListVStorageObject", () -> disks.list(ds))) {
                Fcd fcd = retrieve(id, List.of(ds));
                if (fcd != null) {
                    out.add(volume(fcd, inventory, attached));
                }
            }
        }
        return out;
    }

    @Override
    public List<Volume> volumes(Collection<String> ids) {
        List<String> wanted = new LinkedHashSet<>(ids).stream().filter(VsphereVolumes::isVolumeId)
                .toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        Inventory inventory = Inventory.read(session);
        Map<String, Attached> attached = attachments(inventory);
        List<MoRef> stores = List.copyOf(inventory.datastores().values());
        List<Volume> out = new ArrayList<>();
        for (String id : wanted) {
            Fcd fcd = retrieve(id, stores);
            if (fcd != null) {
                out.add(volume(fcd, inventory, attached));
            }
        }
        return out;
    }

    /** The disk from the first of {@code stores} that holds it, or null. */
    private Fcd retrieve(String id, List<MoRef> stores) {
        for (MoRef ds : stores) {
            try {
                return session.call("RetrieveVStorageObject " + id, () -> disks.retrieve(id, ds));
            } catch (AltoException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return null;
    }

    /** A disk on a VM: which VM and device. */
    private record Attached(VmView vm, VmView.Device device) {
    }

    /**
     * Every VM's disks that may be First Class Disks, by disk id and by file: a disk attached with AttachDisk_Task
     * carries its {@code vDiskId}; matching the file as well finds one a server attached without recording it.
     */
    private static Map<String, Attached> attachments(Inventory inventory) {
        Map<String, Attached> out = new LinkedHashMap<>();
        for (VmView vm : inventory.vms()) {
            if (vm.template()) {
                continue;
            }
            for (VmView.Device d : vm.devices()) {
                if (!d.isDisk()) {
                    continue;
                }
                if (d.diskId() != null) {
                    out.put(d.diskId(), new Attached(vm, d));
                }
                if (d.fileName() != null) {
                    out.putIfAbsent(d.fileName(), new Attached(vm, d));
                }
            }
        }
        return out;
    }

    private static Attached attachedOf(Fcd fcd, Map<String, Attached> attached) {
        Attached a = attached.get(fcd.id());
        return a != null || fcd.filePath() == null ? a : attached.get(fcd.filePath());
    }

    private Volume volume(Fcd fcd, Inventory inventory, Map<String, Attached> attached) {
        Map<String, String> all = FcdNames.read(fcd.name());
        String zone = all.get(ZONE_KEY);
        if (zone == null) {
            zone = inventory.datastoresOfZone().entrySet().stream()
                    .filter(e -> e.getValue().contains(fcd.datastore())).map(Map.Entry::getKey).sorted()
                    .findFirst().orElse(null);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!k.startsWith("alto:")) {
                tags.put(k, v);
            }
        });
        Attached a = attachedOf(fcd, attached);
        VolumeAttachment attachment = a == null ? null : new VolumeAttachment(a.vm().ref().value(),
                ScsiUnits.device(a.device().unitNumber()), "attached", false, null);
        int gib = (int) Math.max(1, (fcd.capacityMiB() + 1023) / 1024);
        return new Volume(fcd.id(), tags.get(Tags.NAME), zone, gib, fcd.provisioning() == null ? "thin"
                : fcd.provisioning(), 0, false, null, a == null ? "available" : "in-use", attachment, fcd.created(),
                tags);
    }

    // ---- attach, detach, delete -------------------------------------------------------------------------------

    @Override
    public Volume attachVolume(String volumeId, String instanceId, String device) {
        String id = checkId(volumeId);
        MoRef vmRef = VmIds.vm(instanceId);
        Inventory inventory = Inventory.read(session);
        VmView vm = inventory.vms().stream().filter(v -> v.ref().equals(vmRef) && !v.template()).findFirst()
                .orElseThrow(() -> new AltoException(ErrorCode.NOT_FOUND, "InvalidInstanceID.NotFound",
                        "no instance " + instanceId));
        Fcd fcd = existing(id, inventory);
        Map<String, Attached> attached = attachments(inventory);
        Attached now = attachedOf(fcd, attached);
        if (now != null) {
            throw new AltoException(ErrorCode.INVALID_STATE, "VolumeInUse", "volume " + id + " is attached to "
                    + now.vm().ref().value() + " already");
        }
        VmView.Device controller = ScsiUnits.controller(vm);
        int unit = ScsiUnits.unit(vm, controller, device);
        session.call("AttachDisk_Task " + vm.ref().value(), () -> disks.attach(vm.ref(), fcd, controller.key(), unit));
        return describe(fcd);
    }

    @Override
    public Volume detachVolume(String volumeId, boolean force) {
        String id = checkId(volumeId);
        Inventory inventory = Inventory.read(session);
        Fcd fcd = existing(id, inventory);
        Attached now = attachedOf(fcd, attachments(inventory));
        if (now == null) {
            throw new AltoException(ErrorCode.INVALID_STATE, "IncorrectState", "volume " + id + " is not attached");
        }
        VmView.Device d = now.device();
        session.call("DetachDisk_Task " + now.vm().ref().value(), () -> disks.detach(now.vm().ref(), fcd, d.key(),
                d.controllerKey(), d.unitNumber()));
        return describe(fcd);
    }

    @Override
    public void deleteVolume(String volumeId) {
        String id = checkId(volumeId);
        Inventory inventory = Inventory.read(session);
        Fcd fcd = existing(id, inventory);
        Attached now = attachedOf(fcd, attachments(inventory));
        if (now != null) {
            throw new AltoException(ErrorCode.INVALID_STATE, "VolumeInUse", "volume " + id + " is attached to "
                    + now.vm().ref().value() + ": detach it first");
        }
        session.run("DeleteVStorageObject_Task " + id, () -> disks.delete(id, fcd.datastore()));
    }

    private Volume describe(Fcd fcd) {
        Inventory inventory = Inventory.read(session);
        return volume(fcd, inventory, attachments(inventory));
    }

    private Fcd existing(String id, Inventory inventory) {
        Fcd fcd = retrieve(id, List.copyOf(inventory.datastores().values()));
        if (fcd == null) {
            throw new AltoException(ErrorCode.NOT_FOUND, "InvalidVolume.NotFound", "no volume " + id);
        }
        return fcd;
    }

    /** Whether {@code id} has the shape of a volume id (a UUID). */
    static boolean isVolumeId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static String checkId(String id) {
        if (!isVolumeId(id)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidVolumeID.Malformed", "'" + id
                    + "' is not a vSphere volume id (a First Class Disk's UUID)");
        }
        return id;
    }
}
