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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alto serve --backend proxmox}: the AWS CLI drives a Proxmox VE cluster through the EC2 front, as an operator
 * who wants EC2 over their hypervisor would. The cluster is a second {@code alto serve --api pve} over the local
 * cloud, so the whole path runs: AWS CLI, EC2 front, EC2 ids minted for {@code node/vmid}, the proxmox provider,
 * /api2/json, the PVE front, the local cloud. Skipped where the {@code aws} command is not installed; CI installs it.
 */
class ProxmoxBackendAwsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private GatewayServer pve;
    private GatewayServer ec2;

    @BeforeEach
    void start() {
        pve = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local", Map.of("transition_ms", "0"), null,
                Duration.ZERO, AuthMode.STRICT, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM, null,
                java.util.Set.of(ServeApi.PVE)));
        ec2 = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "proxmox",
                Map.of("token", GatewayServer.DEFAULT_PVE_TOKEN, "shutdown_timeout_s", "30"),
                "http://127.0.0.1:" + pve.port(), Duration.ZERO, AuthMode.STRICT, "pve", Clock.systemUTC(),
                Sleeper.SYSTEM, InstanceTypeMap.of(Map.of("t3.small", "small")), java.util.Set.of(ServeApi.EC2)));
    }

    @AfterEach
    void stop() {
        ec2.close();
        pve.close();
    }

    private JsonNode ok(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", ec2.endpoint().toString(),
                "--output", "json", "ec2"));
        command.addAll(List.of(args));
        Peers.Result result = Peers.run(home, Peers.clientEnvironment(home, "test", "test", "pve"),
                Duration.ofSeconds(120), command);
        assertThat(result.exit()).as("aws ec2 %s\n%s", String.join(" ", args), result).isZero();
        return result.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.out());
    }

    private JsonNode instance(String id) throws IOException {
        return ok("describe-instances", "--instance-ids", id).path("Reservations").get(0).path("Instances").get(0);
    }

    @Test
    void templatesAreImagesAndVmsAreInstancesWithTheAgentsAddress() throws Exception {
        assumeTrue(Peers.works("aws", "--version"), "the AWS CLI (aws) is not installed");
        JsonNode images = ok("describe-images");
        List<String> names = new ArrayList<>();
        images.path("Images").forEach(i -> names.add(i.path("Name").asText()));
        assertThat(names).as("the cluster's templates").contains("ubuntu-24.04-cloud", "debian-12-cloud");
        String ubuntu = null;
        for (JsonNode i : images.path("Images")) {
            if (i.path("Name").asText().equals("ubuntu-24.04-cloud")) {
                ubuntu = i.path("ImageId").asText();
            }
        }
        assertThat(ubuntu).matches("ami-[0-9a-f]{17}");

        JsonNode run = ok("run-instances", "--image-id", ubuntu, "--instance-type", "t3.small", "--count", "1",
                "--tag-specifications", "ResourceType=instance,Tags=[{Key=team,Value=lab}]");
        String id = run.path("Instances").get(0).path("InstanceId").asText();
        assertThat(id).matches("i-[0-9a-f]{17}");
        assertThat(run.path("Instances").get(0).path("InstanceType").asText()).isEqualTo("t3.small");

        // The address comes from the guest agent, which answers a few seconds after boot.
        JsonNode described = instance(id);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (described.path("PrivateIpAddress").asText("").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            described = instance(id);
        }
        assertThat(described.path("State").path("Name").asText()).isEqualTo("running");
        assertThat(described.path("PrivateIpAddress").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(described.path("Tags").toString()).contains("team").contains("lab");

        ok("stop-instances", "--instance-ids", id);
        assertThat(instance(id).path("State").path("Name").asText()).isIn("stopping", "stopped");

        ok("terminate-instances", "--instance-ids", id);
        assertThat(instance(id).path("State").path("Name").asText()).isIn("shutting-down", "terminated");
    }
}
