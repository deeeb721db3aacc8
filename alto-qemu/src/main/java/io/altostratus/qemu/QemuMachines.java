package io.altostratus.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.qemu.internal.Commands;
import io.altostratus.qemu.internal.ProcessIdentity;
import io.altostratus.qemu.internal.Qmp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The QEMU processes: starting one for an instance, and talking to it over QMP (power, reset, status, block jobs).
 * Stateless: every call is given the instance's record.
 */
final class QemuMachines {
    /** Unix socket paths must fit in {@code sun_path} (108 bytes with its terminator). */
    private static final int MAX_SOCKET_PATH = 100;
    private static final Duration QMP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final int PORT_ATTEMPTS = 4;
    private static final Duration NODE_RELEASE = Duration.ofSeconds(5);

    private final QemuSettings settings;

    QemuMachines(QemuSettings settings) {
        this.settings = settings;
    }

    /** Where an instance's QMP socket goes: in its directory when the path is short enough, else in /tmp. */
    static Path socketPath(Path dir, String id, String suffix) {
        Path inDir = dir.resolve(suffix + ".sock");
        if (inDir.toAbsolutePath().toString().length() <= MAX_SOCKET_PATH) {
            return inDir.toAbsolutePath();
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "alto-qemu-" + System.getProperty("user.name"),
                id + "." + suffix + ".sock");
    }

    static Path agentSocket(QemuState.Vm vm) {
        return socketPath(Path.of(vm.dir()), vm.id(), "qga");
    }

    /** Whether the instance's QEMU process (that very process, not a later one with its pid) runs. */
    static boolean alive(QemuState.Vm vm) {
        return vm.pid() > 0 && new ProcessIdentity(vm.pid(), vm.processStart()).alive();
    }

    /**
     * Starts the instance's QEMU, daemonised, and returns the record with its process and SSH port. The port the
     * record has is reused when it is free; a port another program takes between our probe and QEMU's bind makes
     * QEMU fail, and the start is tried again on another.
     *
     * @throws AltoException PROVIDER_ERROR (QemuFailed) with QEMU's own message when it will not start
     */
    QemuState.Vm start(QemuState.Vm vm, QemuState.Img image) {
        String program = settings.qemuFor(vm.arch());
        checkProgram(program, vm.arch());
        vm.lanNetwork().check(QemuNetwork.SYS_NET, uid());
        if (vm.arch() == Architecture.ARM64) {
            prepareFirmware(Path.of(vm.dir()));
        }
        Path agent = agentSocket(vm);
        try {
            Files.createDirectories(agent.getParent());
            Files.createDirectories(Path.of(vm.qmpSocket()).getParent());
            Files.deleteIfExists(Path.of(vm.qmpSocket()));
            Files.deleteIfExists(agent);
            Files.deleteIfExists(Path.of(vm.dir()).resolve(QemuCommandLine.PIDFILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = vm.sshPort() > 0 && portFree(vm.sshPort()) ? vm.sshPort() : freePort();
        AltoException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            QemuState.Vm candidate = vm.withProcess(0, 0, port);
            List<String> argv = QemuCommandLine.build(program, settings.acceleratorFor(vm.arch()), candidate, image,
                    agent, settings.aarch64Firmware());
            Commands.Result r = Commands.runAllowingFailure(argv, Path.of(vm.dir()), STARTUP);
            if (r.exitCode() == 0) {
                long pid = readPid(Path.of(vm.dir()).resolve(QemuCommandLine.PIDFILE));
                ProcessIdentity identity = ProcessIdentity.of(pid).orElseThrow(() -> new AltoException(
                        ErrorCode.PROVIDER_ERROR, "QemuFailed", "QEMU for " + vm.id() + " exited right after "
                        + "starting; see " + Path.of(vm.dir()).resolve(QemuCommandLine.CONSOLE)));
                return vm.withProcess(identity.pid(), identity.start(), port);
            }
            String why = Commands.tail(r.stderr());
            Optional<AltoException> network = vm.lanNetwork().explain(why);
            if (network.isPresent()) {
                throw network.get();
            }
            last = new AltoException(ErrorCode.PROVIDER_ERROR, "QemuFailed", "QEMU would not start " + vm.id()
                    + " (exit " + r.exitCode() + "): " + why);
            if (!why.contains("host forwarding")) {
                break;
            }
            port = freePort();
        }
        throw last;
    }

    /**
     * @throws AltoException UNSUPPORTED (ArchitectureUnavailable) when the architecture's QEMU is not installed
     */
    static void checkProgram(String program, Architecture arch) {
        boolean present = program.contains("/") ? Files.isExecutable(Path.of(program))
                : Commands.which(program).isPresent();
        if (!present) {
            throw new AltoException(ErrorCode.UNSUPPORTED, "ArchitectureUnavailable", arch.wireName()
                    + " guests need " + program + ", which is not installed (Debian: " + GuestArch.systemPackage(arch)
                    + ")");
        }
    }

    /**
     * Gives an arm64 instance its own copy of the UEFI variable store, once: UEFI writes boot entries into it, so
     * instances cannot share one, and it is kept across stop and start.
     *
     * @throws AltoException UNSUPPORTED (FirmwareMissing) when the firmware or the store's template is missing
     */
    private void prepareFirmware(Path dir) {
        for (Path file : List.of(settings.aarch64Firmware(), settings.aarch64Vars())) {
            if (!Files.isRegularFile(file)) {
                throw new AltoException(ErrorCode.UNSUPPORTED, "FirmwareMissing", "arm64 guests boot UEFI from "
                        + file + ", which is missing (Debian: qemu-efi-aarch64; or set [qemu] aarch64_firmware and "
                        + "aarch64_vars)");
            }
        }
        Path vars = dir.resolve(QemuCommandLine.EFI_VARS);
        if (!Files.exists(vars)) {
            try {
                Files.createDirectories(dir);
                Files.copy(settings.aarch64Vars(), vars);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + settings.aarch64Vars() + " to " + vars + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** This process's user id, which decides whether a tap may be opened (0 when it cannot be told). */
    private static long uid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return ((Number) uid).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    private static long readPid(Path pidfile) {
        try {
            return Long.parseLong(Files.readString(pidfile).strip());
        } catch (IOException | NumberFormatException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "QemuFailed", "QEMU wrote no pid file at " + pidfile,
                    e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs one QMP command on the instance's running QEMU. */
    JsonNode qmp(QemuState.Vm vm, String command, Map<String, ?> arguments) {
        try (Qmp qmp = Qmp.connect(Path.of(vm.qmpSocket()), QMP_TIMEOUT)) {
            return qmp.execute(command, arguments);
        }
    }

    /** QEMU's run state ({@code running}, {@code paused}, {@code shutdown}, ...), empty when nothing answers. */
    Optional<String> status(QemuState.Vm vm) {
        if (!alive(vm)) {
            return Optional.empty();
        }
        try {
            return Optional.of(qmp(vm, "query-status", Map.of()).path("status").asText());
        } catch (AltoException e) {
            return Optional.empty();
        }
    }

    /** Presses the ACPI power button: the guest shuts down and QEMU exits when it powers off. */
    void powerdown(QemuState.Vm vm) {
        qmp(vm, "system_powerdown", Map.of());
    }

    void reset(QemuState.Vm vm) {
        qmp(vm, "system_reset", Map.of());
    }

    /**
     * Ends the process at once (QMP {@code quit}, else SIGKILL) and waits up to {@code wait} for it to be gone.
     * Returns whether it is gone.
     */
    boolean kill(QemuState.Vm vm, Duration wait) {
        if (!alive(vm)) {
            return true;
        }
        try {
            qmp(vm, "quit", Map.of());
        } catch (AltoException e) {
            ProcessHandle.of(vm.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (awaitExit(vm, wait)) {
            return true;
        }
        ProcessHandle.of(vm.pid()).ifPresent(ProcessHandle::destroyForcibly);
        return awaitExit(vm, Duration.ofSeconds(5));
    }

    static boolean awaitExit(QemuState.Vm vm, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (alive(vm)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !alive(vm);
            }
        }
        return true;
    }

    /**
     * Hot-adds a volume to the running machine: its qcow2 file as a block node ({@code blockdev-add}, named after
     * the volume), then a virtio-blk device on the volume's hot-plug port with the volume id as serial, so the guest
     * sees {@code /dev/disk/by-id/virtio-<volume id>}. A device QEMU refuses leaves no block node behind.
     */
    void hotAdd(QemuState.Vm vm, QemuState.Disk volume) {
        String node = QemuCommandLine.driveId(volume);
        try (Qmp qmp = Qmp.connect(Path.of(vm.qmpSocket()), QMP_TIMEOUT)) {
            qmp.execute("blockdev-add", Map.of("driver", "qcow2", "node-name", node,
                    "file", Map.of("driver", "file", "filename", volume.file())));
            try {
                qmp.execute("device_add", Map.of("driver", "virtio-blk-pci", "drive", node,
                        "id", QemuCommandLine.deviceId(volume.volumeId()), "serial", volume.volumeId(),
                        "bus", QemuCommandLine.portId(volume.port())));
            } catch (AltoException e) {
                qmp.execute("blockdev-del", Map.of("node-name", node));
                if (e.getMessage().contains("'" + QemuCommandLine.portId(volume.port()) + "' not found")) {
                    // a machine started by an older alto has no hot-plug ports
                    throw new AltoException(ErrorCode.INVALID_STATE, "HotPlugUnavailable", "the QEMU of " + vm.id()
                            + " was started without hot-plug ports; stop the instance, attach, and start it", e);
                }
                throw e;
            }
        }
    }

    /**
     * Hot-removes a volume from the running machine: asks for the device to go ({@code device_del}), waits until
     * QEMU has removed it (a guest OS first has to release it, which Linux does after the five seconds a PCIe
     * attention button allows for cancelling), then removes its block node.
     *
     * @throws AltoException TIMEOUT (VolumeDetachTimedOut) when the guest keeps the device past {@code timeout}
     */
    void hotRemove(QemuState.Vm vm, QemuState.Disk volume, Duration timeout) {
        String node = QemuCommandLine.driveId(volume);
        String device = QemuCommandLine.deviceId(volume.volumeId());
        try (Qmp qmp = Qmp.connect(Path.of(vm.qmpSocket()), QMP_TIMEOUT.plus(timeout))) {
            if (attachedDevice(qmp, device)) {
                try {
                    qmp.execute("device_del", Map.of("id", device));
                } catch (AltoException e) {
                    // an unplug already under way (an earlier detach that timed out) is waited for again
                    if (!e.getMessage().contains("in the process of unplug")) {
                        throw e;
                    }
                }
                long deadline = System.nanoTime() + timeout.toNanos();
                while (attachedDevice(qmp, device)) {
                    if (System.nanoTime() > deadline) {
                        throw new AltoException(ErrorCode.TIMEOUT, "VolumeDetachTimedOut", "the guest of "
                                + vm.id() + " did not release " + volume.volumeId() + " within "
                                + timeout.toSeconds() + " s (is it still mounted?); detaching again waits again");
                    }
                    pause(Duration.ofMillis(100));
                }
            }
            deleteNode(qmp, node);
        }
    }

    /**
     * Removes a block node whose device has gone. QEMU drops the device's hold on the node a moment after the device
     * leaves the tree (the device is freed after the guest-facing removal), so "in use" is waited out briefly.
     */
    private static void deleteNode(Qmp qmp, String node) {
        long deadline = System.nanoTime() + NODE_RELEASE.toNanos();
        while (hasNode(qmp, node)) {
            try {
                qmp.execute("blockdev-del", Map.of("node-name", node));
                return;
            } catch (AltoException e) {
                if (!e.getMessage().contains("is in use") || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            pause(Duration.ofMillis(20));
        }
    }

    /**
     * Whether the device is still one of the machine's ({@code qom-list} of {@code /machine/peripheral}): its block
     * backend leaves {@code query-block} a moment before the device lets go of the block node.
     */
    private static boolean attachedDevice(Qmp qmp, String deviceId) {
        for (JsonNode child : qmp.execute("qom-list", Map.of("path", "/machine/peripheral"))) {
            if (deviceId.equals(child.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNode(Qmp qmp, String node) {
        for (JsonNode n : qmp.execute("query-named-block-nodes", Map.of("flat", true))) {
            if (node.equals(n.path("node-name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "Interrupted", "interrupted", e);
        }
    }

    /**
     * Copies the instance's root disk as it is now into a new qcow2 file with a backup job ({@code drive-backup},
     * full sync: one point in time, the backing chain flattened) and waits for the job to end.
     */
    void backupRoot(QemuState.Vm vm, Path target, Duration timeout) {
        String job = "alto-backup-" + Long.toHexString(System.nanoTime());
        qmp(vm, "drive-backup", Map.of("job-id", job, "device", "root", "sync", "full", "target",
                target.toAbsolutePath().toString(), "format", "qcow2", "auto-dismiss", false));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode jobs = qmp(vm, "query-jobs", Map.of());
            for (JsonNode j : jobs) {
                if (job.equals(j.path("id").asText()) && "concluded".equals(j.path("status").asText())) {
                    qmp(vm, "job-dismiss", Map.of("id", job));
                    if (j.hasNonNull("error")) {
                        throw new AltoException(ErrorCode.PROVIDER_ERROR, "BackupFailed", "copying the disk of "
                                + vm.id() + " failed: " + j.get("error").asText());
                    }
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AltoException(ErrorCode.TIMEOUT, "BackupTimedOut", "copying the disk of " + vm.id()
                        + " took longer than " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AltoException(ErrorCode.PROVIDER_ERROR, "Interrupted", "interrupted", e);
            }
        }
    }
}
