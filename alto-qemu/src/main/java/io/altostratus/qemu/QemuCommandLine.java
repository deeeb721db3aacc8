package io.altostratus.qemu;

import io.altostratus.core.model.Architecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU command line of one instance. An x86_64 guest ({@code qemu-system-x86_64}) is a q35 machine; an arm64
 * guest ({@code qemu-system-aarch64}) is a {@code virt} machine booting UEFI (the firmware read-only, a copy of its
 * variable store per instance), which has no IDE, so its seed CD-ROM sits on virtio-scsi. The rest is the same:
 * no default devices, the root
 * overlay as a virtio disk ({@code /dev/vda}, drive id {@code root}), extra disks after it, the NoCloud seed as a
 * CD-ROM, user-mode networking with the guest's SSH port forwarded to a loopback port, a virtio RNG (a guest on TCG
 * otherwise waits long for entropy before sshd starts), the serial console appended to a log file, QMP on a unix
 * socket, the guest agent's channel, PCIe root ports for hot-plugged volumes (attached volumes sit on them, with the
 * volume id as serial), a second NIC on the user's tap or bridge when the network setting names one
 * ({@link QemuNetwork}), and {@code -daemonize} so the machine outlives the process that started it. Direct kernel
 * boot when the image brings a kernel (on arm64 UEFI loads it, with the same command line).
 */
final class QemuCommandLine {
    /** The files of an instance directory. */
    static final String OVERLAY = "root.qcow2";
    static final String SEED = "seed.iso";
    static final String CONSOLE = "console.log";
    static final String PIDFILE = "qemu.pid";
    /** An arm64 instance's own copy of the UEFI variable store (boot entries and the like persist in it). */
    static final String EFI_VARS = "efivars.fd";
    /** How many volumes an instance can have attached: each takes a PCIe root port of its own for hot-plug. */
    static final int HOTPLUG_PORTS = 8;

    private QemuCommandLine() {
    }

    static List<String> build(String qemu, Accelerator accel, QemuState.Vm vm, QemuState.Img image, Path agentSocket) {
        return build(qemu, accel, vm, image, agentSocket, QemuSettings.DEFAULT_AARCH64_FIRMWARE);
    }

    /** @param firmware the UEFI firmware an arm64 guest boots with (unused for x86_64) */
    static List<String> build(String qemu, Accelerator accel, QemuState.Vm vm, QemuState.Img image, Path agentSocket,
                              Path firmware) {
        Path dir = Path.of(vm.dir());
        boolean arm = vm.arch() == Architecture.ARM64;
        List<String> argv = new ArrayList<>(List.of(qemu,
                "-name", "alto-" + vm.id() + ",process=alto-" + vm.id(),
                // KVM on an arm64 host takes the host's interrupt controller; TCG emulates GICv3 (any CPU count)
                "-machine", arm ? "virt,accel=" + accel.qemuName() + ",gic-version="
                        + (accel == Accelerator.KVM ? "host" : "3") : "q35,accel=" + accel.qemuName()));
        argv.addAll(accel.cpuArgs());
        argv.addAll(List.of(
                "-smp", Integer.toString(vm.vcpus()),
                "-m", vm.memoryMiB() + "M",
                "-nodefaults", "-no-user-config", "-display", "none"));
        if (arm) {
            argv.addAll(List.of(
                    "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + escape(firmware),
                    "-drive", "if=pflash,format=raw,unit=1,file=" + escape(dir.resolve(EFI_VARS))));
        }
        argv.addAll(List.of(
                "-drive", "id=root,if=virtio,format=qcow2,discard=unmap,file=" + escape(dir.resolve(OVERLAY))));
        for (QemuState.Disk disk : vm.disks()) {
            if (!disk.isVolume()) {
                argv.addAll(List.of("-drive", "id=" + driveId(disk) + ",if=virtio,format=qcow2,file="
                        + escape(Path.of(disk.file()))));
            }
        }
        if (arm) {
            argv.addAll(List.of(
                    "-drive", "id=seed,if=none,media=cdrom,readonly=on,format=raw,file=" + escape(dir.resolve(SEED)),
                    "-device", "virtio-scsi-pci,id=scsi0",
                    "-device", "scsi-cd,drive=seed,bus=scsi0.0"));
        } else {
            argv.addAll(List.of(
                    "-drive", "id=seed,if=ide,media=cdrom,readonly=on,format=raw,file=" + escape(dir.resolve(SEED))));
        }
        QemuNetwork lan = vm.lanNetwork();
        argv.addAll(List.of(
                "-nic", "user,model=virtio-net-pci," + (lan.hasLan() ? "mac=" + QemuNetwork.USER_NIC_MAC + "," : "")
                        + "net=" + vm.subnet() + ",hostfwd=tcp:127.0.0.1:" + vm.sshPort() + "-:22"));
        argv.addAll(lan.args(vm.id()));
        argv.addAll(List.of(
                "-object", "rng-random,id=rng0,filename=/dev/urandom",
                "-device", "virtio-rng-pci,rng=rng0",
                "-chardev", "file,id=console,append=on,path=" + escape(dir.resolve(CONSOLE)),
                "-serial", "chardev:console",
                "-qmp", "unix:" + escape(Path.of(vm.qmpSocket())) + ",server=on,wait=off",
                "-chardev", "socket,id=qga0,server=on,wait=off,path=" + escape(agentSocket),
                "-device", "virtio-serial",
                "-device", "virtserialport,chardev=qga0,name=org.qemu.guest_agent.0"));
        if (!arm) {
            // ACPI hot-plug (the q35 default) waits for the guest's ACPI to eject a device, and without an OS
            // nothing ever does; native PCIe hot-plug lets QEMU unplug from a slot the guest never powered (virt
            // has native PCIe hot-plug only)
            argv.addAll(List.of("-global", "ICH9-LPC.acpi-pci-hotplug-with-bridge-support=off"));
        }
        // after every other device, so the devices' PCI addresses (and the guest's interface names) stay as before
        for (int port = 0; port < HOTPLUG_PORTS; port++) {
            argv.addAll(List.of("-device", "pcie-root-port,id=" + portId(port) + ",chassis=" + (port + 1)));
        }
        for (QemuState.Disk disk : vm.disks()) {
            if (disk.isVolume()) {
                argv.addAll(List.of("-blockdev", "driver=qcow2,node-name=" + driveId(disk)
                        + ",file.driver=file,file.filename=" + escape(Path.of(disk.file())),
                        "-device", "virtio-blk-pci,drive=" + driveId(disk) + ",id=" + deviceId(disk.volumeId())
                                + ",serial=" + disk.volumeId() + ",bus=" + portId(disk.port())));
            }
        }
        argv.addAll(List.of(
                "-pidfile", dir.resolve(PIDFILE).toString(),
                "-daemonize"));
        if (image.kernel() != null) {
            argv.addAll(List.of("-kernel", image.kernel()));
            if (image.initrd() != null) {
                argv.addAll(List.of("-initrd", image.initrd()));
            }
            if (image.append() != null) {
                argv.addAll(List.of("-append", image.append()));
            }
        }
        return argv;
    }

    /**
     * The block node of an extra disk: for one given at launch its drive id, the device's last name ({@code vdb});
     * for a volume the volume id, which also names the block node when it is hot-added.
     */
    static String driveId(QemuState.Disk disk) {
        if (disk.isVolume()) {
            return disk.volumeId();
        }
        return disk.device().substring(disk.device().lastIndexOf('/') + 1);
    }

    /** The virtio-blk device a volume is attached as. */
    static String deviceId(String volumeId) {
        return "dev-" + volumeId;
    }

    /** The PCIe root port volumes can be hot-plugged into, one volume each. */
    static String portId(int port) {
        return "alto-hp" + port;
    }

    /** QEMU's option syntax doubles a comma inside a value. */
    static String escape(Path path) {
        return path.toString().replace(",", ",,");
    }
}
