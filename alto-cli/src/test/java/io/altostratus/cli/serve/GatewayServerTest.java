package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.wait.ManualClock;
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.auth.AuthMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.Reservation;

/** {@code alto serve}'s wiring, driven with the real SDK: keys, reset, latency, durable state. */
class GatewayServerTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private GatewayServer start(ServeOptions options) {
        GatewayServer server = GatewayServer.start(options);
        toClose.add(server);
        return server;
    }

    private static ServeOptions onDisk(Path stateDir) {
        return new ServeOptions("127.0.0.1", 0, stateDir, "local", Map.of("transition_ms", "0"), null, Duration.ZERO,
                AuthMode.STRICT, "us-east-1", java.time.Clock.systemUTC(), io.altostratus.core.wait.Sleeper.SYSTEM);
    }

    private Ec2Client client(GatewayServer server, String key, String secret) {
        Ec2Client client = Ec2Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .build();
        toClose.add(client);
        return client;
    }

    private static String anImage(Ec2Client ec2) {
        return ec2.describeImages().images().stream()
                .filter(i -> "x86_64".equals(i.architectureAsString()) && "available".equals(i.stateAsString()))
                .map(Image::imageId).findFirst().orElseThrow();
    }

    private static List<String> launch(Ec2Client ec2, int count) {
        return ec2.runInstances(r -> r.imageId(anImage(ec2)).instanceType(InstanceType.T3_MICRO)
                        .minCount(count).maxCount(count)).instances().stream().map(Instance::instanceId).toList();
    }

    private static List<String> instanceIds(Ec2Client ec2) {
        return ec2.describeInstances().reservations().stream().map(Reservation::instances)
                .flatMap(List::stream).map(Instance::instanceId).toList();
    }

    private static HttpResponse<String> post(URI endpoint, String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void theDefaultKeyIsMadeAndAnnouncedOnlyOnTheFirstStartOfAStateDirectory() {
        Path state = dir.resolve("state");
        GatewayServer first = start(onDisk(state));
        assertThat(first.defaultKeyCreated()).map(AccessKey::accessKeyId).contains("test");
        assertThat(first.announcement()).hasSize(2);
        assertThat(first.announcement().get(0)).contains(first.endpoint().toString()).contains("backend local")
                .contains(state.toString());
        assertThat(first.announcement().get(1)).contains("access key 'test' / secret 'test' for account 000000000000");
        first.close();

        GatewayServer second = start(onDisk(state));
        assertThat(second.defaultKeyCreated()).isEmpty();
        assertThat(second.announcement()).hasSize(1);
        assertThat(client(second, "test", "test").describeAvailabilityZones().availabilityZones()).isNotEmpty();
    }

    @Test
    void resourcesSurviveARestartOnTheSameStateDirectory() {
        Path state = dir.resolve("state");
        GatewayServer first = start(onDisk(state));
        List<String> made = launch(client(first, "test", "test"), 2);
        first.close();

        GatewayServer second = start(onDisk(state));

        assertThat(instanceIds(client(second, "test", "test"))).containsExactlyInAnyOrderElementsOf(made);
    }

    @Test
    void resetWipesEveryAccountsResourcesButKeepsTheAccessKeys() throws Exception {
        GatewayServer server = start(ServeOptions.ephemeralLocal(Map.of("transition_ms", "0")));
        AccessKey otherKey = server.accessKeys().create("111111111111");
        Ec2Client mine = client(server, "test", "test");
        Ec2Client other = client(server, otherKey.accessKeyId(), otherKey.secretAccessKey());
        launch(mine, 3);
        launch(other, 2);
        mine.createKeyPair(r -> r.keyName("before-reset"));
        assertThat(instanceIds(mine)).hasSize(3);

        HttpResponse<String> alto = post(server.endpoint(), "/_alto/reset");

        assertThat(alto.statusCode()).isEqualTo(200);
        assertThat(instanceIds(mine)).isEmpty();
        assertThat(instanceIds(other)).isEmpty();
        assertThat(mine.describeKeyPairs().keyPairs()).isEmpty();
        // The keys still sign, and the region's defaults come back for the next launch (default VPC and subnets).
        List<String> after = launch(other, 1);
        assertThat(instanceIds(other)).containsExactlyElementsOf(after);
        assertThat(mine.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs()).hasSize(1);

        HttpResponse<String> moto = post(server.endpoint(), "/moto-api/reset");

        assertThat(moto.statusCode()).isEqualTo(200);
        assertThat(instanceIds(other)).isEmpty();
    }

    @Test
    void latencyIsAddedBeforeEachBackendCall() {
        ManualClock clock = new ManualClock();
        List<Duration> slept = java.util.Collections.synchronizedList(new ArrayList<>());
        ServeOptions options = new ServeOptions("127.0.0.1", 0, null, "local", Map.of("transition_ms", "0"), null,
                Duration.ofMillis(100), AuthMode.PERMISSIVE, "us-east-1", java.time.Clock.systemUTC(), d -> {
                    slept.add(d);
                    clock.sleep(d);
                });
        GatewayServer server = start(options);
        Ec2Client ec2 = client(server, "test", "test");

        ec2.describeAvailabilityZones();

        List<Duration> afterOne = List.copyOf(slept);
        assertThat(afterOne).isNotEmpty().allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMillis(100)));
        assertThat(clock.instant()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z")
                .plus(Duration.ofMillis(100L * afterOne.size())));

        ec2.describeAvailabilityZones();

        assertThat(List.copyOf(slept)).as("every call pays the latency again").hasSize(2 * afterOne.size());
    }

    @Test
    void aDeletedKeyIsRefusedAtOnce() {
        GatewayServer server = start(ServeOptions.ephemeralLocal(Map.of()));
        AccessKey key = server.accessKeys().create("222222222222");
        Ec2Client ec2 = client(server, key.accessKeyId(), key.secretAccessKey());
        assertThat(ec2.describeAvailabilityZones().availabilityZones()).isNotEmpty();

        server.accessKeys().delete(key.accessKeyId());

        Ec2Exception refused = catchThrowableOfType(Ec2Exception.class, ec2::describeAvailabilityZones);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
    }

    @Test
    void aPortInUseIsAClearErrorAndLeavesNothingOpen() {
        GatewayServer first = start(ServeOptions.ephemeralLocal(Map.of()));
        ServeOptions same = new ServeOptions("127.0.0.1", first.port(), dir.resolve("state"), "local", Map.of(), null,
                Duration.ZERO, AuthMode.STRICT, "us-east-1", java.time.Clock.systemUTC(),
                io.altostratus.core.wait.Sleeper.SYSTEM);

        io.altostratus.core.error.AltoException failure = catchThrowableOfType(
                io.altostratus.core.error.AltoException.class, () -> GatewayServer.start(same));

        assertThat(failure.providerCode()).isEqualTo("GatewayBindFailed");
        // The store was closed again: another process (or this one) can open it.
        start(onDisk(dir.resolve("state")));
    }
}
