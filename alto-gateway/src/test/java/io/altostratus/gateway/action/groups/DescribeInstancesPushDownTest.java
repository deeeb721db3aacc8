package io.altostratus.gateway.action.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.Cloud;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Volume;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.TagFilter;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.gateway.action.GatewayHarness;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * DescribeInstances narrows through the provider (push-down) and describes only the candidates, with their interfaces
 * and volumes read by id, and still answers exactly what the full filter set says.
 */
class DescribeInstancesPushDownTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    void exactFiltersArePushedDownAndPatternsOrAlternativesTheQueryCannotSayAreNot() {
        InstanceQuery q = InstanceActions.pushDown(List.of(
                filter("tag:team", "web"),
                filter("tag-key", "env"),
                filter("vpc-id", "vpc-1"),
                filter("subnet-id", "subnet-1"),
                filter("availability-zone", "us-east-1a"),
                filter("instance-state-name", "running", "pending"),
                filter("instance-type", "t3.micro", "m5.large"),
                filter("image-id", "ami-1"),
                filter("key-name", "k"),
                filter("private-ip-address", "10.0.0.5"),
                filter("ip-address", "3.3.3.3")));
        assertThat(q.types()).containsExactlyInAnyOrder("t3.micro", "m5.large");
        assertThat(q.imageIds()).containsExactly("ami-1");
        assertThat(q.keyNames()).containsExactly("k");
        assertThat(q.privateIps()).containsExactly("10.0.0.5");
        assertThat(q.publicIps()).containsExactly("3.3.3.3");
        assertThat(q.tags()).containsExactly(TagFilter.equals("team", "web"), TagFilter.exists("env"));
        assertThat(q.networkId()).isEqualTo("vpc-1");
        assertThat(q.subnetId()).isEqualTo("subnet-1");
        assertThat(q.zone()).isEqualTo("us-east-1a");
        assertThat(q.states()).containsExactlyInAnyOrder(InstanceState.RUNNING, InstanceState.PENDING);

        InstanceQuery loose = InstanceActions.pushDown(List.of(
                filter("tag-key", "env", "team"),           // either key: not one tag filter
                filter("tag-key", "e*"),
                filter("availability-zone", "us-east-1*"),
                filter("vpc-id", "vpc-1", "vpc-2"),
                filter("instance-type", "t3.*"),
                filter("private-ip-address", "10.0.0.?")));
        assertThat(loose).isEqualTo(InstanceQuery.all());
    }

    private List<Instance> launch(int count, Map<String, String> tags) {
        return gw.cloud().launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").count(count)
                .tags(tags).build());
    }

    private static List<software.amazon.awssdk.services.ec2.model.Instance> instances(DescribeInstancesResponse r) {
        return r.reservations().stream().flatMap(x -> x.instances().stream())
                .sorted(Comparator.comparing(software.amazon.awssdk.services.ec2.model.Instance::instanceId)).toList();
    }

    @Test
    void aNarrowedDescribeAnswersExactlyWhatTheUnfilteredOneSaysOfTheSameInstances() {
        List<Instance> web = launch(4, Map.of("team", "web", "env", "prod"));
        launch(5, Map.of("team", "db"));
        launch(3, Map.of());
        var ec2 = gw.client();
        Set<String> webIds = new LinkedHashSet<>(web.stream().map(Instance::id).toList());

        var all = instances(ec2.describeInstances());
        var narrowed = instances(ec2.describeInstances(r -> r.filters(filter("tag:team", "web"),
                filter("tag-key", "env"), filter("vpc-id", web.get(0).vpcId()),
                filter("instance-state-name", "running"))));

        assertThat(narrowed).extracting(software.amazon.awssdk.services.ec2.model.Instance::instanceId)
                .containsExactlyInAnyOrderElementsOf(webIds);
        // Interfaces and volumes (read by id for the candidates) are described as in the unfiltered answer.
        assertThat(narrowed).isEqualTo(all.stream().filter(i -> webIds.contains(i.instanceId())).toList());
        assertThat(narrowed).allSatisfy(i -> {
            assertThat(i.networkInterfaces()).singleElement().satisfies(n -> assertThat(n.macAddress()).isNotBlank());
            assertThat(i.blockDeviceMappings()).singleElement()
                    .satisfies(b -> assertThat(b.ebs().attachTime()).isNotNull());
        });

        // Filters that are not pushed down still apply to the candidates.
        assertThat(ec2.describeInstances(r -> r.filters(filter("tag:team", "web"), filter("instance-type", "t3.nano")))
                .reservations()).isEmpty();
        assertThat(ec2.describeInstances(r -> r.filters(filter("tag:team", "web"),
                filter("instance-state-name", "stopped"))).reservations()).isEmpty();
        assertThat(instances(ec2.describeInstances(r -> r.filters(filter("tag:team", "w*")))))
                .hasSize(4);
    }

    @Test
    void byIdReadsAgreeWithTheFullListingAndLeaveMissingIdsOut() {
        Instance one = launch(1, Map.of()).get(0);
        Instance two = launch(1, Map.of()).get(0);
        Cloud cloud = gw.cloud();
        Set<String> enis = Set.of(one.networkInterfaceIds().get(0), two.networkInterfaceIds().get(0),
                "eni-0000000000000000f");
        Set<String> volumes = Set.of(one.blockDevices().get(0).volumeId(), "vol-0000000000000000f");

        // The local cloud overrides the by-id reads with direct lookups; they must answer what the SPI's default
        // (filtering the whole listing) would.
        assertThat(cloud.require(NetworkInterfaces.class).networkInterfaces(enis)).extracting(NetworkInterface::id)
                .containsExactlyInAnyOrder(one.networkInterfaceIds().get(0), two.networkInterfaceIds().get(0));
        assertThat(cloud.require(NetworkInterfaces.class).networkInterfaces(enis)).containsExactlyInAnyOrderElementsOf(
                cloud.require(NetworkInterfaces.class)
                        .networkInterfaces().stream().filter(n -> enis.contains(n.id())).toList());
        assertThat(cloud.require(Volumes.class).volumes(volumes)).extracting(Volume::id)
                .containsExactly(one.blockDevices().get(0).volumeId());
        assertThat(cloud.require(Volumes.class).volumes(volumes)).containsExactlyInAnyOrderElementsOf(
                cloud.require(Volumes.class).volumes().stream().filter(v -> volumes.contains(v.id())).toList());
    }
}
