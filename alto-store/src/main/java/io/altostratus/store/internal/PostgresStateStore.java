package io.altostratus.store.internal;

import static io.altostratus.store.internal.Jdbc.closeQuietly;
import static io.altostratus.store.internal.Jdbc.execute;
import static io.altostratus.store.internal.Jdbc.rows;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The shared store: tables in a PostgreSQL database, used by every process (every {@code alto serve} replica) that
 * opens the same URL, each mirroring them in memory. The same design as {@link SqliteStateStore}, on a server.
 *
 * <p><b>Writes.</b> A write is one transaction on the writer connection: {@code SELECT ... FOR UPDATE} on the revision
 * row of {@code alto_meta} serialises writers across every process (a second replica waits there until the first
 * commits), then the rows other processes committed since this mirror's revision are pulled, the changes are written
 * with every changed row stamped with the new revision (a deletion keeps the row as a tombstone, json NULL, so other
 * mirrors learn of it), the revision is bumped, {@code NOTIFY alto_state, '<revision>'} is queued (PostgreSQL delivers
 * it at commit, never for a transaction that rolls back), and the transaction commits with {@code synchronous_commit}
 * on: {@code write} returns only once the commit is flushed to the server's write-ahead log. Because a write reads
 * and checks under the same row lock, two replicas given the same client token make one instance.
 *
 * <p><b>Seeing other processes' writes.</b> A listener thread keeps a connection that {@code LISTEN}s on
 * {@code alto_state}; a notification of a revision above the mirror's makes it pull the rows with a higher revision,
 * so an idle replica's mirror follows the others within a round trip of each commit. After a (re)connect it pulls
 * once to catch up on what it missed, and when nothing arrives for {@link #LISTEN_IDLE_MILLIS} it checks the revision
 * anyway (which also notices a dead connection). Notifications alone cannot keep {@code read}'s promise, though
 * (a read must see every write committed before it started, and a notification may still be in flight): so every
 * read also asks the server for the committed revision, one indexed single-row query, and pulls when the mirror is
 * behind. Reads that arrive while such a check is running share the next one instead of each making their own: a
 * check that began after a read started answers for it, so under load the number of checks is bounded by the
 * round trips, not by the reads.
 *
 * <p><b>Failures.</b> Connections time out (connect 5 s, login 10 s, socket 30 s) so an unreachable server is an
 * {@link AltoException} {@code PROVIDER_ERROR} ({@code StateStoreUnavailable}) rather than a hang. A broken connection
 * is dropped and opened again on next use, and a stale one (the server restarted since it was last used) is retried
 * once on a fresh connection before anything was written, so the store recovers by itself when PostgreSQL comes back.
 * A write whose commit was cut off is reported as failed; whether it landed shows on the next read. While the server
 * does not answer, requests fail together rather than each waiting out a timeout in turn: a connect that failed makes
 * the others in the next {@link #CONNECT_HOLD_OFF_NANOS} fail at once, and reads queued behind a failed check get its
 * error.
 *
 * <p><b>Housekeeping.</b> Tombstones older than the purge interval (1000 revisions) are deleted now and then; a mirror
 * that lags further than that (a process that was away) reloads every live row instead of pulling changes. The tables
 * are {@code alto_meta} (schema version, revision, purge mark), {@code alto_documents}, and the persisted index keys
 * {@code alto_doc_indexes} and {@code alto_doc_keys} ({@link PersistedIndexes}: each commit keeps them right, so
 * that a {@link PostgresDirectStore} answers lookups with queries and a restarted mirror files its indexes without
 * decoding a document); the store creates them in the connection's default schema on first use, under an advisory
 * lock so replicas starting together do not race, and refuses a schema version newer than {@link #SCHEMA_VERSION}.
 * The role therefore needs to create tables there (from PostgreSQL 15 on, ordinary roles may not create in
 * {@code public} unless they own the database).
 *
 * <p>Three connections per store: the writer (under the write lock of {@link MirroredStore}), the checker (under
 * {@link #watchLock}: read checks and the listener's pulls) and the listener's own.
 */
public final class PostgresStateStore extends MirroredStore {

    /**
     * The schema this build writes; databases with a higher one are refused. Schema 2 added the persisted index keys
     * ({@link PersistedIndexes}) and orders ids by code point ({@code COLLATE "C"}, the order pages walk); a schema-1
     * database is upgraded in place when first opened.
     */
    static final int SCHEMA_VERSION = 2;
    static final long DEFAULT_PURGE_INTERVAL = 1_000;
    /** The channel commits are announced on. */
    static final String CHANNEL = "alto_state";
    static final int LISTEN_IDLE_MILLIS = 5_000;
    private static final long MAX_RECONNECT_DELAY_MILLIS = 2_000;
    /**
     * After a failed connect, how long further connects fail at once with the same error instead of trying again.
     * A server that does not answer at all costs a connect timeout per try, and requests queued behind one try would
     * each pay it in turn; this lets them fail together while recovery waits at most this long.
     */
    static final long CONNECT_HOLD_OFF_NANOS = 500_000_000L;

    private static final String SELECT_META =
            "SELECT name, value FROM alto_meta WHERE name IN ('revision', 'tombstones_purged_through')";
    private static final String LOCK_META = SELECT_META + " FOR UPDATE";
    private static final String SELECT_REVISION = "SELECT value FROM alto_meta WHERE name = 'revision'";
    private static final String SELECT_LIVE =
            "SELECT seq, kind, account, id, json FROM alto_documents WHERE json IS NOT NULL ORDER BY seq";
    private static final String SELECT_CHANGED =
            "SELECT seq, kind, account, id, json FROM alto_documents WHERE revision > ? ORDER BY seq";

    private final PostgresLocation location;
    private final long purgeInterval;

    // Guarded by the write lock of MirroredStore.
    private Connection writer;
    private boolean writerUsed;
    private boolean inTransaction;

    private final ReentrantLock watchLock = new ReentrantLock();
    // Guarded by watchLock.
    private Connection checker;
    private boolean checkerUsed;
    private final AtomicLong checksStarted = new AtomicLong();
    private volatile long lastCheckCompleted;
    private volatile long lastCheckFailed;
    private volatile AltoException lastCheckFailure;
    private final AtomicLong pulls = new AtomicLong();

    private volatile SQLException lastConnectFailure;
    private volatile long connectRetryAfterNanos;

    private final Thread listener;
    private volatile Connection listenerConnection;
    private volatile boolean stopping;
    private volatile boolean listening;

    private PostgresStateStore(PostgresLocation location, long purgeInterval, Connection writer, Connection checker) {
        this.location = location;
        this.purgeInterval = purgeInterval;
        this.writer = writer;
        this.checker = checker;
        // Both were used while opening: a failure on them later means they went stale, worth one retry.
        this.writerUsed = true;
        this.checkerUsed = true;
        this.listener = Thread.ofPlatform().daemon().name("alto-store-listen").unstarted(this::listen);
    }

    /**
     * Opens the store at {@code url} ({@code postgresql://user[:password]@host[:port]/database}), creating or
     * migrating its tables.
     *
     * @throws AltoException {@code INVALID_PARAMETER} for a malformed URL; {@code PROVIDER_ERROR} when the server is
     *         unreachable ({@code StateStoreUnavailable}), the tables are not an alto store's ({@code StateFileInvalid}),
     *         were written by a newer alto ({@code StateSchemaMismatch}), or anything else fails ({@code StateStoreError})
     */
    public static PostgresStateStore open(String url) {
        return open(url, DEFAULT_PURGE_INTERVAL);
    }

    static PostgresStateStore open(String url, long purgeInterval) {
        return open(url, purgeInterval, true);
    }

    /** Opens the store, its first load running {@code loadPace} between batches of rows (see {@link WarmUpPace}). */
    static PostgresStateStore open(String url, Runnable loadPace) {
        return open(url, DEFAULT_PURGE_INTERVAL, true, loadPace);
    }

    /** With {@code listen} false the mirror moves only when this store reads or writes: tests make it lag so. */
    static PostgresStateStore open(String url, long purgeInterval, boolean listen) {
        return open(url, purgeInterval, listen, null);
    }

    private static PostgresStateStore open(String url, long purgeInterval, boolean listen, Runnable loadPace) {
        PostgresLocation location = PostgresLocation.parse(url);
        Connection writer = null;
        Connection checker = null;
        try {
            writer = connectWriter(location);
            initialise(writer, location);
            checker = connectChecker(location);
            PostgresStateStore store = new PostgresStateStore(location, purgeInterval, writer, checker);
            store.loadAll(loadPace);
            if (listen) {
                store.listener.start();
            }
            return store;
        } catch (SQLException e) {
            closeQuietly(checker);
            closeQuietly(writer);
            throw translate(location, e);
        } catch (RuntimeException e) {
            closeQuietly(checker);
            closeQuietly(writer);
            throw e;
        }
    }

    @Override
    public String location() {
        return location.display();
    }

    /** How many times the mirror pulled rows (it was behind the server); for tests. */
    long pulls() {
        return pulls.get();
    }

    /** The revision the mirror holds now, without checking the server; for tests of the notification path. */
    long mirroredRevision() {
        return mirror.revision();
    }

    /** Whether the listener is connected and listening; for tests. */
    boolean listening() {
        return listening;
    }

    // ---- reads: the revision check

    @Override
    protected void refresh() {
        check();
    }

    /**
     * Makes the mirror hold at least the revision committed when this call started. A check that began after this
     * call did serves it too (see the class comment).
     */
    private void check() {
        long arrival = checksStarted.get();
        watchLock.lock();
        try {
            ensureOpen();
            if (lastCheckCompleted > arrival) {
                return;
            }
            AltoException failed = lastCheckFailure;
            if (failed != null && lastCheckFailed > arrival) {
                // A check that began after this read did failed moments ago: trying again now would make every read
                // queued behind it wait out its own timeout against a server that is not answering.
                throw new AltoException(failed.code(), failed.providerCode(), failed.getMessage(), failed);
            }
            long number = checksStarted.incrementAndGet();
            try {
                pullOnce();
            } catch (AltoException e) {
                lastCheckFailed = number;
                lastCheckFailure = e;
                throw e;
            }
            checkerUsed = true;
            lastCheckCompleted = number;
        } finally {
            watchLock.unlock();
        }
    }

    /** One check on the checker connection, retried once on a fresh connection when the old one went stale. */
    private void pullOnce() {
        try {
            pullIfBehind(checker());
        } catch (SQLException first) {
            if (!isConnectionFailure(first) || !checkerUsed) {
                discardCheckerIfBroken(first);
                throw translate(location, first);
            }
            // The connection went stale (e.g. the server restarted since it was last used): once more, fresh.
            discardChecker();
            try {
                pullIfBehind(checker());
            } catch (SQLException again) {
                discardCheckerIfBroken(again);
                throw translate(location, again);
            }
        }
    }

    private Connection checker() throws SQLException {
        if (checker == null) {
            checker = connectGuarded(false);
            checkerUsed = false;
        }
        return checker;
    }

    private void discardCheckerIfBroken(SQLException e) {
        if (checker == null) {
            return;
        }
        if (isConnectionFailure(e)) {
            discardChecker();
        } else {
            try {
                if (!checker.getAutoCommit()) {
                    checker.rollback();
                    checker.setAutoCommit(true);
                }
            } catch (SQLException | RuntimeException broken) {
                discardChecker();
            }
        }
    }

    private void discardChecker() {
        closeQuietly(checker);
        checker = null;
    }

    /** Pulls the rows committed since the mirror's revision, when the server's revision is higher. */
    private void pullIfBehind(Connection connection) throws SQLException {
        long known = mirror.revision();
        long committed;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SELECT_REVISION)) {
            if (!rs.next()) {
                throw new SQLException("alto_meta has no revision row", "XX000");
            }
            committed = rs.getLong(1);
        }
        if (committed <= known) {
            return;
        }
        // One snapshot for the revision and the rows, so the mirror never holds a revision with half its changes.
        connection.setAutoCommit(false);
        boolean done = false;
        try {
            execute(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            pullWithin(connection, readMeta(connection));
            connection.commit();
            done = true;
        } finally {
            if (!done) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // The caller reports the original failure and drops a broken connection.
                }
            }
            connection.setAutoCommit(true);
        }
    }

    /** Brings the mirror to {@code meta}'s revision with rows read in the caller's transaction. */
    private void pullWithin(Connection connection, Meta meta) throws SQLException {
        long known = mirror.revision();
        if (known < meta.purgedThrough()) {
            // Tombstones this mirror needed are gone: only a full reload is exact.
            mirror.replaceAll(meta.revision(), rows(connection, SELECT_LIVE, -1));
            pulls.incrementAndGet();
        } else if (meta.revision() > known) {
            mirror.apply(meta.revision(), rows(connection, SELECT_CHANGED, known));
            pulls.incrementAndGet();
        }
    }

    private void loadAll(Runnable pace) throws SQLException {
        watchLock.lock();
        try {
            checker.setAutoCommit(false);
            try {
                execute(checker, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                Meta meta = readMeta(checker);
                mirror.replaceAll(meta.revision(), rows(checker, SELECT_LIVE, -1, pace));
                checker.commit();
            } finally {
                checker.setAutoCommit(true);
            }
        } finally {
            watchLock.unlock();
        }
    }

    // ---- writes

    @Override
    protected long begin() {
        try {
            try {
                return lockAndPull();
            } catch (SQLException first) {
                if (!isConnectionFailure(first) || !writerUsed) {
                    throw first;
                }
                // Nothing was written yet: a connection that went stale while idle is replaced and the lock retried.
                discardWriter();
                return lockAndPull();
            }
        } catch (SQLException e) {
            rollback(e);
            throw translate(location, e);
        } catch (RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    private long lockAndPull() throws SQLException {
        Connection connection = writer();
        inTransaction = true;
        Meta meta;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(LOCK_META)) {
            meta = meta(rs);
        }
        writerUsed = true;
        // The row lock is held: no other process can commit until this transaction ends, so these rows and the
        // revision above are one consistent picture even at READ COMMITTED.
        pullWithin(connection, meta);
        if (mirror.revision() != meta.revision()) {
            throw new IllegalStateException("mirror of " + location.display() + " at revision " + mirror.revision()
                    + " after syncing with revision " + meta.revision());
        }
        return meta.revision();
    }

    @Override
    protected List<Change> commit(long newRevision, List<Change> changes) {
        try {
            Connection connection = writer;
            List<Change> stamped;
            try (SqlDocuments documents = new SqlDocuments(SqlDialect.POSTGRES, connection);
                 PersistedIndexes indexes = new PersistedIndexes(SqlDialect.POSTGRES, connection)) {
                stamped = documents.writeAll(changes, newRevision, indexes, mirror);
                documents.finish(newRevision, purgeInterval);
            }
            announce(connection, newRevision);
            // Our own NOTIFY (or a reader's check) could otherwise pull this revision from the server between the
            // commit and the mirror update, and the mirror would lose the values this process put (see Doc).
            watchLock.lock();
            try {
                connection.commit();
                inTransaction = false;
                mirror.apply(newRevision, stamped);
            } finally {
                watchLock.unlock();
            }
            return stamped;
        } catch (SQLException e) {
            throw translate(location, e);
        }
    }

    /**
     * Queues {@code NOTIFY alto_state, '<revision>'} in the caller's write transaction: PostgreSQL delivers it to every
     * listening replica at commit, and never for a transaction that rolls back.
     */
    static void announce(Connection connection, long revision) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            notify.setString(1, Long.toString(revision));
            notify.executeQuery().close();
        }
    }

    /**
     * Files a new index from the keys persisted in the database when it has them at the index's version (no document
     * is decoded), else from the mirror's documents, writing their keys for the next process. Runs inside a write
     * transaction, so the mirror and the persisted keys describe the same revision.
     */
    @Override
    protected void addIndex(SecondaryIndex index) {
        underWriteLock(() -> {
            begin();
            try (PersistedIndexes indexes = new PersistedIndexes(SqlDialect.POSTGRES, writer)) {
                indexes.addTo(mirror, index);
                indexes.flush();
                writer.commit();
                inTransaction = false;
            } catch (SQLException e) {
                rollback(e);
                throw translate(location, e);
            } catch (RuntimeException e) {
                rollback(e);
                throw e;
            }
        });
    }

    @Override
    protected void rollback(Throwable cause) {
        if (!inTransaction) {
            return;
        }
        inTransaction = false;
        if (writer == null) {
            return;
        }
        try {
            writer.rollback();
        } catch (SQLException e) {
            // The server rolls back by itself when the session ends; a connection that cannot roll back is done for.
            cause.addSuppressed(e);
            discardWriter();
            return;
        }
        Throwable sql = cause instanceof AltoException ? cause.getCause() : cause;
        if (sql instanceof SQLException failure && isConnectionFailure(failure)) {
            discardWriter();
        }
    }

    private Connection writer() throws SQLException {
        if (writer == null) {
            writer = connectGuarded(true);
            writerUsed = false;
        }
        return writer;
    }

    private void discardWriter() {
        closeQuietly(writer);
        writer = null;
    }

    /** Opens a writer or checker connection, unless a connect failed moments ago (see CONNECT_HOLD_OFF_NANOS). */
    private Connection connectGuarded(boolean forWriting) throws SQLException {
        SQLException recent = lastConnectFailure;
        if (recent != null && System.nanoTime() - connectRetryAfterNanos < 0) {
            throw new SQLException(recent.getMessage(), recent.getSQLState(), recent);
        }
        try {
            Connection connection = forWriting ? connectWriter(location) : connectChecker(location);
            lastConnectFailure = null;
            return connection;
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                connectRetryAfterNanos = System.nanoTime() + CONNECT_HOLD_OFF_NANOS;
                lastConnectFailure = e;
            }
            throw e;
        }
    }

    // ---- the listener

    private void listen() {
        long delay = 100;
        while (!stopping) {
            Connection connection = null;
            try {
                connection = connect(location);
                listenerConnection = connection;
                if (stopping) {
                    return;
                }
                execute(connection, "LISTEN " + CHANNEL);
                listening = true;
                delay = 100;
                // Whatever was committed while this connection was not listening was never announced to it.
                check();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!stopping) {
                    PGNotification[] notes = pg.getNotifications(LISTEN_IDLE_MILLIS);
                    long announced = -1;
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            announced = Math.max(announced, parseRevision(note.getParameter()));
                        }
                    }
                    if (notes == null || notes.length == 0) {
                        // Quiet for a while: check anyway (this also finds out whether the server is still there).
                        execute(connection, "SELECT 1");
                        check();
                    } else if (announced > mirror.revision()) {
                        check();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (stopping) {
                    return;
                }
                sleepQuietly(delay);
                delay = Math.min(delay * 2, MAX_RECONNECT_DELAY_MILLIS);
            } finally {
                listening = false;
                listenerConnection = null;
                closeQuietly(connection);
            }
        }
    }

    private static long parseRevision(String payload) {
        try {
            return Long.parseLong(payload.trim());
        } catch (NumberFormatException | NullPointerException e) {
            // Not ours (someone else notifying on the channel): check anyway.
            return Long.MAX_VALUE;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void closeBackend() {
        stopping = true;
        Connection listenerSide = listenerConnection;
        if (listenerSide != null) {
            try {
                // abort closes the socket at once, which wakes the listener out of getNotifications.
                listenerSide.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // The thread notices `stopping` within LISTEN_IDLE_MILLIS anyway.
            }
        }
        listener.interrupt();
        try {
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchLock.lock();
        try {
            closeQuietly(checker);
            checker = null;
        } finally {
            watchLock.unlock();
        }
        closeQuietly(writer);
        writer = null;
    }

    // ---- opening

    static Connection connect(PostgresLocation location) throws SQLException {
        // Not DriverManager, whose first use loads every JDBC driver on the class path (a scan of each of the CLI's
        // jars), nor the driver's own connect, which scans them too: see PostgresConnections.
        Connection connection = PostgresConnections.open(location);
        try {
            // Durable before acknowledged, whatever the server's or the role's default says.
            execute(connection, "SET synchronous_commit = on");
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    static Connection connectWriter(PostgresLocation location) throws SQLException {
        Connection connection = connect(location);
        try {
            // A replica that stalls holding the revision lock would stop every other replica's writes.
            execute(connection, "SET idle_in_transaction_session_timeout = '60s'");
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static Connection connectChecker(PostgresLocation location) throws SQLException {
        Connection connection = connect(location);
        connection.setAutoCommit(true);
        return connection;
    }

    static void initialise(Connection connection, PostgresLocation location) throws SQLException {
        boolean done = false;
        try {
            // Replicas starting together must not both create the tables: one at a time, for this database.
            try (Statement s = connection.createStatement()) {
                s.executeQuery("SELECT pg_advisory_xact_lock(hashtext('alto_state_schema'))").close();
            }
            boolean meta = tableExists(connection, "alto_meta");
            boolean documents = tableExists(connection, "alto_documents");
            if (!meta && !documents) {
                createSchema(connection);
            } else if (!meta || !documents) {
                throw new AltoException(ErrorCode.PROVIDER_ERROR, "StateFileInvalid",
                        location.display() + " has only one of alto's tables alto_meta and alto_documents: it is not "
                                + "an alto state store (or was damaged); use another database");
            } else {
                long version = metaValue(connection, "schema_version");
                if (version > SCHEMA_VERSION) {
                    throw new AltoException(ErrorCode.PROVIDER_ERROR, "StateSchemaMismatch",
                            location.display() + " was written by a newer alto (state schema " + version + "; this "
                                    + "build reads up to " + SCHEMA_VERSION + "). Upgrade alto, or use another "
                                    + "database.");
                }
                if (version < 2) {
                    upgradeToTwo(connection);
                }
            }
            connection.commit();
            done = true;
        } finally {
            if (!done) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // Reported through the original failure.
                }
            }
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void createSchema(Connection connection) throws SQLException {
        // seq is the insertion order; a sequence never hands out a number twice, even after tombstones are purged.
        execute(connection, """
                CREATE TABLE alto_documents (
                  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  kind TEXT NOT NULL,
                  account TEXT NOT NULL,
                  id TEXT COLLATE "C" NOT NULL,
                  json TEXT,
                  revision BIGINT NOT NULL,
                  UNIQUE (kind, account, id))""");
        execute(connection, "CREATE INDEX alto_documents_by_revision ON alto_documents (revision)");
        execute(connection, SqlDialect.POSTGRES.liveIndex());
        execute(connection, "CREATE TABLE alto_meta (name TEXT PRIMARY KEY, value BIGINT NOT NULL)");
        execute(connection, "INSERT INTO alto_meta (name, value) VALUES ('schema_version', " + SCHEMA_VERSION + "),"
                + " ('revision', 0), ('tombstones_purged_through', 0)");
        PersistedIndexes.createTables(SqlDialect.POSTGRES, connection);
    }

    /**
     * Schema 1 to 2, inside the locked transaction that opens the store: ids ordered by code point, so that a page
     * walked in SQL is in the order a mirror's pages are (the database's locale may sort otherwise), the partial
     * index that counts live documents, and the tables of the persisted index keys, filled when each index is next
     * registered.
     */
    private static void upgradeToTwo(Connection connection) throws SQLException {
        execute(connection, "ALTER TABLE alto_documents ALTER COLUMN id TYPE TEXT COLLATE \"C\"");
        execute(connection, SqlDialect.POSTGRES.liveIndex());
        PersistedIndexes.createTables(SqlDialect.POSTGRES, connection);
        execute(connection, "UPDATE alto_meta SET value = " + SCHEMA_VERSION + " WHERE name = 'schema_version'");
    }

    // ---- SQL helpers

    private record Meta(long revision, long purgedThrough) {
    }

    private static Meta readMeta(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SELECT_META)) {
            return meta(rs);
        }
    }

    private static Meta meta(ResultSet rs) throws SQLException {
        long revision = -1;
        long purgedThrough = 0;
        while (rs.next()) {
            if (rs.getString(1).equals("revision")) {
                revision = rs.getLong(2);
            } else {
                purgedThrough = rs.getLong(2);
            }
        }
        if (revision < 0) {
            throw new SQLException("alto_meta has no revision row", "XX000");
        }
        return new Meta(revision, purgedThrough);
    }

    private static long metaValue(Connection connection, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM alto_meta WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("alto_meta has no " + name + " row", "XX000");
                }
                return rs.getLong(1);
            }
        }
    }

    /**
     * Whether {@code e} means the session is gone or unusable rather than that a statement failed: connection
     * exceptions (class 08), the server shutting down or refusing connections (57P0x), or a closed connection.
     */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e.getMessage() != null && e.getMessage().contains("has been closed");
        }
        return state.startsWith("08") || state.startsWith("57P");
    }

    static AltoException translate(PostgresLocation location, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = "PostgreSQL state store " + location.display();
        if (isConnectionFailure(e)) {
            return new AltoException(ErrorCode.PROVIDER_ERROR, "StateStoreUnavailable",
                    where + " is unreachable: " + e.getMessage(), e);
        }
        if (state.startsWith("28")) {
            return new AltoException(ErrorCode.PROVIDER_ERROR, "StateStoreError",
                    where + " refused the login: " + e.getMessage(), e);
        }
        if (state.equals("3D000")) {
            return new AltoException(ErrorCode.PROVIDER_ERROR, "StateStoreError",
                    where + ": the database does not exist (create it, e.g. createdb): " + e.getMessage(), e);
        }
        if (state.equals("42501")) {
            return new AltoException(ErrorCode.PROVIDER_ERROR, "StateStoreError",
                    where + ": permission denied (alto needs to create and write its tables alto_meta, "
                            + "alto_documents, alto_doc_indexes and alto_doc_keys): " + e.getMessage(), e);
        }
        return new AltoException(ErrorCode.PROVIDER_ERROR, "StateStoreError", where + ": " + e.getMessage(), e);
    }
}
