package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.spi.Providers;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.altostratus.testkit.ThrowawayPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local provider's state in the PostgreSQL store {@code alto serve} replicas share, named by alto.toml's
 * {@code [store] url}: commands launch into and list from that database (never the state directory), and a bad or
 * unreachable URL is a one-line error.
 */
class LocalStoreUrlCliTest {
    private static ThrowawayPostgres pg;

    @TempDir
    Path home;

    CliRun alto;
    Path state;

    @BeforeAll
    static void startPostgres() {
        pg = ThrowawayPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void setUp() {
        assumeTrue(Providers.available().stream().anyMatch(f -> f.name().equals("local")),
                "the local provider is not on the class path");
        alto = new CliRun(home);
        alto.env.put("ALTO_LOCAL_TRANSITION_MS", "0");
        state = home.resolve("state");
    }

    private CliRun.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--state-dir", state.toString()));
        return alto.run(all.toArray(String[]::new));
    }

    private void configure(String url) throws IOException {
        Path config = Files.writeString(home.resolve("alto.toml"), "[store]\nurl = \"" + url + "\"\n");
        alto.env.put("ALTO_CONFIG", config.toString());
    }

    @Test
    void commandsLaunchIntoAndListFromTheDatabaseNotTheStateDirectory() throws IOException {
        String url = pg.url(pg.createDatabase());
        configure(url);

        CliRun.Result hot = run("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--count", "2",
                "--tag", "batch=hot", "-o", "json");
        assertThat(hot.exit()).as(hot.toString()).isZero();
        CliRun.Result cold = run("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--tag", "batch=cold",
                "-o", "json");
        assertThat(cold.exit()).as(cold.toString()).isZero();
        List<String> hotIds = ids(hot.json());

        CliRun.Result all = run("ls", "-o", "json");
        CliRun.Result tagged = run("ls", "--tag", "batch=hot", "-o", "json");

        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.json()).hasSize(3);
        assertThat(ids(tagged.json())).containsExactlyInAnyOrderElementsOf(hotIds);
        // bin/alto answers `ls` on its quick path first, without picocli: the same store.
        CliRun.Result quick = alto.runQuick("ls", "--tag", "batch=hot", "-o", "json", "--state-dir", state.toString())
                .orElseThrow();
        assertThat(ids(quick.json())).containsExactlyInAnyOrderElementsOf(hotIds);
        assertThat(state.resolve(StateStores.FILE_NAME)).as("the state directory was not used").doesNotExist();
        // What the commands wrote is in the database, for a server on it (a mirrored store) to see.
        try (StateStore server = StateStores.open(url)) {
            long revision = server.read(v -> v.revision());
            assertThat(revision).isPositive();
        }
    }

    @Test
    void aStoreUrlThatIsNotPostgresIsAUsageErrorInOneLine() throws IOException {
        configure(home.resolve("elsewhere").toString());

        CliRun.Result run = run("ls");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.errLines()).singleElement().satisfies(line -> assertThat(line)
                .contains("[store] url", "postgresql://"));
    }

    @Test
    void anUnreachableServerIsAOneLineError() throws IOException {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        configure("postgresql://alto@127.0.0.1:1/nothing");

        CliRun.Result run = run("ls");

        assertThat(run.exit()).as(run.toString()).isNotZero().isNotEqualTo(ExitCode.SOFTWARE.code());
        assertThat(run.errLines()).singleElement().satisfies(line -> assertThat(line)
                .contains("postgresql://alto@127.0.0.1:1/nothing", "unreachable"));
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }
}
