package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Network;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spec.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;

class TagActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    @Test
    void createTagsOnEveryKindOfResourceAndDescribeTagsNamesEachType() {
        Map<String, String> expected = everyKindOfResource();

        gw.client().createTags(r -> r.resources(expected.keySet()).tags(tag("project", "alto"), tag("empty", null)));

        List<TagDescription> project = gw.client().describeTags(r -> r.filters(filter("key", "project"))).tags();
        assertThat(project.stream().collect(Collectors.toMap(TagDescription::resourceId,
                TagDescription::resourceTypeAsString))).isEqualTo(expected);
        assertThat(project).allSatisfy(d -> assertThat(d.value()).isEqualTo("alto"));
        // A tag created without a value has the empty value, as in EC2.
        assertThat(gw.client().describeTags(r -> r.filters(filter("key", "empty"))).tags())
                .hasSize(expected.size()).allSatisfy(d -> assertThat(d.value()).isEmpty());
        // The backend holds the tags: the gateway keeps none of its own.
        assertThat(gw.cloud().require(Networks.class).networks().stream().filter(n -> expected.containsKey(n.id())))
                .allSatisfy(n -> assertThat(n.tags()).containsEntry("project", "alto"));
    }

    @Test
    void describeTagsFilters() {
        Instance web = launch();
        Instance db = launch();
        String volume = gw.cloud().require(Volumes.class)
                .createVolume(new VolumeSpec("us-east-1a", 10, "gp3", 0, false, null, Map.of())).id();
        gw.client().createTags(r -> r.resources(web.id()).tags(tag("role", "web"), tag("env", "prod")));
        gw.client().createTags(r -> r.resources(db.id()).tags(tag("role", "db"), tag("env", "dev")));
        gw.client().createTags(r -> r.resources(volume).tags(tag("role", "web-data")));

        assertThat(pairs(gw.client().describeTags(r -> r.filters(filter("resource-type", "instance"),
                filter("key", "role"))))).containsExactlyInAnyOrder(web.id() + " role=web", db.id() + " role=db");
        assertThat(pairs(gw.client().describeTags(r -> r.filters(filter("value", "web*")))))
                .containsExactlyInAnyOrder(web.id() + " role=web", volume + " role=web-data");
        assertThat(pairs(gw.client().describeTags(r -> r.filters(filter("resource-id", db.id(), volume),
                filter("key", "env", "role"))))).containsExactlyInAnyOrder(db.id() + " role=db",
                db.id() + " env=dev", volume + " role=web-data");
        assertThat(pairs(gw.client().describeTags(r -> r.filters(filter("tag:env", "prod")))))
                .containsExactly(web.id() + " env=prod");
        assertThat(pairs(gw.client().describeTags(r -> r.filters(filter("resource-type", "volume")))))
                .containsExactly(volume + " role=web-data");
        assertThat(pairs(gw.client().describeTags(r -> r.filters(filter("resource-id", "i-*"),
                filter("value", "d?v"))))).containsExactly(db.id() + " env=dev");
        assertCode(() -> gw.client().describeTags(r -> r.filters(filter("owner", "me"))), "InvalidParameterValue", 400);
    }

    @Test
    void deleteTagsRemovesByKeyByMatchingValueOrEverything() {
        Instance instance = launch();
        gw.client().createTags(r -> r.resources(instance.id()).tags(tag("a", "1"), tag("b", "2"), tag("c", ""),
                tag("d", "4")));

        gw.client().deleteTags(r -> r.resources(instance.id()).tags(Tag.builder().key("a").build()));
        assertThat(tagsOf(instance.id())).containsOnlyKeys("b", "c", "d");
        gw.client().deleteTags(r -> r.resources(instance.id()).tags(tag("b", "not-2")));
        assertThat(tagsOf(instance.id())).containsOnlyKeys("b", "c", "d");
        gw.client().deleteTags(r -> r.resources(instance.id()).tags(tag("b", "2"), tag("c", "")));
        assertThat(tagsOf(instance.id())).containsOnlyKeys("d");
        gw.client().createTags(r -> r.resources(instance.id()).tags(tag("e", "5")));
        gw.client().deleteTags(r -> r.resources(instance.id()));
        assertThat(tagsOf(instance.id())).isEmpty();

        assertCode(() -> gw.client().deleteTags(r -> r.resources("i-0123456789abcdef0")), "InvalidInstanceID.NotFound",
                400);
        assertCode(() -> gw.client().deleteTags(r -> r.resources("vpc-0123456789abcdef0").tags(tag("x", "y"))),
                "InvalidVpcID.NotFound", 400);
    }

    @Test
    void describeTagsPagesWithinEc2sLimits() {
        Instance instance = launch();
        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            many.add(tag(String.format("k%02d", i), "v" + i));
        }
        gw.client().createTags(r -> r.resources(instance.id()).tags(many));

        List<String> walked = new ArrayList<>();
        int pages = 0;
        for (DescribeTagsResponse page : gw.client().describeTagsPaginator(r -> r.maxResults(5)
                .filters(filter("resource-id", instance.id())))) {
            assertThat(page.tags()).hasSizeLessThanOrEqualTo(5);
            page.tags().forEach(t -> walked.add(t.key()));
            pages++;
        }

        assertThat(walked).containsExactlyElementsOf(many.stream().map(Tag::key).sorted().toList());
        assertThat(pages).isEqualTo(5);
        assertCode(() -> gw.client().describeTags(r -> r.maxResults(4)), "InvalidParameterValue", 400);
        assertCode(() -> gw.client().describeTags(r -> r.maxResults(1001)), "InvalidParameterValue", 400);
    }

    @Test
    void createTagsErrorsAndDryRun() {
        Instance instance = launch();

        assertCode(() -> gw.client().createTags(r -> r.resources("i-0123456789abcdef0").tags(tag("a", "b"))),
                "InvalidInstanceID.NotFound", 400);
        assertCode(() -> gw.client().createTags(r -> r.resources("thing-123").tags(tag("a", "b"))), "InvalidID", 400);
        assertCode(() -> gw.client().createTags(r -> r.resources(instance.id()).tags(tag("aws:owner", "me"))),
                "InvalidParameterValue", 400);
        assertCode(() -> gw.client().createTags(r -> r.resources(instance.id()).tags(tag("a", "b")).dryRun(true)),
                "DryRunOperation", 412);
        assertCode(() -> gw.client().deleteTags(r -> r.resources(instance.id()).dryRun(true)), "DryRunOperation", 412);
        assertCode(() -> gw.client().describeTags(r -> r.dryRun(true)), "DryRunOperation", 412);

        assertThat(tagsOf(instance.id())).isEmpty();
    }

    @Test
    void anotherAccountSeesAndTouchesNoneOfTheseTags() {
        Instance instance = launch();
        gw.client().createTags(r -> r.resources(instance.id()).tags(tag("owner", "default")));

        assertThat(gw.otherAccount().describeTags(r -> r.filters(filter("key", "owner"))).tags()).isEmpty();
        assertCode(() -> gw.otherAccount().createTags(r -> r.resources(instance.id()).tags(tag("owner", "thief"))),
                "InvalidInstanceID.NotFound", 400);
        assertCode(() -> gw.otherAccount().deleteTags(r -> r.resources(instance.id())), "InvalidInstanceID.NotFound",
                400);

        assertThat(tagsOf(instance.id())).containsExactly(Map.entry("owner", "default"));
    }

    /** One resource of every kind the local cloud tags, by id, with the resource type DescribeTags should name. */
    private Map<String, String> everyKindOfResource() {
        Cloud cloud = gw.cloud();
        Map<String, String> out = new LinkedHashMap<>();
        Instance instance = launch();
        out.put(instance.id(), "instance");
        Network vpc = cloud.require(Networks.class).createNetwork(new NetworkSpec("tagged", "10.20.0.0/16", Map.of()));
        out.put(vpc.id(), "vpc");
        String subnet = cloud.require(Networks.class)
                .createSubnet(new SubnetSpec(vpc.id(), "10.20.1.0/24", "us-east-1a", "s", false,
                Map.of())).id();
        out.put(subnet, "subnet");
        out.put(cloud.require(SecurityGroups.class)
                .createSecurityGroup(new SecurityGroupSpec(vpc.id(), "g", "group", Map.of())).id(),
                "security-group");
        String volume = cloud.require(Volumes.class)
                .createVolume(new VolumeSpec("us-east-1a", 5, "gp3", 0, false, null, Map.of())).id();
        out.put(volume, "volume");
        out.put(cloud.require(Snapshots.class).createSnapshot(volume, "snap", Map.of()).id(), "snapshot");
        out.put(cloud.require(NetworkInterfaces.class).networkInterfaces().get(0).id(), "network-interface");
        out.put(cloud.require(KeyPairs.class)
                .createKeyPair("tagged-key", io.altostratus.core.model.KeyType.ED25519, Map.of()).keyPair().id(),
                "key-pair");
        out.put(cloud.require(Ec2Networking.class).createInternetGateway(Map.of()).id(), "internet-gateway");
        out.put(cloud.require(Ec2Networking.class)
                .routeTables().stream().filter(t -> t.networkId().equals(vpc.id())).map(RouteTable::id)
                .findFirst().orElseThrow(), "route-table");
        out.put(cloud.require(Ec2Networking.class)
                .networkAcls().stream().filter(a -> a.networkId().equals(vpc.id())).map(NetworkAcl::id)
                .findFirst().orElseThrow(), "network-acl");
        out.put(cloud.require(ElasticAddresses.class).allocateAddress(Map.of()).allocationId(), "elastic-ip");
        out.put(cloud.createImage(instance.id(), "tagged-image", null, Map.of()).id(), "image");
        return out;
    }

    private Instance launch() {
        return gw.cloud().launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").build()).get(0);
    }

    private Map<String, String> tagsOf(String instanceId) {
        return gw.cloud().instance(instanceId).tags();
    }

    private static List<String> pairs(DescribeTagsResponse response) {
        return response.tags().stream().map(t -> t.resourceId() + " " + t.key() + "=" + t.value()).toList();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
