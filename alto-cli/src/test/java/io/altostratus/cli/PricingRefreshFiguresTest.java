package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.cli.serve.GatewayServer;
import io.altostratus.cli.serve.ServeApi;
import io.altostratus.cli.serve.ServeOptions;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alto catalog refresh} against {@code alto serve} with prices: the aws refresh asks the server's Price List
 * API ({@code [aws] pricing_endpoint}) and reads back exactly the prices the shipped catalog quotes; and, for issue
 * 19's figure, each of aws, gcp and azure refreshed in full against {@code alto serve --latency 100ms --api
 * ec2,gce,arm} over the local cloud, its wall seconds and call count printed (asserted only for correctness).
 */
class PricingRefreshFiguresTest {
    @TempDir
    Path home;

    private GatewayServer serve(Duration latency) {
        return GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local", Map.of("transition_ms", "0"), null,
                latency, AuthMode.STRICT, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM, null,
                Set.of(ServeApi.EC2, ServeApi.GCE, ServeApi.ARM)));
    }

    private Path config(GatewayServer server) throws Exception {
        Path config = home.resolve("alto.toml");
        Files.writeString(config, "[aws]\naccess_key_id = \"test\"\nsecret_access_key = \"test\"\n"
                + "pricing_endpoint = \"" + server.endpoint() + "\"\n"
                + "[gcp]\nproject = \"" + GatewayServer.DEFAULT_GCE_PROJECT + "\"\naccess_token = \""
                + GatewayServer.DEFAULT_GCE_TOKEN + "\"\n"
                + "[azure]\nsubscription = \"" + GatewayServer.DEFAULT_ARM_SUBSCRIPTION + "\"\naccess_token = \""
                + GatewayServer.DEFAULT_ARM_TOKEN + "\"\n");
        return config;
    }

    private CliRun.Result refresh(GatewayServer server, Path config, String provider, Path out, String... more) {
        CliRun alto = new CliRun(home);
        List<String> args = new ArrayList<>(List.of("--provider", provider, "--endpoint",
                "http://127.0.0.1:" + server.port(), "--config", config.toString(), "catalog", "refresh",
                "--provider", provider, "--out", out.toString(), "-o", "json"));
        args.addAll(List.of(more));
        CliRun.Result r = alto.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    /** The gateway's request counts by API label, from its Prometheus text at /_alto/metrics. */
    private static Map<String, Long> requestsByApi(GatewayServer server) throws Exception {
        return byApi(server, "alto_gateway_requests_total", 1);
    }

    /** Milliseconds the gateway spent answering, by API label (the sum of its request duration timer). */
    private static Map<String, Long> millisByApi(GatewayServer server) throws Exception {
        return byApi(server, "alto_gateway_request_duration_seconds_sum", 1000);
    }

    private static Map<String, Long> byApi(GatewayServer server, String metric, double scale) throws Exception {
        java.net.http.HttpResponse<String> r;
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            r = http.send(java.net.http.HttpRequest.newBuilder(server.endpoint().resolve("/_alto/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        }
        Map<String, Long> out = new java.util.TreeMap<>();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(metric) + "\\{[^}]*api=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)");
        r.body().lines().forEach(l -> {
            java.util.regex.Matcher m = line.matcher(l);
            if (m.matches()) {
                out.merge(m.group(1), Math.round(Double.parseDouble(m.group(2)) * scale), Long::sum);
            }
        });
        return out;
    }

    @Test
    void theAwsRefreshReadsBackTheQuotedPricesTheServerServes() throws Exception {
        try (GatewayServer server = serve(Duration.ZERO)) {
            Path out = home.resolve("aws-snapshot");
            CliRun.Result r = refresh(server, config(server), "aws", out, "--regions", "us-east-1,eu-north-1");
            assertThat(r.json().get("notes").toString()).doesNotContain("Pricing API failed")
                    .doesNotContain("not queried");
            Catalog refreshed = new SnapshotStore(out).read("aws").orElseThrow().catalog();
            Catalog shipped = Catalogs.aws();
            int quoted = 0;
            for (String region : List.of("us-east-1", "eu-north-1")) {
                for (InstanceType t : shipped.instanceTypes(region)) {
                    Price before = shipped.onDemandPrice(region, t.name()).orElse(null);
                    Price after = refreshed.onDemandPrice(region, t.name()).orElse(null);
                    if (before == null || after == null || before.estimated()) {
                        continue;
                    }
                    quoted++;
                    assertThat(after.source().name()).as(region + " " + t.name())
                            .isEqualTo(PriceSource.AWS_PRICING_API);
                    assertThat(after.perHour()).as(region + " " + t.name()).isEqualTo(before.perHour());
                }
            }
            assertThat(quoted).isGreaterThan(500);
            // The shipped estimate for m5.xlarge was not served as a quote, so the refresh estimates it again.
            assertThat(refreshed.onDemandPrice("us-east-1", "m5.xlarge").orElseThrow().estimated()).isTrue();

            // alto types --clouds takes the fresh snapshot over the shipped data, and says so.
            Path useIt = home.resolve("use-snapshot.toml");
            Files.writeString(useIt, "catalog_dir = \"" + out + "\"\n");
            CliRun.Result types = new CliRun(home).run("--config", useIt.toString(), "types", "--clouds", "aws",
                    "--region-filter", "us-east-1", "--min-vcpus", "4", "--min-memory", "16", "--limit", "5");
            assertThat(types.exit()).as(types.toString()).isZero();
            List<String> lines = types.out().lines().toList();
            assertThat(lines.get(lines.size() - 1)).contains("aws refreshed snapshot, 0 h old");
            assertThat(lines.subList(1, lines.size() - 1)).isNotEmpty()
                    .allSatisfy(l -> assertThat(l).contains("aws-pricing-api"));
        }
    }

    @Test
    void eachCloudsFullRefreshAgainstServeWithLatencyReportsItsSecondsAndCalls() throws Exception {
        Duration latency = Duration.ofMillis(100);
        try (GatewayServer server = serve(latency)) {
            Path config = config(server);
            List<String> figures = new ArrayList<>();
            for (String provider : List.of("aws", "gcp", "azure")) {
                Path out = home.resolve(provider + "-snapshot");
                Map<String, Long> before = requestsByApi(server);
                Map<String, Long> millisBefore = millisByApi(server);
                long t0 = System.nanoTime();
                JsonNode view = refresh(server, config, provider, out).json();
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Long> busy = new java.util.TreeMap<>();
                millisByApi(server).forEach((api, n) -> {
                    long d = n - millisBefore.getOrDefault(api, 0L);
                    if (d > 0 && !api.equals("alto")) {
                        busy.put(api, d);
                    }
                });
                Map<String, Long> served = new java.util.TreeMap<>();
                requestsByApi(server).forEach((api, n) -> {
                    long d = n - before.getOrDefault(api, 0L);
                    if (d > 0 && !api.equals("alto")) { // "alto": these metrics reads themselves
                        served.put(api, d);
                    }
                });
                Catalog refreshed = new SnapshotStore(out).read(provider).orElseThrow().catalog();
                assertThat(view.get("regions").asInt()).as(provider)
                        .isEqualTo(Catalogs.shipped(provider).regions().size());
                assertThat(view.get("calls").asLong()).as(provider).isPositive();
                assertThat(view.get("notes").toString()).as(provider).doesNotContain("failed");
                String region = refreshed.regions().get(0).name();
                long priced = refreshed.instanceTypes(region).stream()
                        .filter(t -> refreshed.onDemandPrice(region, t.name()).isPresent()).count();
                assertThat(priced).as(provider + " " + region + " priced types").isPositive();
                figures.add(String.format(Locale.ROOT, "%-5s %2d regions %5d types: %6.2f s wall (refresh's own "
                                + "%6.2f s), %5d calls, %5d attempts, critical path %d calls; requests served by API %s, their summed server ms %s",
                        provider, view.get("regions").asInt(), view.get("types").asInt(), seconds,
                        view.get("wallSeconds").asDouble(), view.get("calls").asLong(),
                        view.get("attempts").asLong(), view.get("criticalPath").asInt(), served, busy));
                if (provider.equals("aws")) {
                    // Every Price List request is one GetProducts page the refresh counted as a call.
                    assertThat(served.getOrDefault("pricing", 0L)).isPositive()
                            .isLessThan(view.get("calls").asLong());
                }
            }
            System.out.println("alto catalog refresh --provider X against alto serve --latency "
                    + latency.toMillis() + "ms --api ec2,gce,arm (local backend, concurrency 48), with prices:");
            figures.forEach(f -> System.out.println("  " + f));
        }
    }
}
