package io.altostratus.qemu;

import io.altostratus.core.ext.ImageBuilds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.ImageImportSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.model.Architecture;
import io.altostratus.qemu.internal.Commands;
import io.altostratus.qemu.internal.ProcessIdentity;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider without booting anything: state, errors, capabilities, imports (with the real qemu-img). */
class QemuProviderTest {
    @TempDir
    Path state;

    private QemuProvider open(StateStore store) {
        QemuSettings settings = new QemuSettings(state.resolve("qemu"), "qemu-system-x86_64", "qemu-img",
                Accelerator.TCG, state.resolve("cache"), QemuSettings.DEFAULT_MIRROR,
                java.time.Duration.ofSeconds(120));
        return new QemuProvider(store, false, ProviderContext.DEFAULT_ACCOUNT, settings, Clock.systemUTC());
    }

    private static QemuState.Vm vmOf(String id, long pid, long start, String wanted, Path dir) {
        return new QemuState.Vm(id, QemuCatalog.ZONE, "qimg-0123456789ab", "q.small", 1, 1024, dir.toString(),
                dir.resolve("qmp.sock").toString(), 40022, pid, start, wanted, Instant.now(), null, null,
                Map.of("Name", "web"), Instant.now(), List.of(), 0);
    }

    @Test
    void aQemuProcessThatDiesReadsAsStoppedInEveryProcessSharingTheState() throws Exception {
        Process stand_in = new ProcessBuilder("sleep", "600").start();
        try (StateStore store = StateStores.open(state); StateStore other = StateStores.open(state);
             QemuProvider qemu = open(store); QemuProvider second = open(other)) {
            ProcessIdentity identity = ProcessIdentity.of(stand_in.pid()).orElseThrow();
            qemu.save(vmOf("qvm-00000000000a", identity.pid(), identity.start(), "running", state.resolve("a")));
            assertThat(second.instance("qvm-00000000000a").state()).isEqualTo(InstanceState.RUNNING);
            assertThat(second.instance("qvm-00000000000a").publicIp()).isEqualTo("127.0.0.1");

            stand_in.destroyForcibly();
            assertThat(stand_in.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Instance dead = second.instance("qvm-00000000000a");
            assertThat(dead.state()).isEqualTo(InstanceState.STOPPED);
            assertThat(dead.stateReason()).contains("QEMU process exited");
            assertThat(dead.publicIp()).isNull();
            assertThat(second.instances(InstanceQuery.builder().state(InstanceState.RUNNING).build())).isEmpty();
        } finally {
            stand_in.destroyForcibly();
        }
    }

    @Test
    void aPidTakenOverByAnotherProcessIsNotTheMachine() throws Exception {
        Process other = new ProcessBuilder("sleep", "600").start();
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            ProcessIdentity identity = ProcessIdentity.of(other.pid()).orElseThrow();
            // the same pid, but a start time that is not this process's: a QEMU that died and whose pid was reused
            qemu.save(vmOf("qvm-00000000000b", identity.pid(), identity.start() - 1, "running", state.resolve("b")));
            assertThat(qemu.instance("qvm-00000000000b").state()).isEqualTo(InstanceState.STOPPED);
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void terminatingAStoppedInstanceDeletesItsDirectoryAndKeepsItListedAsTerminated() throws Exception {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            Path dir = state.resolve("qemu/instances/qvm-00000000000c");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(QemuCommandLine.OVERLAY), "disk");
            qemu.save(vmOf("qvm-00000000000c", 0, 0, "stopped", dir));
            assertThat(qemu.terminate(List.of("qvm-00000000000c")).get(0).current())
                    .isEqualTo(InstanceState.TERMINATED);
            assertThat(dir).doesNotExist();
            assertThat(qemu.instance("qvm-00000000000c").state()).isEqualTo(InstanceState.TERMINATED);
            assertThatThrownBy(() -> qemu.start(List.of("qvm-00000000000c")))
                    .isInstanceOfSatisfying(AltoException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        }
    }

    @Test
    void offersGuestAccessForcedStopInstanceSnapshotsConsoleImportsVolumesAndKeyPairs() {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            assertThat(Capability.of(qemu)).contains(Capability.GUEST_ACCESS, Capability.FORCE_STOP,
                    Capability.INSTANCE_SNAPSHOTS, Capability.CONSOLE_OUTPUT, Capability.CLIENT_TOKEN);
            assertThat(qemu.extension(io.altostratus.core.ext.ImageImports.class)).isPresent();
            assertThat(qemu.extension(ImageBuilds.class)).isPresent();
            assertThat(Capability.of(qemu)).contains(Capability.VOLUMES, Capability.KEY_PAIRS);
        }
    }

    @Test
    void idsOfAnotherShapeAreMalformedAndUnknownOnesNotFound() {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            assertThatThrownBy(() -> qemu.instance("i-0123456789abcdef0")).isInstanceOfSatisfying(
                    AltoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
            assertThatThrownBy(() -> qemu.instance("qvm-ffffffffffff")).isInstanceOfSatisfying(
                    AltoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            assertThatThrownBy(() -> qemu.resolveImage(ImageRef.parse("qimg-ffffffffffff"))).isInstanceOfSatisfying(
                    AltoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void anAliasWithNoImageSaysHowToGetOne() {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            assertThatThrownBy(() -> qemu.launch(LaunchSpec.of(b -> b.image("debian:12").instanceType("q.small"))))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).contains("build one").contains("import");
                    });
        }
    }

    @Test
    void launchOptionsItCannotHonourAreRefusedNotDropped() {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            assertThatThrownBy(() -> qemu.launch(LaunchSpec.of(b -> b.image("debian:12").instanceType("q.small")
                    .spot(io.altostratus.core.spec.SpotOptions.oneTime())))).isInstanceOfSatisfying(
                            AltoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
            assertThatThrownBy(() -> qemu.launch(LaunchSpec.of(b -> b.image("debian:12").instanceType("q.small")
                    .securityGroupId("sg-1")))).isInstanceOfSatisfying(AltoException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
        }
    }

    @Test
    void withoutAStateDirectoryTheFactorySaysWhatToGive() {
        ProviderContext memory = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of(),
                null);
        assertThatThrownBy(() -> new QemuProviderFactory().open(memory)).isInstanceOfSatisfying(AltoException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).contains("--state-dir");
                });
        ProviderContext badAccel = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, state,
                Map.of("accel", "hvf"), null);
        assertThatThrownBy(() -> new QemuProviderFactory().open(badAccel)).isInstanceOfSatisfying(
                AltoException.class, e -> assertThat(e.getMessage()).contains("auto, kvm or tcg"));
    }

    @Test
    void importsARawFileAsAQcow2ImageThatItsAliasResolvesTo() throws Exception {
        assumeTrue(Commands.which("qemu-img").isPresent(), "qemu-img is not installed (qemu-utils)");
        Path raw = state.resolve("tiny.raw");
        try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
            f.setLength(16L << 20);
        }
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            Image image = qemu.extension(io.altostratus.core.ext.ImageImports.class).orElseThrow().importImage(
                    new ImageImportSpec(raw, null, null, "tinyos", "1.0", null, Architecture.X86_64, Map.of()));
            assertThat(image.name()).isEqualTo("tiny");
            assertThat(image.state()).isEqualTo(Image.AVAILABLE);
            assertThat(qemu.resolveImage(ImageRef.parse("tinyos:1.0")).id()).isEqualTo(image.id());
            assertThat(qemu.images(ImageQuery.all())).extracting(Image::id).containsExactly(image.id());
            Path disk = state.resolve("qemu/images").resolve(image.id()).resolve(QemuImages.DISK);
            assertThat(new io.altostratus.qemu.internal.QemuImg("qemu-img").info(disk).format()).isEqualTo("qcow2");

            // an overlay is not a standalone image, so it is refused
            Commands.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", disk.toString(),
                    state.resolve("over.qcow2").toString()), null, java.time.Duration.ofSeconds(30));
            assertThatThrownBy(() -> qemu.extension(io.altostratus.core.ext.ImageImports.class).orElseThrow()
                    .importImage(new ImageImportSpec(state.resolve("over.qcow2"), null, "over", null, null, null,
                            null, Map.of()))).isInstanceOfSatisfying(AltoException.class,
                                    e -> assertThat(e.providerCode()).isEqualTo("UnsupportedImageFormat"));

            qemu.deleteImage(image.id(), true);
            assertThat(disk.getParent()).doesNotExist();
            assertThat(qemu.images(ImageQuery.all())).isEmpty();
        }
    }

    @Test
    void anImageRunsOnlyAsItsOwnArchitectureAndOnlyWhereItsQemuIsInstalled() throws Exception {
        assumeTrue(Commands.which("qemu-img").isPresent(), "qemu-img is not installed (qemu-utils)");
        Path raw = state.resolve("arm.raw");
        try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
            f.setLength(1L << 20);
        }
        QemuSettings settings = new QemuSettings(state.resolve("qemu"), "qemu-system-x86_64", "qemu-img",
                Accelerator.TCG, state.resolve("cache"), QemuSettings.DEFAULT_MIRROR,
                java.time.Duration.ofSeconds(120), 2, state.resolve("missing/qemu-system-aarch64").toString(),
                QemuSettings.DEFAULT_AARCH64_FIRMWARE, QemuSettings.DEFAULT_AARCH64_VARS, QemuNetwork.USER);
        try (StateStore store = StateStores.inMemory();
             QemuProvider qemu = new QemuProvider(store, false, ProviderContext.DEFAULT_ACCOUNT, settings,
                     Clock.systemUTC())) {
            Image image = qemu.extension(io.altostratus.core.ext.ImageImports.class).orElseThrow().importImage(
                    new ImageImportSpec(raw, null, "arm", "armos", "1", null, Architecture.ARM64, Map.of()));
            assertThat(image.architecture()).isEqualTo(Architecture.ARM64);
            assertThat(qemu.resolveImage(ImageRef.parse("armos:1/arm64")).id()).isEqualTo(image.id());
            assertThatThrownBy(() -> qemu.launch(LaunchSpec.of(b -> b.image(image.id()).instanceType("q.tiny")
                    .architecture(Architecture.X86_64)))).isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                        assertThat(e.getMessage()).contains(image.id()).contains("arm64").contains("x86_64");
                    });
            assertThatThrownBy(() -> qemu.launch(LaunchSpec.of(b -> b.image(image.id()).instanceType("q.tiny"))))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                        assertThat(e.providerCode()).isEqualTo("ArchitectureUnavailable");
                        assertThat(e.getMessage()).contains("qemu-system-arm");
                    });
            assertThat(qemu.instances(InstanceQuery.all())).isEmpty();
        }
    }

    @Test
    void theProvidersLineSaysWhichArchitecturesRunAndOnWhat() {
        assumeTrue(GuestArch.host() == Architecture.X86_64, "the wording below is an x86_64 host's");
        assertThat(QemuProviderFactory.architectures(Accelerator.KVM, program -> true))
                .isEqualTo("x86_64: KVM; arm64: TCG (emulated: very slow)");
        assertThat(QemuProviderFactory.architectures(Accelerator.TCG, program -> program.endsWith("x86_64")))
                .isEqualTo("x86_64: TCG (no usable /dev/kvm: slow); arm64: not installed (qemu-system-arm)");
    }

    @Test
    void aBadNetworkSettingIsRefusedWhenTheProviderOpens() {
        ProviderContext bad = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, state,
                Map.of("network", "vde:switch0"), null);
        assertThatThrownBy(() -> new QemuProviderFactory().open(bad)).isInstanceOfSatisfying(AltoException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).contains("[qemu] network").contains("vde:switch0");
                });
    }
}
