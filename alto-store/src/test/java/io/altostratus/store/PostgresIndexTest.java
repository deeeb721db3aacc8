package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.testkit.ThrowawayPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The secondary index contract on PostgreSQL, and an index kept in step with another process's commits. */
class PostgresIndexTest extends IndexContractTest {

    private static final List<String> KEYS = List.of("team=web", "team=db", "env=prod");
    private static ThrowawayPostgres pg;
    private String url;

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

    @Override
    protected StateStore newStore() {
        url = pg.url(pg.createDatabase());
        return StateStores.open(url);
    }

    @Test
    void anotherStoreOnTheSameDatabaseKeepsItsIndexInStepWithWhatThisOneCommits() {
        put(store, "a", "m-1", Map.of("team", "web"));
        try (StateStore other = StateStores.open(url)) {
            registerTagIndex(other);
            assertThat(lookup(other, "a", "team=web")).containsExactly("m-1");

            put(store, "a", "m-2", Map.of("team", "web", "env", "prod"));
            put(store, "a", "m-1", Map.of("team", "db"));
            assertThat(everyLookup(other, "a", KEYS)).isEqualTo(everyScan(store, "a", KEYS));
            assertThat(lookup(other, "a", "team=web")).containsExactly("m-2");

            other.write(tx -> {
                tx.delete(KIND, "a", "m-2");
                tx.put(KIND, "a", "m-3", tagged("m-3", Map.of("env", "prod")));
                return null;
            });
            assertThat(everyLookup(store, "a", KEYS)).isEqualTo(everyScan(other, "a", KEYS));
            assertThat(lookup(store, "a", "env=prod")).containsExactly("m-3");
            assertThat(lookup(store, "a", "team=web")).isEmpty();
        }
    }
}
