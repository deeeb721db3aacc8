package io.altostratus.gateway.arm.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.wait.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AKS wire as a client sees it, in plain HTTP on a manual clock (the backend's clusters change state only when
 * the test moves it): ARM's long-running operation protocol (201/200 + Azure-AsyncOperation, 202 + Location on
 * DELETE, InProgress then Succeeded or Failed), conditional creates, AKS's rules on pools, versions and errors.
 */
class AksFrontTest {
    static final long SETTLE_MS = 10_000;
    static final String CLUSTERS = "/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters";

    ManualClock clock;
    AksEndpoint endpoint;

    @BeforeEach
    void start() {
        clock = new ManualClock(Instant.parse("2026-12-07T08:00:00Z"));
        endpoint = new AksEndpoint(SETTLE_MS, clock);
        assertThat(endpoint.call("PUT", "/resourcegroups/rg1?api-version=2024-11-01", "{\"location\":\"eastus\"}")
                .status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    void settle() {
        clock.advance(Duration.ofMillis(SETTLE_MS + 1));
    }

    static String cluster(String pools) {
        return "{\"location\":\"eastus\",\"tags\":{\"env\":\"test\"},\"identity\":{\"type\":\"SystemAssigned\"},"
                + "\"properties\":{\"dnsPrefix\":\"c1dns\",\"agentPoolProfiles\":[" + pools + "]}}";
    }

    static final String SYSTEM_POOL = "{\"name\":\"sys\",\"count\":1,\"vmSize\":\"Standard_D2s_v3\",\"mode\":\"System\"}";

    AksEndpoint.Answer poll(AksEndpoint.Answer accepted) {
        return endpoint.call("GET", accepted.header("Azure-AsyncOperation"), null);
    }

    @Test
    void createAnswers201CreatingWithAnAsyncOperationThatSucceedsWhenTheBackendSettles() {
        AksEndpoint.Answer put = endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL));

        assertThat(put.status()).isEqualTo(201);
        assertThat(put.at("/properties/provisioningState")).isEqualTo("Creating");
        assertThat(put.at("/properties/agentPoolProfiles/0/provisioningState")).isEqualTo("Creating");
        assertThat(put.header("Azure-AsyncOperation")).matches(".*/subscriptions/" + AksEndpoint.SUBSCRIPTION
                + "/providers/Microsoft.ContainerService/locations/eastus/operations/[0-9a-f-]{36}\\?api-version="
                + AksEndpoint.API);
        assertThat(put.header("Location")).as("PUT gives no Location").isNull();

        AksEndpoint.Answer running = poll(put);
        assertThat(running.status()).isEqualTo(200);
        assertThat(running.at("/status")).isEqualTo("InProgress");
        assertThat(running.json().has("startTime")).isTrue();
        assertThat(running.json().has("endTime")).isFalse();
        assertThat(endpoint.call("GET", CLUSTERS + "/c1", null).at("/properties/provisioningState"))
                .isEqualTo("Creating");

        settle();
        settle();
        AksEndpoint.Answer done = poll(put);
        assertThat(done.at("/status")).isEqualTo("Succeeded");
        assertThat(done.json().has("endTime")).isTrue();
        AksEndpoint.Answer got = endpoint.call("GET", CLUSTERS + "/c1", null);
        assertThat(got.at("/properties/provisioningState")).isEqualTo("Succeeded");
        assertThat(got.at("/properties/agentPoolProfiles/0/provisioningState")).isEqualTo("Succeeded");
        assertThat(got.at("/properties/agentPoolProfiles/0/mode")).isEqualTo("System");
        assertThat(got.at("/properties/fqdn")).isNotBlank();
        assertThat(got.at("/properties/nodeResourceGroup")).isEqualTo("MC_rg1_c1_eastus");
        assertThat(got.at("/tags/env")).isEqualTo("test");
    }

    @Test
    void deleteAnswers202WithLocationAndTakesThePoolsWithTheCluster() {
        endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL + ",{\"name\":\"work\",\"count\":2}"));
        settle();
        settle();

        AksEndpoint.Answer delete = endpoint.call("DELETE", CLUSTERS + "/c1", null);
        assertThat(delete.status()).isEqualTo(202);
        assertThat(delete.header("Location")).contains("monitor=true");
        assertThat(delete.header("Azure-AsyncOperation")).contains("/operations/");
        assertThat(endpoint.call("GET", CLUSTERS + "/c1", null).at("/properties/provisioningState"))
                .isEqualTo("Deleting");
        assertThat(endpoint.call("GET", delete.header("Location"), null).status()).as("monitor while running")
                .isEqualTo(202);

        for (int i = 0; i < 4; i++) {
            settle();
            poll(delete);
        }
        assertThat(poll(delete).at("/status")).isEqualTo("Succeeded");
        assertThat(endpoint.call("GET", delete.header("Location"), null).status()).isEqualTo(200);
        AksEndpoint.Answer gone = endpoint.call("GET", CLUSTERS + "/c1", null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.at("/error/code")).isEqualTo("ResourceNotFound");
        assertThat(endpoint.call("DELETE", CLUSTERS + "/c1", null).status()).as("delete of a gone cluster")
                .isEqualTo(204);
    }

    @Test
    void aDeleteIsSeenThroughByThoseWhoWaitOnTheResource() {
        endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL));
        settle();
        settle();
        endpoint.call("DELETE", CLUSTERS + "/c1", null);

        int status = 200;
        for (int i = 0; i < 5 && status != 404; i++) {
            settle();
            status = endpoint.call("GET", CLUSTERS + "/c1", null).status();
        }
        assertThat(status).isEqualTo(404);
        assertThat(endpoint.call("GET", CLUSTERS, null).json().get("value")).isEmpty();
    }

    @Test
    void racingConditionalCreatesMakeOneClusterAndTheOthersArePreconditionFailed() throws Exception {
        List<Callable<Integer>> puts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String body = cluster(SYSTEM_POOL).replace("\"env\":\"test\"", "\"thread\":\"" + i + "\"");
            puts.add(() -> conditional(CLUSTERS + "/race", body));
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Integer> f : pool.invokeAll(puts)) {
                statuses.add(f.get());
            }
        }

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 412).hasSize(5);
        assertThat(endpoint.call("GET", CLUSTERS, null).json().get("value")).hasSize(1);
    }

    private int conditional(String path, String body) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint.base() + path
                        + "?api-version=" + AksEndpoint.API))
                .header("Content-Type", "application/json").header("If-None-Match", "*")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void changesWhileCreatingAreRefusedAsAnotherOperationInProgress() {
        endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL));

        AksEndpoint.Answer again = endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL)
                .replace("\"test\"", "\"other\""));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.at("/error/code")).isEqualTo("OperationNotAllowed");
        assertThat(again.at("/error/message")).contains("Creating", "in progress");
        AksEndpoint.Answer pool = endpoint.call("PUT", CLUSTERS + "/c1/agentPools/extra", "{\"properties\":{\"count\":1}}");
        assertThat(pool.status()).isEqualTo(409);
    }

    @Test
    void aClusterMayStartWithoutPoolsAndItsOnlyPoolMayGoButNotTheLastSystemPoolBesideUserPools() {
        endpoint.call("PUT", CLUSTERS + "/bare", cluster(""));
        settle();
        assertThat(endpoint.call("GET", CLUSTERS + "/bare", null).json().at("/properties/agentPoolProfiles"))
                .isEmpty();

        AksEndpoint.Answer sys = endpoint.call("PUT", CLUSTERS + "/bare/agentPools/sys",
                "{\"properties\":{\"count\":1,\"mode\":\"System\"}}");
        assertThat(sys.status()).isEqualTo(201);
        assertThat(sys.at("/type")).isEqualTo("Microsoft.ContainerService/managedClusters/agentPools");
        assertThat(sys.json().at("/systemData/createdAt").asText()).isNotBlank();
        AksEndpoint.Answer user = endpoint.call("PUT", CLUSTERS + "/bare/agentPools/usr",
                "{\"properties\":{\"count\":0}}");
        assertThat(user.status()).isEqualTo(201);
        assertThat(user.at("/properties/mode")).isEqualTo("User");
        settle();

        AksEndpoint.Answer refused = endpoint.call("DELETE", CLUSTERS + "/bare/agentPools/sys", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/error/code")).isEqualTo("OperationNotAllowed");
        assertThat(refused.at("/error/message")).contains("last System");

        assertThat(endpoint.call("DELETE", CLUSTERS + "/bare/agentPools/usr", null).status()).isEqualTo(202);
        settle();
        assertThat(endpoint.call("DELETE", CLUSTERS + "/bare/agentPools/sys", null).status()).isEqualTo(202);
        assertThat(endpoint.call("DELETE", CLUSTERS + "/bare/agentPools/nope", null).status()).isEqualTo(204);
    }

    @Test
    void poolNamesAndCountsFollowAksRules() {
        endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL));
        settle();
        settle();

        for (String bad : List.of("Work", "1pool", "thirteenchars", "a-b")) {
            AksEndpoint.Answer a = endpoint.call("PUT", CLUSTERS + "/c1/agentPools/" + bad,
                    "{\"properties\":{\"count\":1}}");
            assertThat(a.status()).as(bad).isEqualTo(400);
            assertThat(a.at("/error/code")).as(bad).isEqualTo("InvalidParameter");
        }
        AksEndpoint.Answer noBounds = endpoint.call("PUT", CLUSTERS + "/c1/agentPools/auto",
                "{\"properties\":{\"count\":1,\"enableAutoScaling\":true}}");
        assertThat(noBounds.status()).isEqualTo(400);
        assertThat(noBounds.at("/error/message")).contains("minCount", "maxCount");
        AksEndpoint.Answer outside = endpoint.call("PUT", CLUSTERS + "/c1/agentPools/auto",
                "{\"properties\":{\"count\":5,\"enableAutoScaling\":true,\"minCount\":1,\"maxCount\":3}}");
        assertThat(outside.status()).isEqualTo(400);
        AksEndpoint.Answer badTaint = endpoint.call("PUT", CLUSTERS + "/c1/agentPools/taint",
                "{\"properties\":{\"count\":1,\"nodeTaints\":[\"novalue\"]}}");
        assertThat(badTaint.status()).isEqualTo(400);
        AksEndpoint.Answer longName = endpoint.call("PUT", CLUSTERS + "/" + "x".repeat(64), cluster(SYSTEM_POOL));
        assertThat(longName.status()).isEqualTo(400);
        assertThat(endpoint.call("GET", CLUSTERS + "/c1/agentPools", null).json().get("value")).hasSize(1);
    }

    @Test
    void aPoolDeletedWhileBeingMadeFailsItsOperation() {
        endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL));
        settle();
        settle();
        AksEndpoint.Answer made = endpoint.call("PUT", CLUSTERS + "/c1/agentPools/gone", "{\"properties\":{\"count\":1}}");
        endpoint.call("DELETE", CLUSTERS + "/c1/agentPools/gone", null);
        settle();

        AksEndpoint.Answer op = poll(made);
        assertThat(op.at("/status")).isEqualTo("Failed");
        assertThat(op.at("/error/message")).contains("gone");
        AksEndpoint.Answer monitor = endpoint.call("GET", made.header("Azure-AsyncOperation")
                .replace("?api-version", "?monitor=true&api-version"), null);
        assertThat(monitor.status()).isEqualTo(409);
    }

    @Test
    void oneNameInTwoGroupsIsTwoClusters() {
        endpoint.call("PUT", "/resourcegroups/rg2?api-version=2024-11-01", "{\"location\":\"eastus\"}");
        assertThat(endpoint.call("PUT", CLUSTERS + "/same", cluster(SYSTEM_POOL)).status()).isEqualTo(201);
        assertThat(endpoint.call("PUT", CLUSTERS.replace("rg1", "rg2") + "/same", cluster(SYSTEM_POOL)).status())
                .isEqualTo(201);
        settle();
        settle();

        JsonNode all = endpoint.call("GET", "/providers/Microsoft.ContainerService/managedClusters", null).json();
        assertThat(all.get("value")).hasSize(2);
        assertThat(all.findValuesAsText("id")).anyMatch(id -> id.contains("/rg1/"))
                .anyMatch(id -> id.contains("/rg2/"));
        assertThat(endpoint.call("GET", CLUSTERS.replace("rg1", "rg2"), null).json().get("value")).hasSize(1);
    }

    @Test
    void upgradeWalksOneMinorAndTheProfilesSayWhere() {
        JsonNode versions = endpoint.call("GET", "/providers/Microsoft.ContainerService/locations/eastus/"
                + "kubernetesVersions", null).json().get("values");
        String from = versions.get(0).get("version").asText();
        String to = versions.get(1).get("version").asText();
        String skip = versions.get(2).get("version").asText();
        assertThat(versions.get(0).get("patchVersions").fieldNames().next()).isEqualTo(from + ".0");
        endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL).replace("\"dnsPrefix\"",
                "\"kubernetesVersion\":\"" + from + "\",\"dnsPrefix\""));
        settle();
        settle();

        JsonNode profile = endpoint.call("GET", CLUSTERS + "/c1/upgradeProfiles/default", null).json();
        assertThat(profile.at("/properties/controlPlaneProfile/kubernetesVersion").asText()).isEqualTo(from + ".0");
        assertThat(profile.at("/properties/controlPlaneProfile/upgrades/0/kubernetesVersion").asText())
                .isEqualTo(to + ".0");
        AksEndpoint.Answer jump = endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL).replace("\"dnsPrefix\"",
                "\"kubernetesVersion\":\"" + skip + "\",\"dnsPrefix\""));
        assertThat(jump.status()).as("two minors at once").isEqualTo(400);

        AksEndpoint.Answer up = endpoint.call("PUT", CLUSTERS + "/c1", cluster("").replace("\"dnsPrefix\"",
                "\"kubernetesVersion\":\"" + to + "\",\"dnsPrefix\""));
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.at("/properties/provisioningState")).isEqualTo("Upgrading");
        assertThat(up.at("/properties/currentKubernetesVersion")).isEqualTo(from + ".0");
        assertThat(up.header("Azure-AsyncOperation")).isNotNull();
        settle();
        assertThat(poll(up).at("/status")).isEqualTo("Succeeded");
        AksEndpoint.Answer after = endpoint.call("GET", CLUSTERS + "/c1", null);
        assertThat(after.at("/properties/currentKubernetesVersion")).isEqualTo(to + ".0");
        assertThat(after.at("/properties/agentPoolProfiles/0/orchestratorVersion")).isEqualTo(from + ".0");
        JsonNode poolProfile = endpoint.call("GET", CLUSTERS + "/c1/agentPools/sys/upgradeProfiles/default", null)
                .json();
        assertThat(poolProfile.at("/properties/upgrades/0/kubernetesVersion").asText()).isEqualTo(to + ".0");
    }

    @Test
    void credentialsAreTheBackendsKubeconfigUnderTheArmName() {
        endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL));
        settle();

        AksEndpoint.Answer creds = endpoint.call("POST", CLUSTERS + "/c1/listClusterUserCredential", null);
        assertThat(creds.status()).isEqualTo(200);
        assertThat(creds.at("/kubeconfigs/0/name")).isEqualTo("clusterUser");
        String yaml = new String(Base64.getDecoder().decode(creds.at("/kubeconfigs/0/value")),
                StandardCharsets.UTF_8);
        String fqdn = endpoint.call("GET", CLUSTERS + "/c1", null).at("/properties/fqdn");
        assertThat(yaml).contains("current-context: \"c1\"", "server: \"https://" + fqdn + "\"",
                "certificate-authority-data:");
        assertThat(endpoint.call("GET", CLUSTERS + "/c1/listClusterUserCredential", null).status())
                .isEqualTo(405);
    }

    @Test
    void deletingTheGroupTakesItsClustersAndFreesTheirNames() {
        endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL));
        settle();
        settle();

        assertThat(endpoint.call("DELETE", "/resourcegroups/rg1?api-version=2024-11-01", null).status())
                .isEqualTo(202);
        JsonNode during = endpoint.call("GET", "/providers/Microsoft.ContainerService/managedClusters", null).json();
        assertThat(during.at("/value/0/properties/provisioningState").asText()).isEqualTo("Deleting");
        for (int i = 0; i < 4; i++) {
            settle();
            endpoint.call("GET", "/providers/Microsoft.ContainerService/managedClusters", null);
        }
        assertThat(endpoint.call("GET", "/providers/Microsoft.ContainerService/managedClusters", null).json()
                .get("value")).isEmpty();

        endpoint.call("PUT", "/resourcegroups/rg1?api-version=2024-11-01", "{\"location\":\"eastus\"}");
        AksEndpoint.Answer again = endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL));
        assertThat(again.status()).as(again.text()).isEqualTo(201);
    }

    @Test
    void aRestartedGatewayKnowsTheClusterAndItsPools() {
        endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL + ",{\"name\":\"work\",\"count\":1,"
                + "\"enableAutoScaling\":true,\"minCount\":1,\"maxCount\":3}"));
        settle();
        settle();

        try (AksEndpoint restarted = new AksEndpoint(SETTLE_MS, clock, endpoint.store)) {
            AksEndpoint.Answer got = restarted.call("GET", CLUSTERS + "/c1", null);
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.at("/properties/dnsPrefix")).isEqualTo("c1dns");
            assertThat(got.at("/tags/env")).isEqualTo("test");
            assertThat(got.at("/properties/agentPoolProfiles/0/mode")).isEqualTo("System");
            assertThat(got.at("/properties/agentPoolProfiles/1/enableAutoScaling")).isEqualTo("true");
            assertThat(got.at("/properties/agentPoolProfiles/1/maxCount")).isEqualTo("3");
        }
    }

    @Test
    void aClusterPutAddsTheNewPoolsItNamesAndResizesTheOthers() {
        endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL));
        settle();
        settle();

        AksEndpoint.Answer put = endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL.replace("\"count\":1",
                "\"count\":2") + ",{\"name\":\"more\",\"count\":1,\"nodeLabels\":{\"tier\":\"b\"}}"));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.header("Azure-AsyncOperation")).isNotNull();
        assertThat(put.at("/properties/agentPoolProfiles/0/provisioningState")).isEqualTo("Scaling");
        assertThat(put.at("/properties/agentPoolProfiles/1/provisioningState")).isEqualTo("Creating");
        assertThat(poll(put).at("/status")).isEqualTo("InProgress");
        settle();
        assertThat(poll(put).at("/status")).isEqualTo("Succeeded");

        AksEndpoint.Answer got = endpoint.call("GET", CLUSTERS + "/c1", null);
        assertThat(got.at("/properties/agentPoolProfiles/0/count")).isEqualTo("2");
        assertThat(got.at("/properties/agentPoolProfiles/1/name")).isEqualTo("more");
        assertThat(got.at("/properties/agentPoolProfiles/1/mode")).isEqualTo("User");
        assertThat(got.at("/properties/agentPoolProfiles/1/nodeLabels/tier")).isEqualTo("b");

        AksEndpoint.Answer same = endpoint.call("PUT", CLUSTERS + "/c1", cluster(SYSTEM_POOL.replace("\"count\":1",
                "\"count\":2")));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.header("Azure-AsyncOperation")).as("nothing to do").isNull();
        assertThat(same.at("/properties/provisioningState")).isEqualTo("Succeeded");
    }

    @Test
    void apiVersionsAreChecked() {
        AksEndpoint.Answer none = endpoint.call("GET", endpoint.base() + CLUSTERS, null);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.at("/error/code")).isEqualTo("MissingApiVersionParameter");
        AksEndpoint.Answer wrong = endpoint.call("GET", CLUSTERS + "?api-version=2099-01-01", null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.at("/error/code")).isEqualTo("InvalidApiVersionParameter");
        assertThat(wrong.at("/error/message")).contains("2025-09-01");
    }
}
