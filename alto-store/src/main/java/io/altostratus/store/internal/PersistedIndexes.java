package io.altostratus.store.internal;

import static io.altostratus.store.internal.Jdbc.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secondary indexes' keys kept with the documents (a SQLite state file or a PostgreSQL database, see
 * {@link SqlDialect}), so that a process answers a lookup or a filtered page with one indexed query instead of
 * reading every document of the kind, and a restart files documents without decoding them.
 *
 * <p>{@code doc_indexes} names each persisted index (kind, name, version); {@code doc_keys} holds one row per
 * (index, account, key, document id), in key-then-id order, which is the order pages walk. Whichever process commits
 * a change keeps the rows of the indexes it knows right in the same transaction; an index of the changed kind that it
 * does not know (another build, or a process that never registered it) is dropped from the file, since its rows can
 * no longer be trusted, and the next registration fills it again from the documents.
 *
 * <p>Key rows a commit adds or removes are sent in batches (a change of a hundred documents is a few statements,
 * not one per key): every query here sends what is pending first, and a committer calls {@link #flush()} before it
 * commits.
 *
 * <p>One instance per connection; used by one thread at a time (the connection's owner).
 */
final class PersistedIndexes implements AutoCloseable {

    /** One persisted index of a kind: its number in {@code doc_keys}, name and version. */
    record Filed(long ix, String name, int version) {
    }

    private static final int WALK_CHUNK = 512;
    private static final int BATCH = 1_000;

    private final Connection connection;
    private final SqlDialect sql;
    private final PreparedStatement insertKey;
    private final PreparedStatement deleteKey;
    private final PreparedStatement findIx;
    private final PreparedStatement countKey;
    private final PreparedStatement walkKey;
    private final PreparedStatement seqsOfKey;
    private int pendingInserts;
    private int pendingDeletes;

    PersistedIndexes(SqlDialect sql, Connection connection) throws SQLException {
        this.connection = connection;
        this.sql = sql;
        this.insertKey = connection.prepareStatement(
                "INSERT INTO " + sql.keys() + " (ix, account, key, id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
        this.deleteKey = connection.prepareStatement(
                "DELETE FROM " + sql.keys() + " WHERE ix = ? AND account = ? AND key = ? AND id = ?");
        this.findIx = connection.prepareStatement(
                "SELECT ix FROM " + sql.indexes() + " WHERE kind = ? AND name = ? AND version = ?");
        this.countKey = connection.prepareStatement(
                "SELECT count(*) FROM " + sql.keys() + " WHERE ix = ? AND account = ? AND key = ?");
        this.walkKey = connection.prepareStatement(
                "SELECT id FROM " + sql.keys() + " WHERE ix = ? AND account = ? AND key = ? AND id > ?"
                        + " ORDER BY id LIMIT ?");
        // The document's account is the parameter, not k.account: on PostgreSQL the two columns have different
        // collations, and joining on them kept the documents' (kind, account, id) index to its kind, so each key
        // scanned every document of the kind (0.7 s for 100 ids in 100,000).
        this.seqsOfKey = connection.prepareStatement(
                "SELECT d.seq, k.id FROM " + sql.keys() + " k JOIN " + sql.documents() + " d"
                        + " ON d.kind = ? AND d.account = ? AND d.id = k.id"
                        + " WHERE k.ix = ? AND k.account = ? AND k.key = ? AND d.json IS NOT NULL");
    }

    static void createTables(SqlDialect sql, Connection connection) throws SQLException {
        execute(connection, "CREATE TABLE " + sql.indexes() + " (\n"
                + "  ix " + sql.serial() + ",\n"
                + "  kind " + sql.text() + " NOT NULL,\n"
                + "  name " + sql.text() + " NOT NULL,\n"
                + "  version INTEGER NOT NULL,\n"
                + "  UNIQUE (kind, name))");
        execute(connection, "CREATE TABLE " + sql.keys() + " (\n"
                + "  ix BIGINT NOT NULL,\n"
                + "  account " + sql.text() + " NOT NULL,\n"
                + "  key " + sql.text() + " NOT NULL,\n"
                + "  id " + sql.text() + " NOT NULL,\n"
                + "  PRIMARY KEY (ix, account, key, id))" + sql.keysTable());
    }

    /** Every persisted index, by kind. */
    Map<String, List<Filed>> registry() throws SQLException {
        flush();
        Map<String, List<Filed>> byKind = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT ix, kind, name, version FROM " + sql.indexes());
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                byKind.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                        .add(new Filed(rs.getLong(1), rs.getString(3), rs.getInt(4)));
            }
        }
        return byKind;
    }

    /** The number of {@code spec}'s persisted index when the file has it at the same version, else -1. */
    long ix(IndexSpec spec) throws SQLException {
        flush();
        findIx.setString(1, spec.kind());
        findIx.setString(2, spec.name());
        findIx.setInt(3, spec.version());
        try (ResultSet rs = findIx.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /**
     * Makes sure the file has {@code spec}'s index at its version, filing {@code docs} (every live document of the
     * kind, as (account, document)) when it does not. Runs inside the caller's write transaction. Returns whether it
     * filed anything.
     */
    boolean ensure(IndexSpec spec, List<Map.Entry<String, Doc>> docs) throws SQLException {
        if (ix(spec) >= 0) {
            return false;
        }
        try (PreparedStatement old = connection.prepareStatement(
                "SELECT ix FROM " + sql.indexes() + " WHERE kind = ? AND name = ?")) {
            old.setString(1, spec.kind());
            old.setString(2, spec.name());
            try (ResultSet rs = old.executeQuery()) {
                if (rs.next()) {
                    drop(rs.getLong(1));
                }
            }
        }
        long ix;
        try (PreparedStatement add = connection.prepareStatement(
                "INSERT INTO " + sql.indexes() + " (kind, name, version) VALUES (?, ?, ?) RETURNING ix")) {
            add.setString(1, spec.kind());
            add.setString(2, spec.name());
            add.setInt(3, spec.version());
            ix = Jdbc.singleLong(add);
        }
        // Decoding is most of the cost of filing a large kind: done on all cores before the inserts.
        List<Set<String>> keys = (docs.size() > 1000 ? docs.parallelStream() : docs.stream())
                .map(d -> spec.keysOf(d.getKey(), d.getValue())).toList();
        for (int i = 0; i < docs.size(); i++) {
            String account = docs.get(i).getKey();
            String id = docs.get(i).getValue().id();
            for (String key : keys.get(i)) {
                insert(ix, account, key, id);
            }
        }
        flush();
        return true;
    }

    /**
     * Gives a mirror a new index, inside the caller's write transaction with the mirror at the stored revision (so
     * both describe the same documents): filed from the persisted keys when they are there at the index's version,
     * decoding no document, else from the mirror's documents, whose keys are then persisted for the next process.
     */
    void addTo(Mirror mirror, SecondaryIndex index) throws SQLException {
        long ix = ix(index.spec());
        if (ix < 0) {
            mirror.addIndex(index);
            ensure(index.spec(), mirror.docsOf(index.kind()));
            return;
        }
        Map<String, String> ids = mirror.idsOf(index.kind());
        Map<String, String> keys = new HashMap<>();
        forEachKey(ix, (account, key, id) -> {
            String known = ids.get(id);
            if (known != null) {
                index.file(account, keys.computeIfAbsent(key, k -> k), known);
            }
        });
        mirror.addFiled(index);
    }

    /** Removes a persisted index and its keys. */
    void drop(long ix) throws SQLException {
        flush();
        try (PreparedStatement rows = connection.prepareStatement("DELETE FROM " + sql.keys() + " WHERE ix = ?");
             PreparedStatement entry = connection.prepareStatement(
                     "DELETE FROM " + sql.indexes() + " WHERE ix = ?")) {
            rows.setLong(1, ix);
            rows.executeUpdate();
            entry.setLong(1, ix);
            entry.executeUpdate();
        }
    }

    /**
     * Keeps the persisted indexes of {@code key}'s kind right for one document going from {@code before} to
     * {@code after} (null for absent): re-files it in those {@code known} defines at the same version, and drops
     * the others from the file and from {@code registry}. Runs inside the caller's write transaction.
     */
    void refile(Map<String, List<Filed>> registry, Map<String, IndexSpec> known, Key key, Doc before, Doc after)
            throws SQLException {
        List<Filed> filed = registry.get(key.kind());
        if (filed == null || filed.isEmpty()) {
            return;
        }
        for (Iterator<Filed> it = filed.iterator(); it.hasNext(); ) {
            Filed index = it.next();
            IndexSpec spec = known.get(index.name());
            if (spec == null || spec.version() != index.version()) {
                drop(index.ix());
                it.remove();
                continue;
            }
            Set<String> was = before == null ? Set.of() : spec.keysOf(key.account(), before);
            Set<String> now = after == null ? Set.of() : spec.keysOf(key.account(), after);
            for (String k : was) {
                if (!now.contains(k)) {
                    delete(index.ix(), key.account(), k, key.id());
                }
            }
            for (String k : now) {
                if (!was.contains(k)) {
                    insert(index.ix(), key.account(), k, key.id());
                }
            }
        }
    }

    /** Removes every key of the index {@code ix} (its documents are gone; the index stays, empty). */
    void empty(long ix) throws SQLException {
        flush();
        try (PreparedStatement keys = connection.prepareStatement("DELETE FROM " + sql.keys() + " WHERE ix = ?")) {
            keys.setLong(1, ix);
            keys.executeUpdate();
        }
    }

    /**
     * Sends the key rows still batched. Queries here call it themselves; a committer calls it before its commit.
     * Inserts and deletes are never pending together (adding one kind sends the other first), so rows change in the
     * order they were asked for.
     */
    void flush() throws SQLException {
        if (pendingDeletes > 0) {
            pendingDeletes = 0;
            deleteKey.executeBatch();
        }
        if (pendingInserts > 0) {
            pendingInserts = 0;
            insertKey.executeBatch();
        }
    }

    /** Forgets the key rows still batched: their transaction is rolling back. */
    void discard() {
        pendingInserts = 0;
        pendingDeletes = 0;
        try {
            insertKey.clearBatch();
            deleteKey.clearBatch();
        } catch (SQLException ignored) {
            // Only a closed statement refuses, and a closed one sends nothing either.
        }
    }

    private void insert(long ix, String account, String key, String id) throws SQLException {
        if (pendingDeletes > 0) {
            flush();
        }
        bind(insertKey, ix, account, key, id);
        insertKey.addBatch();
        if (++pendingInserts >= BATCH) {
            flush();
        }
    }

    private void delete(long ix, String account, String key, String id) throws SQLException {
        if (pendingInserts > 0) {
            flush();
        }
        bind(deleteKey, ix, account, key, id);
        deleteKey.addBatch();
        if (++pendingDeletes >= BATCH) {
            flush();
        }
    }

    /** How many documents an account has under {@code key}. */
    int count(long ix, String account, String key) throws SQLException {
        flush();
        countKey.setLong(1, ix);
        countKey.setString(2, account);
        countKey.setString(3, sql.storedKey(key));
        try (ResultSet rs = countKey.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The (insertion sequence, id) of every live document of {@code kind} filed under {@code key}. */
    void seqs(String kind, long ix, String account, String key, Map<Long, String> into) throws SQLException {
        flush();
        seqsOfKey.setString(1, kind);
        seqsOfKey.setString(2, account);
        seqsOfKey.setLong(3, ix);
        seqsOfKey.setString(4, account);
        seqsOfKey.setString(5, sql.storedKey(key));
        try (ResultSet rs = seqsOfKey.executeQuery()) {
            while (rs.next()) {
                into.put(rs.getLong(1), rs.getString(2));
            }
        }
    }

    /**
     * The ids filed under {@code key} in id order after {@code afterId}, fetched a chunk at a time as the caller
     * reads. Valid inside the transaction the caller holds.
     */
    Iterator<String> walk(long ix, String account, String key, String afterId) {
        return new ChunkedWalk<>((after, size) -> {
            try {
                flush();
                walkKey.setLong(1, ix);
                walkKey.setString(2, account);
                walkKey.setString(3, sql.storedKey(key));
                walkKey.setString(4, after);
                walkKey.setInt(5, size);
                List<String> ids = new ArrayList<>(size);
                try (ResultSet rs = walkKey.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        }, id -> id, afterId, WALK_CHUNK);
    }

    /** Every (account, key, id) of a persisted index, for filing an in-memory index without decoding. */
    void forEachKey(long ix, KeyVisitor visitor) throws SQLException {
        flush();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT account, key, id FROM " + sql.keys() + " WHERE ix = ?")) {
            // A large fleet has millions of key rows: PostgreSQL sends them a slice at a time (inside the caller's
            // transaction) instead of all at once into memory.
            s.setFetchSize(10_000);
            s.setLong(1, ix);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    visitor.visit(rs.getString(1), sql.indexKey(rs.getString(2)), rs.getString(3));
                }
            }
        }
    }

    /** Receives the rows of {@link #forEachKey}. */
    interface KeyVisitor {
        void visit(String account, String key, String id);
    }

    private void bind(PreparedStatement s, long ix, String account, String key, String id) throws SQLException {
        s.setLong(1, ix);
        s.setString(2, account);
        s.setString(3, sql.storedKey(key));
        s.setString(4, id);
    }

    /** An SQL failure inside an iterator, which cannot throw checked exceptions; translated by the store. */
    static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException cause) {
            super(cause);
        }

        SQLException sql() {
            return (SQLException) getCause();
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement s : List.of(insertKey, deleteKey, findIx, countKey, walkKey, seqsOfKey)) {
            s.close();
        }
    }
}
