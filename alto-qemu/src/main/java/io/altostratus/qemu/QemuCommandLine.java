package io.altostratus.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code qemu-system-x86_64} command line of one instance: a q35 machine with no default devices, the root
 * overlay as a virtio disk ({@code /dev/vda}, drive id {@code root}), extra disks after it, the NoCloud seed as a
 * CD-ROM, user-mode networking with the guest's SSH port forwarded to a loopback port, a virtio RNG (a guest on TCG
 * otherwise waits long for entropy before sshd starts), the serial console appended to a log file, QMP on a unix
 * socket, the guest agent's channel, and {@code -daemonize} so the machine outlives the process that started it.
 * Direct kernel boot when the image brings a kernel.
 */
final class QemuCommandLine {
    /** The files of an instance directory. */
    static final String OVERLAY = "root.qcow2";
    static final String SEED = "seed.iso";
    static final String CONSOLE = "console.log";
    static final String PIDFILE = "qemu.pid";

    private QemuCommandLine() {
    }

    static List<String> build(String qemu, Accelerator accel, QemuState.Vm vm, QemuState.Img image, Path agentSocket) {
        Path dir = Path.of(vm.dir());
        List<String> argv = new ArrayList<>(List.of(qemu,
                "-name", "alto-" + vm.id() + ",process=alto-" + vm.id(),
                "-machine", "q35,accel=" + accel.qemuName()));
        argv.addAll(accel.cpuArgs());
        argv.addAll(List.of(
                "-smp", Integer.toString(vm.vcpus()),
                "-m", vm.memoryMiB() + "M",
                "-nodefaults", "-no-user-config", "-display", "none",
                "-drive", "id=root,if=virtio,format=qcow2,discard=unmap,file=" + escape(dir.resolve(OVERLAY))));
        for (QemuState.Disk disk : vm.disks()) {
            argv.addAll(List.of("-drive", "id=" + driveId(disk) + ",if=virtio,format=qcow2,file="
                    + escape(Path.of(disk.file()))));
        }
        argv.addAll(List.of(
                "-drive", "id=seed,if=ide,media=cdrom,readonly=on,format=raw,file=" + escape(dir.resolve(SEED)),
                "-nic", "user,model=virtio-net-pci,net=" + vm.subnet() + ",hostfwd=tcp:127.0.0.1:" + vm.sshPort()
                        + "-:22",
                "-object", "rng-random,id=rng0,filename=/dev/urandom",
                "-device", "virtio-rng-pci,rng=rng0",
                "-chardev", "file,id=console,append=on,path=" + escape(dir.resolve(CONSOLE)),
                "-serial", "chardev:console",
                "-qmp", "unix:" + escape(Path.of(vm.qmpSocket())) + ",server=on,wait=off",
                "-chardev", "socket,id=qga0,server=on,wait=off,path=" + escape(agentSocket),
                "-device", "virtio-serial",
                "-device", "virtserialport,chardev=qga0,name=org.qemu.guest_agent.0",
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

    /** The drive id of an extra disk: its device's last name ({@code vdb}). */
    static String driveId(QemuState.Disk disk) {
        return disk.device().substring(disk.device().lastIndexOf('/') + 1);
    }

    /** QEMU's option syntax doubles a comma inside a value. */
    static String escape(Path path) {
        return path.toString().replace(",", ",,");
    }
}
