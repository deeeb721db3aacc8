package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alto serve --api ec2,gce} in strict mode, driven by Compute Engine clients we did not write: Google's Node.js
 * client ({@code peers/node-gce}, installed by .ci/run) and the gcloud CLI where the machine has it. Each is skipped
 * with a message where its client is missing.
 */
class GcePeersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = GatewayServer.DEFAULT_GCE_PROJECT;
    private static final String ZONE = "us-central1-a";
    private static final Path REPO = Path.of(System.getProperty("alto.repo", "..")).toAbsolutePath().normalize();

    private static GatewayServer server;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        server = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local", Map.of("transition_ms", "0"),
                null, Duration.ZERO, AuthMode.STRICT, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM, null,
                Set.of(ServeApi.EC2, ServeApi.GCE)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> steps = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                steps.add(JSON.readTree(line));
            }
        }
        return steps;
    }

    @Test
    void googlesNodeClientTakesAnInstanceThroughItsLifecycle() throws IOException {
        Path peer = REPO.resolve("peers/node-gce");
        assumeTrue(Files.isDirectory(peer.resolve("node_modules/@google-cloud/compute")),
                "the Node.js GCE client is not installed (cd peers/node-gce && npm ci)");
        assumeTrue(Peers.works("node", "--version"), "node is not installed");
        String endpoint = "http://127.0.0.1:" + server.port();
        Peers.Result walk = Peers.run(peer, Map.of("ALTO_GCE_TOKEN", GatewayServer.DEFAULT_GCE_TOKEN),
                Duration.ofSeconds(120), List.of("node", "gce-walk.mjs", "lifecycle", endpoint, PROJECT, ZONE,
                        "node-vm-1"));
        assertThat(walk.exit()).as(walk.toString()).isZero();

        Map<String, JsonNode> steps = new LinkedHashMap<>();
        for (JsonNode step : lines(walk.out())) {
            steps.put(step.path("step").asText(), step);
        }
        assertThat(steps).containsOnlyKeys("insert", "get", "list", "stop", "start", "deleted");
        assertThat(steps.get("insert").path("status").asText()).isEqualTo("DONE");
        JsonNode got = steps.get("get");
        assertThat(got.path("status").asText()).isEqualTo("RUNNING");
        assertThat(got.path("machineType").asText()).endsWith("/zones/" + ZONE + "/machineTypes/e2-small");
        assertThat(got.path("labels").path("suite").asText()).isEqualTo("node-client");
        assertThat(got.path("id").asText()).matches("[0-9]+");
        assertThat(steps.get("list").path("instances").findValuesAsText("name")).contains("node-vm-1");
        assertThat(steps.get("stop").path("status").asText()).isEqualTo("TERMINATED");
        assertThat(steps.get("start").path("status").asText()).isEqualTo("RUNNING");
        assertThat(steps.get("start").path("id").asText()).isEqualTo(got.path("id").asText());
        assertThat(steps.get("deleted").path("found").asBoolean()).isFalse();
        assertThat(steps.get("deleted").path("code").asInt()).as("gRPC NOT_FOUND").isEqualTo(5);
    }

    private Peers.Result gcloud(String... args) throws IOException {
        Map<String, String> env = new HashMap<>();
        // A private configuration directory: no account or project of the developer's gcloud leaks in.
        env.put("CLOUDSDK_CONFIG", home.resolve("gcloud").toString());
        env.put("CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE", server.gceEndpoint().toString());
        env.put("CLOUDSDK_AUTH_ACCESS_TOKEN", GatewayServer.DEFAULT_GCE_TOKEN);
        env.put("CLOUDSDK_CORE_PROJECT", PROJECT);
        env.put("CLOUDSDK_CORE_DISABLE_PROMPTS", "1");
        env.put("HOME", home.toString());
        List<String> command = new ArrayList<>(List.of("gcloud"));
        command.addAll(List.of(args));
        return Peers.run(home, env, Duration.ofSeconds(120), command);
    }

    @Test
    void gcloudCreatesListsFiltersAndDeletes() throws IOException {
        assumeTrue(Peers.works("gcloud", "--version"), "gcloud is not installed");
        Peers.Result created = gcloud("compute", "instances", "create", "g-vm-1", "--zone", ZONE,
                "--machine-type", "e2-small", "--image-family", "ubuntu-2404-lts-amd64",
                "--image-project", "ubuntu-os-cloud", "--labels", "team=infra", "--format", "json");
        assertThat(created.exit()).as(created.toString()).isZero();
        JsonNode instance = JSON.readTree(created.out()).get(0);
        assertThat(instance.path("status").asText()).isEqualTo("RUNNING");
        assertThat(instance.path("labels").path("team").asText()).isEqualTo("infra");
        assertThat(instance.path("disks").get(0).path("boot").asBoolean()).isTrue();

        Peers.Result filtered = gcloud("compute", "instances", "list", "--filter", "labels.team=infra",
                "--format", "json");
        assertThat(filtered.exit()).as(filtered.toString()).isZero();
        List<String> names = new ArrayList<>();
        JSON.readTree(filtered.out()).forEach(i -> names.add(i.path("name").asText()));
        assertThat(names).containsExactly("g-vm-1");

        Peers.Result stopped = gcloud("compute", "instances", "stop", "g-vm-1", "--zone", ZONE);
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
        Peers.Result described = gcloud("compute", "instances", "describe", "g-vm-1", "--zone", ZONE,
                "--format", "value(status)");
        assertThat(described.out().trim()).isEqualTo("TERMINATED");

        Peers.Result deleted = gcloud("compute", "instances", "delete", "g-vm-1", "--zone", ZONE, "--quiet");
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        Peers.Result gone = gcloud("compute", "instances", "describe", "g-vm-1", "--zone", ZONE);
        assertThat(gone.exit()).isNotZero();
        assertThat(gone.err()).contains("was not found");
    }

    @Test
    void strictModeRefusesAnUnknownTokenInGooglesShapeWhileTheEc2FrontStillAnswersOnTheSamePort() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(server.gceEndpoint()
                            .resolve("projects/" + PROJECT + "/zones/" + ZONE + "/instances"))
                    .header("Authorization", "Bearer not-a-token").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(refused.body()).path("error").path("code").asInt()).isEqualTo(401);

            HttpResponse<String> ec2 = http.send(HttpRequest.newBuilder(server.endpoint())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeRegions&Version=2016-11-15")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // Unsigned, so strict mode refuses it, in EC2's own words: the EC2 front is the one answering.
            assertThat(ec2.statusCode()).isIn(400, 401, 403);
            assertThat(ec2.body()).contains("<Response>").contains("<Code>");
        }
    }

    @Test
    void withoutTheEc2ApiEc2CallsAreRefusedAndGceStillServes() throws Exception {
        try (GatewayServer gceOnly = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local",
                Map.of("transition_ms", "0"), null, Duration.ZERO, AuthMode.PERMISSIVE, "us-east-1",
                Clock.systemUTC(), Sleeper.SYSTEM, null, Set.of(ServeApi.GCE)));
             HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> ec2 = http.send(HttpRequest.newBuilder(gceOnly.endpoint())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeRegions&Version=2016-11-15")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ec2.statusCode()).isEqualTo(400);
            assertThat(ec2.body()).contains("<Code>InvalidAction</Code>").contains("--api");

            HttpResponse<String> zones = http.send(HttpRequest.newBuilder(gceOnly.gceEndpoint()
                    .resolve("projects/p/zones")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(zones.statusCode()).as(zones.body()).isEqualTo(200);
            assertThat(JSON.readTree(zones.body()).path("items").findValuesAsText("name")).contains(ZONE);
            assertThat(gceOnly.announcement()).hasSize(1).first().asString().contains("GCE endpoint");
        }
    }

    @Test
    void theCloudBillingCatalogAnswersComputeEnginesSkusOnTheSamePortWithTheSameTokens() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> skus = http.send(HttpRequest.newBuilder(server.endpoint()
                            .resolve("v1/services/6F81-5844-456A/skus?pageSize=5"))
                    .header("Authorization", "Bearer " + GatewayServer.DEFAULT_GCE_TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(skus.statusCode()).as(skus.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(skus.body());
            assertThat(page.path("skus")).hasSize(5);
            assertThat(page.path("skus").get(0).path("category").path("serviceDisplayName").asText())
                    .isEqualTo("Compute Engine");
            assertThat(page.path("nextPageToken").asText()).isNotEmpty();

            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(server.endpoint()
                    .resolve("v1/services/6F81-5844-456A/skus")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void theApiListIsParsedCaseInsensitivelyAndUnknownOnesNamed() {
        assertThat(ServeApi.parseList("EC2, gce")).containsExactlyInAnyOrder(ServeApi.EC2, ServeApi.GCE);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServeApi.parseList("ec2,azure")))
                .hasMessageContaining("unknown API 'azure'");
        assertThat(URI.create(server.gceEndpoint().toString()).getPath()).isEqualTo("/compute/v1/");
    }
}
