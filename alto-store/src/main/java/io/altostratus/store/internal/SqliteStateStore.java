package io.altostratus.store.internal;

import static io.altostratus.store.internal.Jdbc.closeQuietly;
import static io.altostratus.store.internal.Jdbc.execute;
import static io.altostratus.store.internal.Jdbc.rows;
import static io.altostratus.store.internal.SqliteFile.executeQuietly;
import static io.altostratus.store.internal.SqliteFile.readMeta;
import static io.altostratus.store.internal.SqliteFile.translate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

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
 * <p>Each registered index's keys are also kept in the file ({@link PersistedIndexes}), maintained by every commit,
 * so that a process that does not mirror ({@link SqliteDirectStore}) answers lookups with queries, and a restart
 * files the mirror's index from those keys instead of decoding every document.
 *
 * <p>Two connections: the writer connection is used under the store's write lock; the watch connection, under
 * {@link #watchLock}, answers the change check and pulls for readers, so that reads never wait for a write
 * transaction in progress.
 */
public final class SqliteStateStore extends MirroredStore {

    /** The schema this build writes; files with a higher one are refused. */
    static final int SCHEMA_VERSION = SqliteFile.SCHEMA_VERSION;
    static final long DEFAULT_PURGE_INTERVAL = 1_000;
    // How often the writer's page cache is sized to the file again (SqliteFile.sizeWriterCache): the file grows by
    // at most a few MiB in that many commits, and sizing costs two pragma reads.
    private static final int CACHE_RESIZE_COMMITS = 256;

    private static final String SELECT_LIVE =
            "SELECT seq, kind, account, id, json FROM documents WHERE json IS NOT NULL ORDER BY seq";
    private static final String SELECT_CHANGED =
            "SELECT seq, kind, account, id, json FROM documents WHERE revision > ? ORDER BY seq";

    private final Path file;
    private final long purgeInterval;

    // Guarded by the write lock of MirroredStore.
    private final Connection writer;
    private final SqlDocuments documents;
    private final PersistedIndexes indexes;
    private boolean inTransaction;
    private long commits;

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
        this.documents = new SqlDocuments(SqlDialect.SQLITE, writer);
        this.indexes = new PersistedIndexes(SqlDialect.SQLITE, writer);
        this.dataVersion = watcher.prepareStatement("PRAGMA data_version");
    }

    /** Opens (creating if needed) the store in {@code file}. */
    public static SqliteStateStore open(Path file) {
        return open(file, DEFAULT_PURGE_INTERVAL);
    }

    /** Opens the store, its first load running {@code loadPace} between batches of rows (see {@link WarmUpPace}). */
    static SqliteStateStore open(Path file, Runnable loadPace) {
        return open(file, DEFAULT_PURGE_INTERVAL, loadPace);
    }

    static SqliteStateStore open(Path file, long purgeInterval) {
        return open(file, purgeInterval, null);
    }

    private static SqliteStateStore open(Path file, long purgeInterval, Runnable loadPace) {
        Path absolute = SqliteFile.prepare(file);
        Connection writer = null;
        Connection watcher = null;
        try {
            writer = SqliteFile.connect(absolute);
            SqliteFile.forWriting(writer);
            SqliteFile.initialise(writer, absolute);
            watcher = SqliteFile.connect(absolute);
            SqliteStateStore store = new SqliteStateStore(absolute, purgeInterval, writer, watcher);
            store.loadAll(loadPace);
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

    private void loadAll(Runnable pace) throws SQLException {
        watchLock.lock();
        try {
            try (ResultSet rs = dataVersion.executeQuery()) {
                rs.next();
                seenDataVersion = rs.getLong(1);
            }
            execute(watcher, "BEGIN");
            boolean done = false;
            try {
                SqliteFile.Meta meta = readMeta(watcher);
                mirror.replaceAll(meta.revision(), rows(watcher, SELECT_LIVE, -1, pace));
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
            SqliteFile.Meta meta = readMeta(connection);
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
            List<Change> stamped = documents.writeAll(changes, newRevision, indexes, mirror);
            documents.finish(newRevision, purgeInterval);
            execute(writer, "COMMIT");
            inTransaction = false;
            if (++commits % CACHE_RESIZE_COMMITS == 0) {
                SqliteFile.sizeWriterCache(writer);
            }
            return stamped;
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    /**
     * Files a new index from the keys persisted in the file when it has them at the index's version (no document is
     * decoded), else from the mirror's documents, writing their keys to the file for the next process. Runs inside a
     * write transaction, so the mirror and the file's keys describe the same revision.
     */
    @Override
    protected void addIndex(SecondaryIndex index) {
        underWriteLock(() -> {
            try {
                execute(writer, "BEGIN IMMEDIATE");
                inTransaction = true;
                pull(writer, false);
                indexes.addTo(mirror, index);
                execute(writer, "COMMIT");
                inTransaction = false;
            } catch (SQLException e) {
                rollback(e);
                throw translate(file, e);
            } catch (RuntimeException e) {
                rollback(e);
                throw e;
            }
        });
    }

    @Override
    protected void rollback(Throwable cause) {
        if (inTransaction) {
            inTransaction = false;
            indexes.discard();
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
}
