package io.altostratus.azure.clusters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.altostratus.azure.AzureProviderFactory;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AksClusters} against a WireMock stub of Azure Resource Manager's Microsoft.ContainerService, answering with
 * the recorded AKS responses in {@code /work/shared/data/wire/azure/aks_*.json} (Azure SDK for Java session records
 * of live AKS, api-version 2020-09-01; read at test time, the test skipped saying so when they are absent) and bodies
 * shaped like them: what the SDK sends (paths, {@code If-None-Match}, the agent pool profiles), the recorded cluster
 * and pool read into the portable records, long-running operations followed through their status resource from
 * InProgress to Succeeded, the recorded kubeconfig decoded, and ARM's error bodies mapped. Time is a manual clock the
 * sleeper moves: no test sleeps.
 */
class AksClustersWireTest {
    private static final Path WIRE = Path.of(System.getProperty("alto.azure.wire", "/work/shared/data/wire/azure"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "00000000-0000-0000-0000-000000000000";
    /** The recordings' resource group, cluster and pools. */
    private static final String GROUP = "javaacsrg27569";
    private static final String NAME = "aks0a39932063";
    private static final String RP = "/subscriptions/" + SUB + "/resourceGroups/" + GROUP
            + "/providers/Microsoft.ContainerService";
    private static final String CLUSTER = RP + "/managedClusters/" + NAME;
    private static final String POOLS = CLUSTER + "/agentPools";
    private static final String OPERATIONS = "/subscriptions/" + SUB
            + "/providers/Microsoft.ContainerService/locations/eastus/operations/";

    private WireMockServer wire;
    private ManualClock clock;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private Clusters aks;

    @BeforeEach
    void start() {
        wire = new WireMockServer(wireMockConfig().dynamicPort());
        wire.start();
        clock = new ManualClock(Instant.parse("2026-12-07T08:00:00Z"));
        AzureProviderFactory factory = new AzureProviderFactory(d -> {
            sleeps.add(d);
            clock.advance(d);
        }, null, Map.of());
        Map<String, String> settings = new HashMap<>(Map.of("subscription", SUB, "resource_group", GROUP,
                "access_token", "test-token", "retry_base_ms", "100", "retry_max_ms", "5000", "max_attempts", "4"));
        aks = factory.service(Clusters.class, new ProviderContext("eastus", ProviderContext.DEFAULT_ACCOUNT,
                base(), null, settings, clock)).orElseThrow();
    }

    @AfterEach
    void stop() {
        aks.close();
        wire.stop();
    }

    private String base() {
        return "http://127.0.0.1:" + wire.port();
    }

    // ---- recordings -----------------------------------------------------------------------------------------------

    private static JsonNode record(String file) {
        Path path = WIRE.resolve(file);
        assumeTrue(Files.isRegularFile(path), "recorded AKS responses are not at " + WIRE
                + " (set -Dalto.azure.wire=DIR); skipping");
        try {
            return JSON.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String rehost(String s) {
        return s.replace("http://localhost:1234", base());
    }

    /** A recorded response body, host rewritten, with a change applied to its tree. */
    private String body(String file, Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(rehost(JSON.writeValueAsString(
                    record(file).path("response").path("body"))));
            change.accept(node);
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String body(String file) {
        return body(file, n -> { });
    }

    /** A recorded response as it was: status, the headers the SDK reads, body; host rewritten. */
    private ResponseDefinitionBuilder recorded(String file) {
        JsonNode r = record(file).path("response");
        ResponseDefinitionBuilder out = aResponse().withStatus(r.path("statusCode").asInt())
                .withHeader("Content-Type", "application/json");
        for (Map.Entry<String, JsonNode> h : r.path("headers").properties()) {
            if (List.of("azure-asyncoperation", "location", "retry-after", "x-ms-request-id").contains(h.getKey())) {
                out.withHeader(h.getKey(), rehost(h.getValue().asText()));
            }
        }
        return out.withBody(body(file));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
    }

    private void stub(MappingBuilder mapping) {
        wire.stubFor(mapping);
    }

    /** The recorded cluster (a System and a User pool, Succeeded) on GET, and its recorded user credentials. */
    private void recordedCluster(Consumer<ObjectNode> change) {
        stub(get(urlPathEqualTo(CLUSTER)).willReturn(json(200, body("aks_managedCluster_get.json", change))));
        stub(post(urlPathEqualTo(CLUSTER + "/listClusterUserCredential"))
                .willReturn(json(200, body("aks_listClusterUserCredential.json"))));
    }

    /** The recorded agent pool as GET answers it once made. */
    private String settledPool(Consumer<ObjectNode> change) {
        return body("aks_agentPool_put_201.json", n -> {
            ObjectNode props = (ObjectNode) n.path("properties");
            props.put("provisioningState", "Succeeded");
            change.accept(n);
        });
    }

    private static JsonNode sent(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the recorded cluster ---------------------------------------------------------------------------------------

    @Test
    void theRecordedClusterReadsAsAnActiveClusterWithItsFullVersionKept() {
        recordedCluster(n -> { });

        Cluster c = aks.require(NAME);

        assertThat(c.name()).isEqualTo(NAME);
        assertThat(c.id()).endsWith("/managedClusters/" + NAME).contains("/resourcegroups/" + GROUP);
        assertThat(c.region()).isEqualTo("eastus");
        assertThat(c.state()).isEqualTo(ClusterState.ACTIVE);
        assertThat(c.rawStatus()).isEqualTo("Succeeded");
        assertThat(c.version()).isEqualTo("1.18");
        assertThat(c.details()).containsEntry("kubernetesVersion", "1.18.14")
                .containsEntry("nodeResourceGroup", "MC_javaacsrg27569_aks0a39932063_eastus")
                .containsEntry("dnsPrefix", "mp1dns646360").containsEntry("networkPlugin", "kubenet")
                .containsEntry("powerState", "Running").containsEntry("agentPools", "ap0854940,ap1855940");
        assertThat(c.endpoint()).isEqualTo("https://mp1dns646360-11291162.hcp.eastus.azmk8s.io");
        assertThat(c.tags()).isEqualTo(Map.of("tag1", "value1"));
        // The resource has no CA; the recorded credentials do, and get() reads them once.
        assertThat(c.certificateAuthority()).startsWith("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t");
        // The 2020 recording predates systemData: no creation time to read.
        assertThat(c.createdAt()).isNull();

        aks.require(NAME);
        wire.verify(1, postRequestedFor(urlPathEqualTo(CLUSTER + "/listClusterUserCredential")));
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo(CLUSTER))).getFirst().queryParameter("api-version")
                .firstValue()).isEqualTo(AksClusters.API_VERSION);
    }

    @Test
    void aCallerThatMayNotListCredentialsReadsClustersWithoutACaAndAsksOnce() {
        stub(get(urlPathEqualTo(CLUSTER)).willReturn(json(200, body("aks_managedCluster_get.json"))));
        stub(post(urlPathEqualTo(CLUSTER + "/listClusterUserCredential")).willReturn(json(403,
                error("AuthorizationFailed", "The client does not have authorization to perform action "
                        + "'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action'"))));

        Cluster first = aks.require(NAME);
        Cluster second = aks.require(NAME);

        assertThat(first.certificateAuthority()).isNull();
        assertThat(second.state()).isEqualTo(ClusterState.ACTIVE);
        wire.verify(1, postRequestedFor(urlPathEqualTo(CLUSTER + "/listClusterUserCredential")));
    }

    @Test
    void theRecordedCredentialsDecodeIntoAKubeconfigOnTheClustersEndpoint() {
        recordedCluster(n -> { });

        Kubeconfig config = aks.kubeconfig(NAME);

        // AKS writes https://FQDN:443, the same server as the cluster's endpoint.
        assertThat(config.server()).isEqualTo("https://mp1dns646360-11291162.hcp.eastus.azmk8s.io");
        assertThat(config.contextName()).isEqualTo(NAME);
        assertThat(config.certificateAuthority()).startsWith("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t")
                .isEqualTo(aks.require(NAME).certificateAuthority());
        // The recording's user holds a token (redacted by the collector) beside its client certificate.
        assertThat(config.auth()).isEqualTo(new KubeAuth.Token("REDACTED-BY-COLLECTOR"));
        assertThat(config.yaml()).contains("kind: Config", "certificate-authority-data:",
                "token: \"REDACTED-BY-COLLECTOR\"");
    }

    @Test
    void anEntraIdClusterGetsAltosOwnSignInPlugin() {
        String kubeconfig = """
                apiVersion: v1
                clusters:
                - cluster:
                    certificate-authority-data: Q0EtREFUQQ==
                    server: https://aad-1.hcp.eastus.azmk8s.io:443
                  name: aad
                contexts:
                - context: {cluster: aad, user: clusterUser_g_aad}
                  name: aad
                current-context: aad
                kind: Config
                users:
                - name: clusterUser_g_aad
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      command: kubelogin
                      args: [get-token, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]
                """;
        stub(get(urlPathEqualTo(RP + "/managedClusters/aad")).willReturn(json(200, body(
                "aks_managedCluster_get.json", n -> {
                    n.put("name", "aad");
                    ((ObjectNode) n.path("properties")).put("fqdn", "aad-1.hcp.eastus.azmk8s.io");
                }))));
        stub(post(urlPathEqualTo(RP + "/managedClusters/aad/listClusterUserCredential")).willReturn(json(200,
                "{\"kubeconfigs\":[{\"name\":\"clusterUser\",\"value\":\"" + java.util.Base64.getEncoder()
                        .encodeToString(kubeconfig.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}]}")));

        Kubeconfig config = aks.kubeconfig("aad");

        assertThat(config.certificateAuthority()).isEqualTo("Q0EtREFUQQ==");
        assertThat(config.auth()).isInstanceOf(KubeAuth.Exec.class);
        KubeAuth.Exec exec = (KubeAuth.Exec) config.auth();
        assertThat(exec.command()).isEqualTo("alto");
        assertThat(exec.args()).containsExactly("kube-token", "--provider", "azure", "--cluster", "aad", "--region",
                "eastus", "--endpoint", base());
    }

    @Test
    void aKubeconfigThatIsNotOneIsAProviderError() {
        // The documented example's value is base64 of a placeholder, not a kubeconfig.
        String doc = JSON.valueToTree(record("aks_listClusterUserCredential_docexample_2024-09-01.json")
                .path("responses").path("200").path("body")).toString();
        recordedCluster(n -> { });
        stub(post(urlPathEqualTo(CLUSTER + "/listClusterUserCredential")).willReturn(json(200, doc)));

        AltoException e = catchThrowableOfType(AltoException.class, () -> aks.kubeconfig(NAME));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.providerCode()).isEqualTo("InvalidKubeconfig");
    }

    @Test
    void theRecordedPoolsReadWithTheirModesSizesAndVersions() {
        // As later api-versions send it: the cluster's creation time, which a pool without one of its own takes.
        recordedCluster(n -> n.putObject("systemData").put("createdAt", "2026-12-07T07:00:00.1234567Z"));
        String pool = settledPool(n -> {
            ObjectNode props = (ObjectNode) n.path("properties");
            props.put("enableAutoScaling", true).put("minCount", 1).put("maxCount", 4);
            props.putObject("nodeLabels").put("role", "worker");
            props.putArray("nodeTaints").add("dedicated=ci:NoSchedule").add("gpu:NoExecute");
        });
        stub(get(urlPathEqualTo(POOLS)).willReturn(json(200, "{\"value\":[" + pool + "]}")));

        List<NodePool> pools = aks.nodePools(NAME);

        assertThat(pools).hasSize(1);
        NodePool p = pools.getFirst();
        assertThat(p.name()).isEqualTo("ap2541807");
        assertThat(p.state()).isEqualTo(NodePoolState.ACTIVE);
        assertThat(p.instanceType()).isEqualTo("Standard_A2_v2");
        assertThat(List.of(p.desired(), p.min(), p.max())).isEqualTo(List.of(1, 1, 4));
        assertThat(p.version()).isEqualTo("1.18");
        assertThat(p.diskGiB()).isEqualTo(128);
        assertThat(p.labels()).isEqualTo(Map.of("role", "worker"));
        assertThat(p.taints()).containsExactly(new Taint("dedicated", "ci", TaintEffect.NO_SCHEDULE),
                new Taint("gpu", "", TaintEffect.NO_EXECUTE));
        assertThat(p.details()).containsEntry("mode", "User").containsEntry("orchestratorVersion", "1.18.14")
                .containsEntry("nodeImageVersion", "AKSUbuntu-1804-2021.03.29").containsEntry("createdAtSource",
                        "cluster");
        assertThat(p.createdAt()).isEqualTo(Instant.parse("2026-12-07T07:00:00.1234567Z"));
    }

    @Test
    void aListKeepsToTheSessionsLocation() {
        String near = body("aks_managedCluster_get.json");
        String far = body("aks_managedCluster_get.json", n -> n.put("name", "far").put("location", "westeurope"));
        String spaced = body("aks_managedCluster_get.json", n -> n.put("name", "spaced").put("location", "East US"));
        stub(get(urlPathEqualTo(RP + "/managedClusters")).willReturn(json(200,
                "{\"value\":[" + far + "," + near + "," + spaced + "]}")));

        assertThat(aks.list()).extracting(Cluster::name).containsExactly(NAME, "spaced");
        wire.verify(0, postRequestedFor(anyUrl())); // a listing reads no credentials
    }

    @Test
    void aMissingGroupListsNothingButAMissingSubscriptionIsAnError() {
        stub(get(urlPathEqualTo(RP + "/managedClusters")).inScenario("list").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("gone").willReturn(json(404, error("ResourceGroupNotFound",
                        "Resource group 'javaacsrg27569' could not be found."))));
        stub(get(urlPathEqualTo(RP + "/managedClusters")).inScenario("list").whenScenarioStateIs("gone")
                .willReturn(json(404, error("SubscriptionNotFound", "The subscription could not be found."))));

        assertThat(aks.list()).isEmpty();
        AltoException e = catchThrowableOfType(AltoException.class, () -> aks.list());

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(e.providerCode()).isEqualTo("SubscriptionNotFound");
    }

    @Test
    void aClientCertificateAloneIsNotAKubeconfigAltoWrites() {
        String kubeconfig = """
                apiVersion: v1
                clusters:
                - cluster: {certificate-authority-data: Q0E=, server: "https://c.hcp.eastus.azmk8s.io:443"}
                  name: c
                contexts:
                - context: {cluster: c, user: u}
                  name: c
                current-context: c
                users:
                - name: u
                  user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZ}
                """;
        recordedCluster(n -> { });
        stub(post(urlPathEqualTo(CLUSTER + "/listClusterUserCredential")).willReturn(json(200,
                "{\"kubeconfigs\":[{\"name\":\"clusterUser\",\"value\":\"" + java.util.Base64.getEncoder()
                        .encodeToString(kubeconfig.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}]}")));

        AltoException e = catchThrowableOfType(AltoException.class, () -> aks.kubeconfig(NAME));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(e.getMessage()).contains("client certificate");
    }

    // ---- changes --------------------------------------------------------------------------------------------------

    @Test
    void createSendsACreateOnlyPutWithTheSpecAsAgentPoolProfiles() {
        stub(get(urlPathEqualTo(RP + "/managedClusters/c1")).willReturn(json(404,
                error("ResourceNotFound", "The Resource 'Microsoft.ContainerService/managedClusters/c1' under "
                        + "resource group 'javaacsrg27569' was not found."))));
        stub(head(urlPathEqualTo("/subscriptions/" + SUB + "/resourcegroups/" + GROUP))
                .willReturn(aResponse().withStatus(204)));
        stub(put(urlPathEqualTo(RP + "/managedClusters/c1")).willReturn(recorded(
                "aks_managedCluster_put_201_creating.json")));

        ClusterSpec spec = ClusterSpec.builder("c1").version("1.18").tag("team", "infra")
                .nodePool(new NodePoolSpec("sys", "Standard_D2_v2", 1, 1, 1, Map.of(), List.of(), null, null))
                .nodePool(new NodePoolSpec("work", "Standard_A2_v2", 2, 1, 5, Map.of("role", "web"),
                        List.of(new Taint("dedicated", "web", TaintEffect.NO_SCHEDULE)), 64, null))
                .build();
        Cluster made = aks.create(spec);

        assertThat(made.state()).isEqualTo(ClusterState.CREATING);
        assertThat(made.rawStatus()).isEqualTo("Creating");
        assertThat(made.version()).isEqualTo("1.18");
        List<LoggedRequest> puts = wire.findAll(putRequestedFor(urlPathEqualTo(RP + "/managedClusters/c1")));
        assertThat(puts).hasSize(1);
        assertThat(puts.getFirst().getHeader("If-None-Match")).isEqualTo("*");
        JsonNode body = sent(puts.getFirst());
        assertThat(body.path("location").asText()).isEqualTo("eastus");
        assertThat(body.path("tags").path("team").asText()).isEqualTo("infra");
        assertThat(body.path("identity").path("type").asText()).isEqualTo("SystemAssigned");
        JsonNode props = body.path("properties");
        assertThat(props.path("kubernetesVersion").asText()).isEqualTo("1.18");
        assertThat(props.path("dnsPrefix").asText()).isEqualTo("c1");
        ArrayNode profiles = (ArrayNode) props.path("agentPoolProfiles");
        assertThat(profiles).hasSize(2);
        assertThat(profiles.get(0).path("name").asText()).isEqualTo("sys");
        assertThat(profiles.get(0).path("mode").asText()).isEqualTo("System");
        assertThat(profiles.get(0).path("enableAutoScaling").asBoolean()).isFalse();
        assertThat(profiles.get(0).has("minCount")).isFalse();
        assertThat(profiles.get(1).path("mode").asText()).isEqualTo("User");
        assertThat(profiles.get(1).path("count").asInt()).isEqualTo(2);
        assertThat(profiles.get(1).path("vmSize").asText()).isEqualTo("Standard_A2_v2");
        assertThat(profiles.get(1).path("enableAutoScaling").asBoolean()).isTrue();
        assertThat(profiles.get(1).path("minCount").asInt()).isEqualTo(1);
        assertThat(profiles.get(1).path("maxCount").asInt()).isEqualTo(5);
        assertThat(profiles.get(1).path("osDiskSizeGB").asInt()).isEqualTo(64);
        assertThat(profiles.get(1).path("type").asText()).isEqualTo("VirtualMachineScaleSets");
        assertThat(profiles.get(1).path("osType").asText()).isEqualTo("Linux");
        assertThat(profiles.get(1).path("nodeLabels").path("role").asText()).isEqualTo("web");
        assertThat(profiles.get(1).path("nodeTaints").get(0).asText()).isEqualTo("dedicated=web:NoSchedule");
    }

    @Test
    void aCreateOntoANameInUseIsAlreadyExists() {
        stub(get(urlPathEqualTo(RP + "/managedClusters/c1")).willReturn(json(404, error("ResourceNotFound", "x"))));
        stub(head(urlPathEqualTo("/subscriptions/" + SUB + "/resourcegroups/" + GROUP))
                .willReturn(aResponse().withStatus(204)));
        // Another caller made it between our look and our PUT: the If-None-Match precondition fails.
        stub(put(urlPathEqualTo(RP + "/managedClusters/c1")).willReturn(json(412, error("PreconditionFailed",
                "The resource already exists and If-None-Match is *."))));

        AltoException e = catchThrowableOfType(AltoException.class,
                () -> aks.create(ClusterSpec.builder("c1").build()));

        assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        wire.verify(1, putRequestedFor(urlPathEqualTo(RP + "/managedClusters/c1")));
    }

    @Test
    void createRefusesWhatAksWouldBeforeCallingIt() {
        AltoException longName = catchThrowableOfType(AltoException.class,
                () -> aks.create(ClusterSpec.builder("x".repeat(64)).build()));
        AltoException badPool = catchThrowableOfType(AltoException.class,
                () -> aks.create(ClusterSpec.builder("c1").nodePool(NodePoolSpec.of("Pool_1", null, 1)).build()));
        AltoException roles = catchThrowableOfType(AltoException.class,
                () -> aks.create(ClusterSpec.builder("c1").role("clusterRoleArn", "x").build()));
        AltoException elsewhere = catchThrowableOfType(AltoException.class,
                () -> aks.create(ClusterSpec.builder("c1").region("westeurope").build()));

        assertThat(List.of(longName.code(), badPool.code(), roles.code(), elsewhere.code()))
                .containsOnly(ErrorCode.INVALID_PARAMETER);
        assertThat(badPool.getMessage()).contains("12 lowercase");
        wire.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theRecordedAgentPoolPutMakesAUserPoolBesideTheSystemPool() {
        recordedCluster(n -> { });
        stub(put(urlPathEqualTo(POOLS + "/ap2541807")).willReturn(recorded("aks_agentPool_put_201.json")));

        NodePool added = aks.addNodePool(NAME, NodePoolSpec.of("ap2541807", "Standard_A2_v2", 1));

        assertThat(added.state()).isEqualTo(NodePoolState.CREATING);
        assertThat(added.rawStatus()).isEqualTo("Creating");
        assertThat(added.version()).isEqualTo("1.18");
        assertThat(added.instanceType()).isEqualTo("Standard_A2_v2");
        assertThat(added.createdAt()).isEqualTo(clock.instant());
        assertThat(added.details()).containsEntry("mode", "User").containsEntry("createdAtSource", "asked");
        LoggedRequest request = wire.findAll(putRequestedFor(urlPathEqualTo(POOLS + "/ap2541807"))).getFirst();
        assertThat(request.getHeader("If-None-Match")).isEqualTo("*");
        JsonNode props = sent(request).path("properties");
        assertThat(props.path("mode").asText()).as("the cluster has its System pool").isEqualTo("User");
        assertThat(props.path("count").asInt()).isEqualTo(1);
        assertThat(props.path("enableAutoScaling").asBoolean()).isFalse();
    }

    @Test
    void theFirstPoolOfAClusterWithoutPoolsIsASystemPool() {
        recordedCluster(n -> ((ObjectNode) n.path("properties")).putArray("agentPoolProfiles"));
        stub(put(urlPathEqualTo(POOLS + "/first")).willReturn(json(201, settledPool(n -> n.put("name", "first")))));

        aks.addNodePool(NAME, NodePoolSpec.of("first", null, 1));

        JsonNode props = sent(wire.findAll(putRequestedFor(urlPathEqualTo(POOLS + "/first"))).getFirst())
                .path("properties");
        assertThat(props.path("mode").asText()).isEqualTo("System");
    }

    @Test
    void aScaleIsFollowedThroughItsOperationFromInProgressToSucceeded() {
        recordedCluster(n -> { });
        stub(get(urlPathEqualTo(POOLS + "/ap2541807")).willReturn(json(200, settledPool(n -> { }))));
        // The recorded PUT answer: 201 with the operation's Azure-AsyncOperation URL.
        stub(put(urlPathEqualTo(POOLS + "/ap2541807")).willReturn(recorded("aks_agentPool_put_201.json")));
        String operation = OPERATIONS + "f62489ba-543b-4997-89b8-c24a40e1075a";
        stub(get(urlPathEqualTo(operation)).inScenario("op").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("done").willReturn(json(200, body("aks_asyncop_inprogress.json"))));
        stub(get(urlPathEqualTo(operation)).inScenario("op").whenScenarioStateIs("done")
                .willReturn(json(200, body("aks_asyncop_succeeded.json"))));

        ClusterUpdate update = aks.scaleNodePool(NAME, "ap2541807", 3, 1, 5);

        assertThat(update.id()).isEqualTo("f62489ba-543b-4997-89b8-c24a40e1075a");
        assertThat(update.nodePool()).isEqualTo("ap2541807");
        assertThat(update.type()).isEqualTo(UpdateType.CONFIG_UPDATE);
        assertThat(update.status()).isEqualTo(UpdateStatus.IN_PROGRESS);
        assertThat(update.params()).containsEntry(ClusterUpdate.DESIRED_SIZE, "3")
                .containsEntry(ClusterUpdate.MIN_SIZE, "1").containsEntry(ClusterUpdate.MAX_SIZE, "5");
        JsonNode props = sent(wire.findAll(putRequestedFor(urlPathEqualTo(POOLS + "/ap2541807"))).getFirst())
                .path("properties");
        assertThat(props.path("count").asInt()).isEqualTo(3);
        assertThat(props.path("enableAutoScaling").asBoolean()).isTrue();
        assertThat(props.path("minCount").asInt()).isEqualTo(1);
        assertThat(props.path("maxCount").asInt()).isEqualTo(5);
        assertThat(props.path("vmSize").asText()).as("the rest of the pool as it was").isEqualTo("Standard_A2_v2");

        ClusterUpdate running = aks.update(NAME, update.id());
        ClusterUpdate done = aks.update(NAME, update.id());

        assertThat(running.status()).isEqualTo(UpdateStatus.IN_PROGRESS);
        assertThat(done.status()).isEqualTo(UpdateStatus.SUCCESSFUL);
        assertThat(done.params()).isEqualTo(update.params());
        // The URL AKS gave is followed as given (its api-version 2017-08-31), not rebuilt.
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo(operation))))
                .allSatisfy(r -> assertThat(r.queryParameter("api-version").firstValue()).isEqualTo("2017-08-31"));
    }

    @Test
    void anUpgradePutsTheClusterBackWithTheNextMinorVersionOnly() {
        recordedCluster(n -> { });
        stub(put(urlPathEqualTo(CLUSTER)).willReturn(recorded("aks_managedCluster_put_201_creating.json")));
        stub(get(urlPathEqualTo(OPERATIONS + "66b964f1-d4d9-491f-8609-56461a4c9d66"))
                .willReturn(json(200, body("aks_asyncop_succeeded.json"))));

        ClusterUpdate update = aks.upgrade(NAME, "1.19");

        assertThat(update.type()).isEqualTo(UpdateType.VERSION_UPDATE);
        assertThat(update.nodePool()).isNull();
        assertThat(update.params()).containsEntry(ClusterUpdate.VERSION, "1.19");
        assertThat(update.id()).isEqualTo("66b964f1-d4d9-491f-8609-56461a4c9d66");
        JsonNode props = sent(wire.findAll(putRequestedFor(urlPathEqualTo(CLUSTER))).getFirst()).path("properties");
        assertThat(props.path("kubernetesVersion").asText()).isEqualTo("1.19");
        assertThat(props.path("agentPoolProfiles").get(0).path("orchestratorVersion").asText())
                .as("pools stay where they are").isEqualTo("1.18.14");
        assertThat(aks.update(NAME, update.id()).status()).isEqualTo(UpdateStatus.SUCCESSFUL);

        AltoException skip = catchThrowableOfType(AltoException.class, () -> aks.upgrade(NAME, "1.20"));
        assertThat(skip.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        wire.verify(1, putRequestedFor(urlPathEqualTo(CLUSTER)));
    }

    @Test
    void aFailedOperationIsAFailedUpdateWithItsError() {
        recordedCluster(n -> { });
        stub(get(urlPathEqualTo(OPERATIONS + "abc-1")).willReturn(json(200, """
                {"name": "abc-1", "status": "Failed", "startTime": "2026-12-07T07:00:00Z",
                 "error": {"code": "ReconcileVMSSAgentPoolFailed", "message": "Code=\\"AllocationFailed\\""}}
                """)));

        ClusterUpdate failed = aks.update(NAME, "abc-1");

        assertThat(failed.status()).isEqualTo(UpdateStatus.FAILED);
        assertThat(failed.errors()).singleElement().asString().startsWith("ReconcileVMSSAgentPoolFailed: ");
        assertThat(failed.createdAt()).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
    }

    @Test
    void anUnknownOperationIsNotFound() {
        recordedCluster(n -> { });
        stub(get(urlPathEqualTo(OPERATIONS + "00000000-0000-4000-8000-000000000000")).willReturn(json(404,
                error("NotFound", "operation not found"))));

        AltoException e = catchThrowableOfType(AltoException.class,
                () -> aks.update(NAME, "00000000-0000-4000-8000-000000000000"));
        AltoException odd = catchThrowableOfType(AltoException.class, () -> aks.update(NAME, "../x"));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(odd.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void versionsAreTheLocationsMinorVersionsWithoutPreviews() {
        // Shaped as the documented ManagedClusters_ListKubernetesVersions answer (api-version 2023-02-01 on).
        stub(get(urlPathEqualTo("/subscriptions/" + SUB
                + "/providers/Microsoft.ContainerService/locations/eastus/kubernetesVersions")).willReturn(json(200, """
                {"values": [
                  {"version": "1.32", "isPreview": true, "patchVersions": {"1.32.0": {"upgrades": []}}},
                  {"version": "1.30", "patchVersions": {"1.30.9": {"upgrades": ["1.31.5"]}}},
                  {"version": "1.31", "isDefault": true, "patchVersions": {"1.31.5": {"upgrades": []}}},
                  {"version": "1.29", "patchVersions": {"1.29.13": {"upgrades": ["1.30.9"]}}}
                ]}
                """)));

        List<KubernetesVersion> versions = aks.versions();

        assertThat(versions).extracting(KubernetesVersion::version).containsExactly("1.29", "1.30", "1.31");
        assertThat(aks.defaultVersion().version()).isEqualTo("1.31");
    }

    // ---- rules --------------------------------------------------------------------------------------------------

    @Test
    void aClusterWithPoolsIsNotDeleted() {
        recordedCluster(n -> { });

        AltoException e = catchThrowableOfType(AltoException.class, () -> aks.delete(NAME));

        assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
        assertThat(e.getMessage()).contains("ap0854940", "ap1855940");
        wire.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void aDeleteAnswersTheClusterDeleting() {
        stub(get(urlPathEqualTo(CLUSTER)).inScenario("del").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, body("aks_managedCluster_get.json",
                        n -> ((ObjectNode) n.path("properties")).putArray("agentPoolProfiles")))));
        stub(delete(urlPathEqualTo(CLUSTER)).inScenario("del").willSetStateTo("deleting")
                .willReturn(aResponse().withStatus(202).withHeader("Azure-AsyncOperation",
                        base() + OPERATIONS + "d1?api-version=2025-09-01")));
        stub(get(urlPathEqualTo(CLUSTER)).inScenario("del").whenScenarioStateIs("deleting")
                .willReturn(json(200, body("aks_managedCluster_get.json", n -> {
                    ((ObjectNode) n.path("properties")).putArray("agentPoolProfiles");
                    ((ObjectNode) n.path("properties")).put("provisioningState", "Deleting");
                }))));

        Cluster gone = aks.delete(NAME);

        assertThat(gone.state()).isEqualTo(ClusterState.DELETING);
        assertThat(gone.rawStatus()).isEqualTo("Deleting");
        wire.verify(1, deleteRequestedFor(urlPathEqualTo(CLUSTER)));
    }

    @Test
    void theLastSystemPoolStaysWhileUserPoolsRemain() {
        recordedCluster(n -> { });
        stub(get(urlPathEqualTo(POOLS + "/ap0854940")).willReturn(json(200, settledPool(n -> {
            n.put("name", "ap0854940");
            ((ObjectNode) n.path("properties")).put("mode", "System");
        }))));

        AltoException e = catchThrowableOfType(AltoException.class, () -> aks.deleteNodePool(NAME, "ap0854940"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(e.getMessage()).contains("last System pool", "ap1855940");
        wire.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void aPoolNewerThanTheControlPlaneIsRefusedBeforeAnyPut() {
        recordedCluster(n -> { });

        AltoException e = catchThrowableOfType(AltoException.class, () -> aks.addNodePool(NAME,
                NodePoolSpec.of("newer", null, 1).withVersion("1.19")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        wire.verify(0, putRequestedFor(anyUrl()));
    }

    // ---- errors ---------------------------------------------------------------------------------------------------

    @Test
    void theRecordedNotFoundIsAnEmptyGetAndNotFoundElsewhere() {
        stub(get(urlPathEqualTo(CLUSTER)).willReturn(json(404, body("error_404_ResourceNotFound.json"))));

        assertThat(aks.get(NAME)).isEmpty();
        AltoException e = catchThrowableOfType(AltoException.class, () -> aks.nodePools(NAME));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void theRecordedOperationNotAllowedIsInvalidState() {
        recordedCluster(n -> { });
        stub(get(urlPathEqualTo(POOLS + "/ap2541807")).willReturn(json(200, settledPool(n -> { }))));
        stub(put(urlPathEqualTo(POOLS + "/ap2541807")).willReturn(json(409,
                body("error_409_OperationNotAllowed.json"))));

        AltoException e = catchThrowableOfType(AltoException.class,
                () -> aks.scaleNodePool(NAME, "ap2541807", 2, 2, 2));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(e.providerCode()).isEqualTo("OperationNotAllowed");
        wire.verify(1, putRequestedFor(urlPathEqualTo(POOLS + "/ap2541807")));
    }

    @Test
    void throttlingIsRetriedAfterTheServersDelay() {
        stub(get(urlPathEqualTo(CLUSTER)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok").willReturn(json(429, error("TooManyRequests", "Too many requests"))
                        .withHeader("Retry-After", "3")));
        stub(get(urlPathEqualTo(CLUSTER)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(json(200, body("aks_managedCluster_get.json",
                        n -> ((ObjectNode) n.path("properties")).put("provisioningState", "Creating")))));

        Cluster c = aks.require(NAME);

        assertThat(c.state()).isEqualTo(ClusterState.CREATING);
        wire.verify(2, getRequestedFor(urlPathEqualTo(CLUSTER)));
        assertThat(sleeps).first().isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void authorizationAndBadRequestsMapToTheirCodes() {
        stub(get(urlPathEqualTo(CLUSTER)).willReturn(json(403, error("AuthorizationFailed",
                "The client does not have authorization to perform action"))));
        stub(get(urlPathEqualTo("/subscriptions/" + SUB
                + "/providers/Microsoft.ContainerService/locations/eastus/kubernetesVersions")).willReturn(json(400,
                error("InvalidParameter", "location is not valid"))));

        AltoException auth = catchThrowableOfType(AltoException.class, () -> aks.get(NAME));
        AltoException bad = catchThrowableOfType(AltoException.class, () -> aks.versions());

        assertThat(auth.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
        assertThat(bad.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        wire.verify(1, getRequestedFor(urlPathEqualTo(CLUSTER)));
    }

    // ---- pieces -------------------------------------------------------------------------------------------------

    @Test
    void aksWordsReadAsPortableOnes() {
        assertThat(AksConvert.minor("1.31.5")).isEqualTo("1.31");
        assertThat(AksConvert.minor("1.31")).isEqualTo("1.31");
        assertThat(AksConvert.minor("latest")).isNull();
        assertThat(List.of("Creating", "Succeeded", "Upgrading", "Scaling", "Deleting", "Failed", "Canceled")
                .stream().map(AksConvert::clusterState).toList()).containsExactly(ClusterState.CREATING,
                ClusterState.ACTIVE, ClusterState.UPDATING, ClusterState.UPDATING, ClusterState.DELETING,
                ClusterState.FAILED, ClusterState.ACTIVE);
        assertThat(AksConvert.taintStrings(List.of(new Taint("a", "b", TaintEffect.PREFER_NO_SCHEDULE),
                new Taint("c", "", TaintEffect.NO_SCHEDULE)))).containsExactly("a=b:PreferNoSchedule", "c:NoSchedule");
        assertThat(AksConvert.dnsPrefix("my_cluster-")).isEqualTo("my-cluster");
        assertThat(AksClusters.sameServer("https://h.example:443", "https://h.example")).isTrue();
        assertThat(AksClusters.sameServer("https://h.example:6443", "https://h.example")).isFalse();
        assertThat(AksClusters.operationId("http://x/operations/abc-1?api-version=1")).isEqualTo("abc-1");
        AltoException bad = catchThrowableOfType(AltoException.class, () -> AksConvert.taints(List.of("nocolon")));
        assertThat(bad.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
    }
}
