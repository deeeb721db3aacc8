package io.altostratus.local;

import static io.altostratus.local.TestClouds.interfaces;
import static io.altostratus.local.TestClouds.volumes;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Volume;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.query.TagFilter;
import io.altostratus.core.spec.LaunchSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Filtered listings answered from the store index give what a full scan gives: after tag changes, terminations and
 * expiry, with states read from the clock, and never another region's or account's instances.
 */
class IndexedListingTest {
    private final TestClouds clouds = new TestClouds().setting("transition_ms", "1000")
            .setting("terminated_retention_s", "60");
    private final LocalCloud cloud = clouds.open();

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    private List<Instance> launch(LocalCloud on, int count, String zone, Map<String, String> tags) {
        return on.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").count(count).zone(zone)
                .tags(tags).build());
    }

    /** What the query must answer: every instance, filtered in memory. */
    private List<String> scanned(InstanceQuery query) {
        return cloud.instances(InstanceQuery.all()).stream().filter(query::matches).map(Instance::id).toList();
    }

    private List<String> listed(InstanceQuery query) {
        return cloud.instances(query).stream().map(Instance::id).toList();
    }

    private List<InstanceQuery> queries(String vpcId, String subnetId) {
        return List.of(
                InstanceQuery.builder().tag("team", "web").build(),
                InstanceQuery.builder().tag("team", "db").build(),
                InstanceQuery.builder().tag(new TagFilter("team", List.of("web", "db"))).build(),
                InstanceQuery.builder().tag(TagFilter.exists("env")).build(),
                InstanceQuery.builder().tag("team", "web").tag("env", "prod").build(),
                InstanceQuery.builder().tag(new TagFilter("team", List.of("w*"))).build(),
                InstanceQuery.builder().tag("team", "nobody").build(),
                InstanceQuery.builder().name("web-1").build(),
                InstanceQuery.builder().zone("us-east-1b").build(),
                InstanceQuery.builder().zone("us-east-1a").tag("team", "web").build(),
                InstanceQuery.builder().networkId(vpcId).build(),
                InstanceQuery.builder().subnetId(subnetId).build(),
                InstanceQuery.builder().tag("team", "web").state(InstanceState.RUNNING).build(),
                InstanceQuery.builder().tag("team", "web").state(InstanceState.PENDING).build(),
                InstanceQuery.builder().tag("team", "db").state(InstanceState.TERMINATING).build());
    }

    /** Queries on the attributes the index also files, built from one instance that exists. */
    private List<InstanceQuery> attributeQueries() {
        Instance some = cloud.instances(InstanceQuery.all()).get(0);
        return List.of(
                InstanceQuery.builder().types(List.of(some.instanceType())).build(),
                InstanceQuery.builder().types(List.of("t3.micro", "m5.large")).tag("team", "web").build(),
                InstanceQuery.builder().imageIds(List.of(some.imageId())).build(),
                InstanceQuery.builder().privateIps(List.of(some.privateIp())).build(),
                InstanceQuery.builder().publicIps(List.of(String.valueOf(some.publicIp()))).build(),
                InstanceQuery.builder().keyNames(List.of("no-such-key")).build(),
                InstanceQuery.builder().state(InstanceState.RUNNING).build(),
                InstanceQuery.builder().states(List.of(InstanceState.TERMINATED, InstanceState.PENDING)).build());
    }

    /** Every page of {@code size}, each from the cursor of the one before. */
    private List<String> paged(InstanceQuery query, int size) {
        List<String> ids = new ArrayList<>();
        PageRequest request = PageRequest.first(size);
        while (true) {
            Page<Instance> page = cloud.instances(query, request);
            assertThat(page.items().size()).isLessThanOrEqualTo(size);
            page.items().forEach(i -> ids.add(i.id()));
            if (!page.hasNext()) {
                return ids;
            }
            request = request.next(page.nextCursor());
        }
    }

    private void assertListingsEqualScans(String vpcId, String subnetId) {
        List<InstanceQuery> all = new ArrayList<>(queries(vpcId, subnetId));
        all.addAll(attributeQueries());
        for (InstanceQuery query : all) {
            List<String> scan = scanned(query);
            assertThat(listed(query)).as(query.toString()).isEqualTo(scan);
            assertThat(paged(query, 2)).as("pages of " + query).isEqualTo(scan.stream().sorted().toList());
        }
    }

    @Test
    void filteredListingsEqualScansThroughTagChangesTerminationsAndExpiry() {
        List<Instance> web = launch(cloud, 3, "us-east-1a", Map.of("team", "web", "env", "prod"));
        List<Instance> db = launch(cloud, 2, "us-east-1b", Map.of("team", "db", "Name", "web-1"));
        List<Instance> bare = launch(cloud, 2, "us-east-1b", Map.of());
        String vpcId = web.get(0).vpcId();
        String subnetId = db.get(0).subnetId();
        assertThat(listed(InstanceQuery.builder().tag("team", "web").build()))
                .containsExactlyElementsOf(web.stream().map(Instance::id).toList());
        assertListingsEqualScans(vpcId, subnetId);

        // Pending instances read as running once the clock passes their transition: the state is not indexed.
        assertThat(listed(InstanceQuery.builder().tag("team", "web").state(InstanceState.RUNNING).build())).isEmpty();
        clouds.clock.advance(Duration.ofSeconds(1));
        assertThat(listed(InstanceQuery.builder().tag("team", "web").state(InstanceState.RUNNING).build()))
                .hasSize(3);

        cloud.tag(bare.get(0).id(), Map.of("team", "web"));
        cloud.untag(web.get(1).id(), List.of("env"));
        cloud.tag(web.get(2).id(), Map.of("team", "db"));
        cloud.terminate(List.of(db.get(0).id()));
        assertThat(listed(InstanceQuery.builder().tag("team", "web").build()))
                .containsExactly(web.get(0).id(), web.get(1).id(), bare.get(0).id());
        assertListingsEqualScans(vpcId, subnetId);

        clouds.clock.advance(Duration.ofSeconds(62)); // past the terminated instance's retention
        assertThat(listed(InstanceQuery.builder().tag("team", "db").build())).containsExactly(web.get(2).id(),
                db.get(1).id());
        assertListingsEqualScans(vpcId, subnetId);
    }

    @Test
    void anotherRegionOrAccountWithTheSameTagsIsNeverListed() {
        List<Instance> mine = launch(cloud, 2, null, Map.of("team", "web"));
        try (LocalCloud west = clouds.open(TestClouds.ACCOUNT, "us-west-2");
             LocalCloud other = clouds.open(TestClouds.OTHER_ACCOUNT, "us-east-1")) {
            List<Instance> theirs = launch(west, 2, null, Map.of("team", "web"));
            launch(other, 1, null, Map.of("team", "web"));

            assertThat(listed(InstanceQuery.builder().tag("team", "web").build()))
                    .containsExactlyElementsOf(mine.stream().map(Instance::id).toList());
            assertThat(west.instances(InstanceQuery.builder().tag("team", "web").build()))
                    .extracting(Instance::id).containsExactlyElementsOf(theirs.stream().map(Instance::id).toList());
        }
    }

    @Test
    void interfacesAndVolumesByIdAnswerTheOnesAskedForThatExistHere() {
        Instance one = launch(cloud, 1, null, Map.of()).get(0);
        Instance two = launch(cloud, 1, null, Map.of()).get(0);
        String eni = one.networkInterfaceIds().get(0);
        String volume = two.blockDevices().get(0).volumeId();
        List<String> elsewhere = new ArrayList<>();
        try (LocalCloud other = clouds.open(TestClouds.OTHER_ACCOUNT, "us-east-1")) {
            Instance theirs = launch(other, 1, null, Map.of()).get(0);
            elsewhere.add(theirs.networkInterfaceIds().get(0));
            elsewhere.add(theirs.blockDevices().get(0).volumeId());
        }

        assertThat(interfaces(cloud).networkInterfaces(List.of(eni, "eni-0000000000000000f", elsewhere.get(0))))
                .extracting(NetworkInterface::id).containsExactly(eni);
        assertThat(interfaces(cloud).networkInterfaces(List.of(eni))).containsExactlyElementsOf(
                interfaces(cloud).networkInterfaces().stream().filter(n -> n.id().equals(eni)).toList());
        assertThat(volumes(cloud).volumes(List.of(volume, one.blockDevices().get(0).volumeId(), elsewhere.get(1))))
                .extracting(Volume::id).containsExactly(volume, one.blockDevices().get(0).volumeId());
        assertThat(volumes(cloud).volumes(List.of())).isEmpty();
    }
}
