package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.identity.InstanceTypeMap;
import java.io.IOException;
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
 * {@code alto serve --backend azure}: the AWS CLI drives Azure VMs through the EC2 front. Azure here is a second
 * {@code alto serve --api arm} over the local cloud, so the whole path runs: AWS CLI, EC2 front, EC2 ids minted for
 * the azure provider's VM names, the azure provider, the Azure SDK for Java, the ARM front, the local cloud. Skipped
 * where the {@code aws} command is not installed; CI installs it.
 */
class AzureBackendAwsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private GatewayServer arm;
    private GatewayServer ec2;

    @BeforeEach
    void start() {
        arm = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local", Map.of("transition_ms", "0"), null,
                Duration.ZERO, AuthMode.PERMISSIVE, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM, null,
                Set.of(ServeApi.ARM)));
        ec2 = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "azure",
                Map.of("subscription", "22222222-0000-0000-0000-000000000000", "resource_group", "ec2-over-arm",
                        "access_token", "test"),
                "http://127.0.0.1:" + arm.port(), Duration.ZERO, AuthMode.STRICT, "eastus", Clock.systemUTC(),
                Sleeper.SYSTEM, InstanceTypeMap.of(Map.of("t3.micro", "Standard_B2s")), Set.of(ServeApi.EC2)));
    }

    @AfterEach
    void stop() {
        ec2.close();
        arm.close();
    }

    private JsonNode ok(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", ec2.endpoint().toString(),
                "--output", "json", "ec2"));
        command.addAll(List.of(args));
        Peers.Result result = Peers.run(home, Peers.clientEnvironment(home, "test", "test", "eastus"),
                Duration.ofSeconds(120), command);
        assertThat(result.exit()).as("aws ec2 %s\n%s", String.join(" ", args), result).isZero();
        return result.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.out());
    }

    private static Map<String, String> states(JsonNode described) {
        Map<String, String> out = new java.util.TreeMap<>();
        described.path("Reservations").forEach(r -> r.path("Instances").forEach(i ->
                out.put(i.path("InstanceId").asText(), i.path("State").path("Name").asText())));
        return out;
    }

    @Test
    void runDescribeWithFiltersStopAndTerminateWithEc2ShapedIds() throws IOException {
        assumeTrue(Peers.works("aws", "--version"), "the AWS CLI (aws) is not installed");
        JsonNode images = ok("describe-images", "--filters", "Name=architecture,Values=x86_64");
        assertThat(images.path("Images")).isNotEmpty();
        String imageId = images.path("Images").get(0).path("ImageId").asText();
        assertThat(imageId).matches("ami-[0-9a-f]{17}");

        JsonNode run = ok("run-instances", "--image-id", imageId, "--instance-type", "t3.micro", "--count", "2",
                "--tag-specifications", "ResourceType=instance,Tags=[{Key=team,Value=infra}]");
        List<String> launched = new ArrayList<>();
        run.path("Instances").forEach(i -> launched.add(i.path("InstanceId").asText()));
        assertThat(launched).hasSize(2).allSatisfy(id -> assertThat(id).matches("i-[0-9a-f]{17}"));
        assertThat(run.path("Instances").get(0).path("InstanceType").asText()).as("the EC2 name, mapped back")
                .isEqualTo("t3.micro");
        assertThat(run.path("Instances").get(0).path("Placement").path("AvailabilityZone").asText())
                .startsWith("eastus-");

        JsonNode running = ok("describe-instances", "--filters", "Name=tag:team,Values=infra",
                "Name=instance-state-name,Values=running");
        assertThat(states(running)).containsOnlyKeys(launched);

        ok("stop-instances", "--instance-ids", launched.get(0));
        JsonNode stopped = ok("describe-instances", "--filters", "Name=instance-state-name,Values=stopped");
        assertThat(states(stopped)).containsOnlyKeys(launched.get(0));

        ok("terminate-instances", "--instance-ids", launched.get(0), launched.get(1));
        Map<String, String> after = states(ok("describe-instances", "--instance-ids", launched.get(0),
                launched.get(1)));
        assertThat(after.values()).allSatisfy(state -> assertThat(state).isIn("shutting-down", "terminated"));
    }
}
