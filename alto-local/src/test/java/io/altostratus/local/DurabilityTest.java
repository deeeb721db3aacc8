package io.altostratus.local;

import static io.altostratus.local.TestClouds.attributes;
import static io.altostratus.local.TestClouds.keyPairs;
import static io.altostratus.local.TestClouds.networks;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.model.Network;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.Providers;
import io.altostratus.core.wait.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State in a directory outlives the sessions and the store that wrote it, transitions included. */
class DurabilityTest {
    private final ManualClock clock = new ManualClock();

    private ComputeProvider open(Path dir, String account) {
        return Providers.named("local").open(new ProviderContext("us-east-1", account, null, dir,
                Map.of("transition_ms", "1500"), clock));
    }

    @Test
    void everythingWrittenIsThereAfterReopeningTheStateDirectory(@TempDir Path dir) {
        Instance launched;
        String keyFingerprint;
        Network network;
        try (ComputeProvider cloud = open(dir, "111111111111")) {
            launched = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.small").name("db")
                    .userData("echo hi").build()).get(0);
            keyFingerprint = keyPairs(cloud).createKeyPair("ops", KeyType.ED25519, Map.of()).keyPair().fingerprint();
            network = networks(cloud).createNetwork(new NetworkSpec("lab", "10.1.0.0/16", Map.of()));
        }

        clock.advance(Duration.ofMillis(1500));
        try (ComputeProvider cloud = open(dir, "111111111111")) {
            Instance again = cloud.instance(launched.id());
            assertThat(again.state()).as("pending written before closing reads as running later").isEqualTo(InstanceState.RUNNING);
            assertThat(again.toBuilder().state(InstanceState.PENDING).build()).isEqualTo(launched);
            assertThat(attributes(cloud).userData(launched.id())).isEqualTo("echo hi");
            assertThat(keyPairs(cloud).keyPairs()).singleElement().extracting(k -> k.fingerprint())
                    .isEqualTo(keyFingerprint);
            assertThat(networks(cloud).networks()).contains(network);

            // The address cursor was durable too: the next launch does not reuse the first address.
            Instance second = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.small")
                    .zone(launched.zone()).build()).get(0);
            assertThat(second.privateIp()).isNotEqualTo(launched.privateIp());
            assertThat(second.publicIp()).isNotEqualTo(launched.publicIp());
        }
    }

    @Test
    void sessionsOnOneDirectoryShareOneStoreUntilTheLastCloses(@TempDir Path dir) {
        ComputeProvider first = open(dir, "111111111111");
        ComputeProvider other = open(dir, "222222222222");
        Instance launched = first.launch(LaunchSpec.builder().image("debian:12").instanceType("t3.micro").build()).get(0);
        first.close();

        // The other account's session still works after the first closed (the store stayed open) and sees its own.
        assertThat(other.instances(InstanceQuery.all())).isEmpty();
        other.terminate(List.of(other.launch(LaunchSpec.builder().image("debian:12").instanceType("t3.micro")
                .build()).get(0).id()));
        other.close();

        try (ComputeProvider reopened = open(dir, "111111111111")) {
            assertThat(reopened.instances(InstanceQuery.all())).extracting(Instance::id).containsExactly(launched.id());
        }
    }
}
