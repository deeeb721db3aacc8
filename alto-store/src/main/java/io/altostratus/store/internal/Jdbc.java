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
    private Jdbc() {
    }

    /**
     * The rows {@code sql} selects as changes, its columns being seq/revision, kind, account, id, json; with a
     * non-negative {@code afterRevision} bound as its one parameter.
     */
    static List<Change> rows(Connection connection, String sql, long afterRevision) throws SQLException {
        List<Change> changes = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            if (afterRevision >= 0) {
                s.setLong(1, afterRevision);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    changes.add(new Change(new Key(rs.getString(2), rs.getString(3), rs.getString(4)),
                            rs.getLong(1), rs.getString(5)));
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
