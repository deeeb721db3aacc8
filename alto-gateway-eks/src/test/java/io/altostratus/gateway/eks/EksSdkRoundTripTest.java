package io.altostratus.gateway.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupStatus;
import software.amazon.awssdk.services.eks.model.NotFoundException;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.TaintEffect;
import software.amazon.awssdk.services.eks.model.Update;
import software.amazon.awssdk.services.eks.model.UpdateStatus;

/** Every served operation through the SDK's own EksClient, against the front over the local cloud. */
class EksSdkRoundTripTest {
    static EksEndpoint endpoint;
    static EksClient eks;

    @BeforeAll
    static void start() {
        endpoint = new EksEndpoint(10_000);
        eks = endpoint.client();
    }

    @AfterAll
    static void stop() {
        eks.close();
        endpoint.close();
    }

    @Test
    void clusterNodegroupAndUpdateLifecycle() {
        String role = "arn:aws:iam::000000000000:role/eks-cluster";
        Cluster made = eks.createCluster(b -> b.name("round").version("1.31").roleArn(role).clientRequestToken("t-1")
                .resourcesVpcConfig(v -> v.endpointPublicAccess(true)).tags(Map.of("team", "a"))).cluster();
        assertThat(made.status()).isEqualTo(ClusterStatus.CREATING);
        assertThat(made.arn()).isEqualTo("arn:aws:eks:us-east-1:000000000000:cluster/round");
        assertThat(made.roleArn()).isEqualTo(role);
        assertThat(made.version()).isEqualTo("1.31");
        assertThat(made.tags()).containsEntry("team", "a");
        // Made at the backend's (manual) time, to the millisecond, through epoch seconds on the wire.
        assertThat(made.createdAt()).isEqualTo(endpoint.clock.instant().truncatedTo(ChronoUnit.MILLIS));

        // The same request again (as an SDK retries it, with its client token) gets the same cluster back.
        assertThat(eks.createCluster(b -> b.name("round").version("1.31").roleArn(role).clientRequestToken("t-1")
                .resourcesVpcConfig(v -> v.endpointPublicAccess(true))).cluster().createdAt())
                .isEqualTo(made.createdAt());
        assertThatThrownBy(() -> eks.createCluster(b -> b.name("round").roleArn(role)
                .resourcesVpcConfig(v -> v.endpointPublicAccess(true))))
                .isInstanceOf(ResourceInUseException.class)
                .satisfies(e -> assertThat(((EksException) e).statusCode()).isEqualTo(409));

        Cluster active = await(() -> eks.describeCluster(b -> b.name("round")).cluster(),
                c -> c.status() == ClusterStatus.ACTIVE);
        assertThat(active.endpoint()).startsWith("https://");
        assertThat(active.certificateAuthority().data()).isNotBlank();
        assertThat(eks.listClusters(b -> { }).clusters()).contains("round");

        Nodegroup ng = eks.createNodegroup(b -> b.clusterName("round").nodegroupName("workers")
                .clientRequestToken("ng-1")
                .nodeRole("arn:aws:iam::000000000000:role/node").instanceTypes("t3.medium")
                .subnets("subnet-1", "subnet-2").labels(Map.of("tier", "web"))
                .taints(software.amazon.awssdk.services.eks.model.Taint.builder().key("dedicated").value("web")
                        .effect(TaintEffect.NO_SCHEDULE).build())
                .scalingConfig(s -> s.minSize(1).maxSize(3).desiredSize(2)).tags(Map.of("owner", "me"))).nodegroup();
        assertThat(ng.status()).isEqualTo(NodegroupStatus.CREATING);
        assertThat(eks.createNodegroup(b -> b.clusterName("round").nodegroupName("workers").clientRequestToken("ng-1")
                .nodeRole("arn:aws:iam::000000000000:role/node").subnets("subnet-1")).nodegroup().nodegroupArn())
                .isEqualTo(ng.nodegroupArn());
        assertThatThrownBy(() -> eks.createNodegroup(b -> b.clusterName("round").nodegroupName("workers")
                .nodeRole("arn:aws:iam::000000000000:role/node").subnets("subnet-1")))
                .isInstanceOf(ResourceInUseException.class);
        assertThat(ng.nodegroupArn()).startsWith("arn:aws:eks:us-east-1:000000000000:nodegroup/round/workers/");
        assertThat(ng.nodeRole()).isEqualTo("arn:aws:iam::000000000000:role/node");
        assertThat(ng.subnets()).containsExactly("subnet-1", "subnet-2");
        assertThat(ng.scalingConfig().desiredSize()).isEqualTo(2);
        assertThat(ng.taints()).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo("dedicated");
            assertThat(t.effect()).isEqualTo(TaintEffect.NO_SCHEDULE);
        });
        assertThat(eks.listNodegroups(b -> b.clusterName("round")).nodegroups()).containsExactly("workers");
        await(() -> eks.describeNodegroup(b -> b.clusterName("round").nodegroupName("workers")).nodegroup(),
                n -> n.status() == NodegroupStatus.ACTIVE);

        // Scaling goes to the backend; labels and taints are the front's, in the same update.
        Update scaled = eks.updateNodegroupConfig(b -> b.clusterName("round").nodegroupName("workers")
                .scalingConfig(s -> s.desiredSize(3))
                .labels(l -> l.addOrUpdateLabels(Map.of("zone", "a")).removeLabels("tier"))
                .taints(t -> t.removeTaints(software.amazon.awssdk.services.eks.model.Taint.builder()
                        .key("dedicated").effect(TaintEffect.NO_SCHEDULE).build()))).update();
        assertThat(scaled.typeAsString()).isEqualTo("ConfigUpdate");
        assertThat(scaled.status()).isEqualTo(UpdateStatus.IN_PROGRESS);
        assertThat(scaled.params()).extracting(p -> p.typeAsString()).contains("DesiredSize", "LabelsToAdd");
        Update done = await(() -> eks.describeUpdate(b -> b.name("round").nodegroupName("workers")
                .updateId(scaled.id())).update(), u -> u.status() == UpdateStatus.SUCCESSFUL);
        assertThat(done.params()).extracting(p -> p.typeAsString()).contains("LabelsToAdd");
        Nodegroup changed = await(() -> eks.describeNodegroup(b -> b.clusterName("round")
                .nodegroupName("workers")).nodegroup(), n -> n.status() == NodegroupStatus.ACTIVE);
        assertThat(changed.scalingConfig().desiredSize()).isEqualTo(3);
        assertThat(changed.labels()).containsExactly(Map.entry("zone", "a"));
        assertThat(changed.taints()).isEmpty();
        assertThat(eks.listUpdates(b -> b.name("round").nodegroupName("workers")).updateIds())
                .containsExactly(scaled.id());

        // A control plane upgrade, then the nodes follow.
        Update up = eks.updateClusterVersion(b -> b.name("round").version("1.32")).update();
        assertThat(up.typeAsString()).isEqualTo("VersionUpdate");
        assertThat(up.params()).anySatisfy(p -> {
            assertThat(p.typeAsString()).isEqualTo("Version");
            assertThat(p.value()).isEqualTo("1.32");
        });
        assertThat(eks.listUpdates(b -> b.name("round")).updateIds()).containsExactly(up.id());
        assertThatThrownBy(() -> eks.describeUpdate(b -> b.name("round").updateId("no-such-update")))
                .isInstanceOf(ResourceNotFoundException.class);
        await(() -> eks.describeUpdate(b -> b.name("round").updateId(up.id())).update(),
                u -> u.status() == UpdateStatus.SUCCESSFUL);
        assertThat(eks.describeCluster(b -> b.name("round")).cluster().version()).isEqualTo("1.32");
        await(() -> eks.describeCluster(b -> b.name("round")).cluster(), c -> c.status() == ClusterStatus.ACTIVE);
        Update nodesUp = eks.updateNodegroupVersion(b -> b.clusterName("round").nodegroupName("workers")).update();
        await(() -> eks.describeUpdate(b -> b.name("round").nodegroupName("workers").updateId(nodesUp.id()))
                .update(), u -> u.status() == UpdateStatus.SUCCESSFUL);
        assertThat(eks.describeNodegroup(b -> b.clusterName("round").nodegroupName("workers")).nodegroup()
                .version()).isEqualTo("1.32");

        // Tags on both kinds of resource.
        eks.tagResource(b -> b.resourceArn(made.arn()).tags(Map.of("env", "test")));
        eks.untagResource(b -> b.resourceArn(made.arn()).tagKeys("team"));
        assertThat(eks.listTagsForResource(b -> b.resourceArn(made.arn())).tags())
                .containsExactly(Map.entry("env", "test"));
        assertThat(eks.describeCluster(b -> b.name("round")).cluster().tags())
                .containsExactly(Map.entry("env", "test"));
        eks.tagResource(b -> b.resourceArn(ng.nodegroupArn()).tags(Map.of("cost", "1")));
        assertThat(eks.listTagsForResource(b -> b.resourceArn(ng.nodegroupArn())).tags())
                .containsOnlyKeys("owner", "cost");
        assertThatThrownBy(() -> eks.listTagsForResource(b -> b.resourceArn(
                "arn:aws:eks:us-east-1:000000000000:cluster/nothing"))).isInstanceOf(NotFoundException.class);

        // EKS's order: a cluster with node groups cannot go.
        assertThatThrownBy(() -> eks.deleteCluster(b -> b.name("round"))).isInstanceOf(ResourceInUseException.class);
        assertThat(eks.deleteNodegroup(b -> b.clusterName("round").nodegroupName("workers")).nodegroup().status())
                .isEqualTo(NodegroupStatus.DELETING);
        awaitGone(() -> eks.describeNodegroup(b -> b.clusterName("round").nodegroupName("workers")));
        assertThat(eks.deleteCluster(b -> b.name("round")).cluster().status()).isEqualTo(ClusterStatus.DELETING);
        awaitGone(() -> eks.describeCluster(b -> b.name("round")));
        assertThat(eks.listClusters(b -> { }).clusters()).doesNotContain("round");
    }

    @Test
    void listClustersPages() {
        for (String name : List.of("page-a", "page-b", "page-c")) {
            eks.createCluster(b -> b.name(name).roleArn("arn:aws:iam::000000000000:role/r")
                    .resourcesVpcConfig(v -> v.endpointPublicAccess(true)));
        }
        var first = eks.listClusters(b -> b.maxResults(2));
        assertThat(first.clusters()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        var second = eks.listClusters(b -> b.maxResults(2).nextToken(first.nextToken()));
        List<String> all = new java.util.ArrayList<>(first.clusters());
        all.addAll(second.clusters());
        assertThat(all).contains("page-a", "page-b", "page-c").doesNotHaveDuplicates();
        assertThatThrownBy(() -> eks.listClusters(b -> b.maxResults(101)))
                .isInstanceOf(InvalidParameterException.class);
        for (String name : List.of("page-a", "page-b", "page-c")) {
            await(() -> eks.describeCluster(b -> b.name(name)).cluster(), c -> c.status() == ClusterStatus.ACTIVE);
            eks.deleteCluster(b -> b.name(name));
        }
    }

    @Test
    void clusterVersionsComeFromTheBackend() {
        var versions = eks.describeClusterVersions(b -> { }).clusterVersions();
        assertThat(versions).extracting(v -> v.clusterVersion()).contains("1.29", "1.33");
        assertThat(versions).filteredOn(v -> Boolean.TRUE.equals(v.defaultVersion())).hasSize(1);
        var onlyDefault = eks.describeClusterVersions(b -> b.defaultOnly(true)).clusterVersions();
        assertThat(onlyDefault).singleElement().satisfies(v -> assertThat(v.defaultVersion()).isTrue());
    }

    @Test
    void errorsAreEksErrors() {
        assertThatThrownBy(() -> eks.describeCluster(b -> b.name("missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> {
                    EksException ex = (EksException) e;
                    assertThat(ex.statusCode()).isEqualTo(404);
                    assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                });
        assertThatThrownBy(() -> eks.createCluster(b -> b.name("bad_name!").roleArn("r")
                .resourcesVpcConfig(v -> v.endpointPublicAccess(true))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> eks.listFargateProfiles(b -> b.clusterName("x")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ListFargateProfiles");
    }

    @Test
    void aWrongSecretIsRefused() {
        try (EksClient wrong = EksClient.builder().endpointOverride(endpoint.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "nope")))
                .build()) {
            assertThatThrownBy(() -> wrong.listClusters(b -> { }))
                    .isInstanceOf(EksException.class)
                    .satisfies(e -> assertThat(((EksException) e).statusCode()).isEqualTo(403));
        }
    }

    /** Reads, moving the backend's clock a second at a time, until the answer is done (a minute at most). */
    static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done) {
        for (int i = 0; i < 60; i++) {
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            endpoint.clock.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("still not there after a minute of backend time: " + read.get());
    }

    static void awaitGone(Runnable read) {
        for (int i = 0; i < 60; i++) {
            try {
                read.run();
            } catch (ResourceNotFoundException gone) {
                return;
            }
            endpoint.clock.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("still there after a minute of backend time");
    }
}
