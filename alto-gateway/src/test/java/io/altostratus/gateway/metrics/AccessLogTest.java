package io.altostratus.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.catalog.Catalogs;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.util.Map;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The access log: one JSON line per request, with the id the client saw, the account, the action and the status. */
class AccessLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    /** A gateway over a fresh local cloud, writing to {@code log}; closes all of it. */
    private record Served(StateStore store, Backend backend, Gateway gateway) implements AutoCloseable {
        static Served start(AccessLog log) {
            StateStore store = StateStores.inMemory();
            Backend backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()),
                    new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of(), null));
            return new Served(store, backend, Gateway.builder().port(0).stateStore(store).accessLog(log)
                    .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start());
        }

        @Override
        public void close() {
            gateway.close();
            backend.close();
            store.close();
        }
    }

    private static Ec2Client client(Gateway gateway, String key, String secret) {
        return Ec2Client.builder().endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static List<JsonNode> lines(String text) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void eachRequestIsOneLineWithTheIdTheClientSaw() throws Exception {
        StringWriter out = new StringWriter();
        Instant before = Instant.now();
        try (Served served = Served.start(AccessLog.to(out));
             Ec2Client ec2 = client(served.gateway(), "test", "test");
             Ec2Client stranger = client(served.gateway(), "AKIDUNKNOWN", "nope");
             HttpClient http = HttpClient.newHttpClient()) {
            DescribeRegionsResponse regions = ec2.describeRegions();
            Ec2Exception refused = catchThrowableOfType(Ec2Exception.class, stranger::describeRegions);
            http.send(HttpRequest.newBuilder(served.gateway().endpoint().resolve("/_alto/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // A line is written when its exchange ends, which can be just after the client has its answer.
            List<JsonNode> lines = lines(out.toString());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (lines.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
                lines = lines(out.toString());
            }
            assertThat(lines).hasSize(3);
            // In the order the requests arrived (each line carries its arrival time), whichever was written first.
            lines.sort(java.util.Comparator.comparing(line -> Instant.parse(line.get("time").asText())));
            JsonNode ok = lines.get(0);
            assertThat(ok.get("requestId").asText()).isEqualTo(regions.responseMetadata().requestId());
            assertThat(ok.get("api").asText()).isEqualTo("ec2");
            assertThat(ok.get("account").asText()).isEqualTo(ProviderContext.DEFAULT_ACCOUNT);
            assertThat(ok.get("action").asText()).isEqualTo("DescribeRegions");
            assertThat(ok.get("status").asInt()).isEqualTo(200);
            assertThat(ok.get("ms").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(Instant.parse(ok.get("time").asText())).isAfterOrEqualTo(before.minusSeconds(1));

            JsonNode denied = lines.get(1);
            assertThat(denied.get("requestId").asText()).isEqualTo(refused.requestId());
            assertThat(denied.get("status").asInt()).isEqualTo(refused.statusCode()).isEqualTo(401);
            assertThat(denied.get("account").asText()).as("never authenticated").isEqualTo("-");

            JsonNode health = lines.get(2);
            assertThat(health.get("api").asText()).isEqualTo("alto");
            assertThat(health.get("action").asText()).isEqualTo("health");
        }
    }

    @Test
    void aFileLogIsAppendedAndClosedWithTheGateway() throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "{\"earlier\":true}\n");
        try (Served served = Served.start(AccessLog.toFile(file));
             Ec2Client ec2 = client(served.gateway(), "test", "test")) {
            ec2.describeRegions();
            ec2.describeRegions();
        }

        List<JsonNode> lines = lines(Files.readString(file));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).has("earlier")).isTrue();
        assertThat(lines.subList(1, 3)).allSatisfy(line -> assertThat(line.get("action").asText())
                .isEqualTo("DescribeRegions"));
    }

    @Test
    void entriesEscapeWhatJsonMust() throws Exception {
        AccessLogEntry entry = new AccessLogEntry(Instant.EPOCH, "id\"1", "ec2", "-", "Bad\\Action\n", 400, 1.23456);

        JsonNode line = JSON.readTree(entry.toJson());

        assertThat(line.get("requestId").asText()).isEqualTo("id\"1");
        assertThat(line.get("action").asText()).isEqualTo("Bad\\Action\n");
        assertThat(line.get("ms").asDouble()).isEqualTo(1.235);
        assertThat(entry.toJson()).doesNotContain("\n");
    }
}
