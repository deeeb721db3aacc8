package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.cli.serve.GatewayServer;
import io.altostratus.cli.serve.ServeOptions;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alto --provider aws --endpoint URL ...} against what {@code alto serve --ephemeral} runs (the gateway over a
 * fresh local cloud), both in this process: the CLI's verbs reach EC2's wire through the aws provider and the SDK,
 * with credentials from {@code alto.toml}'s {@code [aws]} section, and {@code alto gc} finds and deletes what they made.
 */
class AwsProviderCliTest {
    @TempDir
    Path home;

    private CliRun alto;
    private GatewayServer serve;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        alto = new CliRun(home);
        serve = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local", Map.of("transition_ms", "0"), null,
                Duration.ZERO, AuthMode.STRICT, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM));
        config = home.resolve("alto.toml");
        Files.writeString(config, "[aws]\naccess_key_id = \"test\"\nsecret_access_key = \"test\"\nowner = \"cli-test\"\n"
                + "key_dir = \"" + home.resolve("keys") + "\"\n");
    }

    @AfterEach
    void tearDown() {
        serve.close();
    }

    private CliRun.Result aws(String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "--provider";
        all[1] = "aws";
        all[2] = "--endpoint";
        all[3] = serve.endpoint().toString();
        all[4] = "--config";
        all[5] = config.toString();
        System.arraycopy(args, 0, all, 6, args.length);
        return alto.run(all);
    }

    @Test
    void launchListWaitRemoveAndLatestImageWorkThroughTheAwsProvider() {
        CliRun.Result latest = aws("-o", "json", "images", "latest", "ubuntu", "22.04");
        assertThat(latest.exit()).as(latest.toString()).isZero();
        JsonNode image = latest.json();
        assertThat(image.get("id").asText()).startsWith("ami-");
        assertThat(image.get("distro").asText()).isEqualTo("ubuntu");
        assertThat(image.get("release").asText()).isEqualTo("22.04");
        assertThat(image.get("ownerId").asText()).isEqualTo("099720109477");

        CliRun.Result launch = aws("-o", "json", "launch", "--image", "ubuntu:22.04", "--type", "t3.micro",
                "--count", "2", "--name", "web");
        assertThat(launch.exit()).as(launch.toString()).isZero();
        JsonNode made = launch.json();
        assertThat(made).hasSize(2);
        String first = made.get(0).get("id").asText();
        String second = made.get(1).get("id").asText();
        assertThat(made.get(0).get("tags").get("alto:owner").asText()).isEqualTo("cli-test");

        CliRun.Result waited = aws("-o", "json", "wait", first, second);
        assertThat(waited.exit()).as(waited.toString()).isZero();

        CliRun.Result ls = aws("-o", "json", "ls");
        assertThat(ls.exit()).as(ls.toString()).isZero();
        assertThat(ls.json().findValuesAsText("id")).contains(first, second);
        assertThat(ls.json().findValuesAsText("state")).containsOnly("running");

        CliRun.Result gcList = aws("-o", "json", "gc");
        assertThat(gcList.exit()).as(gcList.toString()).isZero();
        assertThat(gcList.json().findValuesAsText("id")).contains(first, second);

        CliRun.Result rm = aws("-o", "json", "rm", "--wait", first);
        assertThat(rm.exit()).as(rm.toString()).isZero();
        assertThat(rm.json().get(0).get("currentState").asText()).isEqualTo("terminated");

        CliRun.Result gc = aws("gc", "--yes");
        assertThat(gc.exit()).as(gc.toString()).isZero();
        CliRun.Result after = aws("-o", "json", "show", second);
        assertThat(after.json().get("state").asText()).isIn("terminating", "terminated");
        assertThat(after.json().get("rawState").asText()).as("EC2's own word").isIn("shutting-down", "terminated");
    }
}
