package io.altostratus.store.internal;

import io.altostratus.store.StateStore;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What every store shares: reads answered from the in-memory {@link Mirror} after a cheap check for other
 * writers, writes serialised in this process by a lock and buffered in a {@link TxBuffer} until the backend has
 * made them durable, then applied to the mirror.
 */
abstract class MirroredStore implements StateStore {

    protected final Mirror mirror = new Mirror();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile boolean closed;

    /** Brings the mirror up to date with writes other processes committed. Must be cheap when there are none. */
    protected abstract void refresh();

    /**
     * Starts a write transaction in the backend: takes its cross-process lock and brings the mirror up to date.
     * Returns the committed revision the transaction builds on.
     */
    protected abstract long begin();

    /**
     * Makes {@code changes} durable as revision {@code newRevision} and returns them with their insertion
     * sequences. If this throws, {@link #rollback} follows.
     */
    protected abstract List<Change> commit(long newRevision, List<Change> changes);

    /** Undoes the backend transaction {@link #begin} started, if it is still open; never throws. */
    protected abstract void rollback(Throwable cause);

    /** Releases the backend; called once, with no read or write in progress in this process. */
    protected abstract void closeBackend();

    @Override
    public final <T> T read(Function<StateView, T> reader) {
        ensureOpen();
        if (!mirror.readLockHeldByCurrentThread()) {
            // A read nested in another read keeps the outer one's picture: pulling changes would need the mirror's
            // write lock, which this thread's own read lock blocks.
            refresh();
        }
        Lock read = mirror.readLock();
        read.lock();
        MirrorView view = new MirrorView(mirror);
        try {
            return reader.apply(view);
        } finally {
            view.close();
            read.unlock();
        }
    }

    @Override
    public final <T> T write(Function<StateTx, T> writer) {
        ensureOpen();
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("write called inside a write function: use the StateTx it was given");
        }
        if (mirror.readLockHeldByCurrentThread()) {
            // The commit must update the mirror, which waits for every reader, this one included.
            throw new IllegalStateException("write called inside a read function of the same store");
        }
        writeLock.lock();
        try {
            ensureOpen();
            long base = begin();
            TxBuffer tx = new TxBuffer(mirror, base);
            T result;
            List<Change> committed;
            try {
                result = writer.apply(tx);
                committed = commit(base + 1, tx.close());
            } catch (Throwable failure) {
                tx.abandon();
                rollback(failure);
                throw failure;
            }
            mirror.apply(base + 1, committed);
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public final <T> void index(String kind, String name, int version, Class<T> type,
                                Function<? super T, ? extends Collection<String>> keys) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(keys, "keys");
        ensureOpen();
        if (mirror.readLockHeldByCurrentThread()) {
            // Filing the existing documents needs the mirror's write lock, which this thread's read lock blocks.
            throw new IllegalStateException("index called inside a read function of the same store");
        }
        if (mirror.hasIndex(kind, name)) {
            return;
        }
        addIndex(new SecondaryIndex(new IndexSpec(kind, name, version, type, keys)));
    }

    /** Adds a new index to the mirror, filing what is there; a backend that persists index keys also keeps them. */
    protected void addIndex(SecondaryIndex index) {
        mirror.addIndex(index);
    }

    /** Runs {@code work} holding the lock every write of this process holds. */
    protected final void underWriteLock(Runnable work) {
        writeLock.lock();
        try {
            ensureOpen();
            work.run();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public final int clear(Predicate<String> kinds) {
        Objects.requireNonNull(kinds, "kinds");
        return write(tx -> {
            // Inside a write the mirror holds the latest committed state of every process (begin() pulled it), so
            // its keys are exactly what there is to delete; deleting through the transaction keeps the usual path
            // to disk and to other processes' mirrors (tombstones).
            List<Key> doomed = mirror.keys(kinds);
            for (Key key : doomed) {
                tx.delete(key.kind(), key.account(), key.id());
            }
            return doomed.size();
        });
    }

    @Override
    public final void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeBackend();
        } finally {
            writeLock.unlock();
        }
    }

    protected final boolean isClosed() {
        return closed;
    }

    protected final void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("state store " + location() + " is closed");
        }
    }
}
