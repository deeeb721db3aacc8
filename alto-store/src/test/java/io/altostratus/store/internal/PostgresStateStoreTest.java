package io.altostratus.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.altostratus.testkit.ThrowawayPostgres;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the PostgreSQL store adds to the contract: commits announced to other processes' mirrors, the schema check,
 * and failing fast and recovering when the server goes away. Has a cluster of its own, since one test restarts it.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PostgresStateStoreTest {

    private record Note(String text) {
    }

    private static ThrowawayPostgres pg;

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

    @Test
    void anIdleStoreLearnsOfAnotherStoresCommitsThroughNotificationsPromptly() throws Exception {
        String url = pg.url(pg.createDatabase());
        try (PostgresStateStore writer = PostgresStateStore.open(url);
             PostgresStateStore idle = PostgresStateStore.open(url)) {
            awaitListening(idle);
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = "n-" + i;
                long revision = writer.write(tx -> {
                    tx.put("note", "acct", id, new Note(id));
                    return tx.revision() + 1;
                });
                long committed = System.nanoTime();
                // No read on the idle store: only the listener can move its mirror.
                while (idle.mirroredRevision() < revision) {
                    if (System.nanoTime() - committed > 2_000_000_000L) {
                        throw new AssertionError("idle store still at revision " + idle.mirroredRevision()
                                + " 2 s after revision " + revision + " was committed");
                    }
                    Thread.onSpinWait();
                }
                micros.add((System.nanoTime() - committed) / 1_000);
            }
            Collections.sort(micros);
            // Well under the listener's idle check (5 s): it was the notification that moved the mirror.
            System.out.printf("postgres store: commit -> other store's mirror via LISTEN/NOTIFY over %d commits: "
                            + "min %d us, median %d us, p90 %d us, max %d us%n", micros.size(), micros.get(0),
                    micros.get(micros.size() / 2), micros.get(micros.size() * 9 / 10), micros.getLast());
            List<Note> seen = idle.read(v -> v.list("note", "acct", Note.class));
            assertThat(seen).hasSize(50);
        }
    }

    @Test
    void aReadSeesAWriteCommittedBeforeItStartedEvenBeforeTheNotificationArrives() {
        String url = pg.url(pg.createDatabase());
        try (PostgresStateStore a = PostgresStateStore.open(url); PostgresStateStore b = PostgresStateStore.open(url)) {
            for (int i = 0; i < 200; i++) {
                String id = "n-" + i;
                a.write(tx -> {
                    tx.put("note", "acct", id, new Note(id));
                    return null;
                });
                // Right after the commit: the notification may still be in flight, the read must not depend on it.
                Optional<Note> seen = b.read(v -> v.get("note", "acct", id, Note.class));
                assertThat(seen).as("read after commit %d", i).contains(new Note(id));
            }
        }
    }

    @Test
    void aStoreThatLaggedPastPurgedTombstonesReloadsEverythingAndMissesNoDeletion() {
        String database = pg.createDatabase();
        String url = pg.url(database);
        // No listeners: the lagging store moves only when it reads.
        try (PostgresStateStore writer = PostgresStateStore.open(url, 5, false);
             PostgresStateStore lagging = PostgresStateStore.open(url, 5, false)) {
            put(writer, "doomed");
            put(writer, "kept");
            Optional<Note> before = lagging.read(v -> v.get("note", "acct", "doomed", Note.class));
            assertThat(before).isPresent();

            writer.write(tx -> {
                tx.delete("note", "acct", "doomed");
                return null;
            });
            for (int i = 0; i < 12; i++) {
                put(writer, "n-" + i);
            }
            assertThat(pg.psql(database, "SELECT count(*) FROM alto_documents WHERE json IS NULL").trim())
                    .as("tombstones left").isEqualTo("0");
            assertThat(Long.parseLong(pg.psql(database,
                    "SELECT value FROM alto_meta WHERE name = 'tombstones_purged_through'").trim())).isPositive();

            List<Note> notes = lagging.read(v -> v.list("note", "acct", Note.class));
            assertThat(notes).doesNotContain(new Note("doomed")).contains(new Note("kept")).hasSize(13);
            long lagged = lagging.read(v -> v.revision());
            long written = writer.read(v -> v.revision());
            assertThat(lagged).isEqualTo(written);
        }
    }

    @Test
    void aDatabaseWrittenByANewerAltoIsRefused() {
        String database = pg.createDatabase();
        String url = pg.url(database);
        PostgresStateStore.open(url).close();
        pg.psql(database, "UPDATE alto_meta SET value = 99 WHERE name = 'schema_version'");

        AltoException e = catchThrowableOfType(AltoException.class, () -> PostgresStateStore.open(url));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.providerCode()).isEqualTo("StateSchemaMismatch");
        assertThat(e.getMessage()).contains("state schema 99").contains(url);
    }

    @Test
    void aDatabaseWithOnlyOneOfAltosTablesIsRefused() {
        String database = pg.createDatabase();
        pg.psql(database, "CREATE TABLE alto_documents (x int)");

        AltoException e = catchThrowableOfType(AltoException.class, () -> PostgresStateStore.open(pg.url(database)));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.providerCode()).isEqualTo("StateFileInvalid");
    }

    @Test
    void anUnreachableServerIsAQuickClearErrorWithoutThePassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long started = System.nanoTime();
        AltoException e = catchThrowableOfType(AltoException.class,
                () -> StateStores.open("postgresql://alto:s3cret@127.0.0.1:" + closedPort + "/nowhere"));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.providerCode()).isEqualTo("StateStoreUnavailable");
        assertThat(e.getMessage()).contains("postgresql://alto@127.0.0.1:" + closedPort + "/nowhere")
                .contains("unreachable").doesNotContain("s3cret");
        assertThat(millis).as("ms to report an unreachable server").isLessThan(10_000);
    }

    @Test
    void aServerThatAcceptsButNeverAnswersIsAnErrorWithinTheLoginTimeoutNotAHang() throws Exception {
        // The kernel completes the TCP handshake for the backlog; nobody ever reads or writes: a hung server.
        try (ServerSocket silent = new ServerSocket(0, 50)) {
            long started = System.nanoTime();
            AltoException e = catchThrowableOfType(AltoException.class,
                    () -> StateStores.open("postgresql://alto@127.0.0.1:" + silent.getLocalPort() + "/db"));
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
            assertThat(e.providerCode()).isEqualTo("StateStoreUnavailable");
            assertThat(millis).as("ms until a silent server is reported").isBetween(1_000L, 20_000L);
        }
    }

    @Test
    void aConnectionWaitsTheLoginTimeoutWhileLoggingInAndTheSocketTimeoutAfter() throws Exception {
        String url = pg.url(pg.createDatabase()) + "?socketTimeout=45";
        try (java.sql.Connection connection = PostgresConnections.open(PostgresLocation.parse(url))) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(45_000);
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void aMissingDatabaseIsAClearError() {
        AltoException e = catchThrowableOfType(AltoException.class,
                () -> StateStores.open(pg.url("no_such_database")));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.getMessage()).contains("does not exist");
    }

    @Test
    void malformedUrlsAreRefusedAsBadInput() {
        for (String url : List.of("postgresql://127.0.0.1/db", "postgresql://alto@/db", "postgresql://alto@host/",
                "postgresql://alto:pa ss@host/db")) {
            assertThatThrownBy(() -> StateStores.open(url)).as(url).isInstanceOfSatisfying(AltoException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                        assertThat(e.providerCode()).isEqualTo("StateStoreUrlInvalid");
                        assertThat(e.getMessage()).doesNotContain("pa ss");
                    });
        }
    }

    @Test
    void theUrlGivesUserPasswordPortDatabaseAndDriverParameters() {
        PostgresLocation location = PostgresLocation.parse("postgresql://al%40to:p%3Aw+d@db.example:6543/state"
                + "?sslmode=require");

        assertThat(location.user()).isEqualTo("al@to");
        assertThat(location.password()).isEqualTo("p:w+d");
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/state?sslmode=require");
        assertThat(location.display()).isEqualTo("postgresql://al%40to@db.example:6543/state");
        assertThat(PostgresLocation.parse("postgres://u@h/d").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d");
    }

    @Test
    void theStoreFailsFastWhileTheServerIsDownAndRecoversWhenItIsBack() throws Exception {
        String url = pg.url(pg.createDatabase());
        try (PostgresStateStore store = PostgresStateStore.open(url);
             PostgresStateStore idle = PostgresStateStore.open(url)) {
            put(store, "before");
            awaitListening(idle);

            pg.stop();
            try {
                long started = System.nanoTime();
                AltoException write = catchThrowableOfType(AltoException.class, () -> put(store, "while-down"));
                AltoException read = catchThrowableOfType(AltoException.class,
                        () -> store.read(v -> v.get("note", "acct", "before", Note.class)));
                long millis = (System.nanoTime() - started) / 1_000_000;

                assertThat(write.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                assertThat(write.providerCode()).isEqualTo("StateStoreUnavailable");
                assertThat(read.providerCode()).isEqualTo("StateStoreUnavailable");
                assertThat(millis).as("ms for a write and a read to fail").isLessThan(15_000);
            } finally {
                pg.restart();
            }

            // Same store objects, no reopening: once the hold-off after the last failed connect has passed (a restart
            // can be quicker than it), the first calls succeed.
            Thread.sleep(PostgresStateStore.CONNECT_HOLD_OFF_NANOS / 1_000_000 + 50);
            put(store, "after");
            List<Note> notes = store.read(v -> v.list("note", "acct", Note.class));
            assertThat(notes).containsExactly(new Note("before"), new Note("after"));
            long revision = store.read(v -> v.revision());
            // The idle store's listener reconnects and catches up without being asked.
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (idle.mirroredRevision() < revision && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(idle.mirroredRevision()).as("idle store's mirror after the restart").isEqualTo(revision);
            Optional<Note> after = idle.read(v -> v.get("note", "acct", "after", Note.class));
            assertThat(after).contains(new Note("after"));
        }
    }

    @Test
    void aServerCrashLosesNoAcknowledgedWriteEvenWhereAsynchronousCommitIsTheDefault() throws Exception {
        String database = pg.createDatabase();
        String url = pg.url(database);
        // A server or role configured for speed must not weaken write(): the store turns synchronous commit back on.
        pg.psql(database, "ALTER DATABASE " + database + " SET synchronous_commit = off");
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        try (PostgresStateStore store = PostgresStateStore.open(url)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                String prefix = "w" + t + "-";
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; ; i++) {
                        String id = prefix + i;
                        try {
                            put(store, id);
                        } catch (AltoException e) {
                            return; // the server is gone
                        }
                        acknowledged.add(id);
                    }
                }));
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (acknowledged.size() < 300 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            pg.crash();
            try {
                for (Thread writer : writers) {
                    writer.join(60_000);
                }
            } finally {
                pg.restart();
            }
        }
        try (PostgresStateStore reopened = PostgresStateStore.open(url)) {
            List<String> stored = reopened.read(v -> v.list("note", "acct", Note.class)).stream().map(Note::text)
                    .toList();
            System.out.printf("postgres store: server crashed (immediate stop) under 3 writers: %d writes "
                    + "acknowledged, %d stored after recovery%n", acknowledged.size(), stored.size());
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);
            assertThat(stored).containsAll(List.copyOf(acknowledged));
        }
    }

    @Test
    void twoStoresOpeningAnEmptyDatabaseTogetherCreateTheSchemaOnce() throws Exception {
        String url = pg.url(pg.createDatabase());
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<StateStore> opened = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    opened.add(StateStores.open(url));
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        opened.forEach(StateStore::close);
        assertThat(failures).isEmpty();
        assertThat(opened).hasSize(4);
    }

    private static void put(StateStore store, String id) {
        store.write(tx -> {
            tx.put("note", "acct", id, new Note(id));
            return null;
        });
    }

    private static void awaitListening(PostgresStateStore store) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!store.listening() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(store.listening()).as("listener connected").isTrue();
    }
}
