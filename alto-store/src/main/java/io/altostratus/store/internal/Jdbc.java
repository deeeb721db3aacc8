package io.altostratus.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The JDBC steps the SQL stores (SQLite, PostgreSQL) share: reading changed rows, binding keys, small statements. */
final class Jdbc {
    /** Rows per fetch, and between two runs of the pace, in {@link #rows(Connection, String, long, Runnable)}. */
    static final int PACED_BATCH = 1000;

    private Jdbc() {
    }

    /**
     * The rows {@code sql} selects as changes, its columns being seq/revision, kind, account, id, json; with a
     * non-negative {@code afterRevision} bound as its one parameter.
     */
    static List<Change> rows(Connection connection, String sql, long afterRevision) throws SQLException {
        return rows(connection, sql, afterRevision, null);
    }

    /**
     * {@link #rows(Connection, String, long)}, fetched {@link #PACED_BATCH} rows at a time (inside a transaction, where
     * PostgreSQL's driver reads through a cursor instead of the whole result at once) with {@code pace} run between
     * batches; a null {@code pace} reads as the other does.
     */
    static List<Change> rows(Connection connection, String sql, long afterRevision, Runnable pace)
            throws SQLException {
        List<Change> changes = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            if (afterRevision >= 0) {
                s.setLong(1, afterRevision);
            }
            if (pace != null) {
                s.setFetchSize(PACED_BATCH);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    changes.add(new Change(new Key(rs.getString(2), rs.getString(3), rs.getString(4)),
                            rs.getLong(1), rs.getString(5)));
                    if (pace != null && changes.size() % PACED_BATCH == 0) {
                        pace.run();
                    }
                }
            }
        }
        return changes;
    }

    /** Binds a document key's kind, account and id from parameter {@code first} on. */
    static void bindKey(PreparedStatement statement, int first, Key key) throws SQLException {
        statement.setString(first, key.kind());
        statement.setString(first + 1, key.account());
        statement.setString(first + 2, key.id());
    }

    /** Runs a statement that returns at most one number; -1 when it returned no row. */
    static long singleLong(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // Nothing useful to do: what was committed is safe, and the database rolls back the rest by itself.
            }
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
