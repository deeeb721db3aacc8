package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's quick path answers {@code alto ls} exactly as picocli's path does: each line runs both ways over the
 * same state, and the exit code, stdout and stderr must be the same. Lines the quick path must leave to picocli are
 * checked to be declined.
 */
class QuickCommandsTest {
    @TempDir
    Path dir;

    CliRun cli;
    String state;
    List<String> ids = new ArrayList<>();

    @BeforeEach
    void setUp() {
        cli = new CliRun(dir);
        cli.env.put("ALTO_LOCAL_TRANSITION_MS", "0");
        state = dir.resolve("state").toString();
        CliRun.Result launched = cli.run("--state-dir", state, "launch", "--image", "ubuntu:24.04", "--type",
                "t3.micro", "--count", "3", "--tag", "role=web", "--tag", "Name=web-1", "-o", "json");
        assertThat(launched.exit()).as(launched.toString()).isZero();
        launched.json().forEach(n -> ids.add(n.get("id").asText()));
        assertThat(cli.run("--state-dir", state, "stop", ids.get(0)).exit()).isZero();
    }

    /** Both ways over one line: the quick path must take it and print what picocli's path prints. */
    private CliRun.Result same(String... args) {
        CliRun.Result picocli = cli.run(args);
        Optional<CliRun.Result> quick = cli.runQuick(args);
        assertThat(quick).as("quick path took %s", List.of(args)).isPresent();
        assertThat(quick.get().exit()).as("exit of %s", List.of(args)).isEqualTo(picocli.exit());
        assertThat(quick.get().out()).as("stdout of %s", List.of(args)).isEqualTo(picocli.out());
        assertThat(quick.get().err()).as("stderr of %s", List.of(args)).isEqualTo(picocli.err());
        return picocli;
    }

    @Test
    void listingsPrintTheSameBothWays() {
        assertThat(same("--state-dir", state, "ls").out()).contains(ids.get(0), ids.get(1), ids.get(2));
        same("ls", "--state-dir", state);
        same("list", "--state-dir=" + state);
        same("--state-dir", state, "ls", "-o", "json");
        same("--state-dir", state, "ls", "--output=yaml");
        assertThat(same("--state-dir", state, "ls", "--state", "stopped", "-o", "json").json()).hasSize(1);
        same("--state-dir", state, "ls", "--state", "running,stopped", "--state", "pending");
        assertThat(same("--state-dir", state, "ls", "--tag", "Name=web-*", "-o", "json").json()).hasSize(3);
        same("--state-dir", state, "ls", "--name", "web-1", "--tag", "role");
        same("--state-dir", state, "ls", "--zone", "us-east-1a");
        same("--state-dir", state, "ls", ids.get(1), ids.get(2));
        same("--provider", "local", "--region", "us-west-2", "--state-dir", state, "ls");
    }

    @Test
    void failuresPrintTheSameBothWays() {
        CliRun.Result unknown = same("--state-dir", state, "ls", "i-0123456789abcdef0");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).startsWith("alto: error: ");
        assertThat(same("--state-dir", state, "ls", "not-an-id").exit()).isNotZero();
        assertThat(same("--state-dir", state, "--provider", "nope", "ls").err()).contains("unknown provider");
        assertThat(same("--state-dir", state, "ls", "-o", "xml").exit()).isNotZero();
        assertThat(same("--state-dir", state, "--region", "mars-1", "ls").exit()).isNotZero();
    }

    @Test
    void aConfigFileIsReadTheSameWay() throws Exception {
        Path config = Files.writeString(dir.resolve("alto.toml"), "output = \"json\"\nstate_dir = \"" + state + "\"\n");
        assertThat(same("--config", config.toString(), "ls").json()).hasSize(3);
    }

    @Test
    void linesThatAreNotPlainListingsAreLeftToPicocli() {
        for (List<String> line : List.<List<String>>of(
                List.of("ls", "--help"), List.of("--help"), List.of("ls", "-h"), List.of("--version", "ls"),
                List.of("ls", "--bogus"), List.of("ls", "--zone"), List.of("ls", "--zone", "a", "--zone", "b"),
                List.of("ls", "-o", "json", "--output", "yaml"), List.of("ls", "-ojson"), List.of("ls", "--", "x"),
                List.of("ls", "--state", "sleeping"), List.of("ls", "--state", "running,"),
                List.of("ls", "--state-dir="), List.of("ls", "--debug=true"), List.of("ls", "--debug", "--debug"),
                List.of("ls", "--tag", "=v"), List.of("show", "i-0123456789abcdef0"), List.of("launch"),
                List.of(), List.of("--state-dir", state))) {
            assertThat(cli.runQuick(line.toArray(String[]::new))).as("quick path on %s", line).isEmpty();
        }
    }
}
