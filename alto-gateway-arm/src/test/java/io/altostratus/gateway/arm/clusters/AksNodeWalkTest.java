package io.altostratus.gateway.arm.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's Node.js AKS client ({@code peers/node-arm/aks-walk.mjs} with {@code @azure/arm-containerservice},
 * installed by .ci/run) walks a cluster through its life against the front: versions, create with a System pool,
 * list, add a labelled and tainted pool, scale it with autoscaling, upgrade the control plane then the pool, read the
 * credentials, delete the pool, delete the cluster. Skipped, saying why, where node or the client is missing.
 */
class AksNodeWalkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PEER = Path.of(System.getProperty("alto.repo", "..")).toAbsolutePath().normalize()
            .resolve("peers/node-arm");

    @Test
    void microsoftsNodeClientWalksAClusterThroughItsLife() throws Exception {
        assumeTrue(Files.isDirectory(PEER.resolve("node_modules/@azure/arm-containerservice")),
                "the Node.js AKS client is not installed (cd peers/node-arm && npm ci)");
        assumeTrue(works("node", "--version"), "node is not installed");
        try (AksEndpoint endpoint = new AksEndpoint(150, Clock.systemUTC())) {
            Process p = new ProcessBuilder("node", "aks-walk.mjs", endpoint.endpoint(), AksEndpoint.SUBSCRIPTION,
                    AksEndpoint.LOCATION, "nodewalk").directory(PEER.toFile()).redirectErrorStream(true).start();
            boolean ended = p.waitFor(120, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ended) {
                p.destroyForcibly();
            }
            assertThat(ended).as("the walk ended in time: " + out).isTrue();
            assertThat(p.exitValue()).as(out).isZero();

            Map<String, JsonNode> steps = steps(out);
            assertThat(steps).containsOnlyKeys("versions", "created", "listed", "poolAdded", "poolScaled", "upgraded",
                    "poolUpgraded", "credentials", "poolDeleted", "deleted", "missingPool");
            String from = steps.get("versions").path("versions").get(0).asText();
            String to = steps.get("versions").path("versions").get(1).asText();
            assertThat(steps.get("versions").path("defaults").asInt()).isEqualTo(1);
            JsonNode created = steps.get("created");
            assertThat(created.path("provisioningState").asText()).isEqualTo("Succeeded");
            assertThat(created.path("kubernetesVersion").asText()).isEqualTo(from);
            assertThat(created.path("dnsPrefix").asText()).isEqualTo("nodewalk-dns");
            assertThat(created.path("tags").path("owner").asText()).isEqualTo("node-walk");
            assertThat(created.path("pools").get(0).path("mode").asText()).isEqualTo("System");
            assertThat(steps.get("listed").path("names").toString()).contains("nodewalk");
            JsonNode added = steps.get("poolAdded");
            assertThat(added.path("count").asInt()).isEqualTo(2);
            assertThat(added.path("mode").asText()).isEqualTo("User");
            assertThat(added.path("nodeLabels").path("role").asText()).isEqualTo("worker");
            assertThat(added.path("nodeTaints").get(0).asText()).isEqualTo("dedicated=ci:NoSchedule");
            JsonNode scaled = steps.get("poolScaled");
            assertThat(scaled.path("count").asInt()).isEqualTo(3);
            assertThat(scaled.path("enableAutoScaling").asBoolean()).isTrue();
            assertThat(scaled.path("maxCount").asInt()).isEqualTo(4);
            assertThat(steps.get("upgraded").path("currentKubernetesVersion").asText()).isEqualTo(to + ".0");
            assertThat(steps.get("poolUpgraded").path("version").asText()).isEqualTo(to + ".0");
            JsonNode creds = steps.get("credentials");
            assertThat(creds.path("name").asText()).isEqualTo("clusterUser");
            assertThat(creds.path("server").asText()).isEqualTo("https://" + steps.get("upgraded").path("fqdn")
                    .asText());
            assertThat(creds.path("hasCa").asBoolean()).isTrue();
            assertThat(steps.get("poolDeleted").path("pools").toString()).isEqualTo("[\"sys\"]");
            assertThat(steps.get("deleted").path("status").asInt()).isEqualTo(404);
            assertThat(steps.get("deleted").path("code").asText()).isEqualTo("ResourceNotFound");
            assertThat(steps.get("missingPool").path("status").asInt()).isEqualTo(404);
        }
    }

    private static Map<String, JsonNode> steps(String out) throws IOException {
        Map<String, JsonNode> steps = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode step = JSON.readTree(line);
                steps.put(step.path("step").asText(), step);
            }
        }
        return steps;
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
