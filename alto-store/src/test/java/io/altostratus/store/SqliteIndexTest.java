package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteIndexTest extends IndexContractTest {

    private static final List<String> KEYS = List.of("team=web", "team=db", "env=prod");

    @TempDir
    Path dir;

    @Override
    protected StateStore newStore() {
        return StateStores.open(dir);
    }

    @Test
    void anotherStoreOnTheSameDirectoryKeepsItsIndexInStepWithWhatThisOneCommits() {
        put(store, "a", "m-1", Map.of("team", "web"));
        try (StateStore other = StateStores.open(dir)) {
            registerTagIndex(other);
            assertThat(lookup(other, "a", "team=web")).containsExactly("m-1");

            put(store, "a", "m-2", Map.of("team", "web", "env", "prod"));
            put(store, "a", "m-1", Map.of("team", "db"));
            assertThat(everyLookup(other, "a", KEYS)).isEqualTo(everyScan(store, "a", KEYS));
            assertThat(lookup(other, "a", "team=web")).containsExactly("m-2");

            // And the other way round, including a deletion, which reaches this store as a tombstone.
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

    @Test
    void aReopenedStoreRebuildsItsIndexFromTheFile() {
        put(store, "a", "m-1", Map.of("team", "web"));
        put(store, "a", "m-2", Map.of("team", "db"));
        store.close();
        store = StateStores.open(dir);
        registerTagIndex(store);

        assertThat(lookup(store, "a", "team=db")).containsExactly("m-2");
        assertThat(everyLookup(store, "a", KEYS)).isEqualTo(everyScan(store, "a", KEYS));
    }
}
