package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** alto.toml and ALTO_* variables fill in what flags leave out; flags win, then the environment, then the file. */
class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void configFileSuppliesProviderRegionOutputAndProviderSettings() throws Exception {
        Path toml = dir.resolve("alto.toml");
        Files.writeString(toml, """
                provider = "fake"
                region = "eu-west-1"
                output = "json"

                [fake]
                transition_ms = 0
                """);
        CliRun cli = new CliRun(dir);
        String state = dir.resolve("s").toString();

        CliRun.Result zones = cli.run("--config", toml.toString(), "--state-dir", state, "zones");
        CliRun.Result launched = cli.run("launch", "--config", toml.toString(), "--state-dir", state,
                "--image", "ubuntu:24.04", "--type", "t3.micro");
        CliRun.Result listed = cli.run("ls", "--config", toml.toString(), "--state-dir", state);

        assertThat(zones.exit()).as(zones.toString()).isZero();
        assertThat(zones.json().get(0).get("region").asText()).isEqualTo("eu-west-1");
        assertThat(launched.json().get(0).get("region").asText()).isEqualTo("eu-west-1");
        // transition_ms = 0 from the [fake] section: running at once, with no time passing.
        assertThat(listed.json().get(0).get("state").asText()).isEqualTo("running");
    }

    @Test
    void withoutARegionAnywhereASessionGetsItsProvidersDefaultAndTheProvidersSectionBeatsTheGlobalRegion()
            throws Exception {
        CliRun cli = new CliRun(dir);
        String state = dir.resolve("s").toString();
        // The minimal provider's one region is local-1, not EC2's us-east-1.
        CliRun.Result minimal = cli.run("--provider", "minimal", "--state-dir", state, "zones", "-o", "json");
        assertThat(minimal.exit()).as(minimal.toString()).isZero();
        assertThat(minimal.json().get(0).get("region").asText()).isEqualTo("local-1");

        Path toml = dir.resolve("alto.toml");
        Files.writeString(toml, """
                region = "eu-west-1"

                [minimal]
                region = "local-1"
                """);
        CliRun.Result sectioned = cli.run("--config", toml.toString(), "--provider", "minimal", "--state-dir", state,
                "zones", "-o", "json");
        assertThat(sectioned.exit()).as(sectioned.toString()).isZero();
        assertThat(sectioned.json().get(0).get("region").asText()).isEqualTo("local-1");
        CliRun.Result global = cli.run("--config", toml.toString(), "--provider", "fake", "--state-dir", state,
                "zones", "-o", "json");
        assertThat(global.json().get(0).get("region").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void environmentBeatsTheFileAndFlagsBeatBoth() throws Exception {
        Path toml = dir.resolve("alto.toml");
        Files.writeString(toml, "provider = \"fake\"\nregion = \"eu-west-1\"\n");
        CliRun cli = new CliRun(dir);
        cli.env.put("ALTO_CONFIG", toml.toString());
        cli.env.put("ALTO_REGION", "us-east-1");
        cli.env.put("ALTO_OUTPUT", "json");
        String state = dir.resolve("s").toString();

        CliRun.Result fromEnv = cli.run("zones", "--state-dir", state);
        CliRun.Result fromFlag = cli.run("zones", "--state-dir", state, "--region", "eu-west-1", "-o", "yaml");

        assertThat(fromEnv.json().get(0).get("region").asText()).isEqualTo("us-east-1");
        assertThat(fromFlag.out()).contains("region: eu-west-1");
    }

    @Test
    void stateDirComesFromTheEnvironmentWhenNotGiven() {
        CliRun cli = new CliRun(dir);
        cli.env.put("ALTO_PROVIDER", "fake");
        cli.env.put("ALTO_STATE_DIR", dir.resolve("from-env").toString());

        cli.run("launch", "--image", "ubuntu:24.04", "--type", "t3.micro");
        CliRun.Result sameDir = cli.run("ls", "-o", "json", "--state-dir", dir.resolve("from-env").toString());
        CliRun.Result otherDir = cli.run("ls", "-o", "json", "--state-dir", dir.resolve("other").toString());

        assertThat(sameDir.json()).hasSize(1);
        assertThat(otherDir.json()).isEmpty();
    }

    @Test
    void anEmptyStateDirIsBadUsageNotTheWorkingDirectory() {
        CliRun.Result r = new CliRun(dir).run("--state-dir", "", "ls");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--state-dir must not be empty");
    }

    @Test
    void missingExplicitConfigIsBadUsage() {
        CliRun.Result r = new CliRun(dir).run("--config", dir.resolve("none.toml").toString(), "regions");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("config file not found");
    }

    @Test
    void unknownProviderIsBadUsage() {
        CliRun.Result r = new CliRun(dir).run("--provider", "nimbus", "regions");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("unknown provider 'nimbus'");
    }
}
