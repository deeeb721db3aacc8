package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an instance reads as, from what was asked of it and whether its process runs. */
class QemuStateMappingTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static QemuState.Vm vm(String wanted, long pid, Instant changedAt) {
        return new QemuState.Vm("qvm-0123456789ab", "local-a", "qimg-0123456789ab", "q.small", 1, 1024, "/d",
                "/d/qmp.sock", 40022, pid, 7, wanted, changedAt, null, null, Map.of(), changedAt, List.of(), 0);
    }

    @Test
    void aLiveProcessIsRunningOrStoppingWhenAStopWasAsked() {
        assertThat(QemuProvider.effective(vm("running", 42, NOW), true, NOW)).isEqualTo(InstanceState.RUNNING);
        assertThat(QemuProvider.effective(vm("stopped", 42, NOW), true, NOW)).isEqualTo(InstanceState.STOPPING);
    }

    @Test
    void aDeadProcessIsStoppedEvenWhenRunningWasAsked() {
        QemuState.Vm crashed = vm("running", 42, NOW.minus(Duration.ofHours(1)));
        assertThat(QemuProvider.effective(crashed, false, NOW)).isEqualTo(InstanceState.STOPPED);
        assertThat(QemuProvider.stateReason(crashed, InstanceState.STOPPED)).contains("QEMU process exited");
        assertThat(QemuProvider.effective(vm("stopped", 42, NOW), false, NOW)).isEqualTo(InstanceState.STOPPED);
        assertThat(QemuProvider.stateReason(vm("stopped", 42, NOW), InstanceState.STOPPED)).isNull();
    }

    @Test
    void aLaunchWithoutItsProcessYetIsPendingForAWhileThenStopped() {
        assertThat(QemuProvider.effective(vm("running", 0, NOW), false, NOW.plusSeconds(30)))
                .isEqualTo(InstanceState.PENDING);
        assertThat(QemuProvider.effective(vm("running", 0, NOW), false, NOW.plus(Duration.ofMinutes(10))))
                .isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void terminatedIsTerminatedWhateverTheProcess() {
        assertThat(QemuProvider.effective(vm("terminated", 42, NOW), false, NOW))
                .isEqualTo(InstanceState.TERMINATED);
        assertThat(QemuProvider.effective(vm("terminated", 42, NOW), true, NOW))
                .isEqualTo(InstanceState.TERMINATED);
    }

    @Test
    void aRecordKeepsItsNetworkAndArchitectureInTheStoreAndOneFromBeforeReadsAsX86OnUserNetworking()
            throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("alto-qemu-state");
        try (io.altostratus.store.StateStore store = io.altostratus.store.StateStores.open(dir)) {
            QemuState.Vm arm = new QemuState.Vm("qvm-0123456789ab", "local-a", "qimg-0123456789ab", "q.small", 1,
                    1024, "/d", "/d/qmp.sock", 40022, 0, 0, "running", NOW, null, null, Map.of(), NOW, List.of(), 0,
                    "tap:tap0", "arm64");
            store.write(tx -> {
                tx.put(QemuState.INSTANCE, "a", arm.id(), arm);
                tx.put(QemuState.INSTANCE, "a", "qvm-0123456789ac", vm("running", 0, NOW));
                return null;
            });
            QemuState.Vm back = store.read(v -> v.get(QemuState.INSTANCE, "a", arm.id(), QemuState.Vm.class))
                    .orElseThrow();
            assertThat(back).isEqualTo(arm);
            assertThat(back.arch()).isEqualTo(io.altostratus.core.model.Architecture.ARM64);
            assertThat(back.lanNetwork()).isEqualTo(QemuNetwork.parse("tap:tap0"));
            QemuState.Vm old = store.read(v -> v.get(QemuState.INSTANCE, "a", "qvm-0123456789ac",
                    QemuState.Vm.class)).orElseThrow();
            assertThat(old.arch()).isEqualTo(io.altostratus.core.model.Architecture.X86_64);
            assertThat(old.lanNetwork()).isEqualTo(QemuNetwork.USER);
        } finally {
            QemuFiles.deleteTree(dir);
        }
    }
}
