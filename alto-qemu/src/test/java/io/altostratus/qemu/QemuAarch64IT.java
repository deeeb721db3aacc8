package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.qemu.internal.Commands;
import io.altostratus.qemu.internal.Qmp;
import io.altostratus.testkit.ProviderFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An arm64 machine under the real {@code qemu-system-aarch64}, cheaply: an empty disk imported as arm64 (no guest
 * OS; UEFI finds nothing to boot), launched from the same API as an x86_64 one. QEMU's own QMP says it runs and
 * emulates aarch64, the instance reads as arm64 with its own UEFI variable store, and launching it as x86_64 is a
 * typed error. In the guest stage ({@code bin/test-guests}); skips without qemu-system-aarch64 (Debian:
 * qemu-system-arm) or the AAVMF firmware (qemu-efi-aarch64).
 */
@Tag("guest")
class QemuAarch64IT {
    @TempDir
    Path state;

    @Test
    void anEmptyDiskArm64MachineRunsOnTheVirtMachine() {
        assumeTrue(Commands.which("qemu-system-aarch64").isPresent() && Commands.which("qemu-img").isPresent(),
                "qemu-system-aarch64 and qemu-img are not installed (Debian: qemu-system-arm qemu-utils)");
        assumeTrue(Files.isRegularFile(QemuSettings.DEFAULT_AARCH64_FIRMWARE)
                && Files.isRegularFile(QemuSettings.DEFAULT_AARCH64_VARS), QemuSettings.DEFAULT_AARCH64_FIRMWARE
                + " is missing (Debian: qemu-efi-aarch64)");
        QemuFixture fixture = new QemuFixture(state, Map.of(), Architecture.ARM64);
        String image = QemuFixture.IMAGE + "/arm64";
        try (QemuProvider qemu = (QemuProvider) fixture.open(ProviderFixture.Account.A)) {
            assertThatThrownBy(() -> qemu.launch(LaunchSpec.of(b -> b.image(image).instanceType("q.tiny")
                    .architecture(Architecture.X86_64)))).isInstanceOfSatisfying(AltoException.class,
                            e -> assertThat(e.getMessage()).contains("arm64").contains("x86_64"));

            long t0 = System.nanoTime();
            Instance machine = qemu.launch(LaunchSpec.of(b -> b.image(image).instanceType("q.tiny"))).get(0);
            long launched = System.nanoTime();
            try {
                assertThat(machine.state()).isEqualTo(InstanceState.RUNNING);
                assertThat(machine.architecture()).isEqualTo(Architecture.ARM64);
                QemuInstanceDetails details = machine.details(QemuInstanceDetails.class).orElseThrow();
                assertThat(details.accelerator()).isEqualTo(GuestArch.host() == Architecture.ARM64
                        ? qemu.accelerator() : Accelerator.TCG);
                assertThat(details.directory().resolve(QemuCommandLine.EFI_VARS)).isRegularFile();
                QemuState.Vm vm = qemu.vm(machine.id());
                try (Qmp qmp = Qmp.connect(Path.of(vm.qmpSocket()), Duration.ofSeconds(10))) {
                    assertThat(qmp.execute("query-status", Map.of()).path("status").asText()).isEqualTo("running");
                    assertThat(qmp.execute("query-target", Map.of()).path("arch").asText()).isEqualTo("aarch64");
                    assertThat(qmp.execute("qom-get", Map.of("path", "/machine", "property", "type")).asText())
                            .startsWith("virt-");
                }
                assertThat(qemu.instance(machine.id()).details(QemuInstanceDetails.class).orElseThrow().qemuStatus())
                        .isEqualTo("running");
                System.out.printf("qemu aarch64 (TCG, no guest OS): launch to QMP running %d ms%n",
                        (launched - t0) / 1_000_000);
            } finally {
                qemu.terminate(List.of(machine.id()));
            }
        }
    }
}
