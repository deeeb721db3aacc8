package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.model.Instance;
import io.altostratus.core.spec.LaunchSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/**
 * Pages of DescribeInstances and DescribeTags (MaxResults given) walk the backend in id order from the last id of
 * the page before: whatever the filters, the pages together hold exactly what one unpaged call answers, each item
 * once, and a token is honoured only for the query it was made for.
 */
class DescribePagesTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private List<Instance> launch(int count, String type, Map<String, String> tags) {
        return gw.cloud().launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType(type).count(count)
                .tags(tags).build());
    }

    private List<String> unpaged(List<Filter> filters) {
        List<String> ids = new ArrayList<>();
        for (Reservation r : gw.client().describeInstances(b -> b.filters(filters)).reservations()) {
            r.instances().forEach(i -> ids.add(i.instanceId()));
        }
        return ids;
    }

    private List<String> paged(List<Filter> filters, int size) {
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            String from = token;
            DescribeInstancesResponse page = gw.client().describeInstances(DescribeInstancesRequest.builder()
                    .filters(filters).maxResults(size).nextToken(from).build());
            int onPage = 0;
            for (Reservation r : page.reservations()) {
                for (var i : r.instances()) {
                    ids.add(i.instanceId());
                    onPage++;
                }
            }
            assertThat(onPage).isLessThanOrEqualTo(size);
            token = page.nextToken();
        } while (token != null);
        return ids;
    }

    @Test
    void instancePagesTogetherHoldWhatOneCallAnswersForEveryFilter() {
        List<Instance> web = launch(9, "t3.micro", Map.of("team", "web"));
        List<Instance> db = launch(7, "m5.large", Map.of("team", "db", "env", "prod"));
        gw.cloud().stop(List.of(db.get(0).id(), db.get(1).id()), false);
        String someIp = web.get(3).privateIp();
        List<List<Filter>> queries = List.of(
                List.of(),
                List.of(filter("instance-type", "m5.large")),
                List.of(filter("instance-type", "t3.micro", "m5.large"), filter("tag:team", "web")),
                List.of(filter("instance-state-name", "stopped", "stopping")),
                List.of(filter("tag:env", "prod"), filter("instance-state-name", "running", "pending")),
                List.of(filter("tag-key", "env")),
                List.of(filter("tag:team", "w*")),
                List.of(filter("private-ip-address", someIp)),
                List.of(filter("image-id", web.get(0).imageId()), filter("instance-type", "m5.large")),
                List.of(filter("instance-id", web.get(2).id(), db.get(5).id(), "i-0123456789abcdef0")),
                List.of(filter("instance-id", "i-0123456789abcdef0")),
                List.of(filter("subnet-id", web.get(0).subnetId())));
        for (List<Filter> query : queries) {
            List<String> whole = unpaged(query);
            List<String> pages = paged(query, 5);
            assertThat(pages).as("pages of %s", query).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(whole);
        }
        assertThat(paged(List.of(filter("instance-type", "m5.large")), 5)).hasSize(7);
        assertThat(paged(List.of(filter("instance-id", web.get(2).id(), "i-0123456789abcdef0")), 5))
                .containsExactly(web.get(2).id());
    }

    @Test
    void instancesLaunchedOrTerminatedBetweenPagesNeverMakeOneRepeatOrSkipAnother() {
        List<Instance> first = launch(12, "t3.micro", Map.of());
        DescribeInstancesResponse one = gw.client().describeInstances(b -> b.maxResults(5));
        List<String> seen = new ArrayList<>();
        one.reservations().forEach(r -> r.instances().forEach(i -> seen.add(i.instanceId())));
        // One already listed goes; the rest stay where they were in id order.
        gw.cloud().terminate(List.of(seen.get(0)));
        String token = one.nextToken();
        while (token != null) {
            String from = token;
            DescribeInstancesResponse page = gw.client().describeInstances(b -> b.maxResults(5).nextToken(from));
            page.reservations().forEach(r -> r.instances().forEach(i -> seen.add(i.instanceId())));
            token = page.nextToken();
        }
        assertThat(seen).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(first.stream().map(Instance::id).toList());
    }

    @Test
    void aTokenIsHonouredOnlyForItsOwnQuery() {
        launch(8, "t3.micro", Map.of("team", "web"));
        String token = gw.client().describeInstances(b -> b.maxResults(5)).nextToken();
        assertThat(token).isNotNull();

        assertThatThrownBy(() -> gw.client().describeInstances(b -> b.maxResults(5).nextToken(token)
                .filters(filter("tag:team", "web"))))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> gw.client().describeInstances(b -> b.maxResults(5).nextToken("bm90LW91cnM")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> gw.client().describeInstances(b -> b.maxResults(4)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterValue"));
    }

    @Test
    void tagPagesTogetherHoldWhatOneCallAnswersInResourceAndKeyOrder() {
        List<Instance> web = launch(6, "t3.micro", Map.of("team", "web", "env", "test"));
        launch(4, "t3.micro", Map.of("team", "db"));
        // Volumes and interfaces are walked by pages of their own: give some three tags, so pages end inside them.
        for (Instance i : web.subList(0, 4)) {
            gw.client().createTags(b -> b.resources(i.blockDevices().get(0).volumeId(), i.networkInterfaceIds().get(0))
                    .tags(t -> t.key("team").value("disk"), t -> t.key("a").value("1"), t -> t.key("b").value("2")));
        }
        gw.client().createTags(b -> b.resources(gw.cloud().require(io.altostratus.core.ext.Networks.class)
                .networks().get(0).id()).tags(t -> t.key("team").value("net")));
        for (List<Filter> query : List.of(List.<Filter>of(), List.of(filter("key", "team")),
                List.of(filter("key", "team"), filter("value", "db")), List.of(filter("resource-type", "instance")),
                List.of(filter("resource-type", "volume", "network-interface")),
                List.of(filter("value", "te*")))) {
            List<String> whole = gw.client().describeTags(b -> b.filters(query)).tags().stream()
                    .map(DescribePagesTest::text).toList();
            List<String> pages = new ArrayList<>();
            String token = null;
            do {
                String from = token;
                DescribeTagsResponse page = gw.client().describeTags(DescribeTagsRequest.builder().filters(query)
                        .maxResults(5).nextToken(from).build());
                assertThat(page.tags()).hasSizeLessThanOrEqualTo(5);
                page.tags().forEach(t -> pages.add(text(t)));
                token = page.nextToken();
            } while (token != null);
            assertThat(pages).as("tag pages of %s", query).isEqualTo(whole);
        }
    }

    @Test
    void statusPagesTogetherHoldWhatOneCallAnswersInIdOrder() {
        List<Instance> fleet = launch(12, "t3.micro", Map.of());
        gw.cloud().stop(List.of(fleet.get(0).id(), fleet.get(5).id(), fleet.get(9).id()), false);
        for (boolean all : List.of(false, true)) {
            for (List<Filter> query : List.of(List.<Filter>of(),
                    List.of(filter("availability-zone", fleet.get(3).zone())),
                    List.of(filter("instance-state-name", "stopped")))) {
                List<String> whole = gw.client().describeInstanceStatus(b -> b.filters(query)
                        .includeAllInstances(all)).instanceStatuses().stream().map(s -> s.instanceId()).toList();
                List<String> pages = new ArrayList<>();
                String token = null;
                do {
                    String from = token;
                    var page = gw.client().describeInstanceStatus(b -> b.filters(query).includeAllInstances(all)
                            .maxResults(5).nextToken(from));
                    assertThat(page.instanceStatuses()).hasSizeLessThanOrEqualTo(5);
                    page.instanceStatuses().forEach(s -> pages.add(s.instanceId()));
                    token = page.nextToken();
                } while (token != null);
                assertThat(pages).as("status pages of %s, all %s", query, all).isSorted()
                        .containsExactlyInAnyOrderElementsOf(whole);
            }
        }
        assertThat(gw.client().describeInstanceStatus(b -> b.maxResults(1000)).instanceStatuses()).hasSize(9);
        assertThat(gw.client().describeInstanceStatus(b -> b.includeAllInstances(true).maxResults(1000))
                .instanceStatuses()).hasSize(12);
    }

    @Test
    void aVolumeOrInterfaceWhoseLastTagIsDeletedLeavesTheTagPages() {
        List<Instance> fleet = launch(3, "t3.micro", Map.of());
        String volume = fleet.get(1).blockDevices().get(0).volumeId();
        String eni = fleet.get(2).networkInterfaceIds().get(0);
        gw.client().createTags(b -> b.resources(volume, eni).tags(t -> t.key("k").value("v")));
        List<Filter> types = List.of(filter("resource-type", "volume", "network-interface"));
        assertThat(gw.client().describeTags(b -> b.filters(types).maxResults(5)).tags())
                .extracting(TagDescription::resourceId).containsExactly(eni, volume);

        gw.client().deleteTags(b -> b.resources(volume).tags(t -> t.key("k")));
        assertThat(gw.client().describeTags(b -> b.filters(types).maxResults(5)).tags())
                .extracting(TagDescription::resourceId).containsExactly(eni);
    }

    @Test
    void volumeAndInterfacePagesTogetherHoldWhatOneCallAnswers() {
        List<Instance> fleet = launch(11, "t3.micro", Map.of());
        String one = fleet.get(4).id();
        for (List<Filter> query : List.of(List.<Filter>of(), List.of(filter("attachment.instance-id", one)),
                List.of(filter("status", "in-use")))) {
            List<String> whole = gw.client().describeVolumes(b -> b.filters(query)).volumes().stream()
                    .map(v -> v.volumeId()).sorted().toList();
            List<String> pages = new ArrayList<>();
            String token = null;
            do {
                String from = token;
                var page = gw.client().describeVolumes(b -> b.filters(query).maxResults(5).nextToken(from));
                assertThat(page.volumes()).hasSizeLessThanOrEqualTo(5);
                page.volumes().forEach(v -> pages.add(v.volumeId()));
                token = page.nextToken();
            } while (token != null);
            assertThat(pages).as("volume pages of %s", query).isEqualTo(whole);
        }
        for (List<Filter> query : List.of(List.<Filter>of(), List.of(filter("attachment.instance-id", one)))) {
            List<String> whole = gw.client().describeNetworkInterfaces(b -> b.filters(query)).networkInterfaces()
                    .stream().map(n -> n.networkInterfaceId()).sorted().toList();
            List<String> pages = new ArrayList<>();
            String token = null;
            do {
                String from = token;
                var page = gw.client().describeNetworkInterfaces(b -> b.filters(query).maxResults(5).nextToken(from));
                page.networkInterfaces().forEach(n -> pages.add(n.networkInterfaceId()));
                token = page.nextToken();
            } while (token != null);
            assertThat(pages).as("interface pages of %s", query).isEqualTo(whole);
        }
        assertThat(gw.client().describeVolumes(b -> b.filters(filter("attachment.instance-id", one))).volumes())
                .hasSize(1);
    }

    private static String text(TagDescription t) {
        return t.resourceId() + " " + t.key() + "=" + t.value();
    }
}
