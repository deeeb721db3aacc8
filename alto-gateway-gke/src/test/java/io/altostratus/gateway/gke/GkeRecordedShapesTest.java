package io.altostratus.gateway.gke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.container.v1.ListClustersResponse;
import com.google.container.v1.ServerConfig;
import io.altostratus.gateway.gke.GkeEndpoint.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our answers against recorded GKE answers ({@code /work/shared/data/wire/gke/}): every field both have carries the
 * same JSON type (a number stays a number, a list a list), and the fields clients read are there.
 */
class GkeRecordedShapesTest {
    private static final Path WIRE = Path.of("/work/shared/data/wire/gke");
    private static final ObjectMapper JSON = new ObjectMapper();

    private GkeEndpoint gke;

    @BeforeEach
    void start() {
        gke = new GkeEndpoint(1000);
    }

    @AfterEach
    void stop() {
        gke.close();
    }

    private static String recording(String name) throws IOException {
        Path file = WIRE.resolve(name);
        assumeTrue(Files.isReadable(file), "the recording " + file + " is absent; shapes not compared");
        return Files.readString(file);
    }

    @Test
    void theRecordingsAreContainerV1Messages() throws IOException {
        // Strict parsing: the message classes we print with know every field GKE sent.
        assertThat(GkeEndpoint.strict(recording("clusters_list_libcloud.json"), ListClustersResponse.newBuilder())
                .getClustersCount()).isEqualTo(1);
        assertThat(GkeEndpoint.strict(recording("serverconfig_libcloud.json"), ServerConfig.newBuilder())
                .getValidMasterVersionsCount()).isPositive();
    }

    @Test
    void aListedClusterHasTheRecordedFieldsWithTheRecordedTypes() throws IOException {
        JsonNode recorded = JSON.readTree(recording("clusters_list_libcloud.json")).at("/clusters/0");
        Answer made = gke.call("POST", "projects/proj-a/zones/us-central1-a/clusters", """
                {"cluster":{"name":"cluster-1","nodePools":[{"name":"default-pool","initialNodeCount":3,
                 "config":{"machineType":"e2-medium","diskSizeGb":100}}]}}""");
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        gke.advance(Duration.ofSeconds(2));
        Answer listed = gke.call("GET", "projects/proj-a/zones/us-central1-a/clusters", null);
        JsonNode ours = listed.json().at("/clusters/0");

        List<String> mismatches = new ArrayList<>();
        compare("", recorded, ours, mismatches);
        assertThat(mismatches).as("fields whose JSON type differs from GKE's").isEmpty();
        for (String field : List.of("name", "status", "zone", "locations", "currentMasterVersion",
                "currentNodeVersion", "initialClusterVersion", "currentNodeCount", "network", "subnetwork",
                "selfLink", "nodePools")) {
            assertThat(ours.has(field)).as("cluster field " + field).isTrue();
        }
        for (String field : List.of("name", "status", "version", "initialNodeCount", "config", "autoscaling")) {
            assertThat(ours.at("/nodePools/0").has(field)).as("node pool field " + field).isTrue();
        }
        assertThat(ours.at("/nodePools/0/config/diskSizeGb").asInt()).isEqualTo(100);
        assertThat(ours.at("/zone").asText()).isEqualTo(recorded.at("/zone").asText());
        assertThat(ours.at("/locations")).hasSize(1);
    }

    @Test
    void serverConfigHasTheRecordedFieldsWithTheRecordedTypes() throws IOException {
        JsonNode recorded = JSON.readTree(recording("serverconfig_libcloud.json"));
        Answer ours = gke.call("GET", "projects/proj-a/zones/us-central1-a/serverconfig", null);
        List<String> mismatches = new ArrayList<>();
        compare("", recorded, ours.json(), mismatches);
        assertThat(mismatches).isEmpty();
        for (Map.Entry<String, JsonNode> e : recorded.properties()) {
            String field = e.getKey();
            assertThat(ours.json().has(field)).as("serverConfig field " + field).isTrue();
        }
    }

    /** Records each field present in both whose JSON node type differs; lists are compared by their first items. */
    private static void compare(String path, JsonNode recorded, JsonNode ours, List<String> mismatches) {
        if (recorded.getNodeType() != ours.getNodeType()) {
            mismatches.add(path + ": GKE " + recorded.getNodeType() + ", ours " + ours.getNodeType());
            return;
        }
        if (recorded.isObject()) {
            for (Map.Entry<String, JsonNode> e : recorded.properties()) {
                if (ours.has(e.getKey())) {
                    compare(path + "/" + e.getKey(), e.getValue(), ours.get(e.getKey()), mismatches);
                }
            }
        } else if (recorded.isArray() && !recorded.isEmpty() && !ours.isEmpty()) {
            compare(path + "/0", recorded.get(0), ours.get(0), mismatches);
        }
    }
}
