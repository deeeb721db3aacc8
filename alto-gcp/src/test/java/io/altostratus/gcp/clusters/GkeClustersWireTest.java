package io.altostratus.gcp.clusters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.container.v1.CreateClusterRequest;
import com.google.container.v1.NodeTaint;
import com.google.container.v1.SetNodePoolAutoscalingRequest;
import com.google.container.v1.SetNodePoolSizeRequest;
import com.google.container.v1.UpdateMasterRequest;
import com.google.container.v1.UpdateNodePoolRequest;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubeAuth;
import io.altostratus.core.clusters.Kubeconfig;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.Taint;
import io.altostratus.core.clusters.TaintEffect;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.clusters.UpdateType;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Retrier;
import io.altostratus.gcp.GcpProviderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GkeClusters} against a WireMock stub speaking GKE's container/v1 REST API: the request paths and bodies
 * Google's client sends (bodies read back into the request protos, so the check does not depend on how enums are
 * encoded), answers shaped from the discovery document and the recorded answers in
 * {@code /work/shared/data/wire/gke/}, operations followed to their end, and Google's errors mapped.
 */
class GkeClustersWireTest {
    private static final Path RECORDINGS = Path.of("/work/shared/data/wire/gke");
    private static final String PROJECT = "my-project";
    private static final String REGION = "us-central1";
    private static final String BASE = "/v1/projects/" + PROJECT + "/locations/";
    private static final String CLUSTER = BASE + REGION + "/clusters/c1";

    private WireMockServer wire;
    private Clusters gke;

    @BeforeEach
    void start() {
        wire = new WireMockServer(wireMockConfig().dynamicPort());
        wire.start();
        ManualClock clock = new ManualClock(Instant.parse("2026-12-07T08:00:00Z"));
        ProviderContext context = new ProviderContext(REGION, PROJECT, "http://127.0.0.1:" + wire.port(), null,
                Map.of("max_attempts", "3"), clock);
        gke = new GcpProviderFactory(clock, Retrier.Listener.NONE, Map.of()).service(Clusters.class, context)
                .orElseThrow();
    }

    @AfterEach
    void stop() {
        gke.close();
        wire.stop();
    }

    // ---- answers ------------------------------------------------------------------------------------------------

    private static String clusterJson(String name, String status, String version) {
        return """
                {"name": "%s", "location": "us-central1", "status": "%s", "currentMasterVersion": "%s",
                 "currentNodeVersion": "%s", "endpoint": "34.1.2.3",
                 "masterAuth": {"clusterCaCertificate": "TFMwdExTMUNSVWRKVGlCRFJWSlU="},
                 "selfLink": "https://container.googleapis.com/v1/projects/my-project/locations/us-central1/clusters/%s",
                 "createTime": "2026-12-07T07:00:00+00:00", "resourceLabels": {"team": "infra"}}
                """.formatted(name, status, version, version, name);
    }

    private static String poolJson(String name, int count, boolean autoscaling, int min, int max) {
        return """
                {"name": "%s", "status": "RUNNING", "initialNodeCount": %d, "version": "1.31.5-gke.1000",
                 "config": {"machineType": "e2-standard-4", "diskSizeGb": 100, "imageType": "COS_CONTAINERD",
                            "labels": {"role": "web"},
                            "taints": [{"key": "dedicated", "value": "web", "effect": "NO_SCHEDULE"}]},
                 "autoscaling": {"enabled": %s, "minNodeCount": %d, "maxNodeCount": %d},
                 "selfLink": "https://container.googleapis.com/v1/projects/my-project/locations/us-central1/clusters/c1/nodePools/%s"}
                """.formatted(name, count, autoscaling, min, max, name);
    }

    private static String operationJson(String name, String type, String status, String target, String extra) {
        return """
                {"name": "%s", "operationType": "%s", "status": "%s",
                 "selfLink": "https://container.googleapis.com/v1/projects/my-project/locations/us-central1/operations/%s",
                 "targetLink": "https://container.googleapis.com/v1/projects/my-project/locations/us-central1/%s",
                 "startTime": "2026-12-07T08:00:00Z"%s}
                """.formatted(name, type, status, name, target, extra);
    }

    private static String error(int code, String status, String message) {
        return """
                {"error": {"code": %d, "message": "%s", "status": "%s"}}
                """.formatted(code, message, status);
    }

    private void answer(com.github.tomakehurst.wiremock.client.MappingBuilder request, int status, String body) {
        wire.stubFor(request.willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static <B extends Message.Builder> B body(LoggedRequest request, B builder) throws IOException {
        JsonFormat.parser().ignoringUnknownFields().merge(request.getBodyAsString(), builder);
        return builder;
    }

    private static String recording(String file) throws IOException {
        Path path = RECORDINGS.resolve(file);
        assumeTrue(Files.isReadable(path), "GKE recording " + path + " is absent; skipping");
        return Files.readString(path);
    }

    // ---- recorded answers ---------------------------------------------------------------------------------------

    @Test
    void listsTheRecordedZonalClusterOfTheRegionFromEveryLocation() throws IOException {
        answer(get(urlPathEqualTo(BASE + "-/clusters")), 200, recording("clusters_list_libcloud.json"));

        List<Cluster> clusters = gke.list();

        assertThat(clusters).hasSize(1);
        Cluster c = clusters.getFirst();
        assertThat(c.name()).isEqualTo("cluster-1");
        assertThat(c.region()).isEqualTo("us-central1-a"); // the recording names only its zone
        assertThat(c.version()).isEqualTo("1.6");
        assertThat(c.details()).containsEntry("currentMasterVersion", "1.6.4").containsEntry("network", "default");
        assertThat(c.state()).isEqualTo(ClusterState.ACTIVE);
        assertThat(c.rawStatus()).isEqualTo("RUNNING");
        assertThat(c.endpoint()).isNull();
    }

    @Test
    void aListKeepsToTheSessionsRegion() {
        answer(get(urlPathEqualTo(BASE + "-/clusters")), 200, """
                {"clusters": [{"name": "near", "location": "us-central1-b", "status": "RUNNING"},
                              {"name": "far", "location": "europe-west4", "status": "RUNNING"},
                              {"name": "look-alike", "location": "us-central10", "status": "RUNNING"}]}
                """);

        assertThat(gke.list()).extracting(Cluster::name).containsExactly("near");
    }

    @Test
    void versionsAreTheRecordedMasterVersionsAsMinorVersions() throws IOException {
        answer(get(urlPathEqualTo(BASE + REGION + "/serverConfig")), 200, recording("serverconfig_libcloud.json"));

        List<KubernetesVersion> versions = gke.versions();

        assertThat(versions).extracting(KubernetesVersion::version).containsExactly("1.5", "1.6");
        assertThat(gke.defaultVersion().version()).isEqualTo("1.6");
    }

    @Test
    void gkeVersionsReadAsMinorVersions() {
        assertThat(GkeConvert.minor("1.31.5-gke.1000")).isEqualTo("1.31");
        assertThat(GkeConvert.minor("1.30")).isEqualTo("1.30");
        assertThat(GkeConvert.minor("latest")).isNull();
    }

    // ---- clusters -----------------------------------------------------------------------------------------------

    @Test
    void createSendsTheSpecAsGkesClusterAndAnswersTheClusterAsItIsNow() throws IOException {
        answer(post(urlPathEqualTo(BASE + REGION + "/clusters")), 200,
                operationJson("operation-create", "CREATE_CLUSTER", "RUNNING", "clusters/c1", ""));
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "PROVISIONING", "1.31.5-gke.1000"));

        ClusterSpec spec = ClusterSpec.builder("c1").version("1.31").tag("team", "infra")
                .nodePool(new NodePoolSpec("web", "e2-standard-4", 2, 1, 5, Map.of("role", "web"),
                        List.of(new Taint("dedicated", "web", TaintEffect.NO_SCHEDULE)), 50, null))
                .nodePool(NodePoolSpec.of("fixed", null, 3))
                .build();
        Cluster made = gke.create(spec);

        assertThat(made.state()).isEqualTo(ClusterState.CREATING);
        assertThat(made.rawStatus()).isEqualTo("PROVISIONING");
        assertThat(made.version()).isEqualTo("1.31");
        assertThat(made.details()).containsEntry("currentMasterVersion", "1.31.5-gke.1000");
        List<LoggedRequest> creates = wire.findAll(postRequestedFor(urlPathEqualTo(BASE + REGION + "/clusters")));
        assertThat(creates).hasSize(1);
        com.google.container.v1.Cluster sent = body(creates.getFirst(), CreateClusterRequest.newBuilder()).getCluster();
        assertThat(sent.getName()).isEqualTo("c1");
        assertThat(sent.getInitialClusterVersion()).isEqualTo("1.31");
        assertThat(sent.getResourceLabelsMap()).containsEntry("team", "infra");
        assertThat(sent.getNodePoolsCount()).isEqualTo(2);
        com.google.container.v1.NodePool web = sent.getNodePools(0);
        assertThat(web.getName()).isEqualTo("web");
        assertThat(web.getInitialNodeCount()).isEqualTo(2);
        assertThat(web.getConfig().getMachineType()).isEqualTo("e2-standard-4");
        assertThat(web.getConfig().getDiskSizeGb()).isEqualTo(50);
        assertThat(web.getConfig().getLabelsMap()).containsEntry("role", "web");
        assertThat(web.getConfig().getTaints(0).getEffect()).isEqualTo(NodeTaint.Effect.NO_SCHEDULE);
        assertThat(web.getAutoscaling().getEnabled()).isTrue();
        assertThat(web.getAutoscaling().getMinNodeCount()).isEqualTo(1);
        assertThat(web.getAutoscaling().getMaxNodeCount()).isEqualTo(5);
        com.google.container.v1.NodePool fixed = sent.getNodePools(1);
        assertThat(fixed.getInitialNodeCount()).isEqualTo(3);
        assertThat(fixed.getAutoscaling().getEnabled()).isFalse(); // pinned: min = desired = max
        assertThat(fixed.getConfig().getMachineType()).isEmpty(); // GKE's default
    }

    @Test
    void createInAZoneOfTheRegionGoesToThatLocation() {
        answer(post(urlPathEqualTo(BASE + "us-central1-c/clusters")), 200,
                operationJson("operation-z", "CREATE_CLUSTER", "RUNNING", "clusters/z1", ""));
        answer(get(urlPathEqualTo(BASE + "us-central1-c/clusters/z1")), 200,
                "{\"name\": \"z1\", \"location\": \"us-central1-c\", \"status\": \"PROVISIONING\"}");

        Cluster made = gke.create(ClusterSpec.builder("z1").region("us-central1-c").build());

        assertThat(made.region()).isEqualTo("us-central1-c");
        // Later reads go to the zone it was made in, not to the region.
        assertThat(gke.get("z1")).map(Cluster::region).contains("us-central1-c");
        wire.verify(0, getRequestedFor(urlPathEqualTo(BASE + REGION + "/clusters/z1")));
    }

    @Test
    void createRefusesWhatGkeWouldBeforeCallingIt() {
        AltoException otherRegion = catchThrowableOfType(AltoException.class,
                () -> gke.create(ClusterSpec.builder("c1").region("europe-west4").build()));
        AltoException upperCase = catchThrowableOfType(AltoException.class,
                () -> gke.create(ClusterSpec.builder("Cluster_1").build()));
        AltoException roles = catchThrowableOfType(AltoException.class,
                () -> gke.create(ClusterSpec.builder("c1").role("clusterRoleArn", "x").build()));

        assertThat(otherRegion.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(upperCase.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(upperCase.getMessage()).contains("lowercase");
        assertThat(roles.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        wire.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMissingClusterIsEmptyAfterLookingInEveryLocation() {
        answer(get(urlPathEqualTo(CLUSTER)), 404, error(404, "NOT_FOUND", "Not found: clusters/c1."));
        answer(get(urlPathEqualTo(BASE + "-/clusters")), 200, "{}");

        assertThat(gke.get("c1")).isEmpty();
        AltoException e = catchThrowableOfType(AltoException.class, () -> gke.require("c1"));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        wire.verify(2, getRequestedFor(urlPathEqualTo(CLUSTER)));
        wire.verify(2, getRequestedFor(urlPathEqualTo(BASE + "-/clusters")));
    }

    @Test
    void aClusterWithNodePoolsIsNotDeleted() {
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.31.5-gke.1000"));
        answer(get(urlPathEqualTo(CLUSTER + "/nodePools")), 200,
                "{\"nodePools\": [" + poolJson("web", 2, false, 0, 0) + "]}");

        AltoException e = catchThrowableOfType(AltoException.class, () -> gke.delete("c1"));

        assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
        wire.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void deleteAnswersTheClusterStopping() {
        wire.stubFor(get(urlPathEqualTo(CLUSTER)).inScenario("delete").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(clusterJson("c1", "RUNNING", "1.31.5-gke.1000"))));
        answer(get(urlPathEqualTo(CLUSTER + "/nodePools")), 200, "{}");
        wire.stubFor(delete(urlPathEqualTo(CLUSTER)).inScenario("delete").willSetStateTo("deleting")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(operationJson("operation-del", "DELETE_CLUSTER", "RUNNING", "clusters/c1", ""))));
        wire.stubFor(get(urlPathEqualTo(CLUSTER)).inScenario("delete").whenScenarioStateIs("deleting")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(clusterJson("c1", "STOPPING", "1.31.5-gke.1000"))));

        Cluster gone = gke.delete("c1");

        assertThat(gone.state()).isEqualTo(ClusterState.DELETING);
        assertThat(gone.rawStatus()).isEqualTo("STOPPING");
        wire.verify(1, deleteRequestedFor(urlPathEqualTo(CLUSTER)));
    }

    @Test
    void statusesMapOntoPortableStates() {
        answer(get(urlPathEqualTo(BASE + "-/clusters")), 200, """
                {"clusters": [{"name": "a", "location": "us-central1", "status": "PROVISIONING"},
                              {"name": "b", "location": "us-central1", "status": "RECONCILING"},
                              {"name": "c", "location": "us-central1", "status": "ERROR"},
                              {"name": "d", "location": "us-central1", "status": "DEGRADED"},
                              {"name": "e", "location": "us-central1", "status": "STOPPING"}]}
                """);

        assertThat(gke.list()).extracting(Cluster::state).containsExactly(ClusterState.CREATING,
                ClusterState.UPDATING, ClusterState.FAILED, ClusterState.FAILED, ClusterState.DELETING);
        assertThat(gke.list()).extracting(Cluster::rawStatus).containsExactly("PROVISIONING", "RECONCILING",
                "ERROR", "DEGRADED", "STOPPING");
    }

    // ---- upgrades and operations --------------------------------------------------------------------------------

    @Test
    void anUpgradeIsAnOperationFollowedToItsEnd() throws IOException {
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.31.5-gke.1000"));
        answer(post(urlPathEqualTo(CLUSTER + ":updateMaster")), 200,
                operationJson("operation-up", "UPGRADE_MASTER", "RUNNING", "clusters/c1", ""));
        String op = BASE + REGION + "/operations/operation-up";
        wire.stubFor(get(urlPathEqualTo(op)).inScenario("op").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("done").willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(operationJson("operation-up", "UPGRADE_MASTER", "RUNNING", "clusters/c1", ""))));
        wire.stubFor(get(urlPathEqualTo(op)).inScenario("op").whenScenarioStateIs("done")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(operationJson("operation-up", "UPGRADE_MASTER", "DONE", "clusters/c1", ""))));

        ClusterUpdate started = gke.upgrade("c1", "1.32");

        assertThat(started.id()).isEqualTo("operation-up");
        assertThat(started.type()).isEqualTo(UpdateType.VERSION_UPDATE);
        assertThat(started.status()).isEqualTo(UpdateStatus.IN_PROGRESS);
        assertThat(started.params()).containsEntry(ClusterUpdate.VERSION, "1.32");
        UpdateMasterRequest sent = body(wire.findAll(postRequestedFor(urlPathEqualTo(CLUSTER + ":updateMaster")))
                .getFirst(), UpdateMasterRequest.newBuilder()).build();
        assertThat(sent.getMasterVersion()).isEqualTo("1.32");

        assertThat(gke.update("c1", "operation-up").status()).isEqualTo(UpdateStatus.IN_PROGRESS);
        ClusterUpdate done = gke.waitForUpdate("c1", "operation-up", java.time.Duration.ofMinutes(5));
        assertThat(done.status()).isEqualTo(UpdateStatus.SUCCESSFUL);
        assertThat(done.params()).containsEntry(ClusterUpdate.VERSION, "1.32");
    }

    @Test
    void anOperationDoneWithAnErrorFailed() {
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.31.5-gke.1000"));
        answer(get(urlPathEqualTo(BASE + REGION + "/operations/operation-bad")), 200,
                operationJson("operation-bad", "UPGRADE_MASTER", "DONE", "clusters/c1",
                        ", \"error\": {\"code\": 13, \"message\": \"master upgrade failed\"}"));

        ClusterUpdate u = gke.update("c1", "operation-bad");

        assertThat(u.status()).isEqualTo(UpdateStatus.FAILED);
        assertThat(u.errors()).containsExactly("master upgrade failed");
    }

    @Test
    void anOperationOfAnotherClusterOrUnknownIsNotFound() {
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.31.5-gke.1000"));
        answer(get(urlPathEqualTo(BASE + REGION + "/operations/operation-other")), 200,
                operationJson("operation-other", "UPGRADE_MASTER", "DONE", "clusters/c2", ""));
        answer(get(urlPathEqualTo(BASE + REGION + "/operations/operation-none")), 404,
                error(404, "NOT_FOUND", "Not found: operation-none"));

        assertThat(catchThrowableOfType(AltoException.class, () -> gke.update("c1", "operation-other")).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(catchThrowableOfType(AltoException.class, () -> gke.update("c1", "operation-none")).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void anUpgradeThatSkipsAMinorVersionIsRefusedWithoutACall() {
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.31.5-gke.1000"));

        AltoException e = catchThrowableOfType(AltoException.class, () -> gke.upgrade("c1", "1.33"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        wire.verify(0, postRequestedFor(anyUrl()));
    }

    // ---- node pools ---------------------------------------------------------------------------------------------

    @Test
    void poolsReadBackWithTheirSizesTaintsAndVersions() {
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.31.5-gke.1000"));
        answer(get(urlPathEqualTo(CLUSTER + "/nodePools")), 200, "{\"nodePools\": ["
                + poolJson("web", 2, true, 1, 5) + "," + poolJson("batch", 3, false, 0, 0) + "]}");

        List<NodePool> pools = gke.nodePools("c1");

        assertThat(pools).extracting(NodePool::name).containsExactly("batch", "web");
        NodePool batch = pools.get(0);
        assertThat(List.of(batch.desired(), batch.min(), batch.max())).containsExactly(3, 3, 3);
        NodePool web = pools.get(1);
        assertThat(List.of(web.desired(), web.min(), web.max())).containsExactly(2, 1, 5);
        assertThat(web.version()).isEqualTo("1.31");
        assertThat(web.instanceType()).isEqualTo("e2-standard-4");
        assertThat(web.diskGiB()).isEqualTo(100);
        assertThat(web.taints()).containsExactly(new Taint("dedicated", "web", TaintEffect.NO_SCHEDULE));
        assertThat(web.state()).isEqualTo(NodePoolState.ACTIVE);
    }

    @Test
    void scalingSizeAndBoundsSetsAutoscalingWaitsForItThenSetsTheSize() throws IOException {
        String pool = CLUSTER + "/nodePools/web";
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.31.5-gke.1000"));
        answer(get(urlPathEqualTo(pool)), 200, poolJson("web", 2, false, 0, 0));
        answer(post(urlPathEqualTo(pool + ":setAutoscaling")), 200,
                operationJson("operation-as", "UPDATE_CLUSTER", "RUNNING", "clusters/c1/nodePools/web", ""));
        answer(get(urlPathEqualTo(BASE + REGION + "/operations/operation-as")), 200,
                operationJson("operation-as", "UPDATE_CLUSTER", "DONE", "clusters/c1/nodePools/web", ""));
        answer(post(urlPathEqualTo(pool + ":setSize")), 200,
                operationJson("operation-size", "SET_NODE_POOL_SIZE", "RUNNING", "clusters/c1/nodePools/web", ""));

        ClusterUpdate u = gke.scaleNodePool("c1", "web", 4, 1, 6);

        assertThat(u.id()).isEqualTo("operation-size");
        assertThat(u.nodePool()).isEqualTo("web");
        assertThat(u.type()).isEqualTo(UpdateType.CONFIG_UPDATE);
        assertThat(u.params()).containsEntry(ClusterUpdate.DESIRED_SIZE, "4").containsEntry(ClusterUpdate.MIN_SIZE, "1")
                .containsEntry(ClusterUpdate.MAX_SIZE, "6");
        SetNodePoolAutoscalingRequest bounds = body(wire.findAll(postRequestedFor(urlPathEqualTo(
                pool + ":setAutoscaling"))).getFirst(), SetNodePoolAutoscalingRequest.newBuilder()).build();
        assertThat(bounds.getAutoscaling().getEnabled()).isTrue();
        assertThat(bounds.getAutoscaling().getMinNodeCount()).isEqualTo(1);
        assertThat(bounds.getAutoscaling().getMaxNodeCount()).isEqualTo(6);
        SetNodePoolSizeRequest size = body(wire.findAll(postRequestedFor(urlPathEqualTo(pool + ":setSize")))
                .getFirst(), SetNodePoolSizeRequest.newBuilder()).build();
        assertThat(size.getNodeCount()).isEqualTo(4);
        wire.verify(1, getRequestedFor(urlPathEqualTo(BASE + REGION + "/operations/operation-as")));
    }

    @Test
    void scalingOnlyTheSizeIsOneCall() {
        String pool = CLUSTER + "/nodePools/web";
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.31.5-gke.1000"));
        answer(get(urlPathEqualTo(pool)), 200, poolJson("web", 2, true, 1, 5));
        answer(post(urlPathEqualTo(pool + ":setSize")), 200,
                operationJson("operation-size", "SET_NODE_POOL_SIZE", "RUNNING", "clusters/c1/nodePools/web", ""));

        assertThat(gke.scaleNodePool("c1", "web", 4, 1, 5).id()).isEqualTo("operation-size");
        wire.verify(0, postRequestedFor(urlPathEqualTo(pool + ":setAutoscaling")));
    }

    @Test
    void aPoolUpgradeSendsTheNodeVersionWithThePoolsImageType() throws IOException {
        String pool = CLUSTER + "/nodePools/web";
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.32.1-gke.200"));
        answer(get(urlPathEqualTo(pool)), 200, poolJson("web", 2, false, 0, 0));
        answer(put(urlPathEqualTo(pool)), 200,
                operationJson("operation-nodes", "UPGRADE_NODES", "RUNNING", "clusters/c1/nodePools/web", ""));

        ClusterUpdate u = gke.upgradeNodePool("c1", "web", null);

        assertThat(u.type()).isEqualTo(UpdateType.VERSION_UPDATE);
        assertThat(u.params()).containsEntry(ClusterUpdate.VERSION, "1.32");
        UpdateNodePoolRequest sent = body(wire.findAll(putRequestedFor(urlPathEqualTo(pool))).getFirst(),
                UpdateNodePoolRequest.newBuilder()).build();
        assertThat(sent.getNodeVersion()).isEqualTo("1.32");
        assertThat(sent.getImageType()).isEqualTo("COS_CONTAINERD");
    }

    @Test
    void deletingAMissingPoolIsNotFound() {
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.31.5-gke.1000"));
        answer(get(urlPathEqualTo(CLUSTER + "/nodePools/nope")), 404, error(404, "NOT_FOUND", "Not found"));

        AltoException e = catchThrowableOfType(AltoException.class, () -> gke.deleteNodePool("c1", "nope"));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        wire.verify(0, deleteRequestedFor(anyUrl()));
    }

    // ---- errors -------------------------------------------------------------------------------------------------

    @Test
    void googlesErrorsMapOntoPortableOnes() {
        answer(post(urlPathEqualTo(BASE + REGION + "/clusters")), 409,
                error(409, "ALREADY_EXISTS", "Already exists: projects/my-project/locations/us-central1/clusters/c1."));
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.31.5-gke.1000"));
        answer(post(urlPathEqualTo(CLUSTER + ":updateMaster")), 400,
                error(400, "FAILED_PRECONDITION", "Cluster is running incompatible operation operation-1."));
        answer(get(urlPathEqualTo(BASE + REGION + "/serverConfig")), 403,
                error(403, "PERMISSION_DENIED", "Kubernetes Engine API has not been used in project my-project."));

        assertThat(catchThrowableOfType(AltoException.class, () -> gke.create(ClusterSpec.builder("c1").build()))
                .code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        AltoException busy = catchThrowableOfType(AltoException.class, () -> gke.upgrade("c1", "1.32"));
        assertThat(busy.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(busy.providerCode()).isEqualTo("FAILED_PRECONDITION");
        assertThat(catchThrowableOfType(AltoException.class, () -> gke.versions()).code())
                .isEqualTo(ErrorCode.AUTH_FAILURE);
    }

    @Test
    void rateLimitsAreRetried() throws IOException {
        String config = BASE + REGION + "/serverConfig";
        wire.stubFor(get(urlPathEqualTo(config)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody(error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Requests'"))));
        wire.stubFor(get(urlPathEqualTo(config)).inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"validMasterVersions\": [\"1.31.5-gke.1000\", \"1.30.9-gke.1\"],"
                                + " \"defaultClusterVersion\": \"1.31.5-gke.1000\"}")));

        assertThat(gke.versions()).extracting(KubernetesVersion::version).containsExactly("1.30", "1.31");
        wire.verify(2, getRequestedFor(urlPathEqualTo(config)));
    }

    // ---- kubeconfig ---------------------------------------------------------------------------------------------

    @Test
    void theKubeconfigRunsAltoKubeTokenForTheCluster() {
        answer(get(urlPathEqualTo(CLUSTER)), 200, clusterJson("c1", "RUNNING", "1.31.5-gke.1000"));

        Kubeconfig k = gke.kubeconfig("c1");

        assertThat(k.server()).isEqualTo("https://34.1.2.3");
        assertThat(k.certificateAuthority()).isEqualTo("TFMwdExTMUNSVWRKVGlCRFJWSlU=");
        assertThat(k.contextName()).isEqualTo("gke_my-project_us-central1_c1");
        KubeAuth.Exec exec = (KubeAuth.Exec) k.auth();
        assertThat(exec.command()).isEqualTo("alto");
        assertThat(exec.args()).containsExactly("kube-token", "--provider", "gcp", "--cluster", "c1", "--region",
                "us-central1", "--endpoint", "http://127.0.0.1:" + wire.port());
    }

    @Test
    void noKubeconfigBeforeTheClusterHasAnEndpoint() {
        answer(get(urlPathEqualTo(CLUSTER)), 200,
                "{\"name\": \"c1\", \"location\": \"us-central1\", \"status\": \"PROVISIONING\"}");

        assertThat(catchThrowableOfType(AltoException.class, () -> gke.kubeconfig("c1")).code())
                .isEqualTo(ErrorCode.INVALID_STATE);
    }
}
