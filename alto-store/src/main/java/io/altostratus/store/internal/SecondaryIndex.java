package io.altostratus.store.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One secondary index of the {@link Mirror}: for one kind, which documents each key files, per account, ordered by
 * insertion sequence so that lookups answer in the order {@code list} does. It remembers the keys and sequence it
 * filed each document under, so that replacing or removing a document never needs the old document decoded again.
 * Guarded by the mirror's lock like the rest of the mirror.
 */
final class SecondaryIndex {

    /** Where one document is filed. */
    private record Filed(long seq, Set<String> keys) {
    }

    private final String kind;
    private final String name;
    private final Class<?> type;
    private final Function<Object, ? extends Collection<String>> keyFunction;
    // account -> key -> seq -> id
    private final Map<String, Map<String, TreeMap<Long, String>>> entries = new HashMap<>();
    // account -> id -> where it is filed
    private final Map<String, Map<String, Filed>> filed = new HashMap<>();

    @SuppressWarnings("unchecked")
    <T> SecondaryIndex(String kind, String name, Class<T> type, Function<? super T, ? extends Collection<String>> keys) {
        this.kind = kind;
        this.name = name;
        this.type = type;
        this.keyFunction = (Function<Object, ? extends Collection<String>>) keys;
    }

    String kind() {
        return kind;
    }

    String name() {
        return name;
    }

    /**
     * The keys {@code doc} is filed under. A document that does not decode as the index's type, or that the key
     * function fails on, has none: an index must never stop a committed change from reaching the mirror.
     */
    Set<String> keysOf(Doc doc) {
        Collection<String> keys;
        try {
            keys = keyFunction.apply(doc.as(type));
        } catch (RuntimeException unreadable) {
            return Set.of();
        }
        if (keys == null || keys.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String key : keys) {
            if (key != null) {
                out.add(key);
            }
        }
        return out;
    }

    /** Files {@code doc} (a new or replaced document), removing wherever its previous version was filed. */
    void put(Doc doc) {
        remove(doc.key());
        Set<String> keys = keysOf(doc);
        if (keys.isEmpty()) {
            return;
        }
        String account = doc.key().account();
        Map<String, TreeMap<Long, String>> byKey = entries.computeIfAbsent(account, a -> new HashMap<>());
        for (String key : keys) {
            byKey.computeIfAbsent(key, k -> new TreeMap<>()).put(doc.seq(), doc.key().id());
        }
        filed.computeIfAbsent(account, a -> new HashMap<>()).put(doc.key().id(), new Filed(doc.seq(), keys));
    }

    /** Forgets a document, if it was filed. */
    void remove(Key key) {
        Map<String, Filed> ofAccount = filed.get(key.account());
        if (ofAccount == null) {
            return;
        }
        Filed old = ofAccount.remove(key.id());
        if (old == null) {
            return;
        }
        if (ofAccount.isEmpty()) {
            filed.remove(key.account());
        }
        Map<String, TreeMap<Long, String>> byKey = entries.get(key.account());
        for (String k : old.keys()) {
            TreeMap<Long, String> ids = byKey.get(k);
            if (ids != null) {
                ids.remove(old.seq());
                if (ids.isEmpty()) {
                    byKey.remove(k);
                }
            }
        }
        if (byKey.isEmpty()) {
            entries.remove(key.account());
        }
    }

    /** The ids filed under {@code key} for an account, in insertion order. */
    List<String> lookup(String account, String key) {
        Map<String, TreeMap<Long, String>> byKey = entries.get(account);
        TreeMap<Long, String> ids = byKey == null ? null : byKey.get(key);
        return ids == null ? List.of() : List.copyOf(ids.values());
    }

    /** The ids filed under any of {@code keys} for an account, each once, in insertion order. */
    List<String> lookupAny(String account, Collection<String> keys) {
        Map<String, TreeMap<Long, String>> byKey = entries.get(account);
        if (byKey == null) {
            return List.of();
        }
        TreeMap<Long, String> merged = new TreeMap<>();
        for (String key : keys) {
            TreeMap<Long, String> ids = byKey.get(key);
            if (ids != null) {
                merged.putAll(ids);
            }
        }
        return List.copyOf(merged.values());
    }

    void clear() {
        entries.clear();
        filed.clear();
    }
}
