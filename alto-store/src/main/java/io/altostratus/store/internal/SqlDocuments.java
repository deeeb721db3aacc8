package io.altostratus.store.internal;

import static io.altostratus.store.internal.Jdbc.bindKey;
import static io.altostratus.store.internal.Jdbc.singleLong;

import io.altostratus.store.internal.PersistedIndexes.Filed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of a commit to the documents table, on the writer connection inside the transaction that holds the
 * store's write lock (SQLite's {@code BEGIN IMMEDIATE}, PostgreSQL's lock on the revision row): every row a
 * transaction changes is stamped with its revision; a deletion keeps the row as a tombstone (json NULL) so that other
 * processes learn of it; tombstones older than the purge interval are dropped now and then.
 */
final class SqlDocuments implements AutoCloseable {

    private final Connection writer;
    private final SqlDialect sql;
    private final PreparedStatement replaceLive;
    private final PreparedStatement removeTombstone;
    private final PreparedStatement insertDoc;
    private final PreparedStatement markDeleted;
    private final PreparedStatement setRevision;

    SqlDocuments(SqlDialect sql, Connection writer) throws SQLException {
        this.writer = writer;
        this.sql = sql;
        // A tombstone this same revision made is revived in place: a document deleted and put again in one
        // transaction was never gone for anyone else, so it keeps its place in the insertion order.
        this.replaceLive = writer.prepareStatement(
                "UPDATE " + sql.documents() + " SET json = ?, revision = ?"
                        + " WHERE kind = ? AND account = ? AND id = ?"
                        + " AND (json IS NOT NULL OR revision = ?) RETURNING seq");
        this.removeTombstone = writer.prepareStatement(
                "DELETE FROM " + sql.documents() + " WHERE kind = ? AND account = ? AND id = ?");
        this.insertDoc = writer.prepareStatement(
                "INSERT INTO " + sql.documents() + " (kind, account, id, json, revision) VALUES (?, ?, ?, ?, ?)"
                        + " RETURNING seq");
        this.markDeleted = writer.prepareStatement(
                "UPDATE " + sql.documents() + " SET json = NULL, revision = ?"
                        + " WHERE kind = ? AND account = ? AND id = ?"
                        + " AND json IS NOT NULL");
        this.setRevision = writer.prepareStatement(
                "UPDATE " + sql.meta() + " SET value = ? WHERE name = 'revision'");
    }

    /** Writes a live document as part of {@code revision} and returns its insertion sequence. */
    long put(Key key, String json, long revision) throws SQLException {
        replaceLive.setString(1, json);
        replaceLive.setLong(2, revision);
        bindKey(replaceLive, 3, key);
        replaceLive.setLong(6, revision);
        long seq = singleLong(replaceLive);
        if (seq >= 0) {
            return seq;
        }
        // New, or re-created after a deletion: a new place at the end of the insertion order.
        bindKey(removeTombstone, 1, key);
        removeTombstone.executeUpdate();
        bindKey(insertDoc, 1, key);
        insertDoc.setString(4, json);
        insertDoc.setLong(5, revision);
        return singleLong(insertDoc);
    }

    /** Turns a live document into a tombstone of {@code revision}; nothing when there is none. */
    void delete(Key key, long revision) throws SQLException {
        markDeleted.setLong(1, revision);
        bindKey(markDeleted, 2, key);
        markDeleted.executeUpdate();
    }

    /**
     * Writes a mirrored store's commit: each change as part of {@code revision}, and the persisted keys of the
     * indexes of each changed kind kept right in {@code indexes} (the previous versions come from {@code mirror},
     * which the transaction's start brought to the stored revision). Returns the changes with their insertion
     * sequences. The caller then finishes the revision and commits.
     */
    List<Change> writeAll(List<Change> changes, long revision, PersistedIndexes indexes, Mirror mirror)
            throws SQLException {
        Map<String, List<Filed>> registry = indexes.registry();
        Map<String, Map<String, IndexSpec>> specs = new HashMap<>();
        List<Change> stamped = new ArrayList<>(changes.size());
        for (Change change : changes) {
            Key key = change.key();
            Doc after = null;
            if (change.deleted()) {
                delete(key, revision);
                stamped.add(change);
            } else {
                long seq = put(key, change.json(), revision);
                stamped.add(change.withSeq(seq));
                after = new Doc(key.id(), seq, change.json(), change.value());
            }
            List<Filed> filed = registry.get(key.kind());
            if (filed != null && !filed.isEmpty()) {
                indexes.refile(registry, specs.computeIfAbsent(key.kind(), mirror::specsOf), key,
                        mirror.getLocked(key), after);
            }
        }
        indexes.flush();
        return stamped;
    }

    /** Records {@code revision} as committed, and purges old tombstones every {@code purgeInterval} revisions. */
    void finish(long revision, long purgeInterval) throws SQLException {
        setRevision.setLong(1, revision);
        setRevision.executeUpdate();
        long through = revision - purgeInterval;
        if (revision % purgeInterval != 0 || through <= 0) {
            return;
        }
        try (PreparedStatement purge = writer.prepareStatement(
                "DELETE FROM " + sql.documents() + " WHERE json IS NULL AND revision <= ?");
             PreparedStatement mark = writer.prepareStatement(
                     "UPDATE " + sql.meta() + " SET value = ? WHERE name = 'tombstones_purged_through'")) {
            purge.setLong(1, through);
            purge.executeUpdate();
            mark.setLong(1, through);
            mark.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        replaceLive.close();
        removeTombstone.close();
        insertDoc.close();
        markDeleted.close();
        setRevision.close();
    }
}
