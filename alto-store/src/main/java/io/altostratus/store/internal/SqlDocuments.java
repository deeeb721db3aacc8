package io.altostratus.store.internal;

import static io.altostratus.store.internal.Jdbc.bindKey;
import static io.altostratus.store.internal.Jdbc.singleLong;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The writes of a commit to the {@code documents} table, on the writer connection inside {@code BEGIN IMMEDIATE}:
 * every row a transaction changes is stamped with its revision; a deletion keeps the row as a tombstone (json NULL)
 * so that other processes learn of it; tombstones older than the purge interval are dropped now and then.
 */
final class SqliteDocuments implements AutoCloseable {

    private final Connection writer;
    private final PreparedStatement replaceLive;
    private final PreparedStatement removeTombstone;
    private final PreparedStatement insertDoc;
    private final PreparedStatement markDeleted;
    private final PreparedStatement setRevision;

    SqliteDocuments(Connection writer) throws SQLException {
        this.writer = writer;
        // A tombstone this same revision made is revived in place: a document deleted and put again in one
        // transaction was never gone for anyone else, so it keeps its place in the insertion order.
        this.replaceLive = writer.prepareStatement(
                "UPDATE documents SET json = ?, revision = ? WHERE kind = ? AND account = ? AND id = ?"
                        + " AND (json IS NOT NULL OR revision = ?) RETURNING seq");
        this.removeTombstone = writer.prepareStatement(
                "DELETE FROM documents WHERE kind = ? AND account = ? AND id = ?");
        this.insertDoc = writer.prepareStatement(
                "INSERT INTO documents (kind, account, id, json, revision) VALUES (?, ?, ?, ?, ?) RETURNING seq");
        this.markDeleted = writer.prepareStatement(
                "UPDATE documents SET json = NULL, revision = ? WHERE kind = ? AND account = ? AND id = ?"
                        + " AND json IS NOT NULL");
        this.setRevision = writer.prepareStatement("UPDATE meta SET value = ? WHERE name = 'revision'");
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

    /** Records {@code revision} as committed, and purges old tombstones every {@code purgeInterval} revisions. */
    void finish(long revision, long purgeInterval) throws SQLException {
        setRevision.setLong(1, revision);
        setRevision.executeUpdate();
        long through = revision - purgeInterval;
        if (revision % purgeInterval != 0 || through <= 0) {
            return;
        }
        try (PreparedStatement purge = writer.prepareStatement(
                "DELETE FROM documents WHERE json IS NULL AND revision <= ?");
             PreparedStatement mark = writer.prepareStatement(
                     "UPDATE meta SET value = ? WHERE name = 'tombstones_purged_through'")) {
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
