package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.cli.serve.GatewayServer;
import io.altostratus.cli.serve.ServeOptions;
import io.altostratus.gateway.identity.InstanceTypeMap;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code alto serve}'s type map: refusals, run in-process, are each one {@code alto: error:} line with exit code 2,
 * naming where the bad entry was written, and nothing starts serving; a server started with a map serves EC2 names
 * while the state holds the backend's sizes.
 */
class ServeTypeMapTest {
    @TempDir
    Path home;

    CliRun alto;

    @BeforeEach
    void setUp() {
        alto = new CliRun(home);
    }

    private CliRun.Result serve(String... more) {
        String[] args = new String[more.length + 4];
        args[0] = "serve";
        args[1] = "--ephemeral";
        args[2] = "--port";
        args[3] = "0";
        System.arraycopy(more, 0, args, 4, more.length);
        return alto.run(args);
    }

    private static void assertRefused(CliRun.Result run, String... mentions) {
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.errLines()).as(run.toString()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("alto: error: type map").contains(mentions));
        assertThat(run.out()).as("nothing was announced").isEmpty();
    }

    @Test
    void aMalformedLineInAMapFileIsRefusedNamingTheFileAndLine() throws Exception {
        Path file = Files.writeString(home.resolve("types.map"), "# sizes\nt3.micro = t3.small\nt3.large m5.large\n");

        assertRefused(serve("--type-map", file.toString()), file + " line 3", "t3.large m5.large");
    }

    @Test
    void anEc2TypeTwiceInAMapFileIsRefusedNamingBothLines() throws Exception {
        Path file = Files.writeString(home.resolve("types.map"), "t3.micro = t3.small\n\nt3.micro = t3.medium\n");

        assertRefused(serve("--type-map", file.toString()), file + " line 3", "line 1", "t3.micro");
    }

    @Test
    void aMissingMapFileIsRefused() {
        Path missing = home.resolve("absent.map");

        assertRefused(serve("--type-map", missing.toString()), missing.toString(), "no such file");
    }

    @Test
    void aMapTypeFlagWithoutAnEqualsSignIsRefused() {
        assertRefused(serve("--map-type", "t3.micro"), "--map-type t3.micro", "ec2type = backendsize");
    }

    @Test
    void aSizeTheBackendDoesNotHaveIsRefusedAtStartupNamingWhereItWasWritten() throws Exception {
        Path file = Files.writeString(home.resolve("types.map"), "t3.micro = t3.small\nt3.large = m5.hyuge\n");

        assertRefused(serve("--type-map", file.toString()), "'local'", "'m5.hyuge'", file + " line 2");
        assertRefused(serve("--map-type", "t3.micro=tiny"), "'tiny'", "--map-type t3.micro=tiny");
    }

    @Test
    void theTypeMapTableOfAltoTomlIsReadAndCheckedLikeTheFlags() throws Exception {
        Path config = Files.writeString(home.resolve("alto.toml"), """
                [type_map]
                "t3.micro" = "t3.small"
                t3.large = "m5.hyuge"
                """);
        alto.env.put("ALTO_CONFIG", config.toString());

        assertRefused(serve(), "'m5.hyuge'", config + " [type_map]");
        // A flag that maps the same EC2 name to a real size replaces the config's entry, so the start gets past it.
        CliRun.Result fixed = serve("--map-type", "t3.large=m5.large", "--map-type", "t3.nano=nano.size");
        assertRefused(fixed, "'nano.size'");
        assertThat(fixed.err()).doesNotContain("m5.hyuge");
    }

    @Test
    void aBadValueInTheTypeMapTableIsRefusedNamingTheTable() throws Exception {
        Path config = Files.writeString(home.resolve("alto.toml"), """
                [type_map]
                "t3.micro" = "two words"
                """);
        alto.env.put("ALTO_CONFIG", config.toString());

        assertRefused(serve(), config + " [type_map]", "'two words'");
    }

    @Test
    void aServerWithAMapLaunchesTheBackendSizeThatAltoShowSeesWhileEc2ClientsSeeTheirName() {
        Path state = home.resolve("state");
        ServeOptions options = new ServeOptions("127.0.0.1", 0, state, "local", Map.of("transition_ms", "0"), null,
                Duration.ZERO, AuthMode.STRICT, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM,
                InstanceTypeMap.of(Map.of("t3.micro", "t3.small")));
        String id;
        try (GatewayServer server = GatewayServer.start(options);
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .build()) {
            assertThat(server.announcement().get(0)).contains("1 instance types mapped");
            String image = ec2.describeImages().images().stream()
                    .filter(i -> "x86_64".equals(i.architectureAsString())).findFirst().orElseThrow().imageId();
            id = ec2.runInstances(r -> r.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1))
                    .instances().getFirst().instanceId();
            assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations().getFirst().instances().getFirst()
                    .instanceTypeAsString()).isEqualTo("t3.micro");
        }

        // The CLI reads the local cloud without the map: the instance really is the backend's t3.small.
        CliRun.Result ls = alto.run("ls", "--state-dir", state.toString(), "-o", "json");
        assertThat(ls.exit()).as(ls.toString()).isZero();
        assertThat(ls.json().findValues("id").stream().map(n -> n.asText())).contains(id);
        ls.json().forEach(i -> {
            if (i.path("id").asText().equals(id)) {
                assertThat(i.path("instanceType").asText()).isEqualTo("t3.small");
            }
        });
    }
}
