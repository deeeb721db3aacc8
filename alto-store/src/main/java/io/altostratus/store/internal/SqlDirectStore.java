package io.altostratus.store.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
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
 * A durable store for short-lived processes: the same tables and guarantees as the mirrored store of its database,
 * but nothing mirrored. Each read is a read transaction on a pooled connection (or on the writer's, when no write
 * holds it and no pooled one is free) and each call in it an indexed query, so a command that asks for a page, or for
 * the instances under one tag, reads about that much whatever the fleet's size; opening costs a connection, not a
 * load of every document. Subclasses say how their database begins and ends transactions
 * ({@link SqliteDirectStore}, {@link PostgresDirectStore}).
 *
 * <p>Lookups use the index keys persisted with the documents ({@link PersistedIndexes}); registering an index the
 * store does not have yet (one from an older build, or one whose index another process dropped) files every document
 * of its kind once, in a write transaction.
 */
abstract class SqlDirectStore implements StateStore {

    private SqlSession writer; // guarded by writeLock; null after its connection was lost
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConcurrentLinkedDeque<SqlSession> idle = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<SqlSession> every = new ConcurrentLinkedDeque<>();
    // Reads and writes hold it shared; close takes it exclusively, so connections close with nothing running.
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final ThreadLocal<SqlView> currentRead = new ThreadLocal<>();
    private final Map<String, Map<String, IndexSpec>> specs = new ConcurrentHashMap<>();
    private final Function<SQLException, AltoException> translate = this::translate;
    private volatile boolean pooling = true;
    private volatile boolean closed;

    protected SqlDirectStore(SqlSession writer) {
        this.writer = writer;
    }

    /** A new connection's session for reads. */
    abstract SqlSession connectReader() throws SQLException;

    /** A new connection's session for writes, when the last one was lost. */
    abstract SqlSession connectWriter() throws SQLException;

    /** Begins a read transaction that sees one committed state throughout. */
    abstract void beginRead(SqlSession session) throws SQLException;

    /**
     * Begins a write transaction that holds the lock serialising writers across processes, and returns the committed
     * revision it builds on.
     */
    abstract long beginWrite(SqlSession writer) throws SQLException;

    /** Ends the transaction on {@code session}; never throws (it runs on paths that report a failure already). */
    abstract void endQuietly(SqlSession session, boolean commit);

    /** Commits the write transaction; {@code newRevision} is the revision it made, or -1 when it made none. */
    abstract void commitWrite(SqlSession writer, long newRevision) throws SQLException;

    /** The error in the store's words. */
    abstract AltoException translate(SQLException e);

    /** Whether {@code e} means the connection is gone, so its session must not be used again. */
    abstract boolean lostConnection(SQLException e);

    /** How many old tombstones a commit lets pile up before it purges them. */
    abstract long purgeInterval();

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
            SqlSession session = idle.poll();
            // With no read connection to spare, a read takes the writer's when no write holds it, so a short-lived
            // process (one command: an index check, then a read) opens one connection, not two. Never inside a
            // write of this thread, whose transaction that connection is in the middle of.
            boolean onWriter = session == null && !writeLock.isHeldByCurrentThread() && writeLock.tryLock();
            if (onWriter) {
                try {
                    session = writer();
                } catch (SQLException e) {
                    writeLock.unlock();
                    throw translate(e);
                }
            } else if (session == null) {
                session = newReader();
            }
            boolean reusable = true;
            try {
                beginRead(session);
                boolean done = false;
                SqlView view = SqlView.reading(session, translate, specs);
                currentRead.set(view);
                try {
                    T result = reader.apply(view);
                    done = true;
                    return result;
                } finally {
                    currentRead.remove();
                    view.close();
                    endQuietly(session, done);
                }
            } catch (SQLException e) {
                reusable = !lostConnection(e);
                throw translate(e);
            } catch (AltoException e) {
                reusable = !(e.getCause() instanceof SQLException sql && lostConnection(sql));
                throw e;
            } finally {
                if (onWriter) {
                    if (!reusable) {
                        writer.close();
                        writer = null;
                    }
                    writeLock.unlock();
                } else {
                    giveBack(session, reusable);
                }
            }
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
        return exclusively((session, base) -> {
            SqlView tx = SqlView.writing(session, translate, specs, base);
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
        exclusively((session, base) -> {
            try {
                if (session.indexes.ix(spec) < 0) {
                    session.indexes.ensure(spec, session.allOf(kind));
                }
                return null;
            } catch (SQLException e) {
                throw translate(e);
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
        return exclusively((session, base) -> {
            SqlView tx = SqlView.writing(session, translate, specs, base);
            try {
                return tx.clear(kinds);
            } finally {
                tx.close();
            }
        }, true);
    }

    /** Whether the store has {@code spec}'s keys at its version, read outside any write transaction. */
    private boolean filed(IndexSpec spec) {
        lifecycle.readLock().lock();
        writeLock.lock();
        try {
            ensureOpen();
            return writer().indexes.ix(spec) >= 0;
        } catch (SQLException e) {
            dropWriterIfLost(e);
            throw translate(e);
        } finally {
            writeLock.unlock();
            lifecycle.readLock().unlock();
        }
    }

    /** What runs inside a write transaction: given the writer's session and the committed revision. */
    private interface Work<T> {
        T run(SqlSession session, long base);
    }

    /**
     * Runs {@code work} inside a write transaction given the committed revision; commits as the next revision when
     * {@code newRevision}, else commits without moving the revision (index upkeep, which changes no document). Rolls
     * back when {@code work} throws.
     */
    private <T> T exclusively(Work<T> work, boolean newRevision) {
        lifecycle.readLock().lock();
        writeLock.lock();
        try {
            ensureOpen();
            SqlSession session;
            long base;
            try {
                session = writer();
                base = beginWrite(session);
            } catch (SQLException e) {
                abandon(e);
                throw translate(e);
            }
            T result;
            try {
                result = work.run(session, base);
                session.indexes.flush();
                if (newRevision) {
                    session.documents.finish(base + 1, purgeInterval());
                }
                commitWrite(session, newRevision ? base + 1 : -1);
            } catch (SQLException e) {
                abandon(e);
                throw translate(e);
            } catch (AltoException failure) {
                abandon(failure.getCause() instanceof SQLException sql ? sql : null);
                throw failure;
            } catch (Throwable failure) {
                abandon(null);
                throw failure;
            }
            return result;
        } finally {
            writeLock.unlock();
            lifecycle.readLock().unlock();
        }
    }

    /** Rolls the writer's transaction back, and drops the writer when {@code cause} says its connection is lost. */
    private void abandon(SQLException cause) {
        if (writer == null) {
            return;
        }
        writer.indexes.discard();
        endQuietly(writer, false);
        if (cause != null) {
            dropWriterIfLost(cause);
        }
    }

    private void dropWriterIfLost(SQLException e) {
        if (writer != null && lostConnection(e)) {
            writer.close();
            writer = null;
        }
    }

    private SqlSession writer() throws SQLException {
        if (writer == null) {
            writer = connectWriter();
        }
        return writer;
    }

    private SqlSession newReader() {
        SqlSession session;
        try {
            session = connectReader();
        } catch (SQLException e) {
            throw translate(e);
        }
        every.add(session);
        return session;
    }

    private void giveBack(SqlSession session, boolean reusable) {
        if (reusable && pooling) {
            idle.push(session);
        } else {
            every.remove(session);
            session.close();
        }
    }

    /**
     * Closes the read connections kept for reuse and the writer's, and from now on each read's connection once the
     * read ends: for a store that another has taken over from ({@link WarmingStore}), whose few remaining calls (an
     * index registered later) do not need a pool, and reopen the writer's when they come. On PostgreSQL each idle
     * connection holds a server process; on SQLite each holds its page cache (the writer's a sixteenth of the file).
     */
    void stopPooling() {
        pooling = false;
        for (SqlSession session = idle.poll(); session != null; session = idle.poll()) {
            every.remove(session);
            session.close();
        }
        writeLock.lock();
        try {
            if (writer != null) {
                writer.close();
                writer = null;
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (SqlSession session : every) {
                session.close();
            }
            if (writer != null) {
                writer.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("state store " + location() + " is closed");
        }
    }
}
