package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.cli.serve.GatewayServer;
import io.altostratus.cli.serve.ServeApi;
import io.altostratus.cli.serve.ServeOptions;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-cloud walk against our own endpoints: {@code alto launch --clouds aws,gcp} through the real aws and gcp
 * providers to what {@code alto serve --api ec2,gce} runs in this process. The cheapest fit (GCP's e2-standard-4 in
 * us-central1-a) meets an injected capacity fault, the next zone of its region meets the backend's instance quota,
 * and the launch lands on the cheapest AWS candidate; listing the failed places shows nothing left behind.
 */
class LaunchAnywhereEndpointsTest {
    @TempDir
    Path home;

    private CliRun alto;
    private GatewayServer serve;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        alto = new CliRun(home);
        // One live instance per region and account: a region with one already refuses the next launch as over quota.
        serve = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local",
                Map.of("transition_ms", "0", "max_instances", "1"), null, Duration.ZERO, AuthMode.PERMISSIVE,
                "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM, null, Set.of(ServeApi.EC2, ServeApi.GCE), null,
                FaultPlan.parse("capacity=e2-standard-4@us-central1-a"), 1L, null));
        config = home.resolve("alto.toml");
        Files.writeString(config, "[aws]\naccess_key_id = \"test\"\nsecret_access_key = \"test\"\n"
                + "[gcp]\nproject = \"walk-project\"\n");
    }

    @AfterEach
    void tearDown() {
        serve.close();
    }

    private CliRun.Result alto(String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint", "http://127.0.0.1:" + serve.port(), "--config",
                config.toString()));
        all.addAll(List.of(args));
        return alto.run(all.toArray(String[]::new));
    }

    @Test
    void capacityInTheCheapestZoneAndQuotaInItsRegionLandOnTheNextCloud() {
        CliRun.Result prefill = alto("--provider", "gcp", "--region", "us-central1", "launch", "--image",
                "ubuntu:24.04", "--type", "e2-small", "--zone", "us-central1-c", "--name", "prefill", "-o", "json");
        assertThat(prefill.exit()).as(prefill.toString()).isZero();

        CliRun.Result walk = alto("launch", "--clouds", "aws,gcp", "--regions", "us-east-1,us-central1",
                "--min-vcpus", "4", "--min-memory", "16", "--image", "ubuntu:24.04", "--name", "anywhere",
                "-o", "json");

        assertThat(walk.exit()).as(walk.toString()).isZero();
        List<String> notes = walk.err().lines().toList();
        assertThat(notes).hasSize(3);
        assertThat(notes.get(0)).startsWith("alto: attempt failed: gcp/us-central1/us-central1-a e2-standard-4: "
                + "ZONE_RESOURCE_POOL_EXHAUSTED").endsWith("zone blocked; cleanup verified, nothing left");
        assertThat(notes.get(1)).startsWith("alto: attempt failed: gcp/us-central1/us-central1-b e2-standard-4: "
                + "QUOTA_EXCEEDED").endsWith("region blocked; cleanup verified, nothing left");
        assertThat(notes.get(2)).startsWith("alto: landed on aws/us-east-1/us-east-1a ")
                .contains("after 2 failed attempt(s)");
        JsonNode landed = walk.json();
        assertThat(landed).hasSize(1);
        assertThat(landed.get(0).get("provider").asText()).isEqualTo("aws");
        assertThat(landed.get(0).get("name").asText()).isEqualTo("anywhere");

        JsonNode central = alto("--provider", "gcp", "--region", "us-central1", "ls", "-o", "json").json();
        assertThat(central).as("only the instance that was there before").hasSize(1);
        assertThat(central.get(0).get("name").asText()).isEqualTo("prefill");
        JsonNode east = alto("--provider", "aws", "--region", "us-east-1", "ls", "-o", "json").json();
        assertThat(east).hasSize(1);
        assertThat(east.get(0).get("id").asText()).isEqualTo(landed.get(0).get("id").asText());
    }
}
