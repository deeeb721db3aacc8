package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.store.Documents.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The store contract on the direct PostgreSQL store (a fresh database per test), and what a database shared with
 * other processes adds: their commits are in the next read, a read is one snapshot, and pages walk ids in the order
 * a mirror's pages do whatever the database's locale.
 */
class PostgresDirectStoreContractTest extends DirectStoreContractTest {

    private String url;

    @Override
    protected String location() {
        if (url == null) {
            url = SharedPostgres.newDatabase();
        }
        return url;
    }

    @Test
    void anotherStoresCommitIsInTheNextReadButNotInAReadAlreadyRunning() {
        try (StateStore other = StateStores.openDirect(url)) {
            other.write(tx -> {
                tx.put("n", "a", "1", new Named("one"));
                return null;
            });
            Optional<Named> seen = store.read(v -> v.get("n", "a", "1", Named.class));
            assertThat(seen).contains(new Named("one"));

            List<Integer> counts = store.read(v -> {
                int before = v.count("n", "a");
                other.write(tx -> {
                    tx.put("n", "a", "2", new Named("two"));
                    return null;
                });
                return List.of(before, v.count("n", "a"), v.list("n", "a", Named.class).size());
            });

            assertThat(counts).as("one snapshot for the whole read").containsExactly(1, 1, 1);
            int after = store.read(v -> v.count("n", "a"));
            long revision = store.read(StateView::revision);
            assertThat(after).isEqualTo(2);
            assertThat(revision).isEqualTo(other.read(StateView::revision)).isEqualTo(2);
        }
    }

    @Test
    void aReadWithNoWriteRunningTakesTheWritersConnectionSoACommandOpensOne() {
        store.write(tx -> {
            tx.put("n", "a", "1", new Named("one"));
            return null;
        });
        Optional<Named> read = store.read(v -> v.get("n", "a", "1", Named.class));

        String connections = SharedPostgres.psql(url, "SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = 'alto'");
        assertThat(read).contains(new Named("one"));
        assertThat(connections.strip()).isEqualTo("1");
    }

    @Test
    void idsArePagedInCodePointOrderAsAMirrorPagesThem() {
        List<String> ids = List.of("a-b", "aB", "a_c", "ab", "A", "a b", "a.c", "Ab", "b", "a-a");
        store.write(tx -> {
            ids.forEach(id -> tx.put("n", "a", id, new Named(id)));
            return null;
        });
        List<String> sorted = ids.stream().sorted().toList();

        List<String> direct = new ArrayList<>();
        store.read(v -> {
            v.scan("n", "a", Named.class, null).forEachRemaining(n -> direct.add(n.name()));
            return null;
        });
        List<String> mirrored = new ArrayList<>();
        try (StateStore mirror = openMirrored()) {
            mirror.read(v -> {
                v.scan("n", "a", Named.class, null).forEachRemaining(n -> mirrored.add(n.name()));
                return null;
            });
        }

        assertThat(direct).isEqualTo(sorted).isEqualTo(mirrored);
    }
}
