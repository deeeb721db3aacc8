package io.altostratus.store.internal;

import io.altostratus.store.StateTx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;

/**
 * A write transaction in progress: the committed mirror overlaid with this transaction's own puts and deletes.
 * Nothing reaches the mirror until the store has committed the changes durably, so a writer that throws leaves
 * no trace. Used by the one writer thread only.
 */
final class TxBuffer implements StateTx {

    /** What this transaction put: the document for its own reads, and the JSON taken at put, for the commit. */
    private record Put(Doc doc, String json) {
    }

    /** Marks a document this transaction deleted. */
    private static final Put DELETED = new Put(new Doc("", 0, null, null), null);

    private final Mirror mirror;
    private final long baseRevision;
    private final LinkedHashMap<Key, Put> pending = new LinkedHashMap<>();
    private boolean open = true;

    TxBuffer(Mirror mirror, long baseRevision) {
        this.mirror = mirror;
        this.baseRevision = baseRevision;
    }

    @Override
    public <T> Optional<T> get(String kind, String account, String id, Class<T> type) {
        ensureOpen();
        Key key = new Key(kind, account, id);
        Doc doc = current(key);
        return doc == null ? Optional.empty() : Optional.of(doc.as(key, type));
    }

    @Override
    public <T> List<T> list(String kind, String account, Class<T> type) {
        ensureOpen();
        List<Doc> docs = new ArrayList<>();
        Lock read = mirror.readLock();
        read.lock();
        try {
            for (Doc committed : mirror.list(kind, account)) {
                Put mine = pending.get(new Key(kind, account, committed.id()));
                if (mine == null) {
                    docs.add(committed);
                } else if (mine != DELETED) {
                    docs.add(mine.doc());
                }
            }
            // Documents new in this transaction come after every committed one, in the order they were put.
            for (Map.Entry<Key, Put> entry : pending.entrySet()) {
                Key key = entry.getKey();
                if (entry.getValue() != DELETED && key.kind().equals(kind) && key.account().equals(account)
                        && mirror.get(key) == null) {
                    docs.add(entry.getValue().doc());
                }
            }
        } finally {
            read.unlock();
        }
        List<T> values = new ArrayList<>(docs.size());
        for (Doc doc : docs) {
            values.add(doc.as(new Key(kind, account, doc.id()), type));
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * The committed index answer corrected by this transaction's own changes: a document it deleted or re-filed
     * elsewhere drops out, one it put under a key comes in. Committed documents keep their place; new ones follow
     * in the order they were put, as in {@link #list}.
     */
    @Override
    public List<String> lookupAny(String kind, String account, String index, Collection<String> keys) {
        ensureOpen();
        List<String> ids = new ArrayList<>();
        Lock read = mirror.readLock();
        read.lock();
        try {
            SecondaryIndex secondary = mirror.index(kind, index);
            List<String> committed = mirror.inInsertionOrder(kind, account, secondary.lookupAny(account, keys));
            if (pending.isEmpty()) {
                return Collections.unmodifiableList(committed);
            }
            // Committed documents this transaction changed so that they now match, placed by their sequence.
            TreeMap<Long, String> bySeq = new TreeMap<>();
            List<String> added = new ArrayList<>();
            for (Map.Entry<Key, Put> entry : pending.entrySet()) {
                Key k = entry.getKey();
                Put mine = entry.getValue();
                if (mine == DELETED || !k.kind().equals(kind) || !k.account().equals(account)
                        || Collections.disjoint(secondary.keysOf(account, mine.doc()), keys)) {
                    continue;
                }
                Doc before = mirror.get(k);
                if (before == null) {
                    added.add(k.id());
                } else {
                    bySeq.put(before.seq(), k.id());
                }
            }
            for (String id : committed) {
                Doc before = mirror.get(new Key(kind, account, id));
                if (!pending.containsKey(new Key(kind, account, id))) {
                    bySeq.put(before.seq(), id);
                }
            }
            ids.addAll(bySeq.values());
            ids.addAll(added);
        } finally {
            read.unlock();
        }
        return Collections.unmodifiableList(ids);
    }

    /**
     * The committed documents from the cursor on, overlaid with this transaction's own: gathered whole, since a
     * transaction's reads are not where pages are walked.
     */
    @Override
    public <T> Iterator<T> scan(String kind, String account, Class<T> type, String afterId) {
        ensureOpen();
        TreeMap<String, Doc> docs = new TreeMap<>();
        Lock read = mirror.readLock();
        read.lock();
        try {
            for (Iterator<Doc> it = mirror.scan(kind, account, afterId); it.hasNext(); ) {
                Doc committed = it.next();
                docs.put(committed.id(), committed);
            }
        } finally {
            read.unlock();
        }
        for (Map.Entry<Key, Put> entry : pending.entrySet()) {
            Key key = entry.getKey();
            if (key.kind().equals(kind) && key.account().equals(account)
                    && (afterId == null || key.id().compareTo(afterId) > 0)) {
                if (entry.getValue() == DELETED) {
                    docs.remove(key.id());
                } else {
                    docs.put(key.id(), entry.getValue().doc());
                }
            }
        }
        List<T> values = new ArrayList<>(docs.size());
        for (Doc doc : docs.values()) {
            values.add(doc.as(new Key(kind, account, doc.id()), type));
        }
        return values.iterator();
    }

    @Override
    public Iterator<String> lookupFrom(String kind, String account, String index, Collection<String> keys,
                                       String afterId) {
        TreeSet<String> ids = new TreeSet<>(lookupAny(kind, account, index, keys));
        return (afterId == null ? ids : ids.tailSet(afterId, false)).iterator();
    }

    @Override
    public int lookupSize(String kind, String account, String index, Collection<String> keys) {
        ensureOpen();
        int mine = 0;
        for (Key key : pending.keySet()) {
            if (key.kind().equals(kind) && key.account().equals(account)) {
                mine++;
            }
        }
        Lock read = mirror.readLock();
        read.lock();
        try {
            return mirror.index(kind, index).estimate(account, keys) + mine;
        } finally {
            read.unlock();
        }
    }

    @Override
    public int count(String kind, String account) {
        ensureOpen();
        Lock read = mirror.readLock();
        read.lock();
        try {
            int count = mirror.count(kind, account);
            for (Map.Entry<Key, Put> entry : pending.entrySet()) {
                Key key = entry.getKey();
                if (key.kind().equals(kind) && key.account().equals(account)) {
                    boolean committed = mirror.get(key) != null;
                    if (entry.getValue() == DELETED && committed) {
                        count--;
                    } else if (entry.getValue() != DELETED && !committed) {
                        count++;
                    }
                }
            }
            return count;
        } finally {
            read.unlock();
        }
    }

    /** The revision this transaction started from; its commit will be the next one. */
    @Override
    public long revision() {
        return baseRevision;
    }

    @Override
    public void put(String kind, String account, String id, Object document) {
        ensureOpen();
        Objects.requireNonNull(document, "document");
        Key key = new Key(kind, account, id);
        String json = DocumentCodec.INSTANCE.encode(key, document);
        pending.put(key, new Put(new Doc(id, 0, json, document), json));
    }

    @Override
    public void delete(String kind, String account, String id) {
        ensureOpen();
        Key key = new Key(kind, account, id);
        if (committed(key) != null) {
            pending.put(key, DELETED);
        } else {
            // Never committed: forgetting the pending put is the whole deletion.
            pending.remove(key);
        }
    }

    /** Ends the transaction's use by the writer function and returns what it changed, in the order it changed it. */
    List<Change> close() {
        open = false;
        List<Change> changes = new ArrayList<>(pending.size());
        for (Map.Entry<Key, Put> entry : pending.entrySet()) {
            Put put = entry.getValue();
            changes.add(put == DELETED ? new Change(entry.getKey(), 0, null)
                    : new Change(entry.getKey(), 0, put.json(), put.doc().keptValue()));
        }
        return changes;
    }

    void abandon() {
        open = false;
    }

    private Doc current(Key key) {
        Put mine = pending.get(key);
        if (mine != null) {
            return mine == DELETED ? null : mine.doc();
        }
        return committed(key);
    }

    private Doc committed(Key key) {
        return mirror.getLocked(key);
    }

    private void ensureOpen() {
        if (!open) {
            throw new IllegalStateException("a StateTx is only valid inside the write function it was given to");
        }
    }
}
