package io.altostratus.local.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.Cloud;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spi.ProviderContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local-cloud process killed with SIGKILL in the middle of launching and terminating leaves a state directory
 * that opens, holds every launch and termination it acknowledged, and is internally consistent (no dangling
 * volumes or interfaces, no address given twice).
 */
class KilledMidWriteTest {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";

    /** The victim: launches and terminates in a loop, printing each acknowledged change, until killed. */
    public static void main(String[] args) {
        Path stateDir = Path.of(args[0]);
        try (Cloud cloud = Cloud.open("local", context(stateDir))) {
            List<String> alive = new ArrayList<>();
            for (int round = 0; round < 100_000; round++) {
                List<Instance> launched = cloud.launch(b -> b.image("ubuntu:24.04").instanceType("t3.micro")
                        .count(2).tag("crash", "victim"));
                for (Instance i : launched) {
                    System.out.println("launched " + i.id());
                    alive.add(i.id());
                }
                if (alive.size() > 4) {
                    String victim = alive.remove(0);
                    cloud.terminate(List.of(victim));
                    System.out.println("terminated " + victim);
                }
                System.out.flush();
            }
        }
    }

    private static ProviderContext context(Path stateDir) {
        return new ProviderContext(REGION, ACCOUNT, null, stateDir, Map.of("transition_ms", "0"), null);
    }

    @TempDir
    Path stateDir;

    @Test
    void aKilledProcessLeavesAConsistentStoreWithEveryAcknowledgedChange() throws Exception {
        Set<String> launched = new HashSet<>();
        Set<String> terminated = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            runAndKill(launched, terminated, 40 + round * 15);
            verify(launched, terminated);
        }
    }

    private void runAndKill(Set<String> launched, Set<String> terminated, int acknowledgementsBeforeKill)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), KilledMidWriteTest.class.getName(), stateDir.toString());
        pb.redirectErrorStream(false);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process victim = pb.start();
        int seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                record(line, launched, terminated);
                if (++seen == acknowledgementsBeforeKill) {
                    // Kill through the handle so the pipe stays open and the lines already written can still be read.
                    victim.toHandle().destroyForcibly();
                }
            }
        }
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("the victim must have acknowledged work before it was killed")
                .isGreaterThanOrEqualTo(acknowledgementsBeforeKill);
    }

    private static void record(String line, Set<String> launched, Set<String> terminated) {
        if (line.startsWith("launched ")) {
            launched.add(line.substring(9));
        } else if (line.startsWith("terminated ")) {
            terminated.add(line.substring(11));
        }
    }

    private void verify(Set<String> launched, Set<String> terminated) {
        try (Cloud cloud = Cloud.open("local", context(stateDir))) {
            List<Instance> all = cloud.instances();
            Map<String, Instance> byId = all.stream().collect(Collectors.toMap(Instance::id, i -> i));
            assertThat(byId.keySet()).as("every acknowledged launch survives").containsAll(launched);
            for (String id : terminated) {
                assertThat(byId.get(id).state()).as(id).isEqualTo(InstanceState.TERMINATED);
            }
            List<Instance> live = all.stream().filter(i -> i.state() != InstanceState.TERMINATED).toList();
            assertThat(live.stream().map(Instance::privateIp).toList())
                    .as("no private address is held twice").doesNotHaveDuplicates().doesNotContainNull();
            Set<String> volumes = cloud.require(Volumes.class).volumes().stream().map(Volume::id)
                    .collect(Collectors.toSet());
            Set<String> interfaces = cloud.require(NetworkInterfaces.class).networkInterfaces().stream()
                    .map(NetworkInterface::id)
                    .collect(Collectors.toSet());
            for (Instance i : live) {
                assertThat(i.blockDevices()).as("root volume of " + i.id()).isNotEmpty();
                for (BlockDevice d : i.blockDevices()) {
                    assertThat(volumes).as("volume of " + i.id()).contains(d.volumeId());
                }
                assertThat(interfaces).as("interfaces of " + i.id()).containsAll(i.networkInterfaceIds());
            }
            // The store still takes writes after the crash.
            Instance fresh = cloud.launch(b -> b.image("ubuntu:24.04").instanceType("t3.micro")).get(0);
            assertThat(cloud.waitFor(fresh.id(), io.altostratus.core.wait.InstanceCondition.RUNNING,
                    Duration.ofSeconds(5)).state()).isEqualTo(InstanceState.RUNNING);
            cloud.terminate(List.of(fresh.id()));
        }
    }
}
