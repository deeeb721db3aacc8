package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.cli.serve.GatewayServer;
import io.altostratus.cli.serve.ServeOptions;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;

/** {@code alto serve}'s refusals and {@code alto gateway keys}, run in-process; the gateway sharing state with alto ls. */
class GatewayCommandsTest {
    @TempDir
    Path home;

    CliRun alto;
    Path state;

    @BeforeEach
    void setUp() {
        alto = new CliRun(home);
        state = home.resolve("state");
    }

    private GatewayServer serve() {
        return GatewayServer.start(new ServeOptions("127.0.0.1", 0, state, "local", Map.of("transition_ms", "0"), null,
                Duration.ZERO, AuthMode.STRICT, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM));
    }

    private static Ec2Client client(GatewayServer server, String key, String secret) {
        return Ec2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .build();
    }

    @Test
    void ephemeralAndAStateDirectoryContradictEachOther() {
        CliRun.Result run = alto.run("serve", "--ephemeral", "--state-dir", state.toString(), "--port", "0");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--ephemeral").contains("--state-dir");
    }

    @Test
    void aLatencyThatIsNotADurationIsRefused() {
        CliRun.Result run = alto.run("serve", "--ephemeral", "--port", "0", "--latency", "100");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("100ms");
    }

    @Test
    void permissiveAuthIsRefusedOnAnAddressOthersCanReach() {
        CliRun.Result run = alto.run("serve", "--ephemeral", "--port", "0", "--bind", "0.0.0.0", "--auth", "permissive");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("loopback");
    }

    @Test
    void anUnknownBackendIsRefusedNamingTheAvailableOnes() {
        CliRun.Result run = alto.run("serve", "--ephemeral", "--port", "0", "--backend", "nimbus");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("nimbus").contains("local");
    }

    @Test
    void keysMadeByTheCliSignRequestsToAServerOnTheSameStateDirectory() throws Exception {
        CliRun.Result created = alto.run("gateway", "keys", "create", "--account", "123456789012", "--state-dir",
                state.toString(), "-o", "json");
        assertThat(created.exit()).as(created.toString()).isZero();
        JsonNode key = created.json();
        String id = key.path("accessKeyId").asText();
        String secret = key.path("secretAccessKey").asText();
        assertThat(id).matches("AKIA[A-Z2-7]{16}");
        assertThat(secret).hasSize(40);
        assertThat(key.path("account").asText()).isEqualTo("123456789012");

        try (GatewayServer server = serve(); Ec2Client ec2 = client(server, id, secret)) {
            // The store already had a key, so no default one is made: a fresh start makes test/test only when empty.
            assertThat(server.defaultKeyCreated()).isEmpty();
            assertThat(ec2.describeAvailabilityZones().availabilityZones()).isNotEmpty();

            CliRun.Result listed = alto.run("gateway", "keys", "list", "--state-dir", state.toString(), "-o", "json");
            assertThat(listed.exit()).as(listed.toString()).isZero();
            assertThat(listed.out()).doesNotContain(secret);
            List<String> ids = new ArrayList<>();
            listed.json().forEach(k -> ids.add(k.path("accessKeyId").asText()));
            assertThat(ids).containsExactly(id);

            CliRun.Result deleted = alto.run("gateway", "keys", "delete", id, "--state-dir", state.toString());
            assertThat(deleted.exit()).as(deleted.toString()).isZero();

            // A running server reads keys from the shared store, so the deletion counts at once.
            Ec2Exception refused = org.assertj.core.api.Assertions.catchThrowableOfType(Ec2Exception.class,
                    ec2::describeAvailabilityZones);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
        }

        CliRun.Result again = alto.run("gateway", "keys", "delete", id, "--state-dir", state.toString());
        assertThat(again.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        CliRun.Result badAccount = alto.run("gateway", "keys", "create", "--account", "12", "--state-dir",
                state.toString());
        assertThat(badAccount.exit()).isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void altoLsSeesInstancesMadeThroughTheGatewayAndTheGatewaySeesTheCliOnes() throws Exception {
        String fromGateway;
        try (GatewayServer server = serve(); Ec2Client ec2 = client(server, "test", "test")) {
            String image = ec2.describeImages().images().stream()
                    .filter(i -> "x86_64".equals(i.architectureAsString())).findFirst().orElseThrow().imageId();
            fromGateway = ec2.runInstances(r -> r.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)
                    .tagSpecifications(t -> t.resourceType("instance").tags(tag -> tag.key("Name").value("via-ec2"))))
                    .instances().getFirst().instanceId();
        }

        CliRun.Result ls = alto.run("ls", "--state-dir", state.toString(), "-o", "json");
        assertThat(ls.exit()).as(ls.toString()).isZero();
        List<String> listed = new ArrayList<>();
        ls.json().forEach(i -> listed.add(i.path("id").asText()));
        assertThat(listed).contains(fromGateway);

        CliRun.Result launched = alto.run("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--state-dir",
                state.toString(), "-o", "json");
        assertThat(launched.exit()).as(launched.toString()).isZero();
        String fromCli = launched.json().get(0).path("id").asText();
        try (GatewayServer server = serve(); Ec2Client ec2 = client(server, "test", "test")) {
            List<String> seen = ec2.describeInstances().reservations().stream()
                    .flatMap(r -> r.instances().stream()).map(Instance::instanceId).toList();
            assertThat(seen).contains(fromGateway, fromCli);
        }
    }
}
