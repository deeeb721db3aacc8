package io.altostratus.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.core.spi.decorate.Faults;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * {@code GET /_alto/metrics} after a known set of requests, read with a strict parser of Prometheus' text format (and
 * with the Prometheus project's own Python parser when installed): every request counted under its API, action,
 * status and account, backend calls under their method, store writes timed, instances counted by state.
 */
class MetricsEndpointTest {
    private static final String ACCOUNT = ProviderContext.DEFAULT_ACCOUNT;
    private static final String OTHER_ACCOUNT = "111111111111";

    private StateStore store;
    private Backend backend;
    private Gateway gateway;
    private Ec2Client ec2;
    private final HttpClient http = HttpClient.newHttpClient();
    private final GatewayMetrics metrics = new GatewayMetrics();

    @BeforeEach
    void start() {
        store = metrics.meteredStore(StateStores.inMemory());
        ProviderContext template = new ProviderContext(null, ACCOUNT, null, null, Map.of("transition_ms", "0"), null);
        backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template,
                metrics.backendDecorator());
        gateway = Gateway.builder().port(0).stateStore(store).metrics(metrics)
                .faults(Faults.create(FaultPlan.NONE, 1, Clock.systemUTC()))
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start();
        ec2 = Ec2Client.builder().endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @AfterEach
    void stop() {
        http.close();
        ec2.close();
        gateway.close();
        backend.close();
        store.close();
    }

    private HttpResponse<String> scrape() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(gateway.endpoint().resolve("/_alto/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A scrape once the EC2 requests counted reach {@code ec2Requests}: a request is counted when its exchange ends,
     * which can be just after its client has the answer, so the first scrape may miss the last one.
     */
    private HttpResponse<String> scrapeCounting(int ec2Requests) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            HttpResponse<String> scraped = scrape();
            PrometheusText.Family requests = PrometheusText.parse(scraped.body()).get("alto_gateway_requests_total");
            double counted = requests == null ? 0 : requests.samples().stream()
                    .filter(sample -> "ec2".equals(sample.labels().get("api")))
                    .mapToDouble(PrometheusText.Sample::value).sum();
            if (counted >= ec2Requests || System.nanoTime() > deadline) {
                return scraped;
            }
            Thread.sleep(10);
        }
    }

    /** The value of the one sample of {@code name} with exactly these labels; fails when there is none. */
    private static double value(Map<String, PrometheusText.Family> families, String family, String name,
                                Map<String, String> labels) {
        assertThat(families).containsKey(family);
        return families.get(family).samples().stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + labels + " in "
                        + families.get(family).samples()))
                .value();
    }

    private static Map<String, String> request(String action, String status) {
        return Map.of("api", "ec2", "action", action, "status", status, "account", ACCOUNT);
    }

    private void knownTraffic() {
        for (int i = 0; i < 3; i++) {
            ec2.describeRegions();
        }
        String image = ec2.describeImages(r -> r.owners("099720109477")
                .filters(f -> f.name("name").values("*noble*amd64*"))).images().get(0).imageId();
        List<String> ids = ec2.runInstances(r -> r.imageId(image).instanceType(InstanceType.T3_MICRO).minCount(2)
                .maxCount(2)).instances().stream().map(i -> i.instanceId()).toList();
        ec2.stopInstances(r -> r.instanceIds(ids.get(0)));
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                .isInstanceOf(Ec2Exception.class);
        ec2.describeInstances();
    }

    @Test
    void theScrapeIsValidTextFormatCountingEveryRequest() throws Exception {
        knownTraffic();

        HttpResponse<String> scraped = scrapeCounting(8);

        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Map<String, PrometheusText.Family> families = PrometheusText.parse(scraped.body());
        assertThat(families.get("alto_gateway_requests_total").type()).isEqualTo("counter");
        assertThat(families.get("alto_gateway_requests_total").help()).isNotBlank();
        assertThat(families.get("alto_gateway_request_duration_seconds").type()).isEqualTo("histogram");
        assertThat(value(families, "alto_gateway_requests_total", "alto_gateway_requests_total",
                request("DescribeRegions", "200"))).isEqualTo(3);
        assertThat(value(families, "alto_gateway_request_duration_seconds",
                "alto_gateway_request_duration_seconds_count",
                request("DescribeRegions", "200"))).isEqualTo(3);
        assertThat(value(families, "alto_gateway_requests_total", "alto_gateway_requests_total",
                request("DescribeInstances", "400"))).isEqualTo(1);
        assertThat(value(families, "alto_gateway_requests_total", "alto_gateway_requests_total",
                request("DescribeInstances", "200"))).isEqualTo(1);
        assertThat(value(families, "alto_gateway_requests_total", "alto_gateway_requests_total",
                request("RunInstances", "200"))).isEqualTo(1);
        double ec2Requests = families.get("alto_gateway_requests_total").samples().stream()
                .filter(s -> s.labels().get("api").equals("ec2")).mapToDouble(PrometheusText.Sample::value).sum();
        assertThat(ec2Requests)
                .as("3 DescribeRegions, DescribeImages, RunInstances, StopInstances, 2 DescribeInstances")
                .isEqualTo(8);

        assertThat(value(families, "alto_backend_calls_total", "alto_backend_calls_total",
                Map.of("method", "launch", "outcome", "ok"))).isEqualTo(1);
        assertThat(value(families, "alto_backend_calls_total", "alto_backend_calls_total",
                Map.of("method", "instances", "outcome", "not_found"))).isEqualTo(1);
        assertThat(families.get("alto_backend_call_duration_seconds").type()).isEqualTo("histogram");
        assertThat(value(families, "alto_store_write_duration_seconds", "alto_store_write_duration_seconds_count",
                Map.of("operation", "write", "outcome", "committed"))).isPositive();
        assertThat(value(families, "alto_instances", "alto_instances", Map.of("state", "running"))).isEqualTo(1);
        assertThat(value(families, "alto_instances", "alto_instances", Map.of("state", "stopped"))).isEqualTo(1);
        assertThat(value(families, "alto_faults_injected_total", "alto_faults_injected_total",
                Map.of("kind", "throttle"))).isZero();
    }

    @Test
    void concurrentRequestsOfTwoAccountsAreEachCountedUnderTheirOwn() throws Exception {
        AccessKey otherKey = gateway.accessKeys().create(OTHER_ACCOUNT);
        try (Ec2Client other = Ec2Client.builder().endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(otherKey.accessKeyId(), otherKey.secretAccessKey()))).build();
             ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Ec2Client client = i % 2 == 0 ? ec2 : other;
                done.add(pool.submit(() -> {
                    for (int j = 0; j < 10; j++) {
                        client.describeAvailabilityZones();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        }

        Map<String, PrometheusText.Family> families = PrometheusText.parse(scrapeCounting(80).body());

        for (String account : List.of(ACCOUNT, OTHER_ACCOUNT)) {
            assertThat(value(families, "alto_gateway_requests_total", "alto_gateway_requests_total",
                    Map.of("api", "ec2", "action", "DescribeAvailabilityZones", "status", "200", "account", account)))
                    .as(account).isEqualTo(40);
        }
    }

    @Test
    void aScrapeIsCountedInTheNextOne() throws Exception {
        scrape();
        // The first scrape is counted when its exchange ends, which can be just after its answer arrived.
        Thread.sleep(200);

        Map<String, PrometheusText.Family> families = PrometheusText.parse(scrape().body());

        assertThat(value(families, "alto_gateway_requests_total", "alto_gateway_requests_total",
                Map.of("api", "alto", "action", "metrics", "status", "200", "account", "-"))).isEqualTo(1);
    }

    @Test
    void theStrictParserRefusesWhatPrometheusWould() {
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a counter\na{x=\"1\"} 1\nb 2\na{x=\"2\"} 1\n"))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> PrometheusText.parse("a{1x=\"1\"} 1\n")).hasMessageContaining("bad label name");
        assertThatThrownBy(() -> PrometheusText.parse("a{x=\"\\t\"} 1\n")).hasMessageContaining("bad escape");
        assertThatThrownBy(() -> PrometheusText.parse("a 1\n# TYPE a gauge\n")).hasMessageContaining("TYPE after");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\n"
                + "h_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 0.5\n")).hasMessageContaining("fewer than");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 1\n"
                + "h_bucket{le=\"+Inf\"} 1\nh_count 2\nh_sum 0.5\n")).hasMessageContaining("not _count");
        assertThatThrownBy(() -> PrometheusText.parse("a 1\na 2\n")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> PrometheusText.parse("a one\n")).hasMessageContaining("bad value");
    }

    @Test
    void prometheusOwnParserReadsTheScrape() throws Exception {
        String python = pythonWithPrometheusClient();
        assumeThat(python).as("python3-prometheus-client (Debian) is not installed; the strict Java parser still runs")
                .isNotNull();
        knownTraffic();
        Path scraped = Files.createTempFile("alto-metrics", ".txt");
        try {
            Files.writeString(scraped, scrape().body());
            String script = """
                    import sys
                    from prometheus_client.parser import text_string_to_metric_families
                    for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                        for s in family.samples:
                            if s.name == 'alto_gateway_requests_total' and s.labels.get('action') == 'DescribeRegions':
                                print(family.name, family.type, s.labels['status'], s.value)
                        if family.name == 'alto_gateway_request_duration_seconds':
                            print(family.name, family.type, len(family.samples) > 0)
                    """;
            Process process = new ProcessBuilder(python, "-c", script, scraped.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            assertThat(out.lines().toList()).contains("alto_gateway_requests counter 200 3.0",
                    "alto_gateway_request_duration_seconds histogram True");
        } finally {
            Files.deleteIfExists(scraped);
        }
    }

    /** A python3 that imports prometheus_client (Debian's lives under /usr/bin's, not a pyenv's), or null. */
    private static String pythonWithPrometheusClient() throws InterruptedException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import prometheus_client.parser")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // Not there: try the next.
            }
        }
        return null;
    }
}
