package io.altostratus.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index after the mirror is replaced wholesale (a store that lagged behind purged tombstones). */
class SqliteIndexReloadTest {

    record Named(String name) {
    }

    @TempDir
    Path dir;

    @Test
    void aStoreThatReloadsEverythingRebuildsItsIndexWithoutStaleEntries() {
        Path file = dir.resolve("state.db");
        try (SqliteStateStore lagging = SqliteStateStore.open(file, 3);
             SqliteStateStore busy = SqliteStateStore.open(file, 3)) {
            lagging.index("n", "name", Named.class, n -> List.of(n.name()));
            write(busy, "1", new Named("gone"));
            write(busy, "2", new Named("kept"));
            assertThat(lookup(lagging, "gone")).containsExactly("1");

            busy.write(tx -> {
                tx.delete("n", "a", "1");
                return null;
            });
            for (int i = 0; i < 6; i++) {
                write(busy, "2", new Named("kept " + i));
            }

            assertThat(lookup(lagging, "gone")).isEmpty();
            assertThat(lookup(lagging, "kept")).isEmpty();
            assertThat(lookup(lagging, "kept 5")).containsExactly("2");
        }
    }

    private static void write(SqliteStateStore store, String id, Named doc) {
        store.write(tx -> {
            tx.put("n", "a", id, doc);
            return null;
        });
    }

    private static List<String> lookup(SqliteStateStore store, String key) {
        return store.read(v -> v.lookup("n", "a", "name", key));
    }
}
