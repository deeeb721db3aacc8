package io.altostratus.local;

import static io.altostratus.local.TestClouds.ec2Networking;
import static io.altostratus.local.TestClouds.networks;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.local.internal.Docs;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State directories written by the version before the portable states and multi-block networks still read, and what
 * this version writes keeps their shape so that version can still read it.
 */
class StoredFormatTest {
    private static final String SCOPE = TestClouds.ACCOUNT + "/us-east-1";

    /** A VPC as that version stored it: its {@code Network} record, which had one {@code cidr}. */
    record NetworkWithOneBlock(String id, String name, String cidr, String region, boolean isDefault, String state,
                               boolean enableDnsSupport, boolean enableDnsHostnames, Map<String, String> tags) {
    }

    @Test
    void aVpcStoredWithOneBlockReadsWithItAndIsWrittenTheSameWay(@TempDir Path dir) {
        Network made;
        try (TestClouds clouds = new TestClouds(StateStores.open(dir)); LocalCloud cloud = clouds.open()) {
            made = networks(cloud).createNetwork(new NetworkSpec("lab", "10.1.0.0/16", Map.of("team", "a")));
            clouds.store.write(tx -> {
                tx.put(Docs.VPC, SCOPE, made.id(), new NetworkWithOneBlock(made.id(), made.name(), "10.1.0.0/16",
                        made.region(), false, made.state(), true, false, made.tags()));
                return null;
            });
        }

        try (TestClouds clouds = new TestClouds(StateStores.open(dir)); LocalCloud cloud = clouds.open()) {
            assertThat(networks(cloud).networks()).filteredOn(n -> n.id().equals(made.id())).singleElement()
                    .isEqualTo(made);
            assertThat(made.cidrs()).containsExactly("10.1.0.0/16");
            Subnet subnet = networks(cloud).createSubnet(new SubnetSpec(made.id(), "10.1.2.0/24", null, "s", false,
                    Map.of()));
            assertThat(subnet.cidr()).isEqualTo("10.1.2.0/24");
            assertThat(ec2Networking(cloud).routeTables()).filteredOn(t -> t.networkId().equals(made.id()))
                    .singleElement().extracting(t -> t.routes().get(0)).extracting(RouteTable.Route::destinationCidr)
                    .isEqualTo("10.1.0.0/16");

            cloud.tag(made.id(), Map.of("stage", "dev"));
            NetworkWithOneBlock rewritten = clouds.store.read(view -> view.get(Docs.VPC, SCOPE, made.id(),
                    NetworkWithOneBlock.class).orElseThrow());
            assertThat(rewritten.cidr()).as("a changed VPC is stored in the earlier shape").isEqualTo("10.1.0.0/16");
            assertThat(rewritten.tags()).containsEntry("stage", "dev").containsEntry("Name", "lab");
            assertThat(stored(clouds, Docs.VPC, made.id())).doesNotContainKey("cidrs");
        }
    }

    @Test
    void aTerminatingInstanceIsStoredAsShuttingDownAndReadsAsTerminatingInEc2sWords() {
        try (TestClouds clouds = new TestClouds().setting("transition_ms", "1000"); LocalCloud cloud = clouds.open()) {
            Instance instance = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                    .build()).get(0);
            clouds.clock.advance(Duration.ofSeconds(1));
            cloud.terminate(List.of(instance.id()));

            assertThat(stored(clouds, Docs.INSTANCE, instance.id())).containsEntry("state", "shutting-down");
            Instance terminating = cloud.instance(instance.id());
            assertThat(terminating.state()).isEqualTo(InstanceState.TERMINATING);
            assertThat(terminating.rawState()).isEqualTo("shutting-down");
            assertThat(terminating.stateName()).isEqualTo("shutting-down");
            assertThat(cloud.instances(InstanceQuery.builder().state(InstanceState.TERMINATING).build()))
                    .extracting(Instance::id).containsExactly(instance.id());

            clouds.clock.advance(Duration.ofSeconds(1));
            assertThat(cloud.instance(instance.id()).state()).isEqualTo(InstanceState.TERMINATED);
        }
    }

    @Test
    void instanceDocumentsOfTheEarlierVersionReadInEveryState(@TempDir Path dir) {
        String id;
        try (TestClouds clouds = new TestClouds(StateStores.open(dir)).setting("transition_ms", "1000");
             LocalCloud cloud = clouds.open()) {
            id = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").build()).get(0).id();
        }
        for (String state : List.of("pending", "running", "stopping", "stopped", "shutting-down", "terminated")) {
            try (TestClouds clouds = new TestClouds(StateStores.open(dir)).setting("transition_ms", "1000");
                 LocalCloud cloud = clouds.open()) {
                // The document as the earlier version wrote it: the same fields, its own word for the state.
                Map<String, Object> old = new LinkedHashMap<>(stored(clouds, Docs.INSTANCE, id));
                old.put("state", state);
                old.put("settlesAt", clouds.clock.millis() + Duration.ofHours(1).toMillis()); // not settled yet
                clouds.store.write(tx -> {
                    tx.put(Docs.INSTANCE, SCOPE, id, old);
                    return null;
                });

                Instance read = cloud.instance(id);
                assertThat(read.stateName()).as(state).isEqualTo(state);
                assertThat(read.state()).isEqualTo(InstanceState.parse(state));
                assertThat(cloud.instances(InstanceQuery.all())).extracting(Instance::stateName).containsExactly(state);
            }
        }
    }

    private static Map<String, Object> stored(TestClouds clouds, String kind, String id) {
        Map<String, Object> out = new LinkedHashMap<>();
        clouds.store.read(view -> view.get(kind, SCOPE, id, Map.class).orElseThrow())
                .forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
