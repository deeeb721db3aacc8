package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QemuCommandLineTest {
    private static final QemuState.Vm VM = new QemuState.Vm("qvm-0123456789ab", "local-a", "qimg-0123456789ab",
            "q.small", 1, 1024, "/state/qemu/instances/qvm-0123456789ab", "/state/qemu/instances/qvm-0123456789ab/qmp.sock",
            40022, 0, 0, "running", Instant.EPOCH, null, null, Map.of(), Instant.EPOCH,
            List.of(new QemuState.Disk("/dev/vdb", "/state/qemu/instances/qvm-0123456789ab/disk-vdb.qcow2", 2, true)),
            257);
    private static final QemuState.Img DIRECT_BOOT = new QemuState.Img("qimg-0123456789ab", "alto-debian", null,
            "debian", "12", "x86_64", "/state/qemu/images/qimg-0123456789ab/disk.qcow2", "/img/vmlinuz",
            "/img/initrd.img", "root=/dev/vda rw console=ttyS0", "admin", 2L << 30, null, Instant.EPOCH, "k", Map.of());

    private static List<String> argv(Accelerator accel, QemuState.Img image) {
        return QemuCommandLine.build("qemu-system-x86_64", accel, VM, image, Path.of("/run/qga.sock"));
    }

    /** The value after an option, for each time the option appears. */
    private static List<String> values(List<String> argv, String option) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < argv.size() - 1; i++) {
            if (argv.get(i).equals(option)) {
                out.add(argv.get(i + 1));
            }
        }
        return out;
    }

    @Test
    void tcgWithoutKvmAndTheHostCpuWithIt() {
        assertThat(values(argv(Accelerator.TCG, DIRECT_BOOT), "-machine")).containsExactly("q35,accel=tcg");
        assertThat(values(argv(Accelerator.TCG, DIRECT_BOOT), "-cpu")).containsExactly("max");
        assertThat(values(argv(Accelerator.KVM, DIRECT_BOOT), "-machine")).containsExactly("q35,accel=kvm");
        assertThat(values(argv(Accelerator.KVM, DIRECT_BOOT), "-cpu")).containsExactly("host");
    }

    @Test
    void rootOverlayFirstThenExtraDisksThenTheSeedAsACdrom() {
        assertThat(values(argv(Accelerator.TCG, DIRECT_BOOT), "-drive")).containsExactly(
                "id=root,if=virtio,format=qcow2,discard=unmap,file=/state/qemu/instances/qvm-0123456789ab/root.qcow2",
                "id=vdb,if=virtio,format=qcow2,file=/state/qemu/instances/qvm-0123456789ab/disk-vdb.qcow2",
                "id=seed,if=ide,media=cdrom,readonly=on,format=raw,file=/state/qemu/instances/qvm-0123456789ab/seed.iso");
    }

    @Test
    void sshIsForwardedFromLoopbackOnly() {
        assertThat(values(argv(Accelerator.TCG, DIRECT_BOOT), "-nic"))
                .containsExactly("user,model=virtio-net-pci,net=10.4.1.0/24,hostfwd=tcp:127.0.0.1:40022-:22");
        assertThat(VM.privateIp()).isEqualTo("10.4.1.15");
    }

    @Test
    void consoleToAFileQmpOnTheSocketAndDaemonised() {
        List<String> argv = argv(Accelerator.TCG, DIRECT_BOOT);
        assertThat(values(argv, "-chardev")).contains(
                "file,id=console,append=on,path=/state/qemu/instances/qvm-0123456789ab/console.log");
        assertThat(values(argv, "-serial")).containsExactly("chardev:console");
        assertThat(values(argv, "-qmp")).containsExactly(
                "unix:/state/qemu/instances/qvm-0123456789ab/qmp.sock,server=on,wait=off");
        assertThat(values(argv, "-pidfile")).containsExactly("/state/qemu/instances/qvm-0123456789ab/qemu.pid");
        assertThat(argv).contains("-daemonize", "-nodefaults");
        assertThat(values(argv, "-smp")).containsExactly("1");
        assertThat(values(argv, "-m")).containsExactly("1024M");
    }

    @Test
    void directKernelBootOnlyWhenTheImageBringsAKernel() {
        List<String> direct = argv(Accelerator.TCG, DIRECT_BOOT);
        assertThat(values(direct, "-kernel")).containsExactly("/img/vmlinuz");
        assertThat(values(direct, "-initrd")).containsExactly("/img/initrd.img");
        assertThat(values(direct, "-append")).containsExactly("root=/dev/vda rw console=ttyS0");
        QemuState.Img imported = new QemuState.Img("qimg-0123456789ab", "ubuntu", null, "ubuntu", "24.04", "x86_64",
                "/i/disk.qcow2", null, null, null, null, 1, null, Instant.EPOCH, null, Map.of());
        assertThat(argv(Accelerator.TCG, imported)).doesNotContain("-kernel", "-initrd", "-append");
    }

    @Test
    void aCommaInAPathIsDoubledAsQemuOptionsNeed() {
        assertThat(QemuCommandLine.escape(Path.of("/a,b/root.qcow2"))).isEqualTo("/a,,b/root.qcow2");
    }

    private static final QemuState.Vm ARM_ON_BRIDGE = new QemuState.Vm("qvm-0123456789ab", "local-a",
            "qimg-0123456789ab", "q.small", 2, 1024, "/state/qemu/instances/qvm-0123456789ab",
            "/state/qemu/instances/qvm-0123456789ab/qmp.sock", 40022, 0, 0, "running", Instant.EPOCH, null, null,
            Map.of(), Instant.EPOCH, List.of(), 257, "bridge:br0", "arm64");
    private static final QemuState.Img ARM_IMAGE = new QemuState.Img("qimg-0123456789ab", "alto-debian-arm", null,
            "debian", "12", "arm64", "/i/disk.qcow2", "/img/vmlinuz", "/img/initrd.img",
            "root=/dev/vda rw console=ttyAMA0", "admin", 2L << 30, null, Instant.EPOCH, "k", Map.of());

    private static List<String> armArgv(Accelerator accel) {
        return QemuCommandLine.build("qemu-system-aarch64", accel, ARM_ON_BRIDGE, ARM_IMAGE,
                Path.of("/run/qga.sock"), Path.of("/fw/AAVMF_CODE.fd"));
    }

    @Test
    void anArm64GuestIsAVirtMachineBootingUefiWithItsOwnVariableStore() {
        List<String> argv = armArgv(Accelerator.TCG);
        assertThat(argv.get(0)).isEqualTo("qemu-system-aarch64");
        assertThat(values(argv, "-machine")).containsExactly("virt,accel=tcg,gic-version=3");
        assertThat(values(argv, "-cpu")).containsExactly("max");
        assertThat(values(armArgv(Accelerator.KVM), "-machine")).containsExactly("virt,accel=kvm,gic-version=host");
        assertThat(values(armArgv(Accelerator.KVM), "-cpu")).containsExactly("host");
        assertThat(values(argv, "-drive")).containsExactly(
                "if=pflash,format=raw,unit=0,readonly=on,file=/fw/AAVMF_CODE.fd",
                "if=pflash,format=raw,unit=1,file=/state/qemu/instances/qvm-0123456789ab/efivars.fd",
                "id=root,if=virtio,format=qcow2,discard=unmap,file=/state/qemu/instances/qvm-0123456789ab/root.qcow2",
                "id=seed,if=none,media=cdrom,readonly=on,format=raw,"
                        + "file=/state/qemu/instances/qvm-0123456789ab/seed.iso");
        // virt has no IDE: the seed is a SCSI CD-ROM on virtio-scsi
        assertThat(values(argv, "-device")).contains("virtio-scsi-pci,id=scsi0", "scsi-cd,drive=seed,bus=scsi0.0");
        assertThat(argv).doesNotContain("ICH9-LPC.acpi-pci-hotplug-with-bridge-support=off");
        assertThat(values(argv, "-append")).containsExactly("root=/dev/vda rw console=ttyAMA0");
        assertThat(values(argv(Accelerator.TCG, DIRECT_BOOT), "-drive")).noneMatch(d -> d.contains("pflash"));
    }

    @Test
    void onABridgeTheUserNicKeepsSshAndASecondNicGetsTheInstancesMac() {
        List<String> argv = armArgv(Accelerator.TCG);
        assertThat(values(argv, "-nic")).containsExactly("user,model=virtio-net-pci,mac=52:54:00:12:34:56,"
                + "net=10.4.1.0/24,hostfwd=tcp:127.0.0.1:40022-:22");
        assertThat(values(argv, "-netdev")).containsExactly("bridge,id=lan,br=br0");
        assertThat(values(argv, "-device")).contains("virtio-net-pci,netdev=lan,id=nic-lan,mac="
                + QemuNetwork.mac("qvm-0123456789ab"));
        // the hot-plug ports stay after every other device
        int lastPort = argv.lastIndexOf("pcie-root-port,id=alto-hp7,chassis=8");
        assertThat(argv.indexOf("virtio-net-pci,netdev=lan,id=nic-lan,mac=" + QemuNetwork.mac("qvm-0123456789ab")))
                .isLessThan(argv.indexOf("pcie-root-port,id=alto-hp0,chassis=1")).isLessThan(lastPort);
        assertThat(values(argv(Accelerator.TCG, DIRECT_BOOT), "-netdev")).isEmpty();
    }
}
