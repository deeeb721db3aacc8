package io.altostratus.gateway.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.pve.PveEndpoint.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Cluster reads, auth, and our answers checked against PVE's published API schema (read from the shared data). */
class PveClusterAuthSchemaTest {
    private static final Path WIRE = Path.of("/work/shared/data/wire/proxmox");

    @Test
    void clusterReadsShowTheBackendZonesAsNodes() {
        try (PveEndpoint pve = new PveEndpoint(AuthMode.PERMISSIVE, Duration.ZERO)) {
            JsonNode nodes = pve.get("/nodes").data();
            assertThat(nodes.size()).isGreaterThan(1);
            assertThat(nodes.get(0).get("node").asText()).startsWith("us-east-1");
            JsonNode status = pve.get("/cluster/status").data();
            assertThat(status.get(0).get("type").asText()).isEqualTo("cluster");
            assertThat(status.get(0).get("name").asText()).isEqualTo("pve");
            assertThat(status.get(0).get("nodes").asInt()).isEqualTo(nodes.size());
            assertThat(pve.get("/version").data().get("version").asText()).isNotBlank();

            JsonNode vms = pve.get("/cluster/resources?type=vm").data();
            assertThat(vms.size()).isEqualTo(2);
            assertThat(vms.get(0).get("id").asText()).isEqualTo("qemu/9000");
            assertThat(vms.get(0).get("template").asInt()).isEqualTo(1);
            assertThat(vms.get(0).get("tags").asText()).isEqualTo("alto-distro-ubuntu;alto-release-24.04");
            JsonNode storage = pve.get("/cluster/resources?type=storage").data();
            storage.forEach(s -> assertThat(s.get("type").asText()).isEqualTo("storage"));
            assertThat(pve.get("/cluster/resources?type=node").data().size()).isEqualTo(nodes.size());
            assertThat(pve.get("/cluster/resources?type=disk").status()).isEqualTo(400);
        }
    }

    @Test
    void nextIdOfATakenVmidIsAParameterError() throws IOException {
        try (PveEndpoint pve = new PveEndpoint(AuthMode.PERMISSIVE, Duration.ZERO)) {
            Answer taken = pve.get("/cluster/nextid?vmid=9000");
            assertThat(taken.status()).isEqualTo(400);
            assertThat(taken.body().get("errors").get("vmid").asText()).isEqualTo("VM 9000 already exists");
            assertThat(taken.body().get("data").isNull()).isTrue();
            Path recorded = WIRE.resolve("cluster_nextid_400_error.json");
            if (Files.exists(recorded)) {
                JsonNode shape = PveEndpoint.JSON.readTree(recorded.toFile());
                List<String> ours = new ArrayList<>();
                taken.body().fieldNames().forEachRemaining(ours::add);
                List<String> theirs = new ArrayList<>();
                shape.fieldNames().forEachRemaining(theirs::add);
                assertThat(ours).containsExactlyInAnyOrderElementsOf(theirs);
            }
            assertThat(pve.get("/cluster/nextid?vmid=250").data().asText()).isEqualTo("250");
        }
    }

    @Test
    void strictModeWantsARegisteredApiToken() {
        try (PveEndpoint pve = new PveEndpoint(AuthMode.STRICT, Duration.ZERO)) {
            pve.authorization = null;
            Answer none = pve.get("/version");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.body().get("message").asText()).isEqualTo("authentication failure\n");
            pve.authorization = "PVEAPIToken=root@pam!ci=wrong";
            assertThat(pve.get("/version").status()).isEqualTo(401);
            pve.front.tokens().register("default", "root@pam!ci=s3cret");
            pve.authorization = "PVEAPIToken=root@pam!ci=s3cret";
            assertThat(pve.get("/version").status()).isEqualTo(200);
            String upid = pve.post(pve.vm(PveEndpoint.AGENT_TEMPLATE) + "/clone", Map.of("newid", "100"))
                    .data().asText();
            assertThat(upid).endsWith(":root@pam!ci:");
            pve.awaitTask(upid);

            pve.authorization = null;
            Answer badLogin = pve.post("/access/ticket", Map.of("username", "root@pam", "password", "no"));
            assertThat(badLogin.status()).isEqualTo(401);
            pve.front.tokens().register("default", "root@pam:pw");
            JsonNode ticket = pve.post("/access/ticket", Map.of("username", "root@pam", "password", "pw")).data();
            assertThat(ticket.get("ticket").asText()).startsWith("PVE:root@pam:");
            assertThat(ticket.get("CSRFPreventionToken").asText()).isNotBlank();
        }
    }

    @Test
    void missingRequiredParametersAreNamed() {
        try (PveEndpoint pve = new PveEndpoint(AuthMode.PERMISSIVE, Duration.ZERO)) {
            Answer noNewid = pve.post(pve.vm(PveEndpoint.AGENT_TEMPLATE) + "/clone", Map.of("name", "x"));
            assertThat(noNewid.status()).isEqualTo(400);
            assertThat(noNewid.body().get("errors").get("newid").asText())
                    .isEqualTo("property is missing and it is not optional");
            Answer badNewid = pve.post(pve.vm(PveEndpoint.AGENT_TEMPLATE) + "/clone", Map.of("newid", "abc"));
            assertThat(badNewid.body().get("errors").get("newid").asText()).contains("type check ('integer')");
            Answer unknown = pve.put(pve.vm(PveEndpoint.AGENT_TEMPLATE) + "/config", Map.of("bogus", "1"));
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body().get("errors").has("bogus")).isTrue();
            Answer create = pve.post("/nodes/" + pve.node + "/qemu", Map.of("name", "x"));
            assertThat(create.status()).isEqualTo(400);
            assertThat(create.body().get("errors").get("vmid").asText())
                    .isEqualTo("property is missing and it is not optional");
            Answer snapshot = pve.post(pve.vm(PveEndpoint.AGENT_TEMPLATE) + "/snapshot", Map.of());
            assertThat(snapshot.body().get("errors").has("snapname")).isTrue();
            Answer resize = pve.put(pve.vm(PveEndpoint.AGENT_TEMPLATE) + "/resize", Map.of("disk", "scsi0"));
            assertThat(resize.body().get("errors").has("size")).isTrue();
        }
    }

    @Test
    void everyFieldWeAnswerIsInTheSchema() throws IOException {
        Path schemaFile = WIRE.resolve("pve_api_schema_subset.json.gz");
        assumeTrue(Files.exists(schemaFile), "PVE schema subset not at " + schemaFile + "; skipping schema checks");
        JsonNode paths;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(schemaFile))) {
            paths = PveEndpoint.JSON.readTree(in).get("paths");
        }
        try (PveEndpoint pve = new PveEndpoint(AuthMode.PERMISSIVE, Duration.ZERO)) {
            int vmid = pve.cloneTemplate(PveEndpoint.AGENT_TEMPLATE, 100, "schema");
            String upid = pve.post(pve.vm(vmid) + "/status/start", Map.of()).data().asText();
            JsonNode task = pve.awaitTask(upid);
            check(paths, "/nodes/{node}/tasks/{upid}/status", task);
            check(paths, "/nodes", pve.get("/nodes").data().get(0));
            for (JsonNode vm : pve.get("/nodes/" + pve.node + "/qemu").data()) {
                check(paths, "/nodes/{node}/qemu", vm);
            }
            check(paths, "/nodes/{node}/qemu/{vmid}/status/current", pve.get(pve.vm(vmid) + "/status/current").data());
            check(paths, "/nodes/{node}/qemu/{vmid}/config", pve.get(pve.vm(vmid) + "/config").data());
            pve.ok(pve.post(pve.vm(vmid) + "/snapshot", Map.of("snapname", "s1")));
            for (JsonNode snap : pve.get(pve.vm(vmid) + "/snapshot").data()) {
                check(paths, "/nodes/{node}/qemu/{vmid}/snapshot", snap);
            }
            JsonNode disks = pve.get("/nodes/" + pve.node + "/storage/local-lvm/content").data();
            assertThat(disks.size()).isGreaterThan(0);
            for (JsonNode disk : disks) {
                check(paths, "/nodes/{node}/storage/{storage}/content", disk);
            }
            JsonNode ticket = pve.post("/access/ticket", Map.of("username", "root@pam", "password", "x")).data();
            check(paths, "/access/ticket", "POST", ticket);
            assertThat(pve.get(pve.vm(vmid) + "/agent/network-get-interfaces").data().has("result")).isTrue();
        }
    }

    @Test
    void agentInterfacesHaveTheShapeARealGuestAgentGives() throws IOException {
        Path snippets = WIRE.resolve("recorded_snippets_from_github_issues.json");
        assumeTrue(Files.exists(snippets), "recorded PVE snippets not at " + snippets + "; skipping");
        JsonNode recorded = null;
        for (JsonNode snippet : PveEndpoint.JSON.readTree(snippets.toFile()).get("snippets")) {
            if (snippet.get("endpoint").asText().contains("network-get-interfaces")) {
                recorded = PveEndpoint.JSON.readTree(snippet.get("raw").asText()).get("data").get("result");
            }
        }
        assumeTrue(recorded != null, "no recorded agent answer in " + snippets);
        try (PveEndpoint pve = new PveEndpoint(AuthMode.PERMISSIVE, Duration.ZERO)) {
            int vmid = pve.cloneTemplate(PveEndpoint.AGENT_TEMPLATE, 100, "shape");
            pve.ok(pve.post(pve.vm(vmid) + "/status/start", Map.of()));
            JsonNode ours = pve.get(pve.vm(vmid) + "/agent/network-get-interfaces").data().get("result");
            assertThat(ours.size()).isEqualTo(recorded.size());
            for (int i = 0; i < ours.size(); i++) {
                assertThat(fields(ours.get(i))).isEqualTo(fields(recorded.get(i)));
                assertThat(fields(ours.get(i).get("ip-addresses").get(0)))
                        .isEqualTo(fields(recorded.get(i).get("ip-addresses").get(0)));
            }
            assertThat(ours.get(0).get("name").asText()).isEqualTo(recorded.get(0).get("name").asText());
        }
    }

    private static java.util.Set<String> fields(JsonNode node) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void check(JsonNode paths, String path, JsonNode answer) {
        check(paths, path, "GET", answer);
    }

    /** Every field of {@code answer} is a property of the schema's {@code returns} (or items) for the path. */
    private static void check(JsonNode paths, String path, String method, JsonNode answer) {
        JsonNode returns = paths.get(path).get(method).get("returns");
        JsonNode props = returns.has("items") ? returns.get("items").get("properties") : returns.get("properties");
        assertThat(props).as("schema properties of %s %s", method, path).isNotNull();
        List<String> unknown = new ArrayList<>();
        answer.fieldNames().forEachRemaining(field -> {
            String generic = field.replaceFirst("\\d+$", "[n]");
            if (!props.has(field) && !props.has(generic)) {
                unknown.add(field);
            }
        });
        assertThat(unknown).as("fields of %s %s not in the schema", method, path).isEmpty();
    }
}
