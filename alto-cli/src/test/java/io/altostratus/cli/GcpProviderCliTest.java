package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.cli.serve.GatewayServer;
import io.altostratus.cli.serve.ServeApi;
import io.altostratus.cli.serve.ServeOptions;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alto --provider gcp --endpoint URL ...} against what {@code alto serve --api gce} runs (the Compute Engine
 * front over a fresh local cloud on the GCP catalog), both in this process: the verbs a user types reach GCE's wire
 * through the gcp provider and Google's Java client, and Google's Node.js client (where installed) lists the same
 * instances.
 */
class GcpProviderCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "cli-project";

    @TempDir
    Path home;

    private CliRun alto;
    private GatewayServer serve;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        alto = new CliRun(home);
        serve = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local", Map.of("transition_ms", "0"), null,
                Duration.ZERO, AuthMode.PERMISSIVE, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM, null,
                Set.of(ServeApi.GCE)));
        config = home.resolve("alto.toml");
        Files.writeString(config, "[gcp]\nproject = \"" + PROJECT + "\"\n");
    }

    @AfterEach
    void tearDown() {
        serve.close();
    }

    private CliRun.Result gcp(String... args) {
        return alto.against("gcp", "http://127.0.0.1:" + serve.port(), config).run(args);
    }

    private CliRun.Result ok(String... args) {
        return alto.against("gcp", "http://127.0.0.1:" + serve.port(), config).ok(args);
    }

    private static String state(CliRun.Result listed, String id) {
        for (JsonNode instance : listed.json()) {
            if (instance.get("id").asText().equals(id)) {
                return instance.get("state").asText();
            }
        }
        return "absent";
    }

    @Test
    void launchListStopStartAndRemoveAsAUserTypesThem() throws Exception {
        JsonNode launched = ok("-o", "json", "launch", "--image", "ubuntu:24.04", "--type", "e2-small",
                "--tag", "Name=web-1", "--tag", "team=infra").json();
        assertThat(launched).hasSize(1);
        String id = launched.get(0).get("id").asText();
        // No --region: the gcp provider's default region, and GCE's {zone}/{name} ids.
        assertThat(id).isEqualTo("us-central1-a/web-1");
        assertThat(launched.get(0).get("region").asText()).isEqualTo("us-central1");
        assertThat(launched.get(0).get("instanceType").asText()).isEqualTo("e2-small");
        assertThat(launched.get(0).get("imageId").asText())
                .startsWith("projects/ubuntu-os-cloud/global/images/ubuntu-2404-");

        assertThat(state(ok("-o", "json", "ls"), id)).isEqualTo("running");
        assertThat(nodeClientSees()).containsEntry("web-1", "RUNNING");

        ok("stop", id);
        ok("wait", id, "--state", "stopped");
        CliRun.Result stopped = ok("-o", "json", "ls", "--state", "stopped");
        assertThat(state(stopped, id)).isEqualTo("stopped");
        assertThat(stopped.json().get(0).get("rawState").asText()).as("GCE's word for stopped").isEqualTo("TERMINATED");
        assertThat(nodeClientSees()).containsEntry("web-1", "TERMINATED");

        ok("start", id);
        ok("wait", id);
        assertThat(state(ok("-o", "json", "ls"), id)).isEqualTo("running");

        ok("rm", "--wait", id);
        assertThat(state(ok("-o", "json", "ls"), id)).isIn("terminated", "absent");
        assertThat(nodeClientSees()).doesNotContainKey("web-1");
    }

    @Test
    void aTagThatCannotBeAGceLabelIsRefusedAsBadInputBeforeAnythingIsMade() {
        CliRun.Result refused = gcp("launch", "--image", "ubuntu:24.04", "--type", "e2-small", "--tag", "Team=Infra");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(refused.err()).contains("Team");
        assertThat(ok("-o", "json", "ls").json()).isEmpty();
    }

    @Test
    void aStrictEndpointRefusesAnonymousCallsAndTakesTheConfiguredAccessToken() throws IOException {
        try (GatewayServer strict = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local",
                Map.of("transition_ms", "0"), null, Duration.ZERO, AuthMode.STRICT, "us-east-1", Clock.systemUTC(),
                Sleeper.SYSTEM, null, Set.of(ServeApi.GCE)))) {
            String endpoint = "http://127.0.0.1:" + strict.port();
            Path anonymous = home.resolve("anonymous.toml");
            Files.writeString(anonymous, "[gcp]\nproject = \"" + GatewayServer.DEFAULT_GCE_PROJECT + "\"\n");
            CliRun.Result refused = alto.run("--provider", "gcp", "--endpoint", endpoint, "--config",
                    anonymous.toString(), "ls");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.AUTH.code());

            Path withToken = home.resolve("token.toml");
            Files.writeString(withToken, "[gcp]\nproject = \"" + GatewayServer.DEFAULT_GCE_PROJECT
                    + "\"\naccess_token = \"" + GatewayServer.DEFAULT_GCE_TOKEN + "\"\n");
            CliRun.Result launched = alto.run("--provider", "gcp", "--endpoint", endpoint, "--config",
                    withToken.toString(), "-o", "json", "launch", "--image", "debian:12", "--type", "e2-small");
            assertThat(launched.exit()).as(launched.toString()).isZero();
            assertThat(launched.json().get(0).get("state").asText()).isIn("pending", "running");
        }
    }

    /** Name -> status of the instances Google's Node.js client lists in us-central1-a, or skips without it. */
    private Map<String, String> nodeClientSees() throws IOException, InterruptedException {
        Path peer = Path.of(System.getProperty("alto.repo", "..")).toAbsolutePath().normalize()
                .resolve("peers/node-gce");
        assumeTrue(Files.isDirectory(peer.resolve("node_modules/@google-cloud/compute")),
                "the Node.js GCE client is not installed (cd peers/node-gce && npm ci)");
        Process node = new ProcessBuilder("node", "gce-walk.mjs", "list", "http://127.0.0.1:" + serve.port(), PROJECT,
                "us-central1-a").directory(peer.toFile()).redirectErrorStream(true).start();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(node.getInputStream().readAllBytes());
        assertThat(node.exitValue()).as(out).isZero();
        Map<String, String> seen = new java.util.TreeMap<>();
        JSON.readTree(out).path("instances").forEach(i -> seen.put(i.path("name").asText(), i.path("status").asText()));
        return seen;
    }
}
