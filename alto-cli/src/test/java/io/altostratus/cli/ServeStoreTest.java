package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alto serve --store} and {@code [store] url}: refusals are one {@code alto: error:} line, and a database that
 * cannot be reached stops the start at once with a one-line error naming the URL (without its password), whichever
 * way the URL was given. The replicas themselves are tested in {@code serve.PostgresReplicasTest}.
 */
class ServeStoreTest {
    @TempDir
    Path home;

    CliRun alto;

    @BeforeEach
    void setUp() {
        alto = new CliRun(home);
    }

    @Test
    void ephemeralAndAStoreContradictEachOther() {
        CliRun.Result run = alto.run("serve", "--ephemeral", "--port", "0", "--store", "postgresql://alto@127.0.0.1/db");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.errLines()).as(run.toString()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("alto: error:").contains("--ephemeral", "--store"));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aStoreThatIsNotAPostgresUrlIsRefusedPointingAtStateDir() {
        CliRun.Result run = alto.run("serve", "--port", "0", "--store", home.resolve("state").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.errLines()).as(run.toString()).singleElement()
                .satisfies(line -> assertThat(line).contains("postgresql://", "--state-dir"));
    }

    @Test
    void anUnreachableDatabaseStopsTheStartWithOneLineWithoutThePassword() throws Exception {
        String url = "postgresql://alto:hunter2@127.0.0.1:" + closedPort() + "/state";

        CliRun.Result run = alto.run("serve", "--port", "0", "--state-dir", home.resolve("state").toString(),
                "--store", url);

        assertUnreachable(run);
    }

    @Test
    void theStoreUrlIsReadFromTheStoreTableOfAltoToml() throws Exception {
        Path config = Files.writeString(home.resolve("alto.toml"),
                "[store]\nurl = \"postgresql://alto:hunter2@127.0.0.1:" + closedPort() + "/state\"\n");
        alto.env.put("ALTO_CONFIG", config.toString());

        CliRun.Result run = alto.run("serve", "--port", "0", "--state-dir", home.resolve("state").toString());

        assertUnreachable(run);
    }

    private static void assertUnreachable(CliRun.Result run) {
        assertThat(run.exit()).as(run.toString()).isNotZero();
        assertThat(run.errLines()).as(run.toString()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("alto: error:").contains("postgresql://alto@127.0.0.1:", "unreachable")
                .doesNotContain("hunter2"));
        assertThat(run.out()).as("nothing was announced").isEmpty();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
