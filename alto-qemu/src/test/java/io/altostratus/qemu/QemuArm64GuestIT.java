package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.cloudinit.CloudConfig;
import io.altostratus.cloudinit.User;
import io.altostratus.cloudinit.WriteFile;
import io.altostratus.core.Cloud;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.core.wait.Waiter;
import io.altostratus.qemu.internal.Commands;
import io.altostratus.ssh.Captured;
import io.altostratus.ssh.KnownHosts;
import io.altostratus.ssh.Ssh;
import io.altostratus.ssh.SshConnection;
import io.altostratus.ssh.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real arm64 guest: the {@code debian:12/arm64} image built from Debian's arm64 packages (through
 * qemu-user-static on an x86_64 machine), booted on {@code qemu-system-aarch64}'s virt machine with UEFI, reached
 * over SSH, cloud-init's work checked (a file it wrote, the architecture the guest reports), then removed. Prints
 * the time of each stage.
 *
 * <p>Slow under TCG (a foreign CPU emulated), so it is not part of the default guest stage: it runs only with
 * {@code -Dalto.qemu.arm64=true}, which {@code bin/test-guests --arch arm64} sets. Skips when
 * qemu-system-aarch64, the AAVMF firmware, mmdebstrap or the binfmt_misc entry for qemu-aarch64 are missing.
 */
@Tag("guest")
class QemuArm64GuestIT {
    private static final Duration STAGE = Duration.ofMinutes(25);
    private static final String PROOF = "written by cloud-init on arm64\n";

    @TempDir
    Path state;

    @Test
    void anArm64GuestBuildsBootsAndAnswersOverSsh() throws Exception {
        assumeTrue(Boolean.getBoolean("alto.qemu.arm64"), "the arm64 guest test is opt-in (minutes of TCG): "
                + "bin/test-guests --arch arm64, or -Dalto.qemu.arm64=true");
        for (String tool : List.of("qemu-system-aarch64", "qemu-img", "mmdebstrap", "mke2fs", "ssh-keygen")) {
            assumeTrue(Commands.which(tool).isPresent(), tool + " is not installed (Debian: qemu-system-arm "
                    + "qemu-utils mmdebstrap e2fsprogs openssh-client); the arm64 guest test needs it");
        }
        assumeTrue(Files.isRegularFile(QemuSettings.DEFAULT_AARCH64_FIRMWARE),
                QemuSettings.DEFAULT_AARCH64_FIRMWARE + " is missing (Debian: qemu-efi-aarch64)");
        assumeTrue(GuestArch.runsPrograms(Architecture.ARM64, GuestArch.BINFMT), "arm64 programs do not run here: "
                + GuestArch.binfmtHint(Architecture.ARM64));
        GuestStage.run(state, QemuArm64GuestIT::say, this::run);
    }

    private void run() throws Exception {
        long testStart = System.nanoTime();
        Map<String, String> settings = System.getProperty("alto.qemu.cache") == null ? Map.of()
                : Map.of("image_cache", System.getProperty("alto.qemu.cache"));
        ProviderContext context = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, state, settings,
                null);
        Path key = state.resolve("id_ed25519");
        Commands.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "alto-it", "-f", key.toString()),
                null, Duration.ofSeconds(30));
        String publicKey = Files.readString(state.resolve("id_ed25519.pub")).strip();
        try (QemuProvider qemu = (QemuProvider) new QemuProviderFactory().open(context);
             Cloud cloud = new Cloud(qemu);
             Ssh ssh = Ssh.builder().knownHosts(new KnownHosts(state.resolve("known_hosts"))).build()) {
            long t = System.nanoTime();
            QemuImages.BuildResult build = qemu.imageStore().buildRecord("debian:12/arm64", Map.of());
            say("stage arm64 image build: " + secs(t) + (build.built() != null && build.built().cached()
                    ? " (from the cache " + build.built().dir() + ")" : ""));
            assertThat(cloud.image(build.img().id()).architecture()).isEqualTo(Architecture.ARM64);

            String userData = CloudConfig.builder()
                    .writeFile(WriteFile.text("/etc/alto-proof", PROOF))
                    .user(User.admin("alto", List.of(publicKey)))
                    .build().render();
            t = System.nanoTime();
            Instance launched = cloud.launch(LaunchSpec.of(b -> b.image(build.img().id()).instanceType("q.small")
                    .userData(userData).name("arm-one"))).get(0);
            assertThat(launched.architecture()).isEqualTo(Architecture.ARM64);
            Instance running = cloud.waitFor(launched.id(), InstanceCondition.RUNNING, STAGE);
            QemuInstanceDetails d = running.details(QemuInstanceDetails.class).orElseThrow();
            SshTarget target = new SshTarget(d.sshHost(), d.sshPort(), "alto", running.id(), List.of(key), false,
                    null);
            try (SshConnection c = ssh.connectWhenReady(target, Waiter.builder().timeout(STAGE).build())) {
                say("stage arm64 boot to SSH (" + d.accelerator() + "): " + secs(t));
                Captured status = c.run("cloud-init status --wait --long", STAGE);
                say("stage arm64 boot to cloud-init done: " + secs(t));
                assertThat(status.stdoutText()).contains("status: done");
                assertThat(c.run("uname -m; cat /etc/alto-proof", Duration.ofMinutes(2)).stdoutText())
                        .isEqualTo("aarch64\n" + PROOF);
            }
            t = System.nanoTime();
            cloud.stop(List.of(launched.id()), false);
            cloud.waitFor(launched.id(), InstanceCondition.STOPPED, STAGE);
            say("stage arm64 stop (ACPI shutdown): " + secs(t));
            cloud.terminate(List.of(launched.id()));
            assertThat(cloud.waitFor(launched.id(), InstanceCondition.TERMINATED, STAGE).state())
                    .isEqualTo(InstanceState.TERMINATED);
        }
        say("total wall time of the arm64 guest test: " + secs(testStart));
    }

    private static String secs(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void say(String line) {
        System.out.println("[qemu-arm64] " + line);
        System.out.flush();
    }
}
