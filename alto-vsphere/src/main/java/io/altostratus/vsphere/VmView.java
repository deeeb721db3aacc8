package io.altostratus.vsphere;

import io.altostratus.vsphere.internal.GuestAddresses;
import io.altostratus.vsphere.internal.MoRef;
import io.altostratus.vsphere.internal.ObjectContent;
import io.altostratus.vsphere.internal.XmlNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VM (or template) as one property-collector answer shows it: the properties the provider reads, in the shape it
 * needs them. {@link #PROPERTIES} is what every listing asks for, so a list and a get see the same things.
 */
record VmView(MoRef ref, String name, boolean template, String guestId, int cpus, long memoryMiB, String annotation,
              String powerState, MoRef host, Instant bootTime, List<GuestAddresses.Nic> nics, String toolsIp,
              String toolsStatus, List<MoRef> datastores, List<Device> devices, Map<Integer, String> customValues) {

    static final List<String> PROPERTIES = List.of("name", "config.template", "config.guestId",
            "config.hardware.numCPU", "config.hardware.memoryMB", "config.hardware.device", "config.annotation",
            "runtime.powerState", "runtime.host", "summary.runtime.bootTime", "guest.net", "guest.ipAddress",
            "guest.toolsRunningStatus", "datastore", "customValue");

    /**
     * A virtual device, with what the provider uses: its kind (the xsi:type), key, controller and unit, the MAC of
     * a NIC, the file and capacity of a disk or CD-ROM, and the First Class Disk id ({@code vDiskId}) of a disk
     * that is one.
     */
    record Device(String kind, int key, String label, int controllerKey, int unitNumber, String mac,
                  String fileName, long capacityKiB, String diskMode, String diskId) {
        boolean isNic() {
            return mac != null;
        }

        boolean isDisk() {
            return "VirtualDisk".equals(kind);
        }

        boolean isCdrom() {
            return "VirtualCdrom".equals(kind);
        }
    }

    static VmView of(ObjectContent o) {
        List<MoRef> stores = new ArrayList<>();
        XmlNode ds = o.prop("datastore");
        if (ds != null) {
            ds.all("ManagedObjectReference").forEach(n -> stores.add(n.moRef()));
        }
        List<Device> devices = new ArrayList<>();
        XmlNode list = o.prop("config.hardware.device");
        if (list != null) {
            for (XmlNode d : list.children()) {
                XmlNode backing = d.child("backing");
                devices.add(new Device(d.xsiType() == null ? d.name() : d.xsiType(), integer(d.textAt("", "key")),
                        d.textAt("", "deviceInfo", "label"), integer(d.textAt("-1", "controllerKey")), integer(d.textAt("-1", "unitNumber")),
                        blank(d.textAt(null, "macAddress")), backing == null ? null : blank(backing.textAt(null,
                        "fileName")), longer(d.textAt("0", "capacityInKB")),
                        backing == null ? null : blank(backing.textAt(null, "diskMode")),
                        blank(d.textAt(null, "vDiskId", "id"))));
            }
        }
        Instant boot = null;
        String bootText = o.text("summary.runtime.bootTime", null);
        if (bootText != null && !bootText.isBlank()) {
            try {
                boot = Instant.parse(bootText.strip());
            } catch (DateTimeParseException e) {
                boot = java.time.OffsetDateTime.parse(bootText.strip()).toInstant();
            }
        }
        Map<Integer, String> custom = new LinkedHashMap<>();
        XmlNode values = o.prop("customValue");
        if (values != null) {
            for (XmlNode v : values.children()) {
                custom.put(integer(v.textAt("-1", "key")), v.textAt("", "value"));
            }
        }
        return new VmView(o.obj(), o.text("name", o.obj().value()), o.bool("config.template"),
                o.text("config.guestId", null), o.integer("config.hardware.numCPU", 1),
                o.integer("config.hardware.memoryMB", 0), o.text("config.annotation", ""),
                o.text("runtime.powerState", "poweredOff"), o.ref("runtime.host"), boot,
                GuestAddresses.nics(o.prop("guest.net")), blank(o.text("guest.ipAddress", null)),
                o.text("guest.toolsRunningStatus", null), stores, devices, custom);
    }

    /** The MAC of the first ethernet card (the lowest device key among NICs), or null. */
    String firstMac() {
        return devices.stream().filter(Device::isNic).min(Comparator.comparingInt(Device::key)).map(Device::mac)
                .orElse(null);
    }

    /** The boot disk: the disk with the lowest key. */
    Device firstDisk() {
        return devices.stream().filter(Device::isDisk).min(Comparator.comparingInt(Device::key)).orElse(null);
    }

    Device firstCdrom() {
        return devices.stream().filter(Device::isCdrom).min(Comparator.comparingInt(Device::key)).orElse(null);
    }

    /** The address VMware Tools reports, chosen by {@link GuestAddresses#pick}. */
    String address() {
        return GuestAddresses.pick(nics, firstMac(), toolsIp);
    }

    boolean toolsRunning() {
        return "guestToolsRunning".equals(toolsStatus);
    }

    private static int integer(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long longer(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
