package io.altostratus.store.internal;

import static io.altostratus.store.internal.Jdbc.execute;

import io.altostratus.core.error.AltoException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The direct store on a SQLite file: the same file, schema and guarantees as {@link SqliteStateStore}, read with
 * indexed queries (see {@link SqlDirectStore}). A read is a read transaction (WAL mode keeps it at one snapshot while
 * others commit); a write is {@code BEGIN IMMEDIATE}, which serialises it against every other process on the file.
 */
public final class SqliteDirectStore extends SqlDirectStore {

    private final Path file;
    private final long purgeInterval;

    private SqliteDirectStore(Path file, long purgeInterval, SqlSession writer) {
        super(writer);
        this.file = file;
        this.purgeInterval = purgeInterval;
    }

    /** Opens (creating if needed) the store in {@code file}. */
    public static SqliteDirectStore open(Path file) {
        return open(file, SqliteStateStore.DEFAULT_PURGE_INTERVAL);
    }

    static SqliteDirectStore open(Path file, long purgeInterval) {
        Path absolute = SqliteFile.prepare(file);
        Connection connection = null;
        try {
            connection = SqliteFile.connect(absolute);
            SqliteFile.forWriting(connection);
            SqliteFile.initialise(connection, absolute);
            return new SqliteDirectStore(absolute, purgeInterval, new SqlSession(SqlDialect.SQLITE, connection, true));
        } catch (SQLException e) {
            Jdbc.closeQuietly(connection);
            throw SqliteFile.translate(absolute, e);
        } catch (RuntimeException e) {
            Jdbc.closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    SqlSession connectReader() throws SQLException {
        return new SqlSession(SqlDialect.SQLITE, SqliteFile.connect(file), false);
    }

    @Override
    SqlSession connectWriter() throws SQLException {
        Connection connection = SqliteFile.connect(file);
        SqliteFile.forWriting(connection);
        return new SqlSession(SqlDialect.SQLITE, connection, true);
    }

    @Override
    void beginRead(SqlSession session) throws SQLException {
        execute(session.connection, "BEGIN");
    }

    @Override
    long beginWrite(SqlSession writer) throws SQLException {
        execute(writer.connection, "BEGIN IMMEDIATE");
        return writer.revision();
    }

    @Override
    void endQuietly(SqlSession session, boolean commit) {
        SqliteFile.executeQuietly(session.connection, commit ? "COMMIT" : "ROLLBACK");
    }

    @Override
    void commitWrite(SqlSession writer, long newRevision) throws SQLException {
        execute(writer.connection, "COMMIT");
    }

    @Override
    AltoException translate(SQLException e) {
        return SqliteFile.translate(file, e);
    }

    @Override
    boolean lostConnection(SQLException e) {
        return false; // a file does not go away under an open connection
    }

    @Override
    long purgeInterval() {
        return purgeInterval;
    }
}
