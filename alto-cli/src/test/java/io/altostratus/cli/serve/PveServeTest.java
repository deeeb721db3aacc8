package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code alto serve --api ec2,pve} in strict mode over the local cloud: the Proxmox VE API answers with the token it
 * registered on its first start, refuses others in PVE's words, shows the backend's zones as nodes and the two
 * templates the local cloud starts with.
 */
class PveServeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theProxmoxApiAnswersTheRegisteredTokenAndShowsNodesAndTemplates() throws Exception {
        try (GatewayServer server = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local",
                Map.of("transition_ms", "0"), null, Duration.ZERO, AuthMode.STRICT, "us-east-1", Clock.systemUTC(),
                Sleeper.SYSTEM, null, Set.of(ServeApi.EC2, ServeApi.PVE)));
             HttpClient http = HttpClient.newHttpClient()) {
            assertThat(server.announcement()).anySatisfy(line -> assertThat(line).contains("Proxmox VE API")
                    .contains("/api2/json/"));
            URI nodes = server.endpoint().resolve("api2/json/nodes");
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(nodes)
                    .header("Authorization", "PVEAPIToken=root@pam!alto=wrong").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);

            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(nodes)
                    .header("Authorization", "PVEAPIToken=" + GatewayServer.DEFAULT_PVE_TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            List<String> nodeNames = new ArrayList<>();
            JSON.readTree(listed.body()).path("data").forEach(n -> nodeNames.add(n.path("node").asText()));
            assertThat(nodeNames).contains("us-east-1a");

            HttpResponse<String> qemu = http.send(HttpRequest.newBuilder(server.endpoint()
                            .resolve("api2/json/cluster/resources?type=vm"))
                    .header("Authorization", "PVEAPIToken=" + GatewayServer.DEFAULT_PVE_TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(qemu.statusCode()).as(qemu.body()).isEqualTo(200);
            List<Integer> templates = new ArrayList<>();
            for (JsonNode vm : JSON.readTree(qemu.body()).path("data")) {
                if (vm.path("template").asInt() == 1) {
                    templates.add(vm.path("vmid").asInt());
                }
            }
            assertThat(templates).containsExactlyInAnyOrder(PveServed.UBUNTU_TEMPLATE, PveServed.DEBIAN_TEMPLATE);
        }
    }
}
