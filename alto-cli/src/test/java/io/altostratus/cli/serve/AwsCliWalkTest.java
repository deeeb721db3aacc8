package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's walk with the real AWS CLI against {@code alto serve} (started in-process exactly as the command starts
 * it): describe-availability-zones, describe-images, create-key-pair, run-instances, describe-instances,
 * terminate-instances, delete-key-pair, with {@code --endpoint-url} and {@code --output json}. Skipped where the
 * {@code aws} command is not installed; CI installs Debian's awscli so it runs there.
 */
class AwsCliWalkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GatewayServer server;

    @TempDir
    static Path home;

    @BeforeAll
    static void start() {
        assumeTrue(Peers.works("aws", "--version"), "the AWS CLI (aws) is not installed");
        server = GatewayServer.start(ServeOptions.ephemeralLocal(Map.of("transition_ms", "0")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Peers.Result aws(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", server.endpoint().toString(),
                "--output", "json", "ec2"));
        command.addAll(List.of(args));
        return Peers.run(home, Peers.clientEnvironment(home, "test", "test", "us-east-1"), Duration.ofSeconds(60),
                command);
    }

    private JsonNode ok(String... args) throws IOException {
        Peers.Result result = aws(args);
        assertThat(result.exit()).as("aws ec2 %s\n%s", String.join(" ", args), result).isZero();
        return result.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.out());
    }

    private static List<JsonNode> items(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void theIssuesWalk() throws IOException {
        JsonNode zones = ok("describe-availability-zones");
        assertThat(items(zones.path("AvailabilityZones"))).isNotEmpty().allSatisfy(zone -> {
            assertThat(zone.path("RegionName").asText()).isEqualTo("us-east-1");
            assertThat(zone.path("ZoneName").asText()).startsWith("us-east-1");
            assertThat(zone.path("State").asText()).isEqualTo("available");
        });

        JsonNode images = ok("describe-images");
        List<JsonNode> all = items(images.path("Images"));
        assertThat(all).isNotEmpty().allSatisfy(image -> assertThat(image.path("ImageId").asText()).startsWith("ami-"));
        String imageId = all.stream()
                .filter(i -> i.path("Architecture").asText().equals("x86_64") && i.path("State").asText().equals("available"))
                .findFirst().orElseThrow(() -> new AssertionError("no available x86_64 image in " + all.size()))
                .path("ImageId").asText();

        JsonNode key = ok("create-key-pair", "--key-name", "walk-key");
        assertThat(key.path("KeyName").asText()).isEqualTo("walk-key");
        assertThat(key.path("KeyMaterial").asText()).startsWith("-----BEGIN");
        assertThat(key.path("KeyFingerprint").asText()).isNotBlank();
        assertThat(key.path("KeyPairId").asText()).startsWith("key-");

        JsonNode run = ok("run-instances", "--image-id", imageId, "--instance-type", "t3.micro", "--count", "2",
                "--key-name", "walk-key", "--tag-specifications",
                "ResourceType=instance,Tags=[{Key=walk,Value=aws-cli}]");
        assertThat(run.path("ReservationId").asText()).startsWith("r-");
        assertThat(run.path("OwnerId").asText()).isEqualTo("000000000000");
        List<JsonNode> launched = items(run.path("Instances"));
        assertThat(launched).hasSize(2).allSatisfy(instance -> {
            assertThat(instance.path("InstanceId").asText()).matches("i-[0-9a-f]{17}");
            assertThat(instance.path("ImageId").asText()).isEqualTo(imageId);
            assertThat(instance.path("InstanceType").asText()).isEqualTo("t3.micro");
            assertThat(instance.path("KeyName").asText()).isEqualTo("walk-key");
            assertThat(instance.path("State").path("Name").asText()).isIn("pending", "running");
            assertThat(instance.path("Placement").path("AvailabilityZone").asText()).startsWith("us-east-1");
        });
        List<String> ids = launched.stream().map(i -> i.path("InstanceId").asText()).sorted().toList();

        JsonNode described = ok("describe-instances", "--instance-ids", ids.get(0), ids.get(1));
        assertThat(instanceIds(described)).containsExactlyElementsOf(ids);
        assertThat(items(described.path("Reservations")).getFirst().path("Instances").get(0).path("Tags"))
                .anySatisfy(tag -> {
                    assertThat(tag.path("Key").asText()).isEqualTo("walk");
                    assertThat(tag.path("Value").asText()).isEqualTo("aws-cli");
                });
        JsonNode byTag = ok("describe-instances", "--filters", "Name=tag:walk,Values=aws-cli");
        assertThat(instanceIds(byTag)).containsExactlyElementsOf(ids);

        JsonNode terminated = ok("terminate-instances", "--instance-ids", ids.get(0), ids.get(1));
        assertThat(items(terminated.path("TerminatingInstances"))).hasSize(2).allSatisfy(change -> {
            assertThat(ids).contains(change.path("InstanceId").asText());
            assertThat(change.path("CurrentState").path("Name").asText()).isIn("shutting-down", "terminated");
            assertThat(change.path("PreviousState").path("Name").asText()).isIn("pending", "running");
        });

        ok("delete-key-pair", "--key-name", "walk-key");
        Peers.Result gone = aws("describe-key-pairs", "--key-names", "walk-key");
        assertThat(gone.exit()).as(gone.toString()).isNotZero();
        assertThat(gone.err()).contains("InvalidKeyPair.NotFound");
    }

    @Test
    void errorsCarryEc2sCodes() throws IOException {
        Peers.Result missing = aws("describe-instances", "--instance-ids", "i-0123456789abcdef0");
        assertThat(missing.exit()).as(missing.toString()).isNotZero();
        assertThat(missing.err()).contains("InvalidInstanceID.NotFound");

        Peers.Result wrongSecret = Peers.run(home, Peers.clientEnvironment(home, "test", "not-the-secret", "us-east-1"),
                Duration.ofSeconds(60), List.of("aws", "--endpoint-url", server.endpoint().toString(), "ec2",
                        "describe-availability-zones"));
        assertThat(wrongSecret.exit()).as(wrongSecret.toString()).isNotZero();
        assertThat(wrongSecret.err()).contains("SignatureDoesNotMatch");
    }

    private static List<String> instanceIds(JsonNode describeInstances) {
        List<String> ids = new ArrayList<>();
        for (JsonNode reservation : describeInstances.path("Reservations")) {
            for (JsonNode instance : reservation.path("Instances")) {
                ids.add(instance.path("InstanceId").asText());
            }
        }
        return ids.stream().sorted().toList();
    }
}
