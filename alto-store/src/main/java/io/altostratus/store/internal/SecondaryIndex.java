package io.altostratus.store.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * One secondary index of the {@link Mirror}: for one kind, which document ids each key files, per account, in id
 * order, so that a page can walk a key's ids from a cursor without sorting. Nothing per document is kept besides
 * one entry per key: where a replaced or removed document was filed is worked out again from its previous version
 * (the key function is pure, and the mirror keeps that version decoded). Guarded by the mirror's lock like the rest
 * of the mirror.
 */
final class SecondaryIndex {

    private final IndexSpec spec;
    // account -> key -> ids
    private final Map<String, Map<String, NavigableSet<String>>> entries = new HashMap<>();

    SecondaryIndex(IndexSpec spec) {
        this.spec = spec;
    }

    IndexSpec spec() {
        return spec;
    }

    String kind() {
        return spec.kind();
    }

    String name() {
        return spec.name();
    }

    /** The keys {@code doc} is filed under (see {@link IndexSpec#keysOf}). */
    Set<String> keysOf(String account, Doc doc) {
        return spec.keysOf(account, doc);
    }

    /**
     * Files {@code id} under {@code key} as loaded from persisted keys, without decoding its document: what lets a
     * restart skip decoding every document of a large kind.
     */
    void file(String account, String key, String id) {
        entries.computeIfAbsent(account, a -> new HashMap<>()).computeIfAbsent(key, k -> new TreeSet<>()).add(id);
    }

    /** Files {@code doc}, which replaces {@code previous} (null for a new document). */
    void put(String account, Doc previous, Doc doc) {
        Set<String> keys = keysOf(account, doc);
        if (previous != null) {
            Set<String> old = keysOf(account, previous);
            if (old.equals(keys)) {
                return; // same id, same keys: the entries stand
            }
            remove(account, previous.id(), old);
        }
        if (keys.isEmpty()) {
            return;
        }
        Map<String, NavigableSet<String>> byKey = entries.computeIfAbsent(account, a -> new HashMap<>());
        for (String key : keys) {
            byKey.computeIfAbsent(key, k -> new TreeSet<>()).add(doc.id());
        }
    }

    /** Forgets {@code doc}, which is being removed. */
    void remove(String account, Doc doc) {
        remove(account, doc.id(), keysOf(account, doc));
    }

    private void remove(String account, String id, Set<String> keys) {
        Map<String, NavigableSet<String>> byKey = entries.get(account);
        if (byKey == null) {
            return;
        }
        for (String k : keys) {
            NavigableSet<String> ids = byKey.get(k);
            if (ids != null) {
                ids.remove(id);
                if (ids.isEmpty()) {
                    byKey.remove(k);
                }
            }
        }
        if (byKey.isEmpty()) {
            entries.remove(account);
        }
    }

    /** The ids filed under any of {@code keys} for an account, each once, in no particular order. */
    Set<String> lookupAny(String account, Collection<String> keys) {
        Map<String, NavigableSet<String>> byKey = entries.get(account);
        if (byKey == null) {
            return Set.of();
        }
        if (keys.size() == 1) {
            NavigableSet<String> ids = byKey.get(keys.iterator().next());
            return ids == null ? Set.of() : ids;
        }
        Set<String> merged = new TreeSet<>();
        for (String key : keys) {
            NavigableSet<String> ids = byKey.get(key);
            if (ids != null) {
                merged.addAll(ids);
            }
        }
        return merged;
    }

    /** How many ids are filed under any of {@code keys} (an upper bound when a document has several of them). */
    int estimate(String account, Collection<String> keys) {
        Map<String, NavigableSet<String>> byKey = entries.get(account);
        if (byKey == null) {
            return 0;
        }
        int total = 0;
        for (String key : keys) {
            NavigableSet<String> ids = byKey.get(key);
            total += ids == null ? 0 : ids.size();
        }
        return total;
    }

    /**
     * The ids filed under any of {@code keys} for an account, each once, in id order from the first one after
     * {@code afterId} (from the start when null): a merge of the keys' ordered sets, read only as far as the caller
     * goes.
     */
    Iterator<String> walk(String account, Collection<String> keys, String afterId) {
        Map<String, NavigableSet<String>> byKey = entries.get(account);
        if (byKey == null) {
            return java.util.Collections.emptyIterator();
        }
        List<Iterator<String>> sources = new java.util.ArrayList<>(keys.size());
        for (String key : keys) {
            NavigableSet<String> ids = byKey.get(key);
            if (ids != null) {
                sources.add((afterId == null ? ids : ids.tailSet(afterId, false)).iterator());
            }
        }
        return OrderedMerge.of(sources);
    }

    void clear() {
        entries.clear();
    }
}
