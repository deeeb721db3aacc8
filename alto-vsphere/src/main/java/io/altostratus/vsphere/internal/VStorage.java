package io.altostratus.vsphere.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * First Class Disks (vStorage objects, vSphere 6.5+): disks with an id and a life of their own, kept by the
 * server's vStorage object manager. On vCenter that is a {@code VcenterVStorageObjectManager}; on a standalone ESXi
 * host a {@code HostVStorageObjectManager}, whose methods are the same with a {@code Host} prefix
 * ({@code HostCreateDisk_Task}, {@code HostListVStorageObject}, ...).
 *
 * <p>Attaching and detaching prefer the VM's {@code AttachDisk_Task}/{@code DetachDisk_Task}, which real servers
 * have since 6.5 and which keep the server's record of the disk's consumer. A server that answers
 * {@code MethodNotFound} (govmomi's vcsim 0.24) gets the equivalent reconfiguration instead: a {@code VirtualDisk}
 * whose backing is the disk's existing file is added (no file operation, so nothing is created) or removed (no
 * {@code destroy}, so the file stays); the session then stops asking for the missing method.
 */
public final class VStorage {
    /**
     * One First Class Disk as {@code RetrieveVStorageObject} describes it.
     *
     * @param filePath     {@code [datastore] fcd/NAME.vmdk}: what a VM's disk backing names when it is attached
     * @param provisioning {@code thin}, {@code lazyZeroedThick}, {@code eagerZeroedThick}, or null when not said
     */
    public record Fcd(String id, String name, MoRef datastore, String filePath, long capacityMiB, Instant created,
                      String provisioning) {
    }

    /** Which way an attach or detach went: the disk methods, or the reconfiguration that stands in for them. */
    public enum Path { DISK_METHOD, RECONFIGURE }

    private final Vim vim;
    private final MoRef manager;
    private final String prefix;
    /** False once the server answered MethodNotFound for AttachDisk_Task or DetachDisk_Task. */
    private volatile boolean diskMethods = true;

    public VStorage(Vim vim, MoRef manager) {
        this.vim = vim;
        this.manager = manager;
        this.prefix = manager.type().startsWith("Host") ? "Host" : "";
    }

    /**
     * Creates a disk of {@code capacityMiB} on {@code datastore}. It is kept when a VM it is attached to is deleted
     * ({@code keepAfterDeleteVm}): its life is its own, as an EBS volume's is.
     */
    public Fcd create(String name, MoRef datastore, long capacityMiB, String provisioning) {
        XmlNode result = vim.task(prefix + "CreateDisk_Task", manager, b -> {
            b.open("spec").element("name", name).element("keepAfterDeleteVm", "true");
            b.open("backingSpec", "VslmCreateSpecDiskFileBackingSpec").ref("datastore", datastore)
                    .element("provisioningType", provisioning).close();
            b.element("capacityInMB", capacityMiB);
            b.close();
        });
        return fcd(result);
    }

    /** The ids of the disks on one datastore. */
    public List<String> list(MoRef datastore) {
        XmlNode answer = vim.client().call(prefix + "ListVStorageObject", manager, b -> b.ref("datastore",
                datastore));
        List<String> ids = new ArrayList<>();
        for (XmlNode id : answer.all("returnval")) {
            String value = id.textAt("", "id").strip();
            if (!value.isEmpty()) {
                ids.add(value);
            }
        }
        return ids;
    }

    /** One disk; a disk the datastore does not hold is a {@code NotFound} fault. */
    public Fcd retrieve(String id, MoRef datastore) {
        XmlNode answer = vim.client().call(prefix + "RetrieveVStorageObject", manager, b -> {
            b.open("id").element("id", id).close();
            b.ref("datastore", datastore);
        });
        return fcd(answer.child("returnval"));
    }

    /** Deletes the disk and its file. */
    public void delete(String id, MoRef datastore) {
        vim.task(prefix + "DeleteVStorageObject_Task", manager, b -> {
            b.open("id").element("id", id).close();
            b.ref("datastore", datastore);
        });
    }

    /** Attaches the disk to {@code vm} at the controller's unit; answers which way it went. */
    public Path attach(MoRef vm, Fcd disk, int controllerKey, int unitNumber) {
        if (diskMethods) {
            try {
                vim.task("AttachDisk_Task", vm, b -> {
                    b.open("diskId").element("id", disk.id()).close();
                    b.ref("datastore", disk.datastore()).element("controllerKey", controllerKey)
                            .element("unitNumber", unitNumber);
                });
                return Path.DISK_METHOD;
            } catch (VimException e) {
                if (!lacksMethod(e)) {
                    throw e;
                }
                diskMethods = false;
            }
        }
        vim.reconfigure(vm, b -> {
            b.open("deviceChange").element("operation", "add");
            writeDisk(b, -100, disk, controllerKey, unitNumber);
            b.close();
        });
        return Path.RECONFIGURE;
    }

    /** Detaches the disk from {@code vm}, where it is the device {@code deviceKey}; the disk's file stays. */
    public Path detach(MoRef vm, Fcd disk, int deviceKey, int controllerKey, int unitNumber) {
        if (diskMethods) {
            try {
                vim.task("DetachDisk_Task", vm, b -> b.open("diskId").element("id", disk.id()).close());
                return Path.DISK_METHOD;
            } catch (VimException e) {
                if (!lacksMethod(e)) {
                    throw e;
                }
                diskMethods = false;
            }
        }
        vim.reconfigure(vm, b -> {
            b.open("deviceChange").element("operation", "remove");
            writeDisk(b, deviceKey, disk, controllerKey, unitNumber);
            b.close();
        });
        return Path.RECONFIGURE;
    }

    private static boolean lacksMethod(VimException e) {
        return "MethodNotFound".equals(e.fault()) || "NotImplemented".equals(e.fault());
    }

    /**
     * A VirtualDisk in vim25's element order. {@code vDiskId} names the disk, as the server itself records it on
     * a disk attached with AttachDisk_Task, so a VM's devices say which First Class Disk each disk is.
     */
    private static void writeDisk(SoapBody b, int key, Fcd disk, int controllerKey, int unitNumber) {
        long kib = disk.capacityMiB() * 1024L;
        b.open("device", "VirtualDisk").element("key", key);
        b.open("deviceInfo").element("label", "Hard disk " + disk.name()).element("summary", "").close();
        b.open("backing", "VirtualDiskFlatVer2BackingInfo").element("fileName", disk.filePath())
                .ref("datastore", disk.datastore()).element("diskMode", "persistent").close();
        b.element("controllerKey", controllerKey).element("unitNumber", unitNumber);
        b.element("capacityInKB", kib).element("capacityInBytes", kib * 1024L);
        b.open("vDiskId").element("id", disk.id()).close();
        b.close();
    }

    static Fcd fcd(XmlNode object) {
        XmlNode config = object.child("config");
        XmlNode backing = config.child("backing");
        XmlNode store = backing == null ? null : backing.child("datastore");
        long mib;
        try {
            mib = Long.parseLong(config.textAt("0", "capacityInMB").strip());
        } catch (NumberFormatException e) {
            mib = 0;
        }
        return new Fcd(config.textAt("", "id", "id").strip(), config.textAt("", "name"),
                store == null ? null : store.moRef(), backing == null ? null : backing.textAt(null, "filePath"),
                mib, instant(config.textAt(null, "createTime")),
                backing == null ? null : backing.textAt(null, "provisioningType"));
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null; // a time we cannot read is left out rather than failing the whole listing
        }
    }
}
