package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.cloudinit.CloudConfig;
import io.altostratus.cloudinit.User;
import io.altostratus.cloudinit.WriteFile;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.core.wait.Waiter;
import io.altostratus.qemu.internal.Commands;
import io.altostratus.qemu.internal.ProcessIdentity;
import io.altostratus.ssh.Captured;
import io.altostratus.ssh.KnownHosts;
import io.altostratus.ssh.Readiness;
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
 * One real guest, end to end, on whatever accelerator this machine has (TCG in CI): build the Debian image (cached
 * by recipe), launch with cloud-config that writes a file and adds a user with our key, wait for SSH and for
 * cloud-init, exec, copy both ways, image the instance and boot a second one from it with a key pair as well (the
 * image's default user gets that key), hot-add a volume to it and find it by its serial, hot-remove it, stop and
 * start the first (a new boot id), terminate (process gone, files deleted). Prints the time of each stage.
 *
 * <p>Named {@code *IT} so the default test run leaves it out; run it alone:
 * {@code ./mvnw -pl alto-qemu test -Dtest=QemuGuestIT}. Skips when QEMU, qemu-img, mmdebstrap, mke2fs or
 * ssh-keygen are missing. The image cache is {@code ~/.cache/alto/qemu} unless {@code -Dalto.qemu.cache=DIR}.
 */
@Tag("guest")
class QemuGuestIT {
    private static final Duration STAGE = Duration.ofMinutes(15);
    private static final String PROOF = "written by cloud-init for alto\n";

    @TempDir
    Path state;

    @Test
    void guestLifecycle() throws Exception {
        GuestStage.run(state, QemuGuestIT::say, this::aGuestBootsRunsCommandsCopiesFilesSnapshotsRestartsAndGoes);
    }

    private void aGuestBootsRunsCommandsCopiesFilesSnapshotsRestartsAndGoes() throws Exception {
        for (String tool : List.of("qemu-system-x86_64", "qemu-img", "mmdebstrap", "mke2fs", "ssh-keygen")) {
            assumeTrue(Commands.which(tool).isPresent(), tool + " is not installed (Debian: qemu-system-x86 "
                    + "qemu-utils mmdebstrap e2fsprogs openssh-client); the guest test needs it");
        }
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
            say("accelerator: " + qemu.accelerator());

            // ---- image build (cached by recipe) ----
            long t = System.nanoTime();
            QemuImages.BuildResult build = qemu.imageStore().buildRecord("debian:12", Map.of());
            say("stage image build: " + secs(t) + (build.built() != null && build.built().cached()
                    ? " (from the cache " + build.built().dir() + ")" : build.built() == null ? " (registered)"
                    : " (built into " + build.built().dir() + ")"));
            String imageId = build.img().id();
            assertThat(cloud.image(imageId).state()).isEqualTo(Image.AVAILABLE);

            // ---- launch, boot to SSH, boot to cloud-init done ----
            String userData = CloudConfig.builder()
                    .writeFile(WriteFile.text("/etc/alto-proof", PROOF))
                    .user(User.admin("alto", List.of(publicKey)))
                    .build().render();
            t = System.nanoTime();
            Instance first = cloud.launch(LaunchSpec.of(b -> b.image(imageId).instanceType("q.small")
                    .userData(userData).name("guest-one"))).get(0);
            assertThat(first.state()).isEqualTo(InstanceState.RUNNING);
            Instance running = cloud.waitFor(first.id(), InstanceCondition.RUNNING, STAGE);
            SshTarget target = target(running, key);
            String bootId;
            try (SshConnection c = ssh.connectWhenReady(target, waiter())) {
                say("stage boot to SSH: " + secs(t));
                Captured status = c.run("cloud-init status --wait --long", STAGE);
                say("stage boot to cloud-init done: " + secs(t));
                assertThat(status.result().exitStatus()).as(status.stdoutText()).isIn(0, 2);
                assertThat(status.stdoutText()).contains("status: done");

                // exec: the file cloud-init wrote, and an exit code that comes back
                Captured proof = c.run("cat /etc/alto-proof", Duration.ofMinutes(1));
                assertThat(proof.result().exitStatus()).isZero();
                assertThat(proof.stdoutText()).isEqualTo(PROOF);
                assertThat(c.run("exit 7", Duration.ofMinutes(1)).result().exitStatus()).isEqualTo(7);
                bootId = bootId(c);

                // cp both ways
                Path up = state.resolve("up.txt");
                Files.writeString(up, "pushed from the host\n");
                c.push(up, "/home/alto/up.txt");
                assertThat(c.run("cat /home/alto/up.txt", Duration.ofMinutes(1)).stdoutText())
                        .isEqualTo("pushed from the host\n");
                Path down = state.resolve("hostname.txt");
                c.pull("/etc/hostname", down);
                assertThat(Files.readString(down).strip()).isEqualTo("guest-one");

                // something only this instance's disk has, for the image to carry
                assertThat(c.run("echo only-on-guest-one > /home/alto/marker && sync", Duration.ofMinutes(1))
                        .result().exitStatus()).isZero();
            }

            // ---- snapshot (an image of the running instance) and a launch from it ----
            t = System.nanoTime();
            Image snapshot = cloud.createImage(first.id(), "guest-one-snapshot", "the IT's snapshot", Map.of());
            say("stage snapshot of the running guest: " + secs(t));
            assertThat(snapshot.sourceInstanceId()).isEqualTo(first.id());
            // the second guest also gets a key pair, a key of its own: cloud-init gives it to the image's default
            // user (kept beside alto by the user data), so logging in as that user proves the meta-data's key
            Path pairKey = state.resolve("id_pair");
            Commands.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "alto-it-pair", "-f",
                    pairKey.toString()), null, Duration.ofSeconds(30));
            qemu.extension(KeyPairs.class).orElseThrow().importKeyPair("it-key",
                    Files.readString(state.resolve("id_pair.pub")), Map.of());
            String secondUserData = CloudConfig.builder().defaultUser().user(User.admin("alto", List.of(publicKey)))
                    .build().render();
            t = System.nanoTime();
            Instance second = cloud.launch(LaunchSpec.of(b -> b.image(snapshot.id()).instanceType("q.small")
                    .userData(secondUserData).keyName("it-key").name("guest-two"))).get(0);
            assertThat(second.keyName()).isEqualTo("it-key");
            Readiness readiness = new Readiness(ssh, cloud::waitFor, i -> target(i, key),
                    Waiter.builder().timeout(STAGE), STAGE);
            Readiness.Result ready = readiness.await(second.id());
            say("stage launch from the snapshot to ready (cloud-init done): " + secs(t));
            assertThat(ready.cloudInitStatus()).isEqualTo("done");
            String loginUser = second.details(QemuInstanceDetails.class).orElseThrow().loginUser();
            assertThat(loginUser).isEqualTo("admin");
            try (SshConnection c = ssh.connect(target(cloud.instance(second.id()), loginUser, pairKey))) {
                assertThat(c.run("id -un", Duration.ofMinutes(1)).stdoutText().strip()).isEqualTo(loginUser);
            }
            try (SshConnection c = ssh.connect(target(cloud.instance(second.id()), key))) {
                assertThat(c.run("cat /etc/alto-proof /home/alto/marker", Duration.ofMinutes(1)).stdoutText())
                        .isEqualTo(PROOF + "only-on-guest-one\n");
                assertThat(c.run("hostname", Duration.ofMinutes(1)).stdoutText().strip()).isEqualTo("guest-two");

                // ---- a volume hot-added to the running guest, found by its serial, and hot-removed ----
                Volumes volumes = qemu.extension(Volumes.class).orElseThrow();
                Volume volume = volumes.createVolume(VolumeSpec.of(QemuCatalog.ZONE, 1));
                String byId = "/dev/disk/by-id/virtio-" + volume.id();
                t = System.nanoTime();
                volumes.attachVolume(volume.id(), second.id(), null);
                // the size in 512-byte sectors, from sysfs: no root needed (the image has no sudo)
                Captured sectors = c.run("for i in $(seq 100); do [ -e " + byId + " ] && break; sleep 0.3; done; "
                        + "cat /sys/class/block/$(basename $(readlink -f " + byId + "))/size", Duration.ofMinutes(1));
                say("stage volume hot-add to seen in the guest: " + secs(t));
                assertThat(sectors.stdoutText().strip()).as(sectors.stderrText()).isEqualTo(Long.toString(2097152));
                t = System.nanoTime();
                volumes.detachVolume(volume.id(), false);
                say("stage volume hot-remove (the guest releases it): " + secs(t));
                assertThat(c.run("udevadm settle; [ -e " + byId + " ] && echo present || echo gone",
                        Duration.ofMinutes(1)).stdoutText().strip()).isEqualTo("gone");
                volumes.deleteVolume(volume.id());
            }
            cloud.terminate(List.of(second.id()));

            // ---- stop (ACPI) and start: a new boot ----
            t = System.nanoTime();
            cloud.stop(List.of(first.id()), false);
            Instance stopped = cloud.waitFor(first.id(), InstanceCondition.STOPPED, STAGE);
            say("stage stop (ACPI shutdown): " + secs(t));
            assertThat(stopped.publicIp()).isNull();
            t = System.nanoTime();
            cloud.start(List.of(first.id()));
            Instance restarted = cloud.waitFor(first.id(), InstanceCondition.RUNNING, STAGE);
            try (SshConnection c = ssh.connectWhenReady(target(restarted, key), waiter())) {
                say("stage start to SSH: " + secs(t));
                String newBootId = bootId(c);
                assertThat(newBootId).isNotEqualTo(bootId);
                assertThat(c.run("cat /home/alto/marker", Duration.ofMinutes(1)).stdoutText())
                        .isEqualTo("only-on-guest-one\n");
            }

            // ---- terminate: the process is gone and the overlay deleted ----
            QemuInstanceDetails details = cloud.instance(first.id()).details(QemuInstanceDetails.class).orElseThrow();
            ProcessIdentity process = ProcessIdentity.of(details.pid()).orElseThrow();
            cloud.terminate(List.of(first.id()));
            Instance gone = cloud.waitFor(first.id(), InstanceCondition.TERMINATED, STAGE);
            assertThat(gone.state()).isEqualTo(InstanceState.TERMINATED);
            assertThat(process.alive()).isFalse();
            assertThat(details.directory().resolve(QemuCommandLine.OVERLAY)).doesNotExist();
            assertThat(details.directory()).doesNotExist();
            cloud.deleteImage(snapshot.id(), true);
        }
        say("total wall time of the guest test: " + secs(testStart));
    }

    private static SshTarget target(Instance instance, Path key) {
        return target(instance, "alto", key);
    }

    private static SshTarget target(Instance instance, String user, Path key) {
        QemuInstanceDetails d = instance.details(QemuInstanceDetails.class).orElseThrow();
        return new SshTarget(d.sshHost(), d.sshPort(), user, instance.id(), List.of(key), false, null);
    }

    private static String bootId(SshConnection c) {
        return c.run("cat /proc/sys/kernel/random/boot_id", Duration.ofMinutes(1)).stdoutText().strip();
    }

    private static Waiter waiter() {
        return Waiter.builder().timeout(STAGE).build();
    }

    private static String secs(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void say(String line) {
        System.out.println("[qemu-guest] " + line);
        System.out.flush();
    }

}
