package io.altostratus.store.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * Every live document of a store, in memory, at one revision. Readers hold the read lock for as long as they need
 * a consistent picture; changes (a commit of this process, or rows pulled from another process) take the write
 * lock only for the moment they are applied.
 */
final class Mirror {

    // equals and hashCode are written out: a record's generated ones are linked on first use by a bootstrap method
    // that the JVM's start-up cache cannot keep, and each command's first lookup here then paid for spinning them.
    private record BucketKey(String kind, String account) {
        @Override
        public boolean equals(Object other) {
            return other instanceof BucketKey that && kind.equals(that.kind) && account.equals(that.account);
        }

        @Override
        public int hashCode() {
            return 31 * kind.hashCode() + account.hashCode();
        }
    }

    /**
     * The documents of one kind and account: in id order (which pages walk), and hashed by id for lookups, which a
     * page of a large fleet makes thousands of (each instance's interfaces and volumes): in a tree of 100,000 ids a
     * lookup is some 17 comparisons, each a likely cache miss, and the hash is one or two. {@code list}'s insertion
     * order is each document's sequence, sorted when asked, so no third map is kept.
     */
    private static final class Bucket {
        final TreeMap<String, Doc> byId = new TreeMap<>();
        final HashMap<String, Doc> hashed = new HashMap<>();

        Doc put(String id, Doc doc) {
            hashed.put(id, doc);
            return byId.put(id, doc);
        }

        Doc remove(String id) {
            hashed.remove(id);
            return byId.remove(id);
        }
    }

    private static final Comparator<Doc> BY_SEQ = Comparator.comparingLong(Doc::seq);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<BucketKey, Bucket> buckets = new HashMap<>();
    // kind -> index name -> index
    private final Map<String, Map<String, SecondaryIndex>> indexes = new HashMap<>();
    private volatile long revision;

    /** The revision the mirror holds; readable without a lock. */
    long revision() {
        return revision;
    }

    ReentrantReadWriteLock.ReadLock readLock() {
        return lock.readLock();
    }

    boolean readLockHeldByCurrentThread() {
        return lock.getReadHoldCount() > 0;
    }

    /** The live document under {@code key}, or null. The caller holds the read lock. */
    Doc get(Key key) {
        Bucket bucket = buckets.get(new BucketKey(key.kind(), key.account()));
        return bucket == null ? null : bucket.hashed.get(key.id());
    }

    /** The live document under {@code key}, or null, for a caller that does not hold the read lock. */
    Doc getLocked(Key key) {
        lock.readLock().lock();
        try {
            return get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The live documents of a kind and account in insertion order. The caller holds the read lock. */
    List<Doc> list(String kind, String account) {
        Bucket bucket = buckets.get(new BucketKey(kind, account));
        if (bucket == null) {
            return List.of();
        }
        List<Doc> docs = new ArrayList<>(bucket.byId.values());
        docs.sort(BY_SEQ);
        return docs;
    }

    /**
     * The live documents of a kind and account in id order, from the first id after {@code afterId} (from the start
     * when null), read only as far as the caller goes. The caller holds the read lock while it iterates.
     */
    Iterator<Doc> scan(String kind, String account, String afterId) {
        Bucket bucket = buckets.get(new BucketKey(kind, account));
        if (bucket == null) {
            return Collections.emptyIterator();
        }
        return (afterId == null ? bucket.byId : bucket.byId.tailMap(afterId, false)).values().iterator();
    }

    /** How many live documents a kind and account have. The caller holds the read lock. */
    int count(String kind, String account) {
        Bucket bucket = buckets.get(new BucketKey(kind, account));
        return bucket == null ? 0 : bucket.byId.size();
    }

    /** {@code ids} (of live documents) in the documents' insertion order. The caller holds the read lock. */
    List<String> inInsertionOrder(String kind, String account, Collection<String> ids) {
        Bucket bucket = buckets.get(new BucketKey(kind, account));
        if (bucket == null || ids.isEmpty()) {
            return List.of();
        }
        List<Doc> docs = new ArrayList<>(ids.size());
        for (String id : ids) {
            Doc doc = bucket.hashed.get(id);
            if (doc != null) {
                docs.add(doc);
            }
        }
        docs.sort(BY_SEQ);
        List<String> ordered = new ArrayList<>(docs.size());
        for (Doc doc : docs) {
            ordered.add(doc.id());
        }
        return ordered;
    }

    /**
     * Adds an index and files every live document of its kind in it; does nothing when the kind already has an index
     * of that name. Takes the write lock.
     */
    void addIndex(SecondaryIndex index) {
        decodeInParallel(index);
        lock.writeLock().lock();
        try {
            Map<String, SecondaryIndex> ofKind = indexes.computeIfAbsent(index.kind(), k -> new HashMap<>());
            if (ofKind.containsKey(index.name())) {
                return;
            }
            for (Map.Entry<BucketKey, Bucket> entry : buckets.entrySet()) {
                if (entry.getKey().kind().equals(index.kind())) {
                    String account = entry.getKey().account();
                    for (Doc doc : entry.getValue().byId.values()) {
                        index.put(account, null, doc);
                    }
                }
            }
            ofKind.put(index.name(), index);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether {@code kind} has an index called {@code name}. Takes the read lock. */
    boolean hasIndex(String kind, String name) {
        lock.readLock().lock();
        try {
            Map<String, SecondaryIndex> ofKind = indexes.get(kind);
            return ofKind != null && ofKind.containsKey(name);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The specifications of {@code kind}'s indexes, by name. Takes the read lock. */
    Map<String, IndexSpec> specsOf(String kind) {
        lock.readLock().lock();
        try {
            Map<String, IndexSpec> specs = new HashMap<>();
            for (SecondaryIndex index : indexes.getOrDefault(kind, Map.of()).values()) {
                specs.put(index.name(), index.spec());
            }
            return specs;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Adds an index its caller has already filled from the keys persisted with the documents, which describe the
     * documents the mirror holds now (the caller holds the backend's write transaction, so nothing moves); does
     * nothing when the kind already has an index of that name. Takes the write lock.
     */
    void addFiled(SecondaryIndex index) {
        lock.writeLock().lock();
        try {
            indexes.computeIfAbsent(index.kind(), k -> new HashMap<>()).putIfAbsent(index.name(), index);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Every id of a kind's live documents, mapped to itself: an index filed from persisted keys uses the mirror's own
     * id strings instead of a copy per key. Takes the read lock.
     */
    Map<String, String> idsOf(String kind) {
        lock.readLock().lock();
        try {
            Map<String, String> ids = new HashMap<>();
            for (Map.Entry<BucketKey, Bucket> entry : buckets.entrySet()) {
                if (entry.getKey().kind().equals(kind)) {
                    for (String id : entry.getValue().byId.keySet()) {
                        ids.put(id, id);
                    }
                }
            }
            return ids;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every live document of a kind, as (account, document). Takes the read lock. */
    List<Map.Entry<String, Doc>> docsOf(String kind) {
        lock.readLock().lock();
        try {
            List<Map.Entry<String, Doc>> docs = new ArrayList<>();
            for (Map.Entry<BucketKey, Bucket> entry : buckets.entrySet()) {
                if (entry.getKey().kind().equals(kind)) {
                    for (Doc doc : entry.getValue().byId.values()) {
                        docs.add(Map.entry(entry.getKey().account(), doc));
                    }
                }
            }
            return docs;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Reads every live document of the index's kind as its type on all cores, without the lock (a document decodes
     * safely from any thread), so that filing them under the write lock (one thread, readers waiting) finds them decoded. After a restart this is most of
     * the cost of registering an index over a large fleet. A document changed in between is simply decoded again
     * when it is filed.
     */
    private void decodeInParallel(SecondaryIndex index) {
        List<Map.Entry<String, Doc>> docs = docsOf(index.kind());
        if (docs.size() > 1000) {
            docs.parallelStream().forEach(d -> index.keysOf(d.getKey(), d.getValue()));
        }
    }

    /** The index {@code name} of {@code kind}. The caller holds the read lock. */
    SecondaryIndex index(String kind, String name) {
        Map<String, SecondaryIndex> ofKind = indexes.get(kind);
        SecondaryIndex index = ofKind == null ? null : ofKind.get(name);
        if (index == null) {
            throw new IllegalArgumentException("no index '" + name + "' is registered for documents of kind '"
                    + kind + "'");
        }
        return index;
    }

    /** The keys of every live document whose kind {@code kinds} accepts, in any account. Takes the read lock. */
    List<Key> keys(Predicate<String> kinds) {
        lock.readLock().lock();
        try {
            List<Key> keys = new ArrayList<>();
            Map<String, Boolean> accepted = new HashMap<>();
            for (Map.Entry<BucketKey, Bucket> entry : buckets.entrySet()) {
                String kind = entry.getKey().kind();
                if (accepted.computeIfAbsent(kind, kinds::test)) {
                    for (String id : entry.getValue().byId.keySet()) {
                        keys.add(new Key(kind, entry.getKey().account(), id));
                    }
                }
            }
            return keys;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Moves the mirror to {@code newRevision} by applying the final state of every document that changed since the
     * mirror's revision. Does nothing when the mirror already holds that revision or a later one: two threads may
     * pull the same changes, and the later revision already contains the earlier one.
     */
    void apply(long newRevision, List<Change> changes) {
        if (newRevision <= revision) {
            return;
        }
        lock.writeLock().lock();
        try {
            if (newRevision <= revision) {
                return;
            }
            for (Change change : changes) {
                applyOne(change);
            }
            revision = newRevision;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replaces the whole content by {@code live} (every live document at {@code newRevision}). */
    void replaceAll(long newRevision, List<Change> live) {
        lock.writeLock().lock();
        try {
            if (newRevision < revision) {
                return;
            }
            buckets.clear();
            for (Map<String, SecondaryIndex> ofKind : indexes.values()) {
                for (SecondaryIndex index : ofKind.values()) {
                    index.clear();
                }
            }
            for (Change change : live) {
                applyOne(change);
            }
            revision = newRevision;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void applyOne(Change change) {
        Key key = change.key();
        BucketKey bucketKey = new BucketKey(key.kind(), key.account());
        Bucket bucket = buckets.get(bucketKey);
        Map<String, SecondaryIndex> kindIndexes = indexes.getOrDefault(key.kind(), Map.of());
        if (change.deleted()) {
            if (bucket != null) {
                Doc removed = bucket.remove(key.id());
                if (removed != null) {
                    for (SecondaryIndex index : kindIndexes.values()) {
                        index.remove(key.account(), removed);
                    }
                }
                if (bucket.byId.isEmpty()) {
                    buckets.remove(bucketKey);
                }
            }
            return;
        }
        if (bucket == null) {
            bucket = new Bucket();
            buckets.put(bucketKey, bucket);
        }
        Doc doc = new Doc(key.id(), change.seq(), change.json(), change.value());
        Doc previous = bucket.put(key.id(), doc);
        for (SecondaryIndex index : kindIndexes.values()) {
            index.put(key.account(), previous, doc);
        }
    }
}
