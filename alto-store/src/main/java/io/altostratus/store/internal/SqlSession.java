package io.altostratus.store.internal;

import static io.altostratus.store.internal.Jdbc.bindKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection of a direct store (SQLite or PostgreSQL, see {@link SqlDialect}) with the statements its
 * transactions run: documents by key, by kind in insertion order or id order, counts, the revision, and the persisted
 * indexes. The writer's session also writes documents. Used by one thread at a time.
 */
final class SqlSession implements AutoCloseable {

    /** A document row: id, insertion sequence and JSON (account given by the query, except in {@link #allOf}). */
    record Row(String account, String id, long seq, String json) {
    }

    static final int IDS_PER_QUERY = 500;

    final Connection connection;
    final SqlDialect sql;
    final PersistedIndexes indexes;
    final SqlDocuments documents; // null on a read-only session
    private final PreparedStatement get;
    private final PreparedStatement list;
    private final PreparedStatement scan;
    private final PreparedStatement count;
    private final PreparedStatement revision;

    SqlSession(SqlDialect sql, Connection connection, boolean writer) throws SQLException {
        this.connection = connection;
        this.sql = sql;
        this.indexes = new PersistedIndexes(sql, connection);
        this.documents = writer ? new SqlDocuments(sql, connection) : null;
        String documents = sql.documents();
        this.get = connection.prepareStatement("SELECT seq, json FROM " + documents
                + " WHERE kind = ? AND account = ? AND id = ? AND json IS NOT NULL");
        this.list = connection.prepareStatement("SELECT id, seq, json FROM " + documents
                + " WHERE kind = ? AND account = ? AND json IS NOT NULL ORDER BY seq");
        this.scan = connection.prepareStatement("SELECT id, seq, json FROM " + documents
                + " WHERE kind = ? AND account = ? AND id > ? AND json IS NOT NULL ORDER BY id LIMIT ?");
        this.count = connection.prepareStatement("SELECT count(*) FROM " + documents
                + " WHERE kind = ? AND account = ? AND json IS NOT NULL");
        this.revision = connection.prepareStatement("SELECT value FROM " + sql.meta() + " WHERE name = 'revision'");
    }

    /** The committed revision (as the session's transaction sees it). */
    long revision() throws SQLException {
        long value = Jdbc.singleLong(revision);
        if (value < 0) {
            throw new SQLException(sql.meta() + " has no revision");
        }
        return value;
    }

    /** The live document under {@code key}, or null. */
    Row get(Key key) throws SQLException {
        bindKey(get, 1, key);
        try (ResultSet rs = get.executeQuery()) {
            return rs.next() ? new Row(key.account(), key.id(), rs.getLong(1), rs.getString(2)) : null;
        }
    }

    /**
     * The live documents of a kind and account under {@code ids}, by id, in queries of at most {@link #IDS_PER_QUERY}
     * ids (under SQLite's and the PostgreSQL protocol's limits on parameters).
     */
    Map<String, Row> getAll(String kind, String account, List<String> ids) throws SQLException {
        Map<String, Row> rows = new HashMap<>(ids.size() * 2);
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            StringBuilder text = new StringBuilder("SELECT id, seq, json FROM ").append(sql.documents())
                    .append(" WHERE kind = ? AND account = ? AND json IS NOT NULL AND id IN (?");
            text.append(", ?".repeat(chunk.size() - 1)).append(')');
            try (PreparedStatement s = connection.prepareStatement(text.toString())) {
                s.setString(1, kind);
                s.setString(2, account);
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(3 + i, chunk.get(i));
                }
                for (Row row : rows(s, account)) {
                    rows.put(row.id(), row);
                }
            }
        }
        return rows;
    }

    /** The live documents of a kind and account in insertion order. */
    List<Row> list(String kind, String account) throws SQLException {
        list.setString(1, kind);
        list.setString(2, account);
        return rows(list, account);
    }

    /** Up to {@code limit} live documents of a kind and account in id order after {@code afterId}. */
    List<Row> scan(String kind, String account, String afterId, int limit) throws SQLException {
        scan.setString(1, kind);
        scan.setString(2, account);
        scan.setString(3, afterId);
        scan.setInt(4, limit);
        return rows(scan, account);
    }

    int count(String kind, String account) throws SQLException {
        count.setString(1, kind);
        count.setString(2, account);
        try (ResultSet rs = count.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Every live document of a kind, in any account, as (account, document). */
    List<Map.Entry<String, Doc>> allOf(String kind) throws SQLException {
        List<Map.Entry<String, Doc>> docs = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT account, id, seq, json FROM " + sql.documents() + " WHERE kind = ? AND json IS NOT NULL")) {
            s.setString(1, kind);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    docs.add(Map.entry(rs.getString(1),
                            new Doc(rs.getString(2), rs.getLong(3), rs.getString(4), null)));
                }
            }
        }
        return docs;
    }

    /** The kinds that have live documents. */
    List<String> kinds() throws SQLException {
        List<String> kinds = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT DISTINCT kind FROM " + sql.documents() + " WHERE json IS NOT NULL");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                kinds.add(rs.getString(1));
            }
        }
        return kinds;
    }

    private static List<Row> rows(PreparedStatement statement, String account) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(account, rs.getString(1), rs.getLong(2), rs.getString(3)));
            }
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            indexes.close();
            if (documents != null) {
                documents.close();
            }
            get.close();
            list.close();
            scan.close();
            count.close();
            revision.close();
        } catch (SQLException ignored) {
            // The connection is closed next, which releases them anyway.
        }
        Jdbc.closeQuietly(connection);
    }
}
