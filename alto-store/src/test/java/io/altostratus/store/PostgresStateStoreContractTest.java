package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.store.Documents.Counter;
import io.altostratus.store.Documents.Named;
import io.altostratus.testkit.ThrowawayPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL (a throwaway cluster, a fresh database per test), plus what sharing a database
 * adds: two stores on one URL, standing for two {@code alto serve} replicas, see each other's commits and serialise
 * their writes.
 */
class PostgresStateStoreContractTest extends StateStoreContractTest {

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
    void theLocationIsTheUrlWithoutItsPassword() {
        assertThat(store.location()).isEqualTo(url);
        assertThat(StateStores.isPostgres(url)).isTrue();
    }

    @Test
    void twoStoresOnOneDatabaseSeeEachOthersWritesAndDeletions() {
        try (StateStore other = StateStores.open(url)) {
            store.write(tx -> {
                tx.put("instance", "acct", "i-1", new Named("one"));
                tx.put("key", "_system", "k", new Named("key"));
                return null;
            });
            assertThat(get(other, "instance", "acct", "i-1")).contains(new Named("one"));

            other.write(tx -> {
                tx.put("instance", "acct", "i-2", new Named("two"));
                return null;
            });
            assertThat(list(store, "instance", "acct")).containsExactly(new Named("one"), new Named("two"));

            store.clear(kind -> kind.equals("instance"));

            assertThat(list(other, "instance", "acct")).isEmpty();
            assertThat(get(other, "key", "_system", "k")).isPresent();
            assertThat(other.read(StateView::revision)).isEqualTo(store.read(StateView::revision));
        }
    }

    @Test
    void incrementsFromTwoStoresOnOneDatabaseLoseNothing() throws Exception {
        store.write(tx -> {
            tx.put("counter", "acct", "c", new Counter(0));
            return null;
        });
        int perThread = 40;
        try (StateStore other = StateStores.open(url)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (StateStore each : List.of(store, other, store, other)) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            each.write(tx -> {
                                Counter c = tx.get("counter", "acct", "c", Counter.class).orElseThrow();
                                tx.put("counter", "acct", "c", new Counter(c.value() + 1));
                                return null;
                            });
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            Counter seen = other.read(v -> v.get("counter", "acct", "c", Counter.class)).orElseThrow();
            assertThat(seen.value()).isEqualTo(4 * perThread);
        }
        try (StateStore reopened = StateStores.open(url)) {
            assertThat(reopened.read(v -> v.get("counter", "acct", "c", Counter.class)).orElseThrow().value())
                    .isEqualTo(4 * perThread);
        }
    }

    private static Optional<Named> get(StateStore from, String kind, String account, String id) {
        return from.read(v -> v.get(kind, account, id, Named.class));
    }

    private static List<Named> list(StateStore from, String kind, String account) {
        return from.read(v -> v.list(kind, account, Named.class));
    }
}
