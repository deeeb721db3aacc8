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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code alto serve --api ec2,arm} in strict mode, driven by Azure clients we did not write: Microsoft's Node.js
 * resource manager clients ({@code peers/node-arm}: @azure/arm-compute, -network, -resources, installed by
 * .ci/run), skipped with a message where they or node are missing.
 */
class ArmPeersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTION = GatewayServer.DEFAULT_ARM_SUBSCRIPTION;
    private static final Path REPO = Path.of(System.getProperty("alto.repo", "..")).toAbsolutePath().normalize();

    private static GatewayServer server;

    @BeforeAll
    static void start() {
        server = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local", Map.of("transition_ms", "0"),
                null, Duration.ZERO, AuthMode.STRICT, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM, null,
                Set.of(ServeApi.EC2, ServeApi.ARM)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, JsonNode> steps(String out) throws IOException {
        Map<String, JsonNode> steps = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                JsonNode step = JSON.readTree(line);
                steps.put(step.path("step").asText(), step);
            }
        }
        return steps;
    }

    private static List<String> powers(JsonNode listing) {
        List<String> powers = new ArrayList<>();
        listing.path("vms").forEach(vm -> powers.add(vm.path("power").asText()));
        return powers;
    }

    @Test
    void microsoftsNodeClientsTakeAVmThroughItsLifecycle() throws IOException {
        Path peer = REPO.resolve("peers/node-arm");
        assumeTrue(Files.isDirectory(peer.resolve("node_modules/@azure/arm-compute")),
                "the Node.js Azure clients are not installed (cd peers/node-arm && npm ci)");
        assumeTrue(Peers.works("node", "--version"), "node is not installed");
        String endpoint = "http://127.0.0.1:" + server.port();
        Peers.Result walk = Peers.run(peer, Map.of("ALTO_ARM_TOKEN", GatewayServer.DEFAULT_ARM_TOKEN),
                Duration.ofSeconds(120), List.of("node", "arm-walk.mjs", "lifecycle", endpoint, SUBSCRIPTION,
                        "eastus", "nodevm1"));
        assertThat(walk.exit()).as(walk.toString()).isZero();

        Map<String, JsonNode> steps = steps(walk.out());
        assertThat(steps).containsOnlyKeys("group", "vnet", "ip", "nic", "create", "instanceView", "list",
                "deallocated", "started", "restarted", "publicIp", "deleted", "getAfterDelete", "groupDeleted");
        assertThat(steps.get("group").path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(steps.get("vnet").path("subnets").get(0).asText()).isEqualTo("default");
        JsonNode created = steps.get("create");
        assertThat(created.path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(created.path("vmSize").asText()).isEqualTo("Standard_B2s");
        assertThat(created.path("vmId").asText()).matches("[0-9a-f-]{36}");
        assertThat(steps.get("instanceView").path("statuses").toString()).contains("PowerState/running");
        // The power state of every VM comes with the list itself: one request per page, never one per VM.
        assertThat(powers(steps.get("list"))).containsExactly("PowerState/running");
        assertThat(steps.get("list").path("requests").asInt()).isEqualTo(1);
        assertThat(powers(steps.get("deallocated"))).containsExactly("PowerState/deallocated");
        assertThat(powers(steps.get("started"))).containsExactly("PowerState/running");
        assertThat(powers(steps.get("restarted"))).containsExactly("PowerState/running");
        assertThat(steps.get("publicIp").path("ipAddress").asText()).matches("[0-9.]+");
        // deleteOption Delete on the NIC and the OS disk: the VM's delete takes them; the public IP is the caller's.
        JsonNode deleted = steps.get("deleted");
        assertThat(deleted.path("vms").asInt()).isZero();
        assertThat(deleted.path("nics").asInt()).isZero();
        assertThat(deleted.path("ips").asInt()).as("a public IP made on its own stays, as on Azure").isEqualTo(1);
        assertThat(steps.get("getAfterDelete").path("status").asInt()).isEqualTo(404);
        assertThat(steps.get("getAfterDelete").path("code").asText()).isEqualTo("ResourceNotFound");
        assertThat(steps.get("groupDeleted").path("exists").asBoolean()).isFalse();
    }

    @Test
    void strictModeRefusesAnUnknownTokenInArmsWords() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + server.port() + "/subscriptions/" + SUBSCRIPTION + "/resourcegroups?api-version=2025-04-01"))
                    .header("Authorization", "Bearer not-a-token").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(refused.body()).path("error").path("code").asText())
                    .isIn("InvalidAuthenticationToken", "AuthenticationFailed");
            HttpResponse<String> groups = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + server.port() + "/subscriptions/" + SUBSCRIPTION + "/resourcegroups?api-version=2025-04-01"))
                    .header("Authorization", "Bearer " + GatewayServer.DEFAULT_ARM_TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(groups.statusCode()).as(groups.body()).isEqualTo(200);
            assertThat(JSON.readTree(groups.body()).has("value")).isTrue();
        }
    }
}
