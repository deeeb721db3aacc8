package io.altostratus.azure;

import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DataDisk;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskSku;
import com.azure.resourcemanager.compute.models.DiskState;
import com.azure.resourcemanager.compute.models.DiskStorageAccountTypes;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import io.altostratus.azure.internal.ArmNames;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.VolumeAttachment;
import io.altostratus.core.spec.VolumeSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Volumes} as managed disks of the session's resource group.
 *
 * <ul>
 *   <li><b>Ids.</b> A volume id is the disk's name ({@code alto-disk-<8 hex>} when made here), like an instance id is
 *       the VM's name.</li>
 *   <li><b>Zones.</b> A disk made here is zonal ({@code zones: [n]} for {@code <location>-<n>}), so it can be attached
 *       to a VM of that zone; a regional disk reads back with a null zone.</li>
 *   <li><b>Types.</b> Azure's storage types ({@code Standard_LRS}, {@code StandardSSD_LRS}, {@code Premium_LRS},
 *       {@code Premium_ZRS}...) are taken as they are; the portable default {@code gp3} (a general-purpose SSD) is
 *       {@code StandardSSD_LRS}. Provisioned IOPS are not passed on (only Ultra and Premium v2 disks take them).</li>
 *   <li><b>State</b> from provisioningState and diskState: Creating is {@code creating}, Deleting {@code deleting},
 *       Failed {@code error}; a disk that is Attached or Reserved, or has {@code managedBy}, is {@code in-use}, else
 *       {@code available}.</li>
 *   <li><b>Attach and detach</b> rewrite the VM's {@code storageProfile.dataDisks} with a PUT of the VM, as Azure
 *       attaches managed disks (createOption Attach). The device is the LUN's stable path on an Azure Linux guest,
 *       {@code /dev/disk/azure/scsi1/lun<N>}; {@code attachVolume} takes null (the first free LUN), {@code N},
 *       {@code lunN} or that path.</li>
 *   <li><b>Delete</b> of an attached disk is refused before any call ({@code DEPENDENCY_VIOLATION}, ARM's
 *       {@code OperationNotAllowed}), as Azure refuses it.</li>
 * </ul>
 * A listing is one disk list, plus one VM list when a disk is attached (to read the LUNs).
 */
final class AzureVolumes implements Volumes {
    static final String LUN_PATH = "/dev/disk/azure/scsi1/lun";
    private static final Pattern DEVICE = Pattern.compile("(?:" + Pattern.quote(LUN_PATH) + "|lun)?([0-9]{1,2})");

    private final AzureContext context;

    AzureVolumes(AzureContext context) {
        this.context = context;
    }

    @Override
    public Volume createVolume(VolumeSpec spec) {
        String zoneNumber = ArmNames.zoneNumber(context.location(), spec.zone());
        if (zoneNumber == null) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameter", "'" + spec.zone()
                    + "' is not a zone of " + context.location() + " (zones are " + context.location() + "-<n>)");
        }
        AzureTags.check(spec.tags(), 0);
        String name = "alto-disk-" + UUID.randomUUID().toString().substring(0, 8);
        CreationData creation = new CreationData().withCreateOption(DiskCreateOption.EMPTY);
        if (spec.snapshotId() != null) {
            AzureSnapshots.check(spec.snapshotId());
            creation = new CreationData().withCreateOption(DiskCreateOption.COPY)
                    .withSourceResourceId(AzureSnapshots.armId(context, spec.snapshotId()));
        }
        DiskInner body = new DiskInner().withLocation(context.location()).withZones(List.of(zoneNumber))
                .withSku(new DiskSku().withName(storageType(spec.type()))).withCreationData(creation)
                .withDiskSizeGB(spec.sizeGiB() > 0 ? spec.sizeGiB() : null).withTags(spec.tags());
        DiskInner made = context.calls().await("disks.createOrUpdate", () -> context.clients().compute().getDisks()
                .beginCreateOrUpdate(context.group(), name, body));
        return convert(made == null ? raw(name) : made, Map.of());
    }

    static DiskStorageAccountTypes storageType(String type) {
        if (type == null || type.equals("gp3") || type.equals("gp2")) {
            return DiskStorageAccountTypes.STANDARD_SSD_LRS;
        }
        for (DiskStorageAccountTypes known : DiskStorageAccountTypes.values()) {
            if (known.toString().equalsIgnoreCase(type)) {
                return known;
            }
        }
        throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameter", "'" + type + "' is not an Azure "
                + "disk type (Standard_LRS, StandardSSD_LRS, Premium_LRS, StandardSSD_ZRS, Premium_ZRS...)");
    }

    @Override
    public List<Volume> volumes() {
        List<DiskInner> disks;
        try {
            disks = context.calls().call("disks.listByResourceGroup", () -> context.clients().compute().getDisks()
                    .listByResourceGroup(context.group()).stream().toList());
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        List<DiskInner> here = disks.stream()
                .filter(d -> d.location() == null || d.location().equalsIgnoreCase(context.location())).toList();
        return convertAll(here);
    }

    @Override
    public List<Volume> volumes(Collection<String> ids) {
        List<DiskInner> found = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (!ArmNames.isResourceName(id)) {
                continue;
            }
            try {
                found.add(raw(id));
            } catch (AltoException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return convertAll(found);
    }

    @Override
    public Volume attachVolume(String volumeId, String instanceId, String device) {
        DiskInner disk = require(volumeId);
        ArmNames.vm(instanceId);
        if (disk.managedBy() != null) {
            throw new AltoException(ErrorCode.INVALID_STATE, "OperationNotAllowed", "disk " + volumeId
                    + " is already attached to " + ArmNames.last(disk.managedBy()));
        }
        VirtualMachineInner vm = vm(instanceId);
        List<DataDisk> data = new ArrayList<>(vm.storageProfile().dataDisks() == null ? List.of()
                : vm.storageProfile().dataDisks());
        Set<Integer> used = new HashSet<>();
        data.forEach(d -> used.add(d.lun()));
        int lun = device == null ? firstFree(used) : lunOf(device);
        if (used.contains(lun)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameter", "LUN " + lun + " of VM "
                    + instanceId + " is taken");
        }
        data.add(new DataDisk().withLun(lun).withName(disk.name()).withCreateOption(DiskCreateOptionTypes.ATTACH)
                .withManagedDisk(new ManagedDiskParameters().withId(disk.id())));
        vm.storageProfile().withDataDisks(data);
        putVm(instanceId, vm);
        return convert(raw(volumeId), Map.of(ArmNames.key(disk.id()), new Lun(instanceId, lun)));
    }

    @Override
    public Volume detachVolume(String volumeId, boolean force) {
        DiskInner disk = require(volumeId);
        if (disk.managedBy() == null) {
            throw new AltoException(ErrorCode.INVALID_STATE, "OperationNotAllowed", "disk " + volumeId
                    + " is not attached");
        }
        String instanceId = ArmNames.last(disk.managedBy());
        VirtualMachineInner vm = vm(instanceId);
        List<DataDisk> data = new ArrayList<>(vm.storageProfile().dataDisks() == null ? List.of()
                : vm.storageProfile().dataDisks());
        // The OS disk cannot be detached; only a data disk is removed from the list.
        boolean removed = data.removeIf(d -> d.managedDisk() != null && d.managedDisk().id() != null
                && ArmNames.key(d.managedDisk().id()).equals(ArmNames.key(disk.id())));
        if (!removed) {
            throw new AltoException(ErrorCode.INVALID_STATE, "OperationNotAllowed", "disk " + volumeId
                    + " is not a data disk of " + instanceId + " (an OS disk stays with its VM)");
        }
        vm.storageProfile().withDataDisks(data);
        putVm(instanceId, vm);
        return convert(raw(volumeId), Map.of());
    }

    @Override
    public void deleteVolume(String volumeId) {
        DiskInner disk = require(volumeId);
        if (disk.managedBy() != null) {
            throw new AltoException(ErrorCode.DEPENDENCY_VIOLATION, "OperationNotAllowed", "disk " + volumeId
                    + " is attached to VM " + ArmNames.last(disk.managedBy()) + "; detach it first");
        }
        context.calls().await("disks.delete",
                () -> context.clients().compute().getDisks().beginDelete(context.group(), volumeId));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private record Lun(String instanceId, int lun) {
    }

    private DiskInner raw(String name) {
        return context.calls().call("disks.get", () -> context.clients().compute().getDisks()
                .getByResourceGroup(context.group(), name));
    }

    private DiskInner require(String volumeId) {
        if (!ArmNames.isResourceName(volumeId)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidResourceName", "'" + volumeId
                    + "' is not an azure volume id (a managed disk's name)");
        }
        try {
            return raw(volumeId);
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw notFound(volumeId);
            }
            throw e;
        }
    }

    static AltoException notFound(String volumeId) {
        return new AltoException(ErrorCode.NOT_FOUND, "ResourceNotFound", "volume (managed disk) " + volumeId
                + " not found");
    }

    private VirtualMachineInner vm(String instanceId) {
        try {
            return context.calls().call("virtualMachines.get", () -> context.clients().compute()
                    .getVirtualMachines().getByResourceGroup(context.group(), instanceId));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw AzureInstances.notFound(instanceId);
            }
            throw e;
        }
    }

    private void putVm(String name, VirtualMachineInner vm) {
        context.calls().await("virtualMachines.createOrUpdate", () -> context.clients().compute()
                .getVirtualMachines().beginCreateOrUpdate(context.group(), name, vm));
    }

    private static int firstFree(Set<Integer> used) {
        for (int lun = 0; lun < 64; lun++) {
            if (!used.contains(lun)) {
                return lun;
            }
        }
        throw new AltoException(ErrorCode.QUOTA_EXCEEDED, "OperationNotAllowed", "the VM has no free LUN");
    }

    private static int lunOf(String device) {
        Matcher m = DEVICE.matcher(device.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Integer.parseInt(m.group(1)) > 63) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameter", "'" + device + "' is not an "
                    + "Azure data disk device: a LUN 0-63 as N, lunN or " + LUN_PATH + "N");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Converts disks, reading the LUNs of attached ones from one VM list. */
    private List<Volume> convertAll(List<DiskInner> disks) {
        Map<String, Lun> luns = new HashMap<>();
        if (disks.stream().anyMatch(d -> d.managedBy() != null)) {
            List<VirtualMachineInner> vms = context.calls().call("virtualMachines.listByResourceGroup",
                    () -> context.clients().compute().getVirtualMachines().listByResourceGroup(context.group())
                            .stream().toList());
            for (VirtualMachineInner vm : vms) {
                if (vm.storageProfile() == null || vm.storageProfile().dataDisks() == null) {
                    continue;
                }
                for (DataDisk d : vm.storageProfile().dataDisks()) {
                    if (d.managedDisk() != null && d.managedDisk().id() != null) {
                        luns.put(ArmNames.key(d.managedDisk().id()), new Lun(vm.name(), d.lun()));
                    }
                }
            }
        }
        List<Volume> out = new ArrayList<>();
        for (DiskInner d : disks) {
            out.add(convert(d, luns));
        }
        return out;
    }

    private Volume convert(DiskInner d, Map<String, Lun> luns) {
        Map<String, String> tags = new LinkedHashMap<>(d.tags() == null ? Map.of() : d.tags());
        String zone = d.zones() == null || d.zones().isEmpty() ? null
                : ArmNames.zoneName(context.location(), d.zones().get(0));
        String provisioning = d.provisioningState() == null ? "Succeeded" : d.provisioningState();
        boolean inUse = d.managedBy() != null || DiskState.ATTACHED.equals(d.diskState())
                || DiskState.RESERVED.equals(d.diskState());
        String state = switch (provisioning.toLowerCase(Locale.ROOT)) {
            case "creating", "updating" -> inUse ? "in-use" : "creating";
            case "deleting" -> "deleting";
            case "failed" -> "error";
            default -> inUse ? "in-use" : "available";
        };
        VolumeAttachment attachment = null;
        if (d.managedBy() != null) {
            Lun lun = luns.get(ArmNames.key(d.id()));
            String instance = ArmNames.last(d.managedBy());
            // An OS disk has no LUN: it is the VM's first SCSI disk.
            String device = lun == null ? "/dev/sda" : LUN_PATH + lun.lun();
            attachment = new VolumeAttachment(instance, device, "attached", false, null);
        }
        String snapshotId = null;
        if (d.creationData() != null && d.creationData().sourceResourceId() != null
                && d.creationData().sourceResourceId().toLowerCase(Locale.ROOT).contains("/snapshots/")) {
            snapshotId = ArmNames.last(d.creationData().sourceResourceId());
        }
        return new Volume(d.name(), tags.get(Tags.NAME), zone, d.diskSizeGB() == null ? 0 : d.diskSizeGB(),
                d.sku() == null || d.sku().name() == null ? null : d.sku().name().toString(), 0,
                true, snapshotId, state, attachment,
                d.timeCreated() == null ? null : d.timeCreated().toInstant(), tags);
    }
}
