package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.altostratus.core.spi.Providers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alto catalog refresh --provider lambda} against our fake of Lambda's instance-types API, then
 * {@code alto types --clouds lambda,...} from the snapshot it wrote. The answer served is ours, built from the shape
 * Lambda documents; no recorded real answer exists.
 *
 * <p>Providers read their credentials from the process environment, not the CLI's (see {@link CliRun}), so the test
 * points {@code api_key_env} at {@code PATH}, which every test JVM has, and checks that its value went out as the
 * bearer token.
 */
class LambdaCatalogCliTest {
    private static final String ANSWER = """
            {"data": {
              "gpu_1x_a10": {"instance_type": {"name": "gpu_1x_a10", "description": "1x A10 (24 GB PCIe)",
                  "gpu_description": "A10 (24 GB PCIe)", "price_cents_per_hour": 75,
                  "specs": {"vcpus": 30, "memory_gib": 200, "storage_gib": 1400, "gpus": 1}},
                "regions_with_capacity_available": [{"name": "us-east-1", "description": "Virginia, USA"}]},
              "gpu_1x_a100_sxm4": {"instance_type": {"name": "gpu_1x_a100_sxm4", "description": "1x A100 (40 GB SXM4)",
                  "gpu_description": "A100 (40 GB SXM4)", "price_cents_per_hour": 129,
                  "specs": {"vcpus": 30, "memory_gib": 200, "storage_gib": 512, "gpus": 1}},
                "regions_with_capacity_available": [{"name": "us-west-2", "description": "Arizona, USA"},
                                                    {"name": "us-east-1", "description": "Virginia, USA"}]}
            }}
            """;

    @TempDir
    Path home;

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private CliRun cli;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Providers.available().stream().anyMatch(f -> f.name().equals("lambda")),
                "the lambda provider is not on the class path");
        assumeTrue(System.getenv("PATH") != null && !System.getenv("PATH").isBlank(), "PATH is not set");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/instance-types", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        config = home.resolve("alto.toml");
        Files.writeString(config, "[lambda]\napi_key_env = \"PATH\"\n");
        cli = new CliRun(home);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void refreshThenListLambdasA100sBesideOtherClouds() {
        CliRun.Result refresh = cli.run("--config", config.toString(), "catalog", "refresh", "--provider", "lambda",
                "--endpoint", endpoint(), "-o", "json");
        assertThat(refresh.exit()).as(refresh.toString()).isZero();
        assertThat(refresh.json().get("regions").asInt()).isEqualTo(2);
        assertThat(refresh.json().get("types").asInt()).isEqualTo(2);
        assertThat(refresh.json().get("offerings").asInt()).isEqualTo(3);
        assertThat(authorizations).containsExactly("Bearer " + System.getenv("PATH").strip());

        JsonNode status = cli.run("--config", config.toString(), "--provider", "lambda", "catalog", "status", "-o",
                "json").json();
        assertThat(status.get("inUse").asText()).isEqualTo("cache");
        assertThat(status.get("source").asText()).startsWith("Lambda Cloud API at " + endpoint());

        JsonNode rows = cli.run("--config", config.toString(), "types", "--clouds", "lambda", "--gpu", "A100:1",
                "-o", "json").json();
        List<String> found = new ArrayList<>();
        for (JsonNode row : rows) {
            found.add(row.get("cloud").asText() + " " + row.get("region").asText() + " " + row.get("type").asText()
                    + " " + row.get("pricePerHour").asDouble() + " " + row.get("gpuModel").asText());
            assertThat(row.get("priceSource").get("name").asText()).isEqualTo("lambda-api");
        }
        assertThat(found).containsExactly("lambda us-east-1 gpu_1x_a100_sxm4 1.29 NVIDIA A100 40GB",
                "lambda us-west-2 gpu_1x_a100_sxm4 1.29 NVIDIA A100 40GB");

        CliRun.Result table = cli.run("--config", config.toString(), "types", "--clouds", "lambda,aws", "--gpu",
                "A100:1", "--limit", "0");
        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.out()).contains("lambda-api ").contains("lambda refreshed snapshot");
        Set<String> clouds = new TreeSet<>();
        for (JsonNode row : cli.run("--config", config.toString(), "types", "--clouds", "lambda,aws", "--gpu",
                "A100:1", "--limit", "0", "-o", "json").json()) {
            clouds.add(row.get("cloud").asText());
        }
        assertThat(clouds).containsExactly("aws", "lambda");
    }

    @Test
    void withoutASnapshotLambdaSaysSoInOneLine() {
        CliRun.Result r = cli.run("--config", config.toString(), "types", "--clouds", "lambda,aws", "--gpu", "A100");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("alto: error: ")
                .contains("no lambda catalog").contains("alto catalog refresh --provider lambda");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void aComputeCommandIsRefusedInOneLine() {
        CliRun.Result r = cli.run("--config", config.toString(), "--provider", "lambda", "--endpoint", endpoint(),
                "ls");
        assertThat(r.exit()).as(r.toString()).isNotZero();
        assertThat(r.errLines()).singleElement().asString().contains("lambda is a catalog-only cloud in alto");
    }
}
