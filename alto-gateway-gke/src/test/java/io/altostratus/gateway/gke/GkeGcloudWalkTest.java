package io.altostratus.gateway.gke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.container.v1.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google's own CLI against the front: {@code gcloud container} with the container endpoint overridden, a bearer
 * token of the front and a private configuration directory. Skipped where gcloud is not installed. The backend runs
 * on the system clock with short transitions, so gcloud's own operation polling sees them finish.
 */
class GkeGcloudWalkTest {
    private static final String ZONE = "us-central1-a";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    private GkeEndpoint gke;
    /** Each gcloud call and its wall time, printed with the walk's total. */
    private final List<String> steps = new ArrayList<>();

    @BeforeEach
    void start() {
        gke = new GkeEndpoint(300, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        gke.close();
    }

    private record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private static boolean gcloudWorks() {
        try {
            Process p = new ProcessBuilder("gcloud", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Result gcloud(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gcloud"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        // A private configuration: no account or project of the developer's gcloud leaks in.
        env.put("CLOUDSDK_CONFIG", home.resolve("gcloud").toString());
        env.put("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", gke.endpoint().toString());
        env.put("CLOUDSDK_AUTH_ACCESS_TOKEN", GkeEndpoint.TOKEN);
        env.put("CLOUDSDK_CORE_PROJECT", GkeEndpoint.PROJECT);
        env.put("CLOUDSDK_CORE_DISABLE_PROMPTS", "1");
        // gcloud asks Service Usage whether the container API is on before a create; the front answers that too.
        env.put("CLOUDSDK_API_ENDPOINT_OVERRIDES_SERVICEUSAGE", gke.endpoint().toString());
        // -Dgke.logHttp=true shows gcloud's requests and answers in the test output when a step fails.
        env.put("CLOUDSDK_CORE_LOG_HTTP", System.getProperty("gke.logHttp", "false"));
        env.put("KUBECONFIG", home.resolve("kubeconfig").toString());
        long t0 = System.nanoTime();
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        // A guard against a hung CLI, not a timing assertion.
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gcloud " + String.join(" ", args) + " did not finish");
        }
        steps.add(String.format("%s %s %.1fs", args[1], args[2], (System.nanoTime() - t0) / 1e9));
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void gcloudCreatesDescribesListsPoolsUpgradesAndDeletes() throws Exception {
        assumeTrue(gcloudWorks(), "gcloud is not installed");
        ServerConfig config = GkeEndpoint.strict(gke.call("GET", "projects/proj-a/locations/" + ZONE
                + "/serverConfig", null).text(), ServerConfig.newBuilder()).build();
        int n = config.getValidMasterVersionsCount();
        String oldest = config.getValidMasterVersions(n - 1);
        String next = config.getValidMasterVersions(n - 2);
        long started = System.nanoTime();

        Result created = gcloud("container", "clusters", "create", "walk", "--zone", ZONE, "--num-nodes", "2",
                "--machine-type", "e2-medium", "--cluster-version", oldest, "--format", "json");
        assertThat(created.exit()).as(created.toString()).isZero();

        Result described = gcloud("container", "clusters", "describe", "walk", "--zone", ZONE, "--format", "json");
        assertThat(described.exit()).as(described.toString()).isZero();
        JsonNode cluster = JSON.readTree(described.out());
        assertThat(cluster.at("/status").asText()).isEqualTo("RUNNING");
        assertThat(cluster.at("/currentMasterVersion").asText()).isEqualTo(oldest);
        assertThat(cluster.at("/nodePools/0/config/machineType").asText()).isEqualTo("e2-medium");
        // gcloud wrote a kubeconfig entry from the endpoint and CA certificate the front answered.
        String kubeconfig = Files.readString(home.resolve("kubeconfig"));
        assertThat(kubeconfig).contains("gke_proj-a_us-central1-a_walk")
                .contains("server: https://" + cluster.at("/endpoint").asText())
                .contains("certificate-authority-data: " + cluster.at("/masterAuth/clusterCaCertificate").asText());

        Result pools = gcloud("container", "node-pools", "list", "--cluster", "walk", "--zone", ZONE, "--format",
                "json");
        assertThat(pools.exit()).as(pools.toString()).isZero();
        JsonNode poolList = JSON.readTree(pools.out());
        assertThat(poolList).hasSize(1);
        assertThat(poolList.get(0).at("/initialNodeCount").asInt()).isEqualTo(2);

        Result upgraded = gcloud("container", "clusters", "upgrade", "walk", "--master", "--cluster-version", next,
                "--zone", ZONE, "--quiet");
        assertThat(upgraded.exit()).as(upgraded.toString()).isZero();
        Result after = gcloud("container", "clusters", "describe", "walk", "--zone", ZONE, "--format",
                "value(currentMasterVersion)");
        assertThat(after.out().strip()).isEqualTo(next);

        Result deleted = gcloud("container", "clusters", "delete", "walk", "--zone", ZONE, "--quiet");
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        Result listed = gcloud("container", "clusters", "list", "--format", "json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(JSON.readTree(listed.out())).isEmpty();

        System.out.printf("gcloud GKE walk (create with a pool, describe, node-pools list, master upgrade, delete, "
                + "list): %.1f s; calls: %s%n", (System.nanoTime() - started) / 1e9, String.join(", ", steps));
    }
}
