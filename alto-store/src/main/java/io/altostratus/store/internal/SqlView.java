package io.altostratus.store.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.store.StateTx;
import io.altostratus.store.internal.PersistedIndexes.Filed;
import io.altostratus.store.internal.PersistedIndexes.SqlFailure;
import io.altostratus.store.internal.SqlSession.Row;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A transaction of a direct store: every call is a query on the transaction's own connection, which the database
 * keeps at one snapshot for a read (SQLite's read transaction, PostgreSQL's REPEATABLE READ) and shows its own
 * uncommitted changes to for a write, so nothing is buffered here.
 * Lookups use the persisted index keys when the store has them at the registered version, and otherwise fall back to
 * reading the kind's documents (slow, but right).
 */
final class SqlView implements StateTx {

    private static final int SCAN_CHUNK = 256;

    private final SqlSession session;
    private final Function<SQLException, AltoException> translate;
    private final Map<String, Map<String, IndexSpec>> specs;
    private final boolean writable;
    private long revision;
    private final Map<IndexSpec, Long> ixes = new HashMap<>();
    // Records this transaction put, handed back to its own reads as the objects themselves.
    private final Map<Key, Object> kept = new HashMap<>();
    private Map<String, List<Filed>> registry; // a write's view of the file's indexes, read on first need
    private boolean open = true;

    private SqlView(SqlSession session, Function<SQLException, AltoException> translate,
                    Map<String, Map<String, IndexSpec>> specs, boolean writable, long revision) {
        this.session = session;
        this.translate = translate;
        this.specs = specs;
        this.writable = writable;
        this.revision = revision;
    }

    /** A read inside the read transaction the caller has begun on {@code session}. */
    static SqlView reading(SqlSession session, Function<SQLException, AltoException> translate,
                           Map<String, Map<String, IndexSpec>> specs) {
        return new SqlView(session, translate, specs, false, -1);
    }

    /** A write inside the write transaction the caller has begun on {@code session}, building on {@code base}. */
    static SqlView writing(SqlSession session, Function<SQLException, AltoException> translate,
                           Map<String, Map<String, IndexSpec>> specs, long base) {
        return new SqlView(session, translate, specs, true, base);
    }

    @Override
    public <T> Optional<T> get(String kind, String account, String id, Class<T> type) {
        ensureOpen();
        Key key = new Key(kind, account, id);
        Object mine = kept.get(key);
        if (type.isInstance(mine)) {
            return Optional.of(type.cast(mine));
        }
        Row row = sql(() -> session.get(key));
        return row == null ? Optional.empty() : Optional.of(decode(kind, row, type));
    }

    @Override
    public <T> List<T> getAll(String kind, String account, Collection<String> ids, Class<T> type) {
        ensureOpen();
        List<String> wanted = new ArrayList<>(ids.size());
        for (String id : ids) {
            if (!type.isInstance(kept.get(new Key(kind, account, id)))) {
                wanted.add(id);
            }
        }
        Map<String, Row> rows = wanted.isEmpty() ? Map.of() : sql(() -> session.getAll(kind, account, wanted));
        List<T> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            Object mine = kept.get(new Key(kind, account, id));
            if (type.isInstance(mine)) {
                found.add(type.cast(mine));
            } else {
                Row row = rows.get(id);
                if (row != null) {
                    found.add(decode(kind, row, type));
                }
            }
        }
        return found;
    }

    @Override
    public <T> List<T> list(String kind, String account, Class<T> type) {
        ensureOpen();
        List<Row> rows = sql(() -> session.list(kind, account));
        List<T> values = new ArrayList<>(rows.size());
        for (Row row : rows) {
            values.add(decode(kind, row, type));
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public List<String> lookupAny(String kind, String account, String index, Collection<String> keys) {
        ensureOpen();
        IndexSpec spec = spec(kind, index);
        long ix = ix(spec);
        if (ix < 0) {
            return Collections.unmodifiableList(scanFor(spec, account, keys));
        }
        TreeMap<Long, String> bySeq = new TreeMap<>();
        for (String key : keys) {
            sql(() -> {
                session.indexes.seqs(kind, ix, account, key, bySeq);
                return null;
            });
        }
        return List.copyOf(bySeq.values());
    }

    @Override
    public <T> Iterator<T> scan(String kind, String account, Class<T> type, String afterId) {
        ensureOpen();
        Iterator<Row> rows = new ChunkedWalk<>(
                (after, size) -> sql(() -> session.scan(kind, account, after, size)), Row::id, afterId, SCAN_CHUNK);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                ensureOpen();
                return rows.hasNext();
            }

            @Override
            public T next() {
                ensureOpen();
                return decode(kind, rows.next(), type);
            }
        };
    }

    @Override
    public Iterator<String> lookupFrom(String kind, String account, String index, Collection<String> keys,
                                       String afterId) {
        ensureOpen();
        IndexSpec spec = spec(kind, index);
        long ix = ix(spec);
        if (ix < 0) {
            TreeSet<String> ids = new TreeSet<>(scanFor(spec, account, keys));
            return (afterId == null ? ids : ids.tailSet(afterId, false)).iterator();
        }
        List<Iterator<String>> walks = new ArrayList<>(keys.size());
        for (String key : new TreeSet<>(keys)) {
            walks.add(guarded(session.indexes.walk(ix, account, key, afterId)));
        }
        return OrderedMerge.of(walks);
    }

    @Override
    public int lookupSize(String kind, String account, String index, Collection<String> keys) {
        ensureOpen();
        IndexSpec spec = spec(kind, index);
        long ix = ix(spec);
        if (ix < 0) {
            return scanFor(spec, account, keys).size();
        }
        int total = 0;
        for (String key : keys) {
            total += sql(() -> session.indexes.count(ix, account, key));
        }
        return total;
    }

    @Override
    public int count(String kind, String account) {
        ensureOpen();
        return sql(() -> session.count(kind, account));
    }

    @Override
    public long revision() {
        if (revision < 0) {
            ensureOpen();
            revision = sql(session::revision);
        }
        return revision;
    }

    @Override
    public void put(String kind, String account, String id, Object document) {
        ensureWritable();
        Objects.requireNonNull(document, "document");
        Key key = new Key(kind, account, id);
        String json = DocumentCodec.INSTANCE.encode(key, document);
        Object record = document.getClass().isRecord() ? document : null;
        sql(() -> {
            boolean indexed = indexed(kind);
            Doc before = indexed ? current(key) : null;
            long seq = session.documents.put(key, json, revision + 1);
            if (indexed) {
                session.indexes.refile(registry, specsOf(kind), key, before, new Doc(id, seq, json, record));
            }
            return null;
        });
        if (record != null) {
            kept.put(key, record);
        } else {
            kept.remove(key);
        }
    }

    @Override
    public void delete(String kind, String account, String id) {
        ensureWritable();
        Key key = new Key(kind, account, id);
        sql(() -> {
            boolean indexed = indexed(kind);
            Doc before = indexed ? current(key) : null;
            session.documents.delete(key, revision + 1);
            if (before != null) {
                session.indexes.refile(registry, specsOf(kind), key, before, null);
            }
            return null;
        });
        kept.remove(key);
    }

    /**
     * Removes every live document of the kinds {@code kinds} accepts, with their persisted keys (the indexes stay
     * registered, empty), and returns how many there were.
     */
    int clear(Predicate<String> kinds) {
        ensureWritable();
        return sql(() -> {
            int removed = 0;
            for (String kind : session.kinds()) {
                if (!kinds.test(kind)) {
                    continue;
                }
                try (PreparedStatement drop = session.connection.prepareStatement("UPDATE " + session.sql.documents()
                        + " SET json = NULL, revision = ? WHERE kind = ? AND json IS NOT NULL")) {
                    drop.setLong(1, revision + 1);
                    drop.setString(2, kind);
                    removed += drop.executeUpdate();
                }
                for (Filed index : registry().getOrDefault(kind, List.of())) {
                    session.indexes.empty(index.ix());
                }
            }
            kept.clear();
            return removed;
        });
    }

    void close() {
        open = false;
    }

    // ---- helpers

    private <T> T decode(String kind, Row row, Class<T> type) {
        Key key = new Key(kind, row.account(), row.id());
        Object mine = kept.get(key);
        if (type.isInstance(mine)) {
            return type.cast(mine);
        }
        return DocumentCodec.INSTANCE.decode(key, row.json(), type);
    }

    private Doc current(Key key) throws SQLException {
        Row row = session.get(key);
        return row == null ? null : new Doc(key.id(), row.seq(), row.json(), kept.get(key));
    }

    /** Whether the file has persisted indexes over {@code kind} (which a change must then keep right). */
    private boolean indexed(String kind) throws SQLException {
        List<Filed> filed = registry().get(kind);
        return filed != null && !filed.isEmpty();
    }

    private Map<String, List<Filed>> registry() throws SQLException {
        if (registry == null) {
            registry = session.indexes.registry();
        }
        return registry;
    }

    private Map<String, IndexSpec> specsOf(String kind) {
        return specs.getOrDefault(kind, Map.of());
    }

    private IndexSpec spec(String kind, String name) {
        IndexSpec spec = specsOf(kind).get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no index '" + name + "' is registered for documents of kind '"
                    + kind + "'");
        }
        return spec;
    }

    private long ix(IndexSpec spec) {
        Long known = ixes.get(spec);
        if (known == null) {
            known = sql(() -> session.indexes.ix(spec));
            ixes.put(spec, known);
        }
        return known;
    }

    /** The ids of an account's documents filed under any of {@code keys}, found by reading them all, in list order. */
    private List<String> scanFor(IndexSpec spec, String account, Collection<String> keys) {
        List<Row> rows = sql(() -> session.list(spec.kind(), account));
        List<String> ids = new ArrayList<>();
        for (Row row : rows) {
            Doc doc = new Doc(row.id(), row.seq(), row.json(), kept.get(new Key(spec.kind(), account, row.id())));
            if (!Collections.disjoint(spec.keysOf(account, doc), keys)) {
                ids.add(row.id());
            }
        }
        return ids;
    }

    private Iterator<String> guarded(Iterator<String> walk) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                ensureOpen();
                try {
                    return walk.hasNext();
                } catch (SqlFailure e) {
                    throw translate.apply(e.sql());
                }
            }

            @Override
            public String next() {
                ensureOpen();
                try {
                    return walk.next();
                } catch (SqlFailure e) {
                    throw translate.apply(e.sql());
                }
            }
        };
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw translate.apply(e);
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (!writable) {
            throw new IllegalStateException("a read cannot change the state");
        }
    }

    private void ensureOpen() {
        if (!open) {
            throw new IllegalStateException(writable
                    ? "a StateTx is only valid inside the write function it was given to"
                    : "a StateView is only valid inside the read function it was given to");
        }
    }
}
