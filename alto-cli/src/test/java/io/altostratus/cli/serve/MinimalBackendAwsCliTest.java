package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alto serve --backend minimal}: the AWS CLI drives a provider whose own ids are not EC2's ({@code vm-<uuid>},
 * {@code img-...}) and sees EC2-shaped ids that stay the same when the server is restarted on the same state
 * directory. Skipped where the {@code aws} command is not installed; CI installs it.
 */
class MinimalBackendAwsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path state;

    private static GatewayServer start(Path stateDir) {
        return GatewayServer.start(new ServeOptions("127.0.0.1", 0, stateDir, "minimal", Map.of("transition_ms", "0"),
                null, Duration.ZERO, AuthMode.STRICT, "local-1", Clock.systemUTC(), Sleeper.SYSTEM));
    }

    private JsonNode ok(GatewayServer server, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", server.endpoint().toString(),
                "--output", "json", "ec2"));
        command.addAll(List.of(args));
        Peers.Result result = Peers.run(home, Peers.clientEnvironment(home, "test", "test", "local-1"),
                Duration.ofSeconds(60), command);
        assertThat(result.exit()).as("aws ec2 %s\n%s", String.join(" ", args), result).isZero();
        return result.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.out());
    }

    private static List<String> ids(JsonNode describeInstances) {
        List<String> out = new ArrayList<>();
        describeInstances.path("Reservations").forEach(r -> r.path("Instances")
                .forEach(i -> out.add(i.path("InstanceId").asText())));
        return out.stream().sorted().toList();
    }

    @Test
    void describeInstancesAnswersEc2IdsThatSurviveARestart() throws IOException {
        assumeTrue(Peers.works("aws", "--version"), "the AWS CLI (aws) is not installed");
        List<String> launched;
        String imageId;
        try (GatewayServer first = start(state)) {
            JsonNode images = ok(first, "describe-images");
            imageId = images.path("Images").get(0).path("ImageId").asText();
            assertThat(imageId).matches("ami-[0-9a-f]{17}");

            JsonNode run = ok(first, "run-instances", "--image-id", imageId, "--instance-type", "small",
                    "--count", "2");
            assertThat(run.path("ReservationId").asText()).matches("r-[0-9a-f]{17}");
            launched = new ArrayList<>();
            run.path("Instances").forEach(i -> launched.add(i.path("InstanceId").asText()));
            assertThat(launched).hasSize(2).allSatisfy(id -> assertThat(id).matches("i-[0-9a-f]{17}"));

            JsonNode described = ok(first, "describe-instances");
            assertThat(ids(described)).containsExactlyElementsOf(launched.stream().sorted().toList());
            described.path("Reservations").forEach(r -> r.path("Instances").forEach(i -> {
                assertThat(i.path("ImageId").asText()).isEqualTo(imageId);
                assertThat(i.path("State").path("Name").asText()).isIn("pending", "running");
            }));
        }
        // The backend itself keeps its own ids: the EC2 ids are the gateway's mapping, not the provider's.
        try (Stream<Path> files = Files.list(state)) {
            String backendState = files.filter(f -> f.getFileName().toString().startsWith("minimal-")
                            && f.getFileName().toString().endsWith(".json"))
                    .findFirst().map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).orElseThrow(() -> new AssertionError("the minimal provider wrote no state file"));
            assertThat(backendState).contains("vm-").doesNotContain(launched.get(0));
        }

        try (GatewayServer second = start(state)) {
            JsonNode again = ok(second, "describe-instances");
            assertThat(ids(again)).as("the same EC2 ids after a restart")
                    .containsExactlyElementsOf(launched.stream().sorted().toList());
            assertThat(ok(second, "describe-images").path("Images").get(0).path("ImageId").asText())
                    .isEqualTo(imageId);

            JsonNode terminated = ok(second, "terminate-instances", "--instance-ids", launched.get(0));
            assertThat(terminated.path("TerminatingInstances").get(0).path("InstanceId").asText())
                    .isEqualTo(launched.get(0));
        }
    }
}
