package io.altostratus.store.internal;

import static io.altostratus.store.internal.Jdbc.execute;

import io.altostratus.store.StateStore;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The durable store for short-lived processes: the same SQLite file, schema and guarantees as
 * {@link SqliteStateStore}, but nothing mirrored. Each read is a read transaction on a pooled connection and each
 * call in it an indexed query, so a command that asks for a page, or for the instances under one tag, reads about
 * that much of the file whatever the fleet's size; opening costs a connection, not a load of every document.
 *
 * <p>Lookups use the index keys persisted in the file ({@link PersistedIndexes}); registering an index the file
 * does not have yet (a file from an older build, or one whose index another process dropped) files every document
 * of its kind once, in a write transaction.
 */
public final class SqliteDirectStore implements StateStore {

    private final Path file;
    private final long purgeInterval;
    private final SqliteSession writer; // guarded by writeLock
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConcurrentLinkedDeque<SqliteSession> idle = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<SqliteSession> every = new ConcurrentLinkedDeque<>();
    // Reads and writes hold it shared; close takes it exclusively, so connections close with nothing running.
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final ThreadLocal<SqlView> currentRead = new ThreadLocal<>();
    private final Map<String, Map<String, IndexSpec>> specs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private SqliteDirectStore(Path file, long purgeInterval, SqliteSession writer) {
        this.file = file;
        this.purgeInterval = purgeInterval;
        this.writer = writer;
    }

    /** Opens (creating if needed) the store in {@code file}. */
    public static SqliteDirectStore open(Path file) {
        return open(file, SqliteStateStore.DEFAULT_PURGE_INTERVAL);
    }

    static SqliteDirectStore open(Path file, long purgeInterval) {
        Path absolute = SqliteFile.prepare(file);
        java.sql.Connection connection = null;
        try {
            connection = SqliteFile.connect(absolute);
            SqliteFile.forWriting(connection);
            SqliteFile.initialise(connection, absolute);
            return new SqliteDirectStore(absolute, purgeInterval, new SqliteSession(connection, true));
        } catch (SQLException e) {
            SqliteFile.closeQuietly(connection);
            throw SqliteFile.translate(absolute, e);
        } catch (RuntimeException e) {
            SqliteFile.closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public <T> T read(Function<StateView, T> reader) {
        ensureOpen();
        SqlView outer = currentRead.get();
        if (outer != null) {
            return reader.apply(outer);
        }
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            SqliteSession session = borrow();
            boolean done = false;
            try {
                execute(session.connection, "BEGIN");
                SqlView view = SqlView.reading(session, file, specs);
                currentRead.set(view);
                try {
                    T result = reader.apply(view);
                    done = true;
                    return result;
                } finally {
                    currentRead.remove();
                    view.close();
                    SqliteFile.executeQuietly(session.connection, done ? "COMMIT" : "ROLLBACK");
                }
            } finally {
                idle.push(session);
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public <T> T write(Function<StateTx, T> function) {
        ensureOpen();
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("write called inside a write function: use the StateTx it was given");
        }
        if (currentRead.get() != null) {
            throw new IllegalStateException("write called inside a read function of the same store");
        }
        return exclusively(base -> {
            SqlView tx = SqlView.writing(writer, file, specs, base);
            try {
                return function.apply(tx);
            } finally {
                tx.close();
            }
        }, true);
    }

    @Override
    public <T> void index(String kind, String name, int version, Class<T> type,
                          Function<? super T, ? extends Collection<String>> keys) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(keys, "keys");
        ensureOpen();
        if (currentRead.get() != null) {
            throw new IllegalStateException("index called inside a read function of the same store");
        }
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("index called inside a write function of the same store");
        }
        Map<String, IndexSpec> ofKind = specs.computeIfAbsent(kind, k -> new ConcurrentHashMap<>());
        IndexSpec spec = ofKind.computeIfAbsent(name, n -> new IndexSpec(kind, name, version, type, keys));
        if (filed(spec)) {
            return; // the usual case: no write transaction at every command's start
        }
        exclusively(base -> {
            try {
                if (writer.indexes.ix(spec) < 0) {
                    writer.indexes.ensure(spec, writer.allOf(kind));
                }
                return null;
            } catch (SQLException e) {
                throw SqliteFile.translate(file, e);
            }
        }, false);
    }

    @Override
    public int clear(Predicate<String> kinds) {
        Objects.requireNonNull(kinds, "kinds");
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("clear called inside a write function: use the StateTx it was given");
        }
        if (currentRead.get() != null) {
            throw new IllegalStateException("clear called inside a read function of the same store");
        }
        return exclusively(base -> {
            SqlView tx = SqlView.writing(writer, file, specs, base);
            try {
                return tx.clear(kinds);
            } finally {
                tx.close();
            }
        }, true);
    }

    /** Whether the file has {@code spec}'s keys at its version, read outside any write transaction. */
    private boolean filed(IndexSpec spec) {
        lifecycle.readLock().lock();
        writeLock.lock();
        try {
            ensureOpen();
            return writer.indexes.ix(spec) >= 0;
        } catch (SQLException e) {
            throw SqliteFile.translate(file, e);
        } finally {
            writeLock.unlock();
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} inside a write transaction ({@code BEGIN IMMEDIATE}, which also serialises it against other
     * processes) given the committed revision; commits as the next revision when {@code newRevision}, else commits
     * without moving the revision (index upkeep, which changes no document). Rolls back when {@code work} throws.
     */
    private <T> T exclusively(Function<Long, T> work, boolean newRevision) {
        lifecycle.readLock().lock();
        writeLock.lock();
        try {
            ensureOpen();
            long base;
            try {
                execute(writer.connection, "BEGIN IMMEDIATE");
                base = SqliteFile.readMeta(writer.connection).revision();
            } catch (SQLException e) {
                SqliteFile.executeQuietly(writer.connection, "ROLLBACK");
                throw SqliteFile.translate(file, e);
            }
            T result;
            try {
                result = work.apply(base);
                if (newRevision) {
                    writer.documents.finish(base + 1, purgeInterval);
                }
                execute(writer.connection, "COMMIT");
            } catch (SQLException e) {
                SqliteFile.executeQuietly(writer.connection, "ROLLBACK");
                throw SqliteFile.translate(file, e);
            } catch (Throwable failure) {
                SqliteFile.executeQuietly(writer.connection, "ROLLBACK");
                throw failure;
            }
            return result;
        } finally {
            writeLock.unlock();
            lifecycle.readLock().unlock();
        }
    }

    private SqliteSession borrow() throws SQLException {
        SqliteSession session = idle.poll();
        if (session != null) {
            return session;
        }
        session = new SqliteSession(SqliteFile.connect(file), false);
        every.add(session);
        return session;
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (SqliteSession session : every) {
                session.close();
            }
            writer.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("state store " + file + " is closed");
        }
    }
}
