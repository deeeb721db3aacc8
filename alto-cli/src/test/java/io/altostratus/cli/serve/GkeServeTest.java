package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code alto serve --api gce,gke}: GKE beside Compute Engine on one port over the local cloud on the GCP catalog,
 * with the default bearer token strict mode registers for both; reset wipes clusters.
 */
class GkeServeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private GatewayServer server;
    private HttpClient http;

    @BeforeEach
    void start() {
        server = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local",
                Map.of("transition_ms", "0", "cluster_transition_ms", "0"), null, Duration.ZERO, AuthMode.STRICT,
                "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM, null, Set.of(ServeApi.GCE, ServeApi.GKE)));
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve(path))
                .header("Authorization", "Bearer " + GatewayServer.DEFAULT_GCE_TOKEN)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clustersAreServedBesideComputeEngineAndResetWipesThem() throws Exception {
        String base = "/v1/projects/" + GatewayServer.DEFAULT_GCE_PROJECT + "/locations/us-central1";
        HttpResponse<String> made = call("POST", base + "/clusters", """
                {"cluster": {"name": "lab", "nodePools": [{"name": "pool-1", "initialNodeCount": 1,
                 "config": {"machineType": "e2-medium"}}]}}""");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        assertThat(JSON.readTree(made.body()).path("operationType").asText()).isEqualTo("CREATE_CLUSTER");

        JsonNode cluster = JSON.readTree(call("GET", base + "/clusters/lab", null).body());
        assertThat(cluster.path("name").asText()).isEqualTo("lab");
        assertThat(cluster.path("nodePools").get(0).path("name").asText()).isEqualTo("pool-1");

        HttpResponse<String> zones = call("GET", "/compute/v1/projects/" + GatewayServer.DEFAULT_GCE_PROJECT
                + "/zones", null);
        assertThat(zones.statusCode()).as("Compute Engine on the same port and token").isEqualTo(200);

        HttpResponse<String> reset = call("POST", "/_alto/reset", null);
        assertThat(reset.statusCode()).isEqualTo(200);
        JsonNode after = JSON.readTree(call("GET", base + "/clusters", null).body());
        assertThat(after.path("clusters").size()).isZero();
        assertThat(call("GET", base + "/clusters/lab", null).statusCode()).isEqualTo(404);
    }
}
