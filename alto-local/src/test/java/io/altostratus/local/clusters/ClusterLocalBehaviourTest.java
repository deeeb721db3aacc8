package io.altostratus.local.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the local cloud's clusters promise: timing, nodes as instances, durability, settings. */
class ClusterLocalBehaviourTest {
    private static final String ACCOUNT = "123456789012";

    private final ManualClock clock = new ManualClock();
    private final StateStore store = StateStores.inMemory();
    private final Map<String, String> settings = new LinkedHashMap<>(Map.of("transition_ms", "0",
            "cluster_transition_ms", "0"));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        store.close();
    }

    private ProviderContext context() {
        return new ProviderContext("us-east-1", ACCOUNT, null, null, settings, clock);
    }

    private Clusters clusters() {
        return LocalProviderFactory.withStore(store, Catalogs.aws()).service(Clusters.class, context()).orElseThrow();
    }

    private ComputeProvider compute() {
        return LocalProviderFactory.withStore(store, Catalogs.aws()).open(context());
    }

    private static AltoException error(ErrorCode code, ThrowingCallable call) {
        AltoException e = catchThrowableOfType(AltoException.class, call);
        assertThat(e).as("an AltoException").isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        return e;
    }

    @Test
    void clustersAndTheirPoolsSettleAfterTheConfiguredTransition() {
        settings.put("cluster_transition_ms", "10000");
        Clusters c = clusters();

        Cluster made = c.create(ClusterSpec.builder("timed").nodePool(NodePoolSpec.of("p", "t3.medium", 1)).build());
        assertThat(made.state()).isEqualTo(ClusterState.CREATING);
        assertThat(made.endpoint()).as("no endpoint while creating").isNull();
        error(ErrorCode.INVALID_STATE, () -> c.kubeconfig("timed"));
        error(ErrorCode.INVALID_STATE, () -> c.addNodePool("timed", NodePoolSpec.of("q", "t3.medium", 1)));

        clock.advance(Duration.ofMillis(9_999));
        assertThat(c.require("timed").state()).isEqualTo(ClusterState.CREATING);
        clock.advance(Duration.ofMillis(1));
        assertThat(c.require("timed").state()).isEqualTo(ClusterState.ACTIVE);
        assertThat(c.require("timed").endpoint()).endsWith(".us-east-1.k8s.alto.invalid");
        assertThat(c.requireNodePool("timed", "p").state()).as("a pool made with its cluster settles after it")
                .isEqualTo(NodePoolState.CREATING);
        clock.advance(Duration.ofMillis(10_000));
        assertThat(c.requireNodePool("timed", "p").state()).isEqualTo(NodePoolState.ACTIVE);
    }

    @Test
    void nodesAreTaggedInstancesListedWithEveryOtherInstance() {
        Clusters c = clusters();
        c.create(ClusterSpec.builder("seen").nodePool(NodePoolSpec.of("web", "t3.small", 2)).build());
        ComputeProvider compute = compute();

        List<Instance> nodes = compute.instances(InstanceQuery.builder().tag(NodePool.CLUSTER_TAG, "seen").build());

        assertThat(nodes).extracting(Instance::id).containsExactlyInAnyOrderElementsOf(
                c.requireNodePool("seen", "web").nodeIds());
        assertThat(c.requireNodePool("seen", "web").id()).startsWith("arn:aws:eks:us-east-1:" + ACCOUNT
                + ":nodegroup/seen/web/");
        assertThat(compute.instances(InstanceQuery.all())).extracting(Instance::id)
                .containsAll(nodes.stream().map(Instance::id).toList());
        for (Instance node : nodes) {
            assertThat(node.name()).isEqualTo("seen-web");
            assertThat(node.instanceType()).isEqualTo("t3.small");
            assertThat(node.tags()).containsEntry(NodePool.POOL_TAG, "web")
                    .containsEntry(LocalClusters.VERSION_TAG, c.defaultVersion().version());
        }
    }

    @Test
    void poolUpgradeReplacesEveryNodeWithOneOfTheNewVersion() {
        Clusters c = clusters();
        c.create(ClusterSpec.builder("roll").version("1.30").nodePool(NodePoolSpec.of("p", "t3.medium", 2)).build());
        List<String> before = c.requireNodePool("roll", "p").nodeIds();
        c.upgrade("roll", "1.31");

        c.upgradeNodePool("roll", "p", "1.31");

        NodePool after = c.requireNodePool("roll", "p");
        assertThat(after.version()).isEqualTo("1.31");
        assertThat(after.nodeIds()).hasSize(2).doesNotContainAnyElementsOf(before);
        ComputeProvider compute = compute();
        for (String id : before) {
            assertThat(compute.instance(id).state()).isIn(InstanceState.TERMINATING, InstanceState.TERMINATED);
        }
        for (String id : after.nodeIds()) {
            assertThat(compute.instance(id).tags()).containsEntry(LocalClusters.VERSION_TAG, "1.31");
        }
    }

    @Test
    void clustersPoolsAndNodesSurviveAReopenOnTheSameStateDirectory() {
        Map<String, String> sqlite = Map.of("transition_ms", "0", "cluster_transition_ms", "0");
        ProviderContext onDisk = new ProviderContext("us-east-1", ACCOUNT, null, dir, sqlite, clock);
        List<String> nodes;
        String arn;
        try (Clusters first = new LocalProviderFactory().service(Clusters.class, onDisk).orElseThrow()) {
            arn = first.create(ClusterSpec.builder("kept").nodePool(NodePoolSpec.of("p", "t3.medium", 2)).build())
                    .id();
            nodes = first.requireNodePool("kept", "p").nodeIds();
        }

        try (Clusters again = new LocalProviderFactory().service(Clusters.class, onDisk).orElseThrow()) {
            assertThat(again.require("kept").id()).isEqualTo(arn);
            assertThat(again.requireNodePool("kept", "p").nodeIds()).isEqualTo(nodes);
        }
    }

    @Test
    void deletingAPoolCancelsItsUpdateInProgress() {
        settings.put("cluster_transition_ms", "1000");
        Clusters c = clusters();
        c.create(ClusterSpec.builder("cancel").nodePool(NodePoolSpec.of("p", "t3.medium", 1)).build());
        clock.advance(Duration.ofSeconds(2));
        ClusterUpdate scaling = c.scaleNodePool("cancel", "p", 2, 1, 2);
        assertThat(scaling.status()).isEqualTo(UpdateStatus.IN_PROGRESS);

        c.deleteNodePool("cancel", "p");

        assertThat(c.update("cancel", scaling.id()).status()).isEqualTo(UpdateStatus.CANCELLED);
        clock.advance(Duration.ofSeconds(2));
        assertThat(c.nodePools("cancel")).isEmpty();
        assertThat(c.update("cancel", scaling.id()).status()).as("cancelled stays cancelled")
                .isEqualTo(UpdateStatus.CANCELLED);
    }

    @Test
    void versionsAreTheShippedListWithTheSecondNewestAsDefault() {
        List<KubernetesVersion> versions = clusters().versions();

        assertThat(versions).extracting(KubernetesVersion::version).containsExactly("1.29", "1.30", "1.31", "1.32",
                "1.33");
        assertThat(versions).filteredOn(KubernetesVersion::isDefault).extracting(KubernetesVersion::version)
                .containsExactly("1.32");
        assertThat(versions).allSatisfy(v -> assertThat(v.endOfStandardSupport()).isNotNull());
    }

    @Test
    void nodesSpreadOverTheSubnetsTheClusterNames() {
        ComputeProvider compute = compute();
        List<String> subnets = compute.extension(Networks.class).orElseThrow().subnets().stream()
                .map(Subnet::id).limit(2).toList();
        Clusters c = clusters();

        c.create(ClusterSpec.builder("spread").subnetIds(subnets).nodePool(NodePoolSpec.of("p", "t3.medium", 4))
                .build());

        List<String> placed = c.requireNodePool("spread", "p").nodeIds().stream()
                .map(id -> compute.instance(id).subnetId()).toList();
        assertThat(placed).hasSize(4);
        assertThat(placed.stream().filter(subnets.get(0)::equals)).hasSize(2);
        assertThat(placed.stream().filter(subnets.get(1)::equals)).hasSize(2);
    }

    @Test
    void refusedCreatesMakeNothing() {
        Clusters c = clusters();

        AltoException subnet = error(ErrorCode.NOT_FOUND, () -> c.create(ClusterSpec.builder("bad")
                .subnetIds(List.of("subnet-0123456789abcdef0")).nodePool(NodePoolSpec.of("p", "t3.medium", 1))
                .build()));
        assertThat(subnet.providerCode()).isEqualTo("InvalidSubnetID.NotFound");
        error(ErrorCode.INVALID_PARAMETER, () -> c.create(ClusterSpec.builder("bad").region("eu-west-1").build()));
        error(ErrorCode.INVALID_PARAMETER, () -> c.create(ClusterSpec.builder("bad").role("adminRole", "x").build()));
        error(ErrorCode.INVALID_PARAMETER, () -> c.create(ClusterSpec.builder("bad")
                .nodePool(NodePoolSpec.of("p", "zz9.plural", 1)).build()));
        error(ErrorCode.INVALID_PARAMETER, () -> c.create(ClusterSpec.builder("bad").tag("aws:owner", "x").build()));

        assertThat(c.list()).isEmpty();
        assertThat(compute().instances(InstanceQuery.builder().tag(NodePool.CLUSTER_TAG, "bad").build())).isEmpty();
    }

    @Test
    void aPoolWithoutATypeGetsTheCheapestWithTwoVcpusAndFourGib() {
        Clusters c = clusters();
        c.create(ClusterSpec.builder("dflt").nodePool(new NodePoolSpec("p", null, 1, 1, 1, null, null, null, null))
                .build());

        String type = c.requireNodePool("dflt", "p").instanceType();

        var chosen = compute().instanceTypes().stream().filter(t -> t.name().equals(type)).findFirst().orElseThrow();
        assertThat(chosen.vcpus()).isGreaterThanOrEqualTo(2);
        assertThat(chosen.memoryMiB()).isGreaterThanOrEqualTo(4096);
    }

    @Test
    void onTheGcpCatalogNodesAreMachinesOfThatCatalog() {
        ProviderContext gcp = new ProviderContext("us-central1", ACCOUNT, null, null, settings, clock);
        var factory = LocalProviderFactory.withStore(store, Catalogs.gcp());
        try (Clusters c = factory.service(Clusters.class, gcp).orElseThrow();
             ComputeProvider compute = factory.open(gcp)) {
            c.create(ClusterSpec.builder("gke-like")
                    .nodePool(new NodePoolSpec("p", null, 1, 1, 1, null, null, null, null)).build());

            NodePool pool = c.requireNodePool("gke-like", "p");

            assertThat(compute.instanceTypes()).extracting(t -> t.name()).contains(pool.instanceType());
            assertThat(compute.instance(pool.nodeIds().get(0)).zone()).startsWith("us-central1-");
        }
    }

    @Test
    void badSettingsAndRegionsAreRefusedWhenOpening() {
        settings.put("cluster_transition_ms", "soon");
        error(ErrorCode.INVALID_PARAMETER, this::clusters);
        settings.put("cluster_transition_ms", "0");

        error(ErrorCode.INVALID_PARAMETER, () -> LocalProviderFactory.withStore(store, Catalogs.aws())
                .service(Clusters.class, new ProviderContext("mars-1", ACCOUNT, null, null, settings, clock)));
    }
}
