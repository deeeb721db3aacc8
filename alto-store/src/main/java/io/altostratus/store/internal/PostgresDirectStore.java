package io.altostratus.store.internal;

import static io.altostratus.store.internal.Jdbc.execute;

import io.altostratus.core.error.AltoException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The direct store on a PostgreSQL database: the same tables and guarantees as {@link PostgresStateStore}, shared
 * with every replica and process on the URL, read with indexed queries (see {@link SqlDirectStore}) instead of
 * mirrored. A read is a {@code REPEATABLE READ, READ ONLY} transaction on a pooled connection, so all its queries see
 * one snapshot; a write locks the revision row as the mirrored store does (which serialises it against every writer
 * of any kind), stamps what it changes with the next revision, and announces that revision on {@code alto_state}
 * at commit, so mirroring replicas pull it at once.
 *
 * <p>A connection found broken (the server restarted, or the network dropped it) is closed and replaced on next
 * use; the call that found it fails with {@code StateStoreUnavailable}.
 */
public final class PostgresDirectStore extends SqlDirectStore {

    private static final String LOCK_REVISION = "SELECT value FROM alto_meta WHERE name = 'revision' FOR UPDATE";

    private final PostgresLocation location;
    private final long purgeInterval;

    private PostgresDirectStore(PostgresLocation location, long purgeInterval, SqlSession writer) {
        super(writer);
        this.location = location;
        this.purgeInterval = purgeInterval;
    }

    /**
     * Opens the store at {@code url} ({@code postgresql://user[:password]@host[:port]/database}), creating or
     * upgrading its tables; loads nothing.
     *
     * @throws AltoException as {@link PostgresStateStore#open(String)}
     */
    public static PostgresDirectStore open(String url) {
        return open(url, PostgresStateStore.DEFAULT_PURGE_INTERVAL);
    }

    static PostgresDirectStore open(String url, long purgeInterval) {
        PostgresLocation location = PostgresLocation.parse(url);
        Connection connection = null;
        try {
            connection = PostgresStateStore.connectWriter(location);
            PostgresStateStore.initialise(connection, location);
            connection.setAutoCommit(true);
            return new PostgresDirectStore(location, purgeInterval,
                    new SqlSession(SqlDialect.POSTGRES, connection, true));
        } catch (SQLException e) {
            Jdbc.closeQuietly(connection);
            throw PostgresStateStore.translate(location, e);
        } catch (RuntimeException e) {
            Jdbc.closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public String location() {
        return location.display();
    }

    @Override
    SqlSession connectReader() throws SQLException {
        Connection connection = PostgresStateStore.connect(location);
        try {
            return new SqlSession(SqlDialect.POSTGRES, connection, false);
        } catch (SQLException e) {
            Jdbc.closeQuietly(connection);
            throw e;
        }
    }

    @Override
    SqlSession connectWriter() throws SQLException {
        Connection connection = PostgresStateStore.connectWriter(location);
        try {
            connection.setAutoCommit(true);
            return new SqlSession(SqlDialect.POSTGRES, connection, true);
        } catch (SQLException e) {
            Jdbc.closeQuietly(connection);
            throw e;
        }
    }

    @Override
    void beginRead(SqlSession session) throws SQLException {
        execute(session.connection, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    }

    @Override
    long beginWrite(SqlSession writer) throws SQLException {
        // READ COMMITTED: once the row lock is granted, each later statement sees every commit made before it.
        execute(writer.connection, "BEGIN");
        try (Statement s = writer.connection.createStatement(); ResultSet rs = s.executeQuery(LOCK_REVISION)) {
            if (!rs.next()) {
                throw new SQLException("alto_meta has no revision row", "XX000");
            }
            return rs.getLong(1);
        }
    }

    @Override
    void endQuietly(SqlSession session, boolean commit) {
        try {
            execute(session.connection, commit ? "COMMIT" : "ROLLBACK");
        } catch (SQLException ignored) {
            // A broken connection is dropped by the caller; the server rolls back by itself when the session ends.
        }
    }

    @Override
    void commitWrite(SqlSession writer, long newRevision) throws SQLException {
        if (newRevision >= 0) {
            PostgresStateStore.announce(writer.connection, newRevision);
        }
        execute(writer.connection, "COMMIT");
    }

    @Override
    AltoException translate(SQLException e) {
        return PostgresStateStore.translate(location, e);
    }

    @Override
    boolean lostConnection(SQLException e) {
        return PostgresStateStore.isConnectionFailure(e);
    }

    @Override
    long purgeInterval() {
        return purgeInterval;
    }
}
