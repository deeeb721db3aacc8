package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.spi.decorate.FaultPlan;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * {@code alto serve --faults/--faults-seed/--access-log} wired through {@link GatewayServer}: the plan and its seed are
 * announced, faults reach EC2 clients in EC2's terms, the metrics endpoint counts what was served, and the access log
 * gets a line per request.
 */
class ServeFaultsAndMetricsTest {
    @TempDir
    Path dir;

    @Test
    void faultsFromTheOptionsReachClientsAndAreAnnouncedWithTheirSeed() throws Exception {
        Path log = dir.resolve("access.jsonl");
        ServeOptions options = ServeOptions.ephemeralLocal(Map.of("transition_ms", "0"))
                .withFaults(FaultPlan.parse("capacity=t3.micro@us-east-1a"), 42L)
                .withAccessLog(log.toString());
        try (GatewayServer server = GatewayServer.start(options);
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                     .build()) {
            assertThat(server.announcement()).anySatisfy(line -> assertThat(line)
                    .contains("capacity=t3.micro@us-east-1a", "seed 42"));
            String image = ec2.describeImages().images().stream()
                    .filter(i -> "x86_64".equals(i.architectureAsString())).findFirst().orElseThrow().imageId();

            Ec2Exception refused = catchThrowableOfType(Ec2Exception.class, () -> ec2.runInstances(r -> r
                    .imageId(image).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1)
                    .placement(p -> p.availabilityZone("us-east-1a"))));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InsufficientInstanceCapacity");
            // Another zone has room.
            assertThat(ec2.runInstances(r -> r.imageId(image).instanceType(InstanceType.T3_MICRO).minCount(1)
                    .maxCount(1).placement(p -> p.availabilityZone("us-east-1b"))).instances()).hasSize(1);

            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.endpoint().resolve("/_alto/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("alto_gateway_requests_total").contains("RunInstances")
                    .contains("alto_faults_injected_total");
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"action\":\"RunInstances\"")
                .contains("\"status\":500"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"action\":\"RunInstances\"")
                .contains("\"status\":200"));
    }

    @Test
    void withoutFaultsNothingIsAnnouncedAndTheyCanBeSetLater() throws Exception {
        try (GatewayServer server = GatewayServer.start(ServeOptions.ephemeralLocal(Map.of()))) {
            assertThat(server.announcement()).noneSatisfy(line -> assertThat(line).contains("faults"));
            HttpResponse<String> set = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            server.endpoint().resolve("/_alto/faults")).POST(HttpRequest.BodyPublishers.ofString(
                            "throttle=100%")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                    .build()) {
                Ec2Exception throttled = catchThrowableOfType(Ec2Exception.class, ec2::describeInstances);
                assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
            }
        }
    }
}
