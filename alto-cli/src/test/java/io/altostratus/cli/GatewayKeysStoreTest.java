package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.testkit.ThrowawayPostgres;
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
 * {@code alto gateway keys} on the PostgreSQL store replicas share: a key made with {@code --store} is listed through
 * {@code [store] url}, never lands in the state directory, and is deleted there; errors name the store without its
 * password.
 */
class GatewayKeysStoreTest {
    private static ThrowawayPostgres pg;

    @TempDir
    Path home;

    CliRun alto;

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
        alto = new CliRun(home);
    }

    @Test
    void keysLiveInTheSharedStoreWhicheverWayItIsNamed() throws Exception {
        String url = pg.url(pg.createDatabase());
        Path state = home.resolve("state");

        CliRun.Result created = alto.run("gateway", "keys", "create", "--account", "123456789012", "--store", url,
                "--state-dir", state.toString(), "-o", "json");
        assertThat(created.exit()).as(created.toString()).isZero();
        String id = created.json().path("accessKeyId").asText();

        Path config = Files.writeString(home.resolve("alto.toml"), "[store]\nurl = \"" + url + "\"\n");
        alto.env.put("ALTO_CONFIG", config.toString());
        CliRun.Result listed = alto.run("gateway", "keys", "list", "--state-dir", state.toString(), "-o", "json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        List<String> ids = new ArrayList<>();
        for (JsonNode k : listed.json()) {
            ids.add(k.path("accessKeyId").asText());
        }
        assertThat(ids).containsExactly(id);
        assertThat(state.resolve("state.db")).as("the state directory was not used").doesNotExist();

        CliRun.Result deleted = alto.run("gateway", "keys", "delete", id, "--state-dir", state.toString());
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        CliRun.Result again = alto.run("gateway", "keys", "delete", id, "--state-dir", state.toString());
        assertThat(again.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(again.errLines()).singleElement().satisfies(line -> assertThat(line)
                .contains(id, "postgresql://"));
    }

    @Test
    void aStoreThatIsNotAPostgresUrlIsAUsageError() {
        CliRun.Result run = alto.run("gateway", "keys", "list", "--store", home.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.errLines()).singleElement().satisfies(line -> assertThat(line).contains("postgresql://"));
    }
}
