package io.altostratus.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * A store held only in memory: the same mirror and transaction semantics as the durable store, for tests and
 * {@code --ephemeral} runs. Only one process can see it, so there is never anything to pull.
 */
public final class MemoryStateStore extends MirroredStore {

    private long lastSeq; // guarded by the write lock

    @Override
    public String location() {
        return "memory";
    }

    @Override
    protected void refresh() {
        // Every write goes through this object, so the mirror is always current.
    }

    @Override
    protected long begin() {
        return mirror.revision();
    }

    @Override
    protected List<Change> commit(long newRevision, List<Change> changes) {
        List<Change> stamped = new ArrayList<>(changes.size());
        Lock read = mirror.readLock();
        read.lock();
        try {
            for (Change change : changes) {
                if (change.deleted()) {
                    stamped.add(change);
                } else {
                    Doc existing = mirror.get(change.key());
                    long seq = existing != null ? existing.seq() : ++lastSeq;
                    stamped.add(change.withSeq(seq));
                }
            }
        } finally {
            read.unlock();
        }
        return stamped;
    }

    @Override
    protected void rollback(Throwable cause) {
        // Nothing left the transaction buffer.
    }

    @Override
    protected void closeBackend() {
        // Nothing to release.
    }
}
