package io.altostratus.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.spec.DiskSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A launch's extra disks on Proxmox: each a new volume on the VM's storage ({@code scsiN: STORAGE:SIZE}, allocated
 * by Proxmox as {@code vm-VMID-disk-K}), on the SCSI bus after the boot disk. A Proxmox disk belongs to its VM and is
 * destroyed with it, and starts empty, so a disk asked to outlive the instance or to come from a snapshot is refused
 * before anything is made. {@code /dev/sdb} names {@code scsi1}, as the guest sees it.
 */
final class ExtraDisks {
    private static final Pattern DEVICE = Pattern.compile("/dev/(?:sd|vd|xvd)([b-z])|scsi([1-9]|[12]\\d|30)");
    private static final Pattern SCSI = Pattern.compile("scsi(\\d+)");

    private ExtraDisks() {
    }

    /** Refuses what Proxmox cannot do with a launch's disks; called before the clone. */
    static void check(List<DiskSpec> disks) {
        for (DiskSpec d : disks) {
            if (d.snapshotId() != null) {
                throw new AltoException(ErrorCode.UNSUPPORTED, "DiskFromSnapshot", "a Proxmox disk starts empty: "
                        + "extra disks from snapshots are not supported");
            }
            if (!d.deleteOnTermination()) {
                throw new AltoException(ErrorCode.UNSUPPORTED, "DiskOutlivesVm", "a Proxmox disk belongs to its VM "
                        + "and is destroyed with it: extra disks with deleteOnTermination=false are not supported");
            }
            if (d.deviceName() != null && !DEVICE.matcher(d.deviceName()).matches()) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidDeviceName", "'" + d.deviceName()
                        + "' is not a disk device here (/dev/sdb.. or scsi1..scsi30)");
            }
        }
    }

    /** The config keys that add the disks, on SCSI slots the VM's config leaves free. */
    static Map<String, String> config(List<DiskSpec> disks, JsonNode config, String storage) {
        Set<Integer> used = new HashSet<>();
        config.fieldNames().forEachRemaining(k -> {
            Matcher m = SCSI.matcher(k);
            if (m.matches()) {
                used.add(Integer.parseInt(m.group(1)));
            }
        });
        Map<String, String> out = new LinkedHashMap<>();
        for (DiskSpec d : disks) {
            int slot = d.deviceName() == null ? -1 : slot(d.deviceName());
            if (slot >= 0 && used.contains(slot)) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "DeviceInUse", d.deviceName()
                        + " is already a disk of the template");
            }
            if (slot < 0) {
                slot = 1;
                while (used.contains(slot)) {
                    slot++;
                }
            }
            used.add(slot);
            out.put("scsi" + slot, storage + ":" + d.sizeGiB());
        }
        return out;
    }

    private static int slot(String device) {
        Matcher m = DEVICE.matcher(device);
        if (!m.matches()) {
            return -1;
        }
        return m.group(1) != null ? m.group(1).charAt(0) - 'a' : Integer.parseInt(m.group(2));
    }

    /** A VM's disks as block devices: every SCSI/VirtIO/SATA disk that is not a CD-ROM or the cloud-init drive. */
    static List<BlockDevice> of(JsonNode config) {
        List<BlockDevice> out = new ArrayList<>();
        config.fieldNames().forEachRemaining(k -> {
            String v = config.path(k).asText("");
            if (k.matches("(scsi|virtio|sata)\\d+") && !v.contains("media=cdrom") && !v.contains("cloudinit")) {
                out.add(new BlockDevice(k, v.split(",")[0], true));
            }
        });
        return out;
    }
}
