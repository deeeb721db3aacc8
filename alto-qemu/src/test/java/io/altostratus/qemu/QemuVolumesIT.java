package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.qemu.internal.Commands;
import io.altostratus.qemu.internal.Qmp;
import io.altostratus.testkit.ProviderFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume hot-added to and hot-removed from a real QEMU (an empty-disk machine under TCG, as {@link QemuContractIT}
 * boots: no guest OS, so QEMU unplugs at once): after the attach, the machine's own {@code query-block} shows the
 * volume's file on a device named after the volume; after the detach, neither the device nor its block node is left.
 * Prints how long each step took. In the guest stage ({@code bin/test-guests}).
 */
@Tag("guest")
class QemuVolumesIT {
    @TempDir
    Path state;

    @Test
    void aVolumeIsHotAddedToARunningMachineAndHotRemovedAgain() throws Exception {
        assumeTrue(Commands.which("qemu-system-x86_64").isPresent() && Commands.which("qemu-img").isPresent(),
                "qemu-system-x86_64 and qemu-img are not installed (Debian: qemu-system-x86 qemu-utils)");
        QemuFixture fixture = new QemuFixture(state);
        try (QemuProvider qemu = (QemuProvider) fixture.open(ProviderFixture.Account.A)) {
            long t0 = System.nanoTime();
            Instance machine = qemu.launch(LaunchSpec.of(b -> b.image(QemuFixture.IMAGE).instanceType("q.tiny")))
                    .get(0);
            try {
                assertThat(machine.state()).isEqualTo(InstanceState.RUNNING);
                long launched = System.nanoTime();
                Volumes volumes = qemu.extension(Volumes.class).orElseThrow();
                Volume volume = volumes.createVolume(new VolumeSpec(QemuCatalog.ZONE, 1, null, 0, false, null,
                        Map.of()));
                long created = System.nanoTime();

                Volume attached = volumes.attachVolume(volume.id(), machine.id(), null);
                long attachedAt = System.nanoTime();

                assertThat(attached.state()).isEqualTo("in-use");
                List<String> blocks = blocks(qemu.vm(machine.id()));
                assertThat(blocks).contains("/machine/peripheral/dev-" + volume.id() + "/virtio-backend "
                        + volume.id() + " " + state.resolve("qemu/volumes").resolve(volume.id() + ".qcow2")
                        .toAbsolutePath());

                Volume detached = volumes.detachVolume(volume.id(), false);
                long detachedAt = System.nanoTime();

                assertThat(detached.state()).isEqualTo("available");
                assertThat(blocks(qemu.vm(machine.id()))).noneMatch(b -> b.contains(volume.id()));
                assertThat(nodes(qemu.vm(machine.id()))).doesNotContain(volume.id());
                assertThat(qemu.instance(machine.id()).state()).isEqualTo(InstanceState.RUNNING);
                volumes.deleteVolume(volume.id());
                System.out.printf("qemu volumes (TCG, no guest OS): launch %d ms, create %d ms, hot-add %d ms, "
                                + "hot-remove %d ms%n", ms(launched - t0), ms(created - launched),
                        ms(attachedAt - created), ms(detachedAt - attachedAt));
            } finally {
                qemu.terminate(List.of(machine.id()));
            }
        }
    }

    /** Each block device of the machine as "qdev node file" (from its own {@code query-block}). */
    private static List<String> blocks(QemuState.Vm vm) {
        List<String> out = new ArrayList<>();
        try (Qmp qmp = Qmp.connect(Path.of(vm.qmpSocket()), Duration.ofSeconds(10))) {
            for (JsonNode b : qmp.execute("query-block", Map.of())) {
                out.add(b.path("qdev").asText() + " " + b.path("inserted").path("node-name").asText() + " "
                        + b.path("inserted").path("file").asText());
            }
        }
        return out;
    }

    private static List<String> nodes(QemuState.Vm vm) {
        List<String> out = new ArrayList<>();
        try (Qmp qmp = Qmp.connect(Path.of(vm.qmpSocket()), Duration.ofSeconds(10))) {
            for (JsonNode n : qmp.execute("query-named-block-nodes", Map.of("flat", true))) {
                out.add(n.path("node-name").asText());
            }
        }
        return out;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
