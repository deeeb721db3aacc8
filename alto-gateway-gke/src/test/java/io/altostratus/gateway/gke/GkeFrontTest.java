package io.altostratus.gateway.gke;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.container.v1.Cluster;
import com.google.container.v1.ListClustersResponse;
import com.google.container.v1.ListNodePoolsResponse;
import com.google.container.v1.ListOperationsResponse;
import com.google.container.v1.NodePool;
import com.google.container.v1.NodeTaint;
import com.google.container.v1.Operation;
import com.google.container.v1.ServerConfig;
import io.altostratus.gateway.gke.GkeEndpoint.Answer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * container/v1 over the local cloud through plain HTTP: every answer parses with the API's own message classes in
 * strict mode, operations finish as the backend settles, and errors are Google's documents.
 */
@SuppressWarnings("deprecation") // zone, currentNodeVersion, currentNodeCount: fields older clients read
class GkeFrontTest {
    private static final String LOC = "projects/" + GkeEndpoint.PROJECT + "/locations/us-central1-a";
    private static final String ZONAL = "projects/" + GkeEndpoint.PROJECT + "/zones/us-central1-a";
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private GkeEndpoint gke;

    @BeforeEach
    void start() {
        gke = new GkeEndpoint(1000);
    }

    @AfterEach
    void stop() {
        gke.close();
    }

    private ServerConfig serverConfig() {
        Answer a = gke.call("GET", LOC + "/serverConfig", null);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return GkeEndpoint.strict(a.text(), ServerConfig.newBuilder()).build();
    }

    /** The oldest master version but one, so that a one-minor upgrade exists. */
    private String olderVersion(ServerConfig config) {
        List<String> newestFirst = config.getValidMasterVersionsList();
        return newestFirst.get(newestFirst.size() - 2);
    }

    private Operation operation(Answer a) {
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return GkeEndpoint.strict(a.text(), Operation.newBuilder()).build();
    }

    private Operation poll(Operation op) {
        return operation(gke.call("GET", LOC + "/operations/" + op.getName(), null));
    }

    private Cluster cluster(String name) {
        Answer a = gke.call("GET", LOC + "/clusters/" + name, null);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return GkeEndpoint.strict(a.text(), Cluster.newBuilder()).build();
    }

    private Operation createCluster(String name, String version) {
        return operation(gke.call("POST", LOC + "/clusters", """
                {"cluster":{"name":"%s","initialClusterVersion":"%s","resourceLabels":{"team":"infra"},
                 "nodePools":[{"name":"pool-a","initialNodeCount":2,
                   "config":{"machineType":"e2-standard-2","diskSizeGb":50,"labels":{"role":"web"},
                             "taints":[{"key":"dedicated","value":"web","effect":"NO_SCHEDULE"}]},
                   "autoscaling":{"enabled":true,"minNodeCount":1,"maxNodeCount":4}}]}}
                """.formatted(name, version)));
    }

    private Cluster running(String name, String version) {
        Operation op = createCluster(name, version);
        gke.advance(SETTLE);
        assertThat(poll(op).getStatus()).isEqualTo(Operation.Status.DONE);
        return cluster(name);
    }

    @Test
    void serverConfigListsTheBackendsVersionsNewestFirstWithTheDefault() {
        ServerConfig config = serverConfig();
        assertThat(config.getValidMasterVersionsList()).hasSizeGreaterThan(1);
        assertThat(config.getValidMasterVersionsList()).contains(config.getDefaultClusterVersion());
        assertThat(config.getValidNodeVersionsList()).isEqualTo(config.getValidMasterVersionsList());
        String newest = config.getValidMasterVersions(0);
        String oldest = config.getValidMasterVersions(config.getValidMasterVersionsCount() - 1);
        assertThat(Integer.parseInt(newest.split("\\.")[1])).isGreaterThan(Integer.parseInt(oldest.split("\\.")[1]));
        // Clients parse versions as SemVer: MAJOR.MINOR.PATCH-gke.N.
        assertThat(config.getValidMasterVersionsList()).allMatch(v -> v.matches("\\d+\\.\\d+\\.\\d+-gke\\.\\d+"));
        // The zonal form's lower-case spelling answers the same.
        Answer zonal = gke.call("GET", ZONAL + "/serverconfig", null);
        assertThat(GkeEndpoint.strict(zonal.text(), ServerConfig.newBuilder()).build()).isEqualTo(config);
    }

    @Test
    void createAnswersARunningOperationThatIsDoneOnceTheClusterIsActive() {
        String version = olderVersion(serverConfig());
        // Any patch of a minor is taken as the minor; answers carry the minor's canonical form.
        Operation op = createCluster("web", version.substring(0, version.indexOf(".0-gke")) + ".3-gke.1200");
        assertThat(op.getOperationType()).isEqualTo(Operation.Type.CREATE_CLUSTER);
        assertThat(op.getStatus()).isEqualTo(Operation.Status.RUNNING);
        assertThat(op.getTargetLink()).endsWith("/v1/" + LOC + "/clusters/web");
        assertThat(op.getSelfLink()).endsWith("/v1/" + LOC + "/operations/" + op.getName());
        assertThat(op.getZone()).isEqualTo("us-central1-a");
        assertThat(op.getStartTime()).isEqualTo("2026-12-07T08:00:00Z");
        assertThat(op.getEndTime()).isEmpty();

        Cluster making = cluster("web");
        assertThat(making.getStatus()).isEqualTo(Cluster.Status.PROVISIONING);
        assertThat(poll(op).getStatus()).isEqualTo(Operation.Status.RUNNING);

        gke.advance(SETTLE);
        Operation done = poll(op);
        assertThat(done.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(done.getEndTime()).isEqualTo("2026-12-07T08:00:02Z");
        assertThat(done.hasError()).isFalse();

        Cluster c = cluster("web");
        assertThat(c.getStatus()).isEqualTo(Cluster.Status.RUNNING);
        assertThat(c.getLocation()).isEqualTo("us-central1-a");
        assertThat(c.getCurrentMasterVersion()).isEqualTo(version);
        assertThat(c.getInitialClusterVersion()).isEqualTo(version);
        assertThat(c.getCurrentNodeVersion()).isEqualTo(version);
        assertThat(c.getEndpoint()).isNotEmpty().doesNotContain("://");
        assertThat(new String(java.util.Base64.getDecoder().decode(c.getMasterAuth().getClusterCaCertificate())))
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(c.getResourceLabelsMap()).containsEntry("team", "infra");
        assertThat(c.getCreateTime()).isEqualTo("2026-12-07T08:00:00Z");
        assertThat(c.getCurrentNodeCount()).isEqualTo(2);
        NodePool pool = c.getNodePools(0);
        assertThat(pool.getName()).isEqualTo("pool-a");
        assertThat(pool.getStatus()).isEqualTo(NodePool.Status.RUNNING);
        assertThat(pool.getConfig().getMachineType()).isEqualTo("e2-standard-2");
        assertThat(pool.getConfig().getDiskSizeGb()).isEqualTo(50);
        assertThat(pool.getConfig().getLabelsMap()).containsEntry("role", "web");
        assertThat(pool.getConfig().getTaintsList()).containsExactly(NodeTaint.newBuilder().setKey("dedicated")
                .setValue("web").setEffect(NodeTaint.Effect.NO_SCHEDULE).build());
        assertThat(pool.getInitialNodeCount()).isEqualTo(2);
        assertThat(pool.getAutoscaling().getEnabled()).isTrue();
        assertThat(pool.getAutoscaling().getMinNodeCount()).isEqualTo(1);
        assertThat(pool.getAutoscaling().getMaxNodeCount()).isEqualTo(4);
        assertThat(pool.getVersion()).isEqualTo(version);

        // The regional list and the all-locations list both show it; the zonal form reads the same cluster.
        Answer listed = gke.call("GET", "projects/proj-a/locations/-/clusters", null);
        ListClustersResponse all = GkeEndpoint.strict(listed.text(), ListClustersResponse.newBuilder()).build();
        assertThat(all.getClustersList()).extracting(Cluster::getName).containsExactly("web");
        Answer regional = gke.call("GET", "projects/proj-a/locations/us-central1/clusters", null);
        assertThat(GkeEndpoint.strict(regional.text(), ListClustersResponse.newBuilder()).getClustersCount())
                .isEqualTo(1);
        Answer zonal = gke.call("GET", ZONAL + "/clusters/web", null);
        assertThat(GkeEndpoint.strict(zonal.text(), Cluster.newBuilder()).build()).isEqualTo(c);
    }

    @Test
    void theOlderFormsInitialNodeCountMakesADefaultPool() {
        operation(gke.call("POST", ZONAL + "/clusters", """
                {"cluster":{"name":"legacy","initialNodeCount":3,"nodeConfig":{"machineType":"e2-medium"}}}"""));
        gke.advance(SETTLE);
        Cluster c = cluster("legacy");
        assertThat(c.getNodePoolsList()).extracting(NodePool::getName).containsExactly("default-pool");
        assertThat(c.getNodePools(0).getInitialNodeCount()).isEqualTo(3);
        assertThat(c.getNodePools(0).getAutoscaling().getEnabled()).isFalse();
    }

    @Test
    void nodePoolsAreAddedResizedUpgradedAndDeletedThroughOperations() {
        ServerConfig config = serverConfig();
        String older = olderVersion(config);
        String newer = config.getValidMasterVersions(config.getValidMasterVersionsCount() - 1 - 2);
        running("c1", older);

        Operation add = operation(gke.call("POST", LOC + "/clusters/c1/nodePools", """
                {"nodePool":{"name":"batch","initialNodeCount":1,"config":{"machineType":"e2-medium"}}}"""));
        assertThat(add.getOperationType()).isEqualTo(Operation.Type.CREATE_NODE_POOL);
        assertThat(add.getTargetLink()).endsWith("/clusters/c1/nodePools/batch");
        gke.advance(SETTLE);
        assertThat(poll(add).getStatus()).isEqualTo(Operation.Status.DONE);

        Answer listed = gke.call("GET", LOC + "/clusters/c1/nodePools", null);
        assertThat(GkeEndpoint.strict(listed.text(), ListNodePoolsResponse.newBuilder()).getNodePoolsList())
                .extracting(NodePool::getName).containsExactly("pool-a", "batch");

        Operation resize = operation(gke.call("POST", LOC + "/clusters/c1/nodePools/batch:setSize",
                "{\"nodeCount\":3}"));
        assertThat(resize.getOperationType()).isEqualTo(Operation.Type.SET_NODE_POOL_SIZE);
        gke.advance(SETTLE);
        assertThat(poll(resize).getStatus()).isEqualTo(Operation.Status.DONE);
        Answer got = gke.call("GET", LOC + "/clusters/c1/nodePools/batch", null);
        NodePool batch = GkeEndpoint.strict(got.text(), NodePool.newBuilder()).build();
        assertThat(batch.getInitialNodeCount()).isEqualTo(3);
        assertThat(batch.getAutoscaling().getMaxNodeCount()).isEqualTo(3);

        // The master moves one minor step (zonal form), then the pool follows (location form, PUT).
        Operation master = operation(gke.call("POST", ZONAL + "/clusters/c1/master",
                "{\"masterVersion\":\"" + newer + "\"}"));
        assertThat(master.getOperationType()).isEqualTo(Operation.Type.UPGRADE_MASTER);
        gke.advance(SETTLE);
        assertThat(poll(master).getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(cluster("c1").getCurrentMasterVersion()).isEqualTo(newer);
        assertThat(cluster("c1").getCurrentNodeVersion()).isEqualTo(older);

        Operation nodes = operation(gke.call("PUT", LOC + "/clusters/c1/nodePools/batch",
                "{\"nodeVersion\":\"-\",\"imageType\":\"COS_CONTAINERD\"}"));
        assertThat(nodes.getOperationType()).isEqualTo(Operation.Type.UPGRADE_NODES);
        gke.advance(SETTLE);
        assertThat(poll(nodes).getStatus()).isEqualTo(Operation.Status.DONE);
        got = gke.call("GET", LOC + "/clusters/c1/nodePools/batch", null);
        assertThat(GkeEndpoint.strict(got.text(), NodePool.newBuilder()).getVersion()).isEqualTo(newer);

        Operation delete = operation(gke.call("DELETE", LOC + "/clusters/c1/nodePools/batch", null));
        assertThat(delete.getOperationType()).isEqualTo(Operation.Type.DELETE_NODE_POOL);
        assertThat(poll(delete).getStatus()).isEqualTo(Operation.Status.RUNNING);
        gke.advance(SETTLE);
        assertThat(poll(delete).getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(gke.call("GET", LOC + "/clusters/c1/nodePools/batch", null).status()).isEqualTo(404);

        Answer ops = gke.call("GET", LOC + "/operations", null);
        assertThat(GkeEndpoint.strict(ops.text(), ListOperationsResponse.newBuilder()).getOperationsList())
                .extracting(Operation::getOperationType)
                .containsExactly(Operation.Type.CREATE_CLUSTER, Operation.Type.CREATE_NODE_POOL,
                        Operation.Type.SET_NODE_POOL_SIZE, Operation.Type.UPGRADE_MASTER,
                        Operation.Type.UPGRADE_NODES, Operation.Type.DELETE_NODE_POOL);
    }

    @Test
    void theMasterUpgradesThroughUpdateAndUpdateMasterOneMinorStepAtATime() {
        ServerConfig config = serverConfig();
        int n = config.getValidMasterVersionsCount();
        String oldest = config.getValidMasterVersions(n - 1);
        String second = config.getValidMasterVersions(n - 2);
        String third = config.getValidMasterVersions(n - 3);
        running("up", oldest);

        Answer skip = gke.call("PUT", LOC + "/clusters/up", "{\"update\":{\"desiredMasterVersion\":\"" + third
                + "\"}}");
        assertThat(skip.status()).as(skip.text()).isEqualTo(400);
        assertThat(skip.at("/error/status")).isEqualTo("INVALID_ARGUMENT");

        Operation viaPut = operation(gke.call("PUT", LOC + "/clusters/up",
                "{\"update\":{\"desiredMasterVersion\":\"" + second + "\"}}"));
        assertThat(cluster("up").getStatus()).isEqualTo(Cluster.Status.RECONCILING);
        gke.advance(SETTLE);
        assertThat(poll(viaPut).getStatus()).isEqualTo(Operation.Status.DONE);

        // "latest" on an upgrade is the next minor, the only step the backend takes.
        Operation viaVerb = operation(gke.call("POST", LOC + "/clusters/up:updateMaster",
                "{\"masterVersion\":\"latest\"}"));
        gke.advance(SETTLE);
        assertThat(poll(viaVerb).getStatus()).isEqualTo(Operation.Status.DONE);
        Cluster c = cluster("up");
        assertThat(c.getCurrentMasterVersion()).isEqualTo(third);
        assertThat(c.getInitialClusterVersion()).isEqualTo(oldest);
    }

    @Test
    void deletingAClusterDeletesItsPoolsFirstAndIsDoneWhenItIsGone() {
        running("gone", serverConfig().getDefaultClusterVersion());
        Operation del = operation(gke.call("DELETE", LOC + "/clusters/gone", null));
        assertThat(del.getOperationType()).isEqualTo(Operation.Type.DELETE_CLUSTER);
        assertThat(del.getStatus()).isEqualTo(Operation.Status.RUNNING);
        assertThat(cluster("gone").getNodePools(0).getStatus()).isEqualTo(NodePool.Status.STOPPING);

        gke.advance(SETTLE);
        assertThat(poll(del).getStatus()).isEqualTo(Operation.Status.RUNNING);
        assertThat(cluster("gone").getStatus()).isEqualTo(Cluster.Status.STOPPING);
        gke.advance(SETTLE);
        Operation done = poll(del);
        assertThat(done.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(done.hasError()).isFalse();
        Answer missing = gke.call("GET", LOC + "/clusters/gone", null);
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void theZonalFormsVerbsAndTheClusterUpdateMoveNodePools() {
        ServerConfig config = serverConfig();
        int n = config.getValidMasterVersionsCount();
        String oldest = config.getValidMasterVersions(n - 1);
        String second = config.getValidMasterVersions(n - 2);
        running("z", oldest);

        Operation resize = operation(gke.call("POST", ZONAL + "/clusters/z/nodePools/pool-a/setSize",
                "{\"nodeCount\":0}"));
        gke.advance(SETTLE);
        assertThat(poll(resize).getStatus()).isEqualTo(Operation.Status.DONE);
        NodePool shrunk = cluster("z").getNodePools(0);
        assertThat(shrunk.getInitialNodeCount()).isZero();
        assertThat(shrunk.getAutoscaling().getMinNodeCount()).isZero();

        // Autoscaling bounds (location form), then off again (zonal form): the pool keeps its size within them.
        Operation bounds = operation(gke.call("POST", LOC + "/clusters/z/nodePools/pool-a:setAutoscaling",
                "{\"autoscaling\":{\"enabled\":true,\"minNodeCount\":1,\"maxNodeCount\":5}}"));
        assertThat(bounds.getOperationType()).isEqualTo(Operation.Type.UPDATE_CLUSTER);
        gke.advance(SETTLE);
        assertThat(poll(bounds).getStatus()).isEqualTo(Operation.Status.DONE);
        NodePool bounded = cluster("z").getNodePools(0);
        assertThat(List.of(bounded.getInitialNodeCount(), bounded.getAutoscaling().getMinNodeCount(),
                bounded.getAutoscaling().getMaxNodeCount())).isEqualTo(List.of(1, 1, 5));
        operation(gke.call("POST", ZONAL + "/clusters/z/nodePools/pool-a/autoscaling",
                "{\"autoscaling\":{\"enabled\":false}}"));
        gke.advance(SETTLE);
        assertThat(cluster("z").getNodePools(0).getAutoscaling().getEnabled()).isFalse();

        operation(gke.call("PUT", LOC + "/clusters/z", "{\"update\":{\"desiredMasterVersion\":\"" + second
                + "\"}}"));
        gke.advance(SETTLE);
        // The cluster update's node form names the pool; with one pool it may be left out, as on GKE.
        Operation nodes = operation(gke.call("PUT", LOC + "/clusters/z", "{\"update\":{\"desiredNodeVersion\":\""
                + second + "\"}}"));
        assertThat(nodes.getOperationType()).isEqualTo(Operation.Type.UPGRADE_NODES);
        assertThat(nodes.getTargetLink()).endsWith("/clusters/z/nodePools/pool-a");
        gke.advance(SETTLE);
        assertThat(poll(nodes).getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(cluster("z").getNodePools(0).getVersion()).isEqualTo(second);

        // The zonal /update verb with a version the pool cannot take (newer than the master) is refused.
        Answer ahead = gke.call("POST", ZONAL + "/clusters/z/nodePools/pool-a/update",
                "{\"nodeVersion\":\"" + config.getValidMasterVersions(n - 3) + "\"}");
        assertThat(ahead.status()).as(ahead.text()).isEqualTo(400);
        Answer nothing = gke.call("PUT", LOC + "/clusters/z", "{\"update\":{\"desiredMonitoringService\":\"none\"}}");
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.at("/error/message")).contains("desiredMasterVersion");
    }

    @Test
    void aDeleteGoesThroughForACallerWhoOnlyReadsTheCluster() {
        running("quiet", serverConfig().getDefaultClusterVersion());
        operation(gke.call("DELETE", LOC + "/clusters/quiet", null));
        int reads = 0;
        Answer a;
        do {
            gke.advance(SETTLE);
            a = gke.call("GET", LOC + "/clusters/quiet", null);
            reads++;
        } while (a.status() == 200 && reads < 5);
        assertThat(a.status()).as("the cluster is gone without anyone polling the operation").isEqualTo(404);
    }

    @Test
    void aZonalClusterIsNotFoundThroughAnotherZone() {
        running("here", serverConfig().getDefaultClusterVersion());
        Answer elsewhere = gke.call("GET", "projects/proj-a/locations/us-central1-b/clusters/here", null);
        assertThat(elsewhere.status()).isEqualTo(404);
        Answer viaRegion = gke.call("GET", "projects/proj-a/locations/us-central1/clusters/here", null);
        assertThat(viaRegion.status()).isEqualTo(200);
        Answer zoneList = gke.call("GET", "projects/proj-a/locations/us-central1-b/clusters", null);
        assertThat(zoneList.json().path("clusters").size()).isZero();
    }

    @Test
    void errorsAreGooglesDocuments() {
        Answer missing = gke.call("GET", LOC + "/clusters/nope", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/error/code").asInt()).isEqualTo(404);
        assertThat(missing.at("/error/status")).isEqualTo("NOT_FOUND");
        assertThat(missing.at("/error/message")).contains("clusters/nope");
        assertThat(missing.at("/error/errors/0/reason")).isEqualTo("notFound");

        createCluster("dup", serverConfig().getDefaultClusterVersion());
        Answer dup = gke.call("POST", LOC + "/clusters", "{\"cluster\":{\"name\":\"dup\"}}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.at("/error/status")).isEqualTo("ALREADY_EXISTS");

        Answer bad = gke.call("POST", LOC + "/clusters", "{\"cluster\":{\"name\":\"Bad_Name\"}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.at("/error/status")).isEqualTo("INVALID_ARGUMENT");

        Answer junk = gke.call("POST", LOC + "/clusters", "{\"cluster\":");
        assertThat(junk.status()).isEqualTo(400);

        Answer verb = gke.call("POST", LOC + "/clusters/dup:setMasterAuth", "{}");
        assertThat(verb.status()).isEqualTo(404);
        assertThat(verb.at("/error/message")).contains("setMasterAuth");

        Answer nowhere = gke.call("GET", "projects/proj-a/locations/mars-north9/clusters", null);
        assertThat(nowhere.status()).isEqualTo(404);

        Answer noOp = gke.call("GET", LOC + "/operations/operation-1-0", null);
        assertThat(noOp.status()).isEqualTo(404);
    }

    @Test
    void aTokenOpensOnlyItsOwnProject() {
        Answer none = gke.call("GET", LOC + "/clusters", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.at("/error/status")).isEqualTo("UNAUTHENTICATED");

        Answer unknown = gke.call("GET", LOC + "/clusters", null, "ya29.nobody");
        assertThat(unknown.status()).isEqualTo(401);

        Answer other = gke.call("GET", LOC + "/clusters", null, GkeEndpoint.OTHER_TOKEN);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.at("/error/status")).isEqualTo("PERMISSION_DENIED");

        // Projects are separate backend accounts: B's cluster is not in A's list.
        Answer made = gke.call("POST", "projects/proj-b/locations/us-central1/clusters",
                "{\"cluster\":{\"name\":\"bee\"}}", GkeEndpoint.OTHER_TOKEN);
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        Answer listA = gke.call("GET", "projects/proj-a/locations/us-central1/clusters", null);
        assertThat(GkeEndpoint.strict(listA.text(), ListClustersResponse.newBuilder()).getClustersCount())
                .isZero();
    }

    @Test
    void serviceUsageSaysTheContainerApiIsEnabledForTheTokensProjectOnly() {
        // gcloud asks this before every cluster create (CLOUDSDK_API_ENDPOINT_OVERRIDES_SERVICEUSAGE).
        Answer on = gke.call("GET", "projects/proj-a/services/container.googleapis.com", null);
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.at("/state")).isEqualTo("ENABLED");
        assertThat(on.at("/name")).isEqualTo("projects/proj-a/services/container.googleapis.com");
        assertThat(gke.call("GET", "projects/proj-a/services/compute.googleapis.com", null).at("/state"))
                .isEqualTo("DISABLED");
        assertThat(gke.call("GET", "projects/proj-b/services/container.googleapis.com", null).status())
                .isEqualTo(403);
    }

    @Test
    void resetForgetsOperations() {
        Operation op = createCluster("r", serverConfig().getDefaultClusterVersion());
        assertThat(gke.front.resetState()).isPositive();
        assertThat(gke.call("GET", LOC + "/operations/" + op.getName(), null).status()).isEqualTo(404);
    }
}
