package io.altostratus.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.altostratus.store.StateView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What only the durable store promises: sharing between processes, durability, the cheap read path, errors. */
class SqliteStateStoreTest {

    record Named(String name) {
    }

    record Counter(long value) {
    }

    record Event(String what, Instant at, List<String> labels, Map<String, Integer> sizes) {
    }

    @TempDir
    Path dir;

    private static void put(StateStore store, String id, Object doc) {
        store.write(tx -> {
            tx.put("n", "a", id, doc);
            return null;
        });
    }

    private static void delete(StateStore store, String id) {
        store.write(tx -> {
            tx.delete("n", "a", id);
            return null;
        });
    }

    private static <T> Optional<T> get(StateStore store, String id, Class<T> type) {
        return store.read(v -> v.get("n", "a", id, type));
    }

    private static List<String> names(StateStore store) {
        return store.read(v -> v.list("n", "a", Named.class)).stream().map(Named::name).toList();
    }

    private Path file() {
        return dir.resolve(StateStores.FILE_NAME);
    }

    private long sql(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = c.createStatement()) {
            if (query.startsWith("SELECT")) {
                try (ResultSet rs = s.executeQuery(query)) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
            return s.executeUpdate(query);
        }
    }

    @Test
    void documentsSurviveCloseAndReopen() {
        Event event = new Event("boot", Instant.parse("2026-05-06T07:08:09.000000001Z"), List.of("x", "y"),
                Map.of("root", 8, "data", 100));
        try (StateStore store = StateStores.open(dir)) {
            put(store, "first", new Named("first"));
            put(store, "event", event);
            put(store, "second", new Named("second"));
            delete(store, "first");
        }

        try (StateStore reopened = StateStores.open(dir)) {
            assertThat(get(reopened, "event", Event.class)).contains(event);
            assertThat(get(reopened, "first", Named.class)).isEmpty();
            assertThat(reopened.read(StateView::revision)).isEqualTo(4);
            assertThat(reopened.location()).isEqualTo(file().toAbsolutePath().toString());
        }
    }

    @Test
    void twoStoresOnOneDirectorySeeEachOthersPutsAndDeletes() {
        try (StateStore one = StateStores.open(dir); StateStore two = StateStores.open(dir)) {
            put(one, "a", new Named("a from one"));
            assertThat(get(two, "a", Named.class)).contains(new Named("a from one"));

            put(two, "b", new Named("b from two"));
            put(two, "a", new Named("a from two"));
            assertThat(names(one)).containsExactly("a from two", "b from two");

            delete(one, "a");
            assertThat(get(two, "a", Named.class)).isEmpty();
            assertThat(names(two)).containsExactly("b from two");

            put(one, "a", new Named("a again"));
            assertThat(names(two)).containsExactly("b from two", "a again");
            assertThat(two.read(StateView::revision)).isEqualTo(one.read(StateView::revision)).isEqualTo(5);
        }
    }

    @Test
    void aWriteStartsFromTheOtherStoresLatestCommit() {
        try (StateStore one = StateStores.open(dir); StateStore two = StateStores.open(dir)) {
            put(one, "c", new Counter(1));
            // two has not read since; its transaction must still see one's commit.
            long seen = two.write(tx -> tx.get("n", "a", "c", Counter.class).orElseThrow().value());
            assertThat(seen).isEqualTo(1);
        }
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aReadNestedInAReadKeepsItsPictureWhileAnotherStoreWrites() {
        try (StateStore one = StateStores.open(dir); StateStore two = StateStores.open(dir)) {
            put(one, "x", new Named("x"));

            List<String> inner = one.read(outer -> {
                put(two, "y", new Named("y"));
                return names(one);
            });

            assertThat(inner).containsExactly("x");
            assertThat(names(one)).containsExactly("x", "y");
        }
    }

    @Test
    void readsWithNothingChangedDoNotQueryBeyondTheChangeCheck() {
        try (SqliteStateStore one = SqliteStateStore.open(file()); StateStore two = StateStores.open(dir)) {
            put(one, "x", new Named("x"));
            get(one, "x", Named.class); // settles the check after our own commit
            long pulls = one.pulls();

            for (int i = 0; i < 50; i++) {
                assertThat(get(one, "x", Named.class)).contains(new Named("x"));
            }
            assertThat(one.pulls()).isEqualTo(pulls);

            put(two, "y", new Named("y"));
            assertThat(names(one)).containsExactly("x", "y");
            assertThat(one.pulls()).isEqualTo(pulls + 1);
            assertThat(names(one)).containsExactly("x", "y");
            assertThat(one.pulls()).isEqualTo(pulls + 1);
        }
    }

    @Test
    void aStoreThatLagsBehindPurgedTombstonesReloadsEverything() throws Exception {
        try (SqliteStateStore lagging = SqliteStateStore.open(file(), 3);
             SqliteStateStore busy = SqliteStateStore.open(file(), 3)) {
            put(busy, "gone", new Named("gone"));
            put(busy, "kept", new Named("kept"));
            assertThat(names(lagging)).containsExactly("gone", "kept");

            delete(busy, "gone");
            for (int i = 0; i < 6; i++) {
                put(busy, "kept", new Named("kept " + i));
            }
            assertThat(sql("SELECT count(*) FROM documents WHERE json IS NULL")).isZero();
            assertThat(sql("SELECT value FROM meta WHERE name = 'tombstones_purged_through'")).isPositive();

            assertThat(names(lagging)).containsExactly("kept 5");
        }
    }

    @Test
    void concurrentWritersInTwoStoresLoseNoUpdate() throws Exception {
        int threadsPerStore = 8;
        int increments = 15;
        try (StateStore one = StateStores.open(dir); StateStore two = StateStores.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerStore);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (StateStore store : List.of(one, two)) {
                    for (int t = 0; t < threadsPerStore; t++) {
                        futures.add(pool.submit(() -> {
                            start.await();
                            for (int i = 0; i < increments; i++) {
                                store.write(tx -> {
                                    long value = tx.get("n", "a", "c", Counter.class).map(Counter::value).orElse(0L);
                                    tx.put("n", "a", "c", new Counter(value + 1));
                                    return null;
                                });
                            }
                            return null;
                        }));
                    }
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            long expected = 2L * threadsPerStore * increments;
            assertThat(get(one, "c", Counter.class)).contains(new Counter(expected));
            assertThat(get(two, "c", Counter.class)).contains(new Counter(expected));
            assertThat(one.read(StateView::revision)).isEqualTo(expected);
        }
    }

    @Test
    void aFailedWriteLeavesNoRowsInTheFile() throws Exception {
        try (StateStore store = StateStores.open(dir)) {
            RuntimeException boom = new RuntimeException("boom");
            assertThatThrownBy(() -> store.write(tx -> {
                tx.put("n", "a", "x", new Named("x"));
                throw boom;
            })).isSameAs(boom);
        }
        assertThat(sql("SELECT count(*) FROM documents")).isZero();
        assertThat(sql("SELECT value FROM meta WHERE name = 'revision'")).isZero();
    }

    @Test
    void refusesAFileWrittenByANewerSchema() throws Exception {
        StateStores.open(dir).close();
        sql("UPDATE meta SET value = " + (SqliteStateStore.SCHEMA_VERSION + 1) + " WHERE name = 'schema_version'");

        assertThatThrownBy(() -> StateStores.open(dir)).isInstanceOfSatisfying(AltoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
            assertThat(e.providerCode()).isEqualTo("StateSchemaMismatch");
            assertThat(e.getMessage()).contains(file().toString()).contains("newer");
        });
    }

    @Test
    void aStateDirThatIsAFileIsBadInputSaidInWords() throws Exception {
        Path notADirectory = dir.resolveSibling(dir.getFileName() + "-file");
        Files.writeString(notADirectory, "a file where a directory should be\n");

        assertThatThrownBy(() -> StateStores.open(notADirectory)).isInstanceOfSatisfying(AltoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(e.providerCode()).isEqualTo("StateDirUnusable");
            assertThat(e.getMessage()).contains(notADirectory.toString()).contains("not a directory")
                    .doesNotContain("Exception");
        });
    }

    @Test
    void refusesAFileThatIsNotASqliteDatabase() throws Exception {
        Files.writeString(file(), "these are not the bytes of a database\n".repeat(100));

        assertThatThrownBy(() -> StateStores.open(dir)).isInstanceOfSatisfying(AltoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
            assertThat(e.providerCode()).isEqualTo("StateFileInvalid");
            assertThat(e.getMessage()).contains(file().toString());
        });
    }

    @Test
    void refusesASqliteDatabaseThatIsNotAStateFile() throws Exception {
        sql("CREATE TABLE something_else (x INTEGER)");

        assertThatThrownBy(() -> StateStores.open(dir)).isInstanceOfSatisfying(AltoException.class, e -> {
            assertThat(e.providerCode()).isEqualTo("StateFileInvalid");
            assertThat(e.getMessage()).contains(file().toString()).contains("something_else");
        });
    }

    @Test
    void createsAMissingDirectoryReadableByItsOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path stateDir = dir.resolve("home").resolve("alto");

        try (StateStore store = StateStores.open(stateDir)) {
            put(store, "x", new Named("x"));
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("state.db"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aClosedStoreRefusesUse() {
        StateStore store = StateStores.open(dir);
        store.close();
        store.close(); // twice is fine

        assertThatThrownBy(() -> get(store, "x", Named.class)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> put(store, "x", new Named("x"))).isInstanceOf(IllegalStateException.class);
    }
}
