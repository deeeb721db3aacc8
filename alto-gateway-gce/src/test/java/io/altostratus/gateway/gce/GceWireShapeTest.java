package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.gateway.auth.AuthMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our responses against recordings of the real service ({@code /work/shared/data/wire/gce}): the same JSON types
 * for every field both have, and the recording's key fields present in ours. Skipped when the recordings are absent.
 */
class GceWireShapeTest {
    private static final String ZONE = "us-central1-a";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static GceEndpoint endpoint;
    private static JsonNode insertOperation;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(WireShapes.recordingsPresent(), "recordings absent: " + WireShapes.RECORDINGS
                + " (the wire-shape checks need them)");
        endpoint = new GceEndpoint(AuthMode.PERMISSIVE);
        insertOperation = call("POST", "/zones/" + ZONE + "/instances", """
                {"name":"wire-1","machineType":"zones/us-central1-a/machineTypes/e2-small",
                 "disks":[{"boot":true,"initializeParams":{
                   "sourceImage":"projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64"}}],
                 "networkInterfaces":[{"accessConfigs":[{"type":"ONE_TO_ONE_NAT"}]}],
                 "labels":{"env":"wire"}}""", 200);
        call("POST", "/zones/" + ZONE + "/operations/" + insertOperation.get("name").asText() + "/wait", "", 200);
        JsonNode stop = call("POST", "/zones/" + ZONE + "/instances/wire-1/stop", "", 200);
        call("POST", "/zones/" + ZONE + "/operations/" + stop.get("name").asText() + "/wait", "", 200);
        JsonNode second = call("POST", "/zones/" + ZONE + "/instances", """
                {"name":"wire-2","machineType":"zones/us-central1-a/machineTypes/e2-medium",
                 "disks":[{"boot":true,"initializeParams":{
                   "sourceImage":"projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64"}}]}""", 200);
        call("POST", "/zones/" + ZONE + "/operations/" + second.get("name").asText() + "/wait", "", 200);
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private static JsonNode call(String method, String path, String body, int status) throws Exception {
        String url = path.startsWith("http") ? path : endpoint.base() + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/json");
        request.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        return WireShapes.parse(response.body());
    }

    private static void sameShape(JsonNode ours, String recording, List<String> keys) throws Exception {
        JsonNode recorded = WireShapes.recording(recording);
        assertThat(WireShapes.typeMismatches(ours, recorded)).as("types against " + recording).isEmpty();
        assertThat(WireShapes.missing(ours, recorded, keys)).as("key fields of " + recording).isEmpty();
    }

    private static final List<String> RESOURCE = List.of("kind", "id", "name", "selfLink", "creationTimestamp");

    @Test
    void instances() throws Exception {
        List<String> keys = List.of("kind", "id", "name", "selfLink", "status", "zone", "machineType",
                "creationTimestamp", "disks.0.boot", "disks.0.source", "disks.0.kind", "disks.0.mode",
                "disks.0.type", "networkInterfaces.0.networkIP", "networkInterfaces.0.network",
                "networkInterfaces.0.name", "scheduling.automaticRestart", "scheduling.onHostMaintenance",
                "metadata.fingerprint", "metadata.kind", "canIpForward", "tags.fingerprint");
        JsonNode running = call("GET", "/zones/" + ZONE + "/instances/wire-2", "", 200);
        sameShape(running, "instances_get.json", keys);
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("id").isTextual()).isTrue();
        JsonNode stopped = call("GET", "/zones/" + ZONE + "/instances/wire-1", "", 200);
        sameShape(stopped, "instances_get_terminated.json", keys);
        assertThat(stopped.get("status").asText()).isEqualTo("TERMINATED");
        sameShape(call("GET", "/zones/" + ZONE + "/instances", "", 200), "instances_list.json",
                List.of("kind", "id", "selfLink", "items.0.kind", "items.0.id", "items.0.status"));
        JsonNode aggregated = call("GET", "/aggregated/instances", "", 200);
        sameShape(aggregated, "instances_aggregatedList.json", List.of("kind", "id", "items", "selfLink"));
        assertThat(aggregated.at("/items/zones~1us-central1-b/warning/code").asText()).isEqualTo("NO_RESULTS_ON_PAGE");
        assertThat(aggregated.at("/items/zones~1us-central1-a/instances").size()).isEqualTo(2);
    }

    @Test
    void operations() throws Exception {
        List<String> keys = List.of("kind", "id", "name", "operationType", "progress", "selfLink", "startTime",
                "insertTime", "status", "targetLink", "user", "zone");
        sameShape(insertOperation, "instances_insert_operation_pending.json", keys);
        assertThat(insertOperation.get("targetId").isTextual()).isTrue();
        JsonNode done = call("GET", "/zones/" + ZONE + "/operations/" + insertOperation.get("name").asText(), "",
                200);
        sameShape(done, "zoneOperations_get_done.json", List.of("kind", "id", "name", "operationType", "progress",
                "selfLink", "startTime", "insertTime", "endTime", "status", "targetId", "targetLink", "user",
                "zone"));
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
    }

    @Test
    void placesAndTypes() throws Exception {
        sameShape(call("GET", "/zones/" + ZONE, "", 200), "zones_get.json",
                List.of("kind", "id", "name", "selfLink", "creationTimestamp", "description", "region", "status"));
        sameShape(call("GET", "/zones", "", 200), "zones_list.json", List.of("kind", "id", "selfLink", "items"));
        sameShape(call("GET", "/regions/us-central1", "", 200), "regions_get.json",
                List.of("kind", "id", "name", "selfLink", "creationTimestamp", "description", "status", "zones"));
        sameShape(call("GET", "/regions", "", 200), "regions_list.json", List.of("kind", "id", "selfLink", "items"));
        sameShape(call("GET", "/zones/" + ZONE + "/machineTypes/n2-standard-4", "", 200), "machineTypes_get.json",
                List.of("kind", "id", "name", "selfLink", "creationTimestamp", "description", "guestCpus",
                        "memoryMb", "zone", "maximumPersistentDisks", "maximumPersistentDisksSizeGb",
                        "imageSpaceGb"));
        sameShape(call("GET", "/zones/" + ZONE + "/machineTypes", "", 200), "machineTypes_list.json",
                List.of("kind", "id", "selfLink", "items"));
    }

    @Test
    void images() throws Exception {
        JsonNode family = call("GET", endpoint.endpoint()
                + "/compute/v1/projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64", "", 200);
        sameShape(family, "images_getFromFamily_coreos-stable.json",
                List.of("kind", "id", "name", "selfLink", "creationTimestamp", "description", "status", "family",
                        "diskSizeGb", "sourceType", "labelFingerprint"));
        assertThat(family.get("diskSizeGb").isTextual()).isTrue();
        JsonNode list = call("GET", endpoint.endpoint() + "/compute/v1/projects/ubuntu-os-cloud/global/images", "",
                200);
        sameShape(list, "images_list_ubuntu-os-cloud.json", List.of("kind", "id", "selfLink", "items"));
        sameShape(list, "images_list_debian-cloud.json", List.of("kind", "id", "selfLink", "items"));
    }

    @Test
    void bootDisksAndTheDefaultNetwork() throws Exception {
        JsonNode disk = call("GET", "/zones/" + ZONE + "/disks/wire-2", "", 200);
        sameShape(disk, "disks_get.json", List.of("kind", "id", "name", "selfLink", "creationTimestamp", "sizeGb",
                "status", "type", "zone"));
        assertThat(disk.get("users").get(0).asText()).isEqualTo(endpoint.base() + "/zones/" + ZONE
                + "/instances/wire-2");
        sameShape(call("GET", "/zones/" + ZONE + "/disks", "", 200), "disks_list.json",
                List.of("kind", "id", "selfLink", "items"));
        JsonNode network = call("GET", "/global/networks/default", "", 200);
        sameShape(network, "networks_get_custom.json", List.of("kind", "id", "name", "selfLink",
                "creationTimestamp", "autoCreateSubnetworks"));
        sameShape(call("GET", "/global/networks", "", 200), "networks_list.json",
                List.of("kind", "id", "selfLink", "items"));
        JsonNode instance = call("GET", "/zones/" + ZONE + "/instances/wire-2", "", 200);
        // The links an instance carries lead to resources this endpoint serves.
        assertThat(instance.at("/disks/0/source").asText()).isEqualTo(disk.get("selfLink").asText());
        assertThat(instance.at("/networkInterfaces/0/network").asText()).isEqualTo(network.get("selfLink").asText());
        assertThat(disk.get("sourceImage").asText()).isEqualTo(endpoint.endpoint()
                + "/compute/v1/projects/ubuntu-os-cloud/global/images/" + TestGcpCatalog.UBUNTU);
    }

    @Test
    void notFoundError() throws Exception {
        JsonNode error = call("GET", endpoint.endpoint()
                + "/compute/v1/projects/ubuntu-os-cloud/global/images/family/coreos-stable", "", 404);
        sameShape(error, "error_404_notFound.json", List.of("error.code", "error.message", "error.errors.0.domain",
                "error.errors.0.message", "error.errors.0.reason"));
        assertThat(error.at("/error/errors/0/reason").asText()).isEqualTo("notFound");
        assertThat(error.at("/error/message").asText())
                .isEqualTo("The resource 'projects/ubuntu-os-cloud/global/images/family/coreos-stable' was not found");
    }

    @Test
    void resourceKeysArePresent() throws Exception {
        for (String path : List.of("/zones/" + ZONE, "/regions/us-central1",
                "/zones/" + ZONE + "/machineTypes/e2-small",
                "/zones/" + ZONE + "/instances/wire-2")) {
            JsonNode ours = call("GET", path, "", 200);
            for (String key : RESOURCE) {
                assertThat(ours.has(key)).as(path + " has " + key).isTrue();
            }
            assertThat(ours.get("selfLink").asText()).isEqualTo(endpoint.base() + path);
        }
    }
}
