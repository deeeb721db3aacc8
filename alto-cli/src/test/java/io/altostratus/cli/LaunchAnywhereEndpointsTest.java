package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.cli.internal.CatalogOfferings;
import io.altostratus.cli.serve.GatewayServer;
import io.altostratus.cli.serve.ServeApi;
import io.altostratus.cli.serve.ServeOptions;
import io.altostratus.core.placement.Candidate;
import io.altostratus.core.placement.Candidates;
import io.altostratus.core.placement.Requirements;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
                + "ZONE_RESOURCE_POOL_EXHAUSTED").endsWith("type blocked in zone; cleanup verified, nothing left");
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

    /**
     * A refreshed snapshot within catalog_ttl prices the walk, as it prices {@code alto types --clouds}: a type made
     * cheapest there is where both go, though the shipped prices would start elsewhere.
     */
    @Test
    void theWalkUsesTheRefreshedSnapshotThatTypesCloudsLists() {
        List<String> regions = List.of("us-east-1", "us-west-2");
        Candidate shippedCheapest = Candidates.builder().offerings(new CatalogOfferings("aws", Catalogs.aws()))
                .requirements(new Requirements(4, 16 * 1024, null, 0, null, null)).regions(regions).build().get(0);
        String cheap = "m5.xlarge";
        assertThat(shippedCheapest).as("the snapshot changes the answer")
                .matches(c -> !(c.instanceType().equals(cheap) && c.region().equals("us-west-2")));
        Instant taken = alto.clock.instant().minusSeconds(3600);
        CatalogSnapshot shipped = CatalogSnapshot.of(Catalogs.aws(), List.of(), regions);
        List<CatalogSnapshot.RegionData> repriced = new ArrayList<>();
        for (CatalogSnapshot.RegionData r : shipped.regions()) {
            repriced.add(!r.name().equals("us-west-2") ? r : new CatalogSnapshot.RegionData(r.region(), r.zones(),
                    r.offers().stream().map(o -> !o.type().equals(cheap) ? o
                            : o.withOnDemand(new Price(0.001, PriceSource.quoted("test-refresh", taken)))).toList(),
                    r.images()));
        }
        Path cache = home.resolve("cache");
        alto.env.put("XDG_CACHE_HOME", cache.toString());
        SnapshotStore.userCache(alto.env).write(new CatalogSnapshot(CatalogSnapshot.FORMAT, "aws",
                new Catalog.Source("a test refresh", taken), List.of(), shipped.types(), repriced));

        CliRun.Result listed = alto("types", "--clouds", "aws", "--region-filter", "us-east-1,us-west-2",
                "--min-vcpus", "4", "--min-memory", "16", "-o", "json");
        CliRun.Result walk = alto("launch", "--clouds", "aws", "--regions", "us-east-1,us-west-2", "--min-vcpus",
                "4", "--min-memory", "16", "--image", "ubuntu:24.04", "-o", "json");

        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(listed.json().get(0).get("region").asText()).isEqualTo("us-west-2");
        assertThat(listed.json().get(0).get("type").asText()).isEqualTo(cheap);
        assertThat(walk.exit()).as(walk.toString()).isZero();
        assertThat(walk.err()).startsWith("alto: landed on aws/us-west-2/");
        assertThat(walk.json().get(0).get("region").asText()).isEqualTo("us-west-2");
        assertThat(walk.json().get(0).get("instanceType").asText()).isEqualTo(cheap);
    }
}
