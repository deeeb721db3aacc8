package io.altostratus.store.internal;

import static io.altostratus.store.internal.Jdbc.bindKey;
import static io.altostratus.store.internal.Jdbc.execute;
import static io.altostratus.store.internal.Jdbc.rows;
import static io.altostratus.store.internal.Jdbc.singleLong;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * The durable store: one SQLite file in WAL mode, shared by every process that opens it, mirrored in memory.
 *
 * <p>Each committed write transaction bumps the revision in the {@code meta} table by one and stamps every row it
 * changed with that revision; a deletion keeps the row as a tombstone (json NULL) so that other processes learn of
 * it. A process notices that someone else committed through {@code PRAGMA data_version} on a connection it keeps
 * open for that purpose, and then pulls only the rows with a higher revision than its mirror holds. Tombstones
 * older than {@link #DEFAULT_PURGE_INTERVAL} revisions are purged now and then; a process that lags further than
 * that reloads everything instead.
 *
 * <p>Two connections: the writer connection is used under the store's write lock; the watch connection, under
 * {@link #watchLock}, answers the change check and pulls for readers, so that reads never wait for a write
 * transaction in progress.
 */
public final class SqliteStateStore extends MirroredStore {

    /** The schema this build writes; files with a higher one are refused. */
    static final int SCHEMA_VERSION = 1;
    static final long DEFAULT_PURGE_INTERVAL = 1_000;
    // Long enough for another process's write transaction to finish, short enough to report a stuck one.
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private static final String SELECT_META =
            "SELECT name, value FROM meta WHERE name IN ('revision', 'tombstones_purged_through')";
    private static final String SELECT_LIVE =
            "SELECT seq, kind, account, id, json FROM documents WHERE json IS NOT NULL ORDER BY seq";
    private static final String SELECT_CHANGED =
            "SELECT seq, kind, account, id, json FROM documents WHERE revision > ? ORDER BY seq";

    private final Path file;
    private final long purgeInterval;

    // Guarded by the write lock of MirroredStore.
    private final Connection writer;
    private final PreparedStatement replaceLive;
    private final PreparedStatement removeTombstone;
    private final PreparedStatement insertDoc;
    private final PreparedStatement markDeleted;
    private final PreparedStatement setRevision;
    private boolean inTransaction;

    private final ReentrantLock watchLock = new ReentrantLock();
    // Guarded by watchLock.
    private final Connection watcher;
    private final PreparedStatement dataVersion;
    private long seenDataVersion = Long.MIN_VALUE;
    private long pulls;

    private SqliteStateStore(Path file, long purgeInterval, Connection writer, Connection watcher)
            throws SQLException {
        this.file = file;
        this.purgeInterval = purgeInterval;
        this.writer = writer;
        this.watcher = watcher;
        this.replaceLive = writer.prepareStatement(
                "UPDATE documents SET json = ?, revision = ? WHERE kind = ? AND account = ? AND id = ?"
                        + " AND json IS NOT NULL RETURNING seq");
        this.removeTombstone = writer.prepareStatement(
                "DELETE FROM documents WHERE kind = ? AND account = ? AND id = ?");
        this.insertDoc = writer.prepareStatement(
                "INSERT INTO documents (kind, account, id, json, revision) VALUES (?, ?, ?, ?, ?) RETURNING seq");
        this.markDeleted = writer.prepareStatement(
                "UPDATE documents SET json = NULL, revision = ? WHERE kind = ? AND account = ? AND id = ?"
                        + " AND json IS NOT NULL");
        this.setRevision = writer.prepareStatement("UPDATE meta SET value = ? WHERE name = 'revision'");
        this.dataVersion = watcher.prepareStatement("PRAGMA data_version");
    }

    /** Opens (creating if needed) the store in {@code file}. */
    public static SqliteStateStore open(Path file) {
        return open(file, DEFAULT_PURGE_INTERVAL);
    }

    static SqliteStateStore open(Path file, long purgeInterval) {
        Path absolute = file.toAbsolutePath();
        createPrivateDirectory(absolute.getParent());
        createPrivateFile(absolute);
        Connection writer = null;
        Connection watcher = null;
        try {
            writer = connect(absolute);
            initialise(writer, absolute);
            watcher = connect(absolute);
            SqliteStateStore store = new SqliteStateStore(absolute, purgeInterval, writer, watcher);
            store.loadAll();
            return store;
        } catch (SQLException e) {
            closeQuietly(watcher);
            closeQuietly(writer);
            throw translate(absolute, e);
        } catch (RuntimeException e) {
            closeQuietly(watcher);
            closeQuietly(writer);
            throw e;
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    /**
     * How many times a read found the change check moved and so queried the file beyond it; for tests that pin
     * down that an unchanged store is read from memory.
     */
    long pulls() {
        watchLock.lock();
        try {
            return pulls;
        } finally {
            watchLock.unlock();
        }
    }

    @Override
    protected void refresh() {
        watchLock.lock();
        try {
            ensureOpen();
            long version;
            try (ResultSet rs = dataVersion.executeQuery()) {
                rs.next();
                version = rs.getLong(1);
            }
            if (version == seenDataVersion) {
                return;
            }
            pulls++;
            pull(watcher, true);
            seenDataVersion = version;
        } catch (SQLException e) {
            throw translate(file, e);
        } finally {
            watchLock.unlock();
        }
    }

    private void loadAll() throws SQLException {
        watchLock.lock();
        try {
            try (ResultSet rs = dataVersion.executeQuery()) {
                rs.next();
                seenDataVersion = rs.getLong(1);
            }
            execute(watcher, "BEGIN");
            boolean done = false;
            try {
                Meta meta = readMeta(watcher);
                mirror.replaceAll(meta.revision(), rows(watcher, SELECT_LIVE, -1));
                done = true;
            } finally {
                execute(watcher, done ? "COMMIT" : "ROLLBACK");
            }
        } finally {
            watchLock.unlock();
        }
    }

    /**
     * Brings the mirror to the revision committed in the file, through {@code connection}. With
     * {@code ownTransaction} the reads run in a read transaction of their own (the watch connection); otherwise the
     * caller's transaction is used (the writer, inside BEGIN IMMEDIATE). Returns the file's revision.
     */
    private long pull(Connection connection, boolean ownTransaction) throws SQLException {
        long known = mirror.revision();
        if (ownTransaction) {
            // A cheap look first: our own commits also move data_version, and then there is nothing to fetch.
            if (readMeta(connection).revision() == known) {
                return known;
            }
            execute(connection, "BEGIN");
        }
        boolean done = false;
        try {
            Meta meta = readMeta(connection);
            if (known < meta.purgedThrough()) {
                mirror.replaceAll(meta.revision(), rows(connection, SELECT_LIVE, -1));
            } else if (meta.revision() > known) {
                mirror.apply(meta.revision(), rows(connection, SELECT_CHANGED, known));
            }
            done = true;
            return meta.revision();
        } finally {
            if (ownTransaction) {
                if (done) {
                    execute(connection, "COMMIT");
                } else {
                    executeQuietly(connection, "ROLLBACK");
                }
            }
        }
    }

    @Override
    protected long begin() {
        try {
            execute(writer, "BEGIN IMMEDIATE");
            inTransaction = true;
            long revision = pull(writer, false);
            if (mirror.revision() != revision) {
                throw new IllegalStateException("mirror of " + file + " at revision " + mirror.revision()
                        + " after syncing with revision " + revision);
            }
            return revision;
        } catch (SQLException e) {
            rollback(e);
            throw translate(file, e);
        } catch (RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    @Override
    protected List<Change> commit(long newRevision, List<Change> changes) {
        try {
            List<Change> stamped = new ArrayList<>(changes.size());
            for (Change change : changes) {
                Key key = change.key();
                if (change.deleted()) {
                    markDeleted.setLong(1, newRevision);
                    bindKey(markDeleted, 2, key);
                    markDeleted.executeUpdate();
                    stamped.add(change);
                    continue;
                }
                replaceLive.setString(1, change.json());
                replaceLive.setLong(2, newRevision);
                bindKey(replaceLive, 3, key);
                long seq = singleLong(replaceLive);
                if (seq < 0) {
                    // New, or re-created after a deletion: a new place at the end of the insertion order.
                    bindKey(removeTombstone, 1, key);
                    removeTombstone.executeUpdate();
                    bindKey(insertDoc, 1, key);
                    insertDoc.setString(4, change.json());
                    insertDoc.setLong(5, newRevision);
                    seq = singleLong(insertDoc);
                }
                stamped.add(change.withSeq(seq));
            }
            setRevision.setLong(1, newRevision);
            setRevision.executeUpdate();
            purgeTombstones(newRevision);
            execute(writer, "COMMIT");
            inTransaction = false;
            return stamped;
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    private void purgeTombstones(long newRevision) throws SQLException {
        long through = newRevision - purgeInterval;
        if (newRevision % purgeInterval != 0 || through <= 0) {
            return;
        }
        try (PreparedStatement purge = writer.prepareStatement(
                "DELETE FROM documents WHERE json IS NULL AND revision <= ?");
             PreparedStatement mark = writer.prepareStatement(
                     "UPDATE meta SET value = ? WHERE name = 'tombstones_purged_through'")) {
            purge.setLong(1, through);
            purge.executeUpdate();
            mark.setLong(1, through);
            mark.executeUpdate();
        }
    }

    @Override
    protected void rollback(Throwable cause) {
        if (inTransaction) {
            inTransaction = false;
            try {
                execute(writer, "ROLLBACK");
            } catch (SQLException e) {
                // SQLite rolls back by itself when the connection closes or the process dies; keep the cause.
                cause.addSuppressed(e);
            }
        }
    }

    @Override
    protected void closeBackend() {
        watchLock.lock();
        try {
            closeQuietly(watcher);
            closeQuietly(writer);
        } finally {
            watchLock.unlock();
        }
    }

    // ---- opening

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try {
            execute(connection, "PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            // Readers never block the writer nor each other; FULL syncs the log on every commit, so a write is on
            // disk before write() returns.
            execute(connection, "PRAGMA journal_mode = WAL");
            execute(connection, "PRAGMA synchronous = FULL");
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void initialise(Connection connection, Path file) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
        boolean done = false;
        try {
            Set<String> tables = new HashSet<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery(
                         "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (tables.isEmpty()) {
                createSchema(connection);
            } else if (!tables.contains("meta") || !tables.contains("documents")) {
                throw new AltoException(ErrorCode.PROVIDER_ERROR, "StateFileInvalid",
                        file + " is a SQLite database but not an alto state file (tables " + tables + ")");
            } else {
                long version = metaValue(connection, "schema_version");
                if (version > SCHEMA_VERSION) {
                    throw new AltoException(ErrorCode.PROVIDER_ERROR, "StateSchemaMismatch",
                            file + " was written by a newer alto (state schema " + version + "; this build reads up to "
                                    + SCHEMA_VERSION + "). Upgrade alto, or use another state directory.");
                }
            }
            execute(connection, "COMMIT");
            done = true;
        } finally {
            if (!done) {
                executeQuietly(connection, "ROLLBACK");
            }
        }
    }

    private static void createSchema(Connection connection) throws SQLException {
        // seq is the insertion order; AUTOINCREMENT keeps purged tombstones' numbers from being handed out again.
        execute(connection, """
                CREATE TABLE documents (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  kind TEXT NOT NULL,
                  account TEXT NOT NULL,
                  id TEXT NOT NULL,
                  json TEXT,
                  revision INTEGER NOT NULL,
                  UNIQUE (kind, account, id))""");
        execute(connection, "CREATE INDEX documents_by_revision ON documents (revision)");
        execute(connection, "CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        execute(connection, "INSERT INTO meta (name, value) VALUES ('schema_version', " + SCHEMA_VERSION + "),"
                + " ('revision', 0), ('tombstones_purged_through', 0)");
    }

    private static void createPrivateDirectory(Path dir) {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            Path parent = dir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, ownerOnly(dir, "rwx------"));
        } catch (FileAlreadyExistsException raced) {
            // Another process made it first.
        } catch (IOException e) {
            // A path the user chose that cannot hold state is bad input, said in words rather than as an exception.
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "StateDirUnusable",
                    "cannot use " + dir + " as a state directory: " + reason(e), e);
        }
    }

    private static void createPrivateFile(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            // SQLite treats an empty file as a new database; creating it here gives it owner-only permissions.
            Files.createFile(file, ownerOnly(file, "rw-------"));
        } catch (FileAlreadyExistsException raced) {
            // Another process made it first.
        } catch (IOException e) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "StateDirUnusable",
                    "cannot create state file " + file + ": " + reason(e), e);
        }
    }

    /** Why a file operation failed, in words (the JDK's messages are often only the path). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static FileAttribute<?>[] ownerOnly(Path path, String permissions) {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(permissions))};
        }
        return new FileAttribute<?>[0];
    }

    // ---- SQL helpers

    private record Meta(long revision, long purgedThrough) {
    }

    private static Meta readMeta(Connection connection) throws SQLException {
        long revision = -1;
        long purgedThrough = 0;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SELECT_META)) {
            while (rs.next()) {
                if (rs.getString(1).equals("revision")) {
                    revision = rs.getLong(2);
                } else {
                    purgedThrough = rs.getLong(2);
                }
            }
        }
        if (revision < 0) {
            throw new SQLException("meta table has no revision");
        }
        return new Meta(revision, purgedThrough);
    }

    private static long metaValue(Connection connection, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("meta table has no " + name);
                }
                return rs.getLong(1);
            }
        }
    }

    private static void executeQuietly(Connection connection, String sql) {
        try {
            execute(connection, sql);
        } catch (SQLException ignored) {
            // Best effort: used only on paths that already report an error.
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing useful to do: the state on disk is already consistent.
            }
        }
    }

    // SQLite's primary result codes (the low byte of an extended code).
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    static AltoException translate(Path file, SQLException e) {
        int primary = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code & 0xff : e.getErrorCode() & 0xff;
        return switch (primary) {
            case SQLITE_NOTADB -> new AltoException(ErrorCode.PROVIDER_ERROR, "StateFileInvalid",
                    file + " is not an alto state file (not a SQLite database)", e);
            case SQLITE_READONLY -> new AltoException(ErrorCode.INVALID_PARAMETER, "StateDirUnusable",
                    "state file " + file + " is read-only: alto needs write access to its state directory, even to "
                            + "read (SQLite's write-ahead log lives there)", e);
            case SQLITE_CORRUPT -> new AltoException(ErrorCode.PROVIDER_ERROR, "StateFileCorrupt",
                    "state file " + file + " is corrupt: " + e.getMessage(), e);
            case SQLITE_BUSY, SQLITE_LOCKED -> new AltoException(ErrorCode.PROVIDER_ERROR, "StateStoreBusy",
                    "state file " + file + " stayed locked by another process for " + BUSY_TIMEOUT_MILLIS / 1000
                            + " s: " + e.getMessage(), e);
            default -> new AltoException(ErrorCode.PROVIDER_ERROR, "StateStoreError",
                    "state file " + file + ": " + e.getMessage(), e);
        };
    }
}
