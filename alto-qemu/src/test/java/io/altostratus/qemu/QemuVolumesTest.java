package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.qemu.internal.Commands;
import io.altostratus.qemu.internal.FakeQmpServer;
import io.altostratus.qemu.internal.ProcessIdentity;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Volumes against a fake QMP peer: the exact commands an attach and a detach send to a running machine, QEMU's
 * refusals as typed errors, and the records a stopped machine gets instead (with the real qemu-img making files).
 */
class QemuVolumesTest {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String OK = "{\"return\": {}}";
    private static final String VM_ID = "qvm-00000000000a";

    @TempDir
    Path state;
    private Process standIn;

    @BeforeEach
    void needQemuImg() {
        assumeTrue(Commands.which("qemu-img").isPresent(), "qemu-img is not installed (qemu-utils)");
    }

    @AfterEach
    void endStandIn() {
        if (standIn != null) {
            standIn.destroyForcibly();
        }
    }

    private QemuProvider open(StateStore store) {
        QemuSettings settings = new QemuSettings(state.resolve("qemu"), "qemu-system-x86_64", "qemu-img",
                Accelerator.TCG, state.resolve("cache"), QemuSettings.DEFAULT_MIRROR, Duration.ofSeconds(120));
        return new QemuProvider(store, false, ProviderContext.DEFAULT_ACCOUNT, settings, Clock.systemUTC());
    }

    /** A machine whose "QEMU" is a sleeping stand-in (so it reads as running) with its QMP socket at {@code qmp}. */
    private QemuState.Vm running(QemuProvider qemu, List<QemuState.Disk> disks) throws Exception {
        standIn = new ProcessBuilder("sleep", "600").start();
        ProcessIdentity identity = ProcessIdentity.of(standIn.pid()).orElseThrow();
        QemuState.Vm vm = vm(identity.pid(), identity.start(), "running", disks);
        qemu.save(vm);
        return vm;
    }

    private QemuState.Vm vm(long pid, long start, String wanted, List<QemuState.Disk> disks) {
        Path dir = state.resolve("qemu/instances").resolve(VM_ID);
        return new QemuState.Vm(VM_ID, QemuCatalog.ZONE, "qimg-0123456789ab", "q.small", 1, 1024, dir.toString(),
                state.resolve("qmp.sock").toString(), 40022, pid, start, wanted, Instant.now(), null, null, Map.of(),
                Instant.now(), disks, 0);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** The commands the fake received after capability negotiation, parsed. */
    private static List<JsonNode> commands(FakeQmpServer qmp) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : qmp.received) {
            JsonNode node = json(line);
            if (!"qmp_capabilities".equals(node.path("execute").asText())) {
                out.add(node);
            }
        }
        return out;
    }

    @Test
    void attachingToARunningMachineAddsABlockNodeThenAVirtioDeviceWithTheVolumeIdAsSerial() throws Exception {
        try (StateStore store = StateStores.open(state.resolve("store")); StateStore other = StateStores.open(
                state.resolve("store")); QemuProvider qemu = open(store); QemuProvider second = open(other);
             FakeQmpServer qmp = FakeQmpServer.answering(state.resolve("qmp.sock"), Map.of("blockdev-add",
                     List.of(OK), "device_add", List.of(OK), "qmp_capabilities", List.of(OK)))) {
            running(qemu, List.of(new QemuState.Disk("/dev/vdb", state.resolve("d.qcow2").toString(), 1, true)));
            Volumes volumes = qemu.extension(Volumes.class).orElseThrow();
            Volume made = volumes.createVolume(new VolumeSpec(QemuCatalog.ZONE, 2, null, 0, false, null,
                    Map.of("Name", "data")));
            assertThat(made.state()).isEqualTo("available");
            assertThat(made.name()).isEqualTo("data");
            Path file = state.resolve("qemu/volumes").resolve(made.id() + ".qcow2");
            assertThat(new io.altostratus.qemu.internal.QemuImg("qemu-img").info(file).virtualSize())
                    .isEqualTo(2L << 30);

            Volume attached = volumes.attachVolume(made.id(), VM_ID, null);

            assertThat(commands(qmp)).containsExactly(
                    json("{\"execute\": \"blockdev-add\", \"arguments\": {\"driver\": \"qcow2\", \"node-name\": \""
                            + made.id() + "\", \"file\": {\"driver\": \"file\", \"filename\": \"" + file.toAbsolutePath()
                            + "\"}}}"),
                    json("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"virtio-blk-pci\", \"drive\": \""
                            + made.id() + "\", \"id\": \"dev-" + made.id() + "\", \"serial\": \"" + made.id()
                            + "\", \"bus\": \"alto-hp0\"}}"));
            // the launch disk has vdb, so the volume is the next device
            assertThat(attached.state()).isEqualTo("in-use");
            assertThat(attached.attachment().instanceId()).isEqualTo(VM_ID);
            assertThat(attached.attachment().device()).isEqualTo("/dev/vdc");
            // another process sharing the state sees the volume attached and the instance with it
            Volumes seen = second.extension(Volumes.class).orElseThrow();
            assertThat(seen.volumes(List.of(made.id()))).singleElement()
                    .satisfies(v -> assertThat(v.state()).isEqualTo("in-use"));
            assertThat(second.instance(VM_ID).blockDevices()).extracting(BlockDevice::volumeId)
                    .containsExactly(VM_ID + "/vda", VM_ID + "/vdb", made.id());
            // the listing has the launch disk too, as in-use by its instance
            assertThat(seen.volumes()).extracting(Volume::id).containsExactlyInAnyOrder(made.id(), VM_ID + "/vdb");
            assertThatThrownBy(() -> seen.deleteVolume(made.id())).isInstanceOfSatisfying(AltoException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                        assertThat(e.providerCode()).isEqualTo("VolumeInUse");
                    });
            assertThat(file).exists();
        }
    }

    @Test
    void detachingFromARunningMachineWaitsForTheDeviceToGoThenDeletesItsBlockNode() throws Exception {
        AtomicBoolean unplugged = new AtomicBoolean();
        int[] polls = {0};
        Function<String, List<String>> replies = request -> {
            String command = request.replaceAll(".*\"execute\":\"([^\"]+)\".*", "$1");
            return switch (command) {
                case "device_del" -> {
                    unplugged.set(true);
                    yield List.of(OK);
                }
                case "qom-list" -> {
                    // the guest lets the device go on the third look after the unplug request
                    boolean gone = unplugged.get() && ++polls[0] >= 3;
                    yield List.of("{\"return\": [{\"name\": \"type\", \"type\": \"string\"}"
                            + (gone ? "" : ", {\"name\": \"dev-qvol-0000000000b1\", \"type\": "
                            + "\"child<virtio-blk-pci>\"}") + "]}");
                }
                case "query-named-block-nodes" -> List.of("{\"return\": [{\"node-name\": \"qvol-0000000000b1\"}]}");
                default -> List.of(OK);
            };
        };
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store);
             FakeQmpServer qmp = new FakeQmpServer(state.resolve("qmp.sock"), replies)) {
            attachedRecord(qemu, store, running(qemu, List.of()));
            Volume detached = qemu.extension(Volumes.class).orElseThrow().detachVolume("qvol-0000000000b1", false);

            List<String> sent = commands(qmp).stream().map(c -> c.path("execute").asText()).toList();
            assertThat(sent).startsWith("qom-list", "device_del").endsWith("query-named-block-nodes",
                    "blockdev-del");
            assertThat(sent.stream().filter("qom-list"::equals).count()).isEqualTo(4);
            assertThat(commands(qmp)).contains(json("{\"execute\": \"qom-list\", \"arguments\": {\"path\": "
                    + "\"/machine/peripheral\"}}"));
            assertThat(commands(qmp)).contains(
                    json("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"dev-qvol-0000000000b1\"}}"),
                    json("{\"execute\": \"blockdev-del\", \"arguments\": {\"node-name\": \"qvol-0000000000b1\"}}"));
            assertThat(detached.state()).isEqualTo("available");
            assertThat(detached.attachment()).isNull();
            assertThat(qemu.vm(VM_ID).disks()).isEmpty();
        }
    }

    @Test
    void aGuestThatKeepsTheDeviceMakesTheDetachTimeOutAndLeavesItAttached() throws Exception {
        Function<String, List<String>> replies = request -> request.contains("qom-list")
                ? List.of("{\"return\": [{\"name\": \"dev-qvol-0000000000b1\", \"type\": \"child<virtio-blk-pci>\"}]}")
                : List.of(OK);
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store);
             FakeQmpServer qmp = new FakeQmpServer(state.resolve("qmp.sock"), replies)) {
            attachedRecord(qemu, store, running(qemu, List.of()));
            QemuVolumes impatient = new QemuVolumes(qemu, Duration.ofMillis(300));
            assertThatThrownBy(() -> impatient.detachVolume("qvol-0000000000b1", true))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                        assertThat(e.providerCode()).isEqualTo("VolumeDetachTimedOut");
                    });
            assertThat(commands(qmp)).extracting(c -> c.path("execute").asText()).doesNotContain("blockdev-del");
            assertThat(impatient.volumes(List.of("qvol-0000000000b1")).get(0).state()).isEqualTo("in-use");
        }
    }

    @Test
    void aDeviceQemuRefusesBecomesATypedErrorAndLeavesNoBlockNodeAndNoAttachment() throws Exception {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store);
             FakeQmpServer qmp = FakeQmpServer.answering(state.resolve("qmp.sock"), Map.of(
                     "qmp_capabilities", List.of(OK), "blockdev-add", List.of(OK), "blockdev-del", List.of(OK),
                     "device_add", List.of("{\"error\": {\"class\": \"GenericError\", \"desc\": \"Bus 'alto-hp0' "
                             + "does not support hotplugging\"}}")))) {
            running(qemu, List.of());
            Volumes volumes = qemu.extension(Volumes.class).orElseThrow();
            Volume made = volumes.createVolume(VolumeSpec.of(QemuCatalog.ZONE, 1));
            assertThatThrownBy(() -> volumes.attachVolume(made.id(), VM_ID, "/dev/vdd"))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                        assertThat(e.providerCode()).isEqualTo("QmpGenericError");
                        assertThat(e.getMessage()).contains("does not support hotplugging");
                    });
            assertThat(commands(qmp)).extracting(c -> c.path("execute").asText())
                    .containsExactly("blockdev-add", "device_add", "blockdev-del");
            assertThat(volumes.volumes(List.of(made.id())).get(0).state()).isEqualTo("available");
            assertThat(qemu.vm(VM_ID).disks()).isEmpty();
        }
    }

    @Test
    void aMachineStartedWithoutHotPlugPortsIsTheWrongStateForAHotAdd() throws Exception {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store);
             FakeQmpServer qmp = FakeQmpServer.answering(state.resolve("qmp.sock"), Map.of(
                     "qmp_capabilities", List.of(OK), "blockdev-add", List.of(OK), "blockdev-del", List.of(OK),
                     "device_add", List.of("{\"error\": {\"class\": \"GenericError\", \"desc\": \"Bus 'alto-hp0' "
                             + "not found\"}}")))) {
            running(qemu, List.of());
            Volumes volumes = qemu.extension(Volumes.class).orElseThrow();
            Volume made = volumes.createVolume(VolumeSpec.of(QemuCatalog.ZONE, 1));
            assertThatThrownBy(() -> volumes.attachVolume(made.id(), VM_ID, null))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                        assertThat(e.providerCode()).isEqualTo("HotPlugUnavailable");
                        assertThat(e.getMessage()).contains("stop the instance");
                    });
            assertThat(commands(qmp)).extracting(c -> c.path("execute").asText())
                    .containsExactly("blockdev-add", "device_add", "blockdev-del");
            assertThat(volumes.volumes(List.of(made.id())).get(0).state()).isEqualTo("available");
        }
    }

    @Test
    void aStoppedMachineGetsTheVolumeOnItsNextCommandLineAndLosesItWithoutQmp() throws Exception {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            qemu.save(vm(0, 0, "stopped", List.of()));
            Volumes volumes = qemu.extension(Volumes.class).orElseThrow();
            Volume made = volumes.createVolume(VolumeSpec.of(QemuCatalog.ZONE, 1));
            assertThat(volumes.attachVolume(made.id(), VM_ID, "/dev/vdf").attachment().device())
                    .isEqualTo("/dev/vdf");

            List<String> argv = QemuCommandLine.build("qemu-system-x86_64", Accelerator.TCG, qemu.vm(VM_ID),
                    new QemuState.Img("qimg-0123456789ab", "x", null, null, null, "x86_64", "/base.qcow2", null,
                            null, null, null, 1L << 30, null, Instant.EPOCH, null, Map.of()),
                    state.resolve("qga.sock"));
            String file = state.resolve("qemu/volumes").resolve(made.id() + ".qcow2").toAbsolutePath().toString();
            assertThat(String.join(" ", argv)).contains(
                    "-blockdev driver=qcow2,node-name=" + made.id() + ",file.driver=file,file.filename=" + file,
                    "-device virtio-blk-pci,drive=" + made.id() + ",id=dev-" + made.id() + ",serial=" + made.id()
                            + ",bus=alto-hp0",
                    "-device pcie-root-port,id=alto-hp7,chassis=8");

            assertThat(volumes.detachVolume(made.id(), false).state()).isEqualTo("available");
            assertThat(qemu.vm(VM_ID).disks()).isEmpty();
            volumes.deleteVolume(made.id());
            assertThat(Path.of(file)).doesNotExist();
            assertThatThrownBy(() -> volumes.detachVolume(made.id(), false)).isInstanceOfSatisfying(
                    AltoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void wrongIdsDevicesStatesAndOptionsAreTypedErrors() throws Exception {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            qemu.save(vm(0, 0, "stopped", List.of(new QemuState.Disk("/dev/vdb", "/x/disk-vdb.qcow2", 1, true))));
            Volumes volumes = qemu.extension(Volumes.class).orElseThrow();
            Volume made = volumes.createVolume(VolumeSpec.of(QemuCatalog.ZONE, 1));

            expect(() -> volumes.attachVolume("vol-0123456789abcdef0", VM_ID, null), ErrorCode.INVALID_PARAMETER);
            expect(() -> volumes.attachVolume("qvol-ffffffffffff", VM_ID, null), ErrorCode.NOT_FOUND);
            expect(() -> volumes.attachVolume(made.id(), "qvm-ffffffffffff", null), ErrorCode.NOT_FOUND);
            expect(() -> volumes.attachVolume(made.id(), VM_ID, "/dev/sdf"), ErrorCode.INVALID_PARAMETER);
            expect(() -> volumes.attachVolume(made.id(), VM_ID, "/dev/vdb"), ErrorCode.INVALID_PARAMETER);
            expect(() -> volumes.detachVolume(made.id(), false), ErrorCode.INVALID_STATE);
            expect(() -> volumes.createVolume(VolumeSpec.of("local-z", 1)), ErrorCode.INVALID_PARAMETER);
            expect(() -> volumes.createVolume(new VolumeSpec(QemuCatalog.ZONE, 1, "io2", 0, false, null, Map.of())),
                    ErrorCode.INVALID_PARAMETER);
            expect(() -> volumes.createVolume(new VolumeSpec(QemuCatalog.ZONE, 1, null, 0, true, null, Map.of())),
                    ErrorCode.UNSUPPORTED);

            volumes.attachVolume(made.id(), VM_ID, null);
            expect(() -> volumes.attachVolume(made.id(), VM_ID, null), ErrorCode.INVALID_STATE);
            // a disk given at launch is listed, but it belongs to its instance
            assertThat(volumes.volumes(List.of(VM_ID + "/vdb"))).singleElement().satisfies(v -> {
                assertThat(v.attachment().deleteOnTermination()).isTrue();
                assertThat(v.sizeGiB()).isEqualTo(1);
            });
            expect(() -> volumes.detachVolume(VM_ID + "/vdb", false), ErrorCode.UNSUPPORTED);
            expect(() -> volumes.deleteVolume(VM_ID + "/vdb"), ErrorCode.UNSUPPORTED);
            assertThat(Capability.of(qemu)).contains(Capability.VOLUMES);
        }
    }

    @Test
    void terminatingAnInstanceFreesItsVolumesAndKeepsItsKeptLaunchDisksAsVolumes() throws Exception {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            Path dir = state.resolve("qemu/instances").resolve(VM_ID);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("disk-vdb.qcow2"), "kept");
            qemu.save(vm(0, 0, "stopped", List.of(new QemuState.Disk("/dev/vdb", dir.resolve("disk-vdb.qcow2")
                    .toString(), 3, false))));
            Volumes volumes = qemu.extension(Volumes.class).orElseThrow();
            Volume made = volumes.createVolume(VolumeSpec.of(QemuCatalog.ZONE, 1));
            volumes.attachVolume(made.id(), VM_ID, null);

            qemu.terminate(List.of(VM_ID));

            assertThat(volumes.volumes(List.of(made.id())).get(0).state()).isEqualTo("available");
            assertThat(state.resolve("qemu/volumes").resolve(made.id() + ".qcow2")).exists();
            Volume kept = volumes.volumes().stream().filter(v -> !v.id().equals(made.id())).findFirst().orElseThrow();
            assertThat(kept.sizeGiB()).isEqualTo(3);
            assertThat(kept.state()).isEqualTo("available");
            assertThat(kept.tags()).containsEntry("alto:kept-from", VM_ID + "/vdb");
            assertThat(state.resolve("qemu/volumes").resolve(kept.id() + ".qcow2")).hasContent("kept");
            volumes.deleteVolume(kept.id());
            assertThat(state.resolve("qemu/volumes").resolve(kept.id() + ".qcow2")).doesNotExist();
        }
    }

    @Test
    void aWholeMachineSnapshotLeavesAttachedVolumesOut() throws Exception {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            Path dir = Files.createDirectories(state.resolve("qemu/instances").resolve(VM_ID));
            qemu.qemuImg().createEmpty(dir.resolve(QemuCommandLine.OVERLAY), 1L << 30);
            qemu.save(vm(0, 0, "stopped", List.of()));
            Volumes volumes = qemu.extension(Volumes.class).orElseThrow();
            Volume made = volumes.createVolume(VolumeSpec.of(QemuCatalog.ZONE, 1));
            volumes.attachVolume(made.id(), VM_ID, null);

            String snap = qemu.extension(io.altostratus.core.ext.InstanceSnapshots.class).orElseThrow()
                    .snapshotInstance(VM_ID, "before", Map.of()).id();

            Path volumeFile = state.resolve("qemu/volumes").resolve(made.id() + ".qcow2");
            assertThat(snapshotsOf(dir.resolve(QemuCommandLine.OVERLAY))).contains(snap);
            assertThat(snapshotsOf(volumeFile)).doesNotContain(snap);
            // so the volume can leave before a revert, which then finds every disk it snapshotted
            volumes.detachVolume(made.id(), false);
            qemu.extension(io.altostratus.core.ext.InstanceSnapshots.class).orElseThrow().revertToSnapshot(snap);
        }
    }

    private static String snapshotsOf(Path qcow2) {
        return Commands.run(List.of("qemu-img", "snapshot", "-l", qcow2.toString()), null, Duration.ofSeconds(30))
                .stdout();
    }

    @Test
    void aDiskRecordedBeforeVolumesExistedReadsAsALaunchDisk() throws Exception {
        try (StateStore store = StateStores.open(state.resolve("store")); QemuProvider qemu = open(store)) {
            // an instance record as the provider wrote it before volumes: its disks have no volume id or port
            Map<String, Object> old = JSON.convertValue(vm(0, 0, "stopped", List.of()), Map.class);
            old.put("disks", List.of(Map.of("device", "/dev/vdb", "file", "/x/disk-vdb.qcow2", "sizeGiB", 2,
                    "deleteOnTermination", true)));
            store.write(tx -> {
                tx.put(QemuState.INSTANCE, qemu.account(), VM_ID, old);
                return null;
            });
            assertThat(qemu.vm(VM_ID).disks()).singleElement().satisfies(d -> {
                assertThat(d.isVolume()).isFalse();
                assertThat(d.device()).isEqualTo("/dev/vdb");
            });
            assertThat(qemu.instance(VM_ID).blockDevices()).extracting(BlockDevice::volumeId)
                    .containsExactly(VM_ID + "/vda", VM_ID + "/vdb");
        }
    }

    /** Records a 1 GiB volume {@code qvol-0000000000b1} attached to the machine at /dev/vdb on port 0. */
    private static void attachedRecord(QemuProvider qemu, StateStore store, QemuState.Vm vm) {
        String file = "/nowhere/qvol-0000000000b1.qcow2";
        QemuState.Disk disk = new QemuState.Disk("/dev/vdb", file, 1, false, "qvol-0000000000b1", 0);
        store.write(tx -> {
            tx.put(QemuState.VOLUME, qemu.account(), "qvol-0000000000b1", new QemuState.Vol("qvol-0000000000b1", 1,
                    file, Instant.now(), Map.of(), vm.id(), "/dev/vdb", Instant.now()));
            tx.put(QemuState.INSTANCE, qemu.account(), vm.id(), vm.withDisks(List.of(disk)));
            return null;
        });
    }

    private static void expect(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.code())
                .isEqualTo(code));
    }
}
