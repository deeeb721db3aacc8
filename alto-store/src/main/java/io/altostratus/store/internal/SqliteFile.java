package io.altostratus.store.internal;

import static io.altostratus.store.internal.Jdbc.closeQuietly;
import static io.altostratus.store.internal.Jdbc.execute;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * What both SQLite stores (the mirrored one and the direct one) share about the file: creating it private, the
 * connection settings, the schema and its upgrade, the meta table, and SQLite's errors in words.
 *
 * <p>Schema 2 added the persisted index keys ({@code doc_indexes}, {@code doc_keys}, see {@link PersistedIndexes});
 * a schema-1 file is upgraded in place when first opened, and its indexes are filled when first registered.
 */
final class SqliteFile {

    /** The schema this build writes; files with a higher one are refused. */
    static final int SCHEMA_VERSION = 2;
    // Long enough for another process's write transaction to finish, short enough to report a stuck one.
    static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private static final String SELECT_META =
            "SELECT name, value FROM meta WHERE name IN ('revision', 'tombstones_purged_through')";

    private SqliteFile() {
    }

    /** The committed revision and how far tombstones have been purged. */
    record Meta(long revision, long purgedThrough) {
    }

    /** Creates the file (owner-only) and its directory when missing, and returns its absolute path. */
    static Path prepare(Path file) {
        Path absolute = file.toAbsolutePath();
        createPrivateDirectory(absolute.getParent());
        createPrivateFile(absolute);
        return absolute;
    }

    static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try {
            execute(connection, "PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            // Readers never block the writer nor each other; FULL syncs the log on every commit, so a write is on
            // disk before write() returns.
            execute(connection, "PRAGMA journal_mode = WAL");
            execute(connection, "PRAGMA synchronous = FULL");
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Gives a connection that commits a page cache sized to the file ({@link #sizeWriterCache}): every commit also
     * re-files its documents' index keys, and with a large fleet those inserts land all over a B-tree of a million
     * rows, which SQLite's default 2 MiB cache reads back from the file again and again.
     */
    static void forWriting(Connection connection) throws SQLException {
        sizeWriterCache(connection);
    }

    /**
     * Sets a writing connection's page cache to a sixteenth of the file, between SQLite's default 2 MiB and 16 MiB:
     * the cache fills up to its size whatever the file needs, and a fixed 16 MiB was a tenth of a 10,000-instance
     * server's memory, where the whole file is 40 MB. A long-lived writer calls it again as the file grows.
     */
    static void sizeWriterCache(Connection connection) throws SQLException {
        long pages;
        long pageBytes;
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                pages = rs.next() ? rs.getLong(1) : 0;
            }
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                pageBytes = rs.next() ? rs.getLong(1) : 4096;
            }
        }
        long kib = Math.clamp(pages * pageBytes / 1024 / 16, 2048, 16384);
        execute(connection, "PRAGMA cache_size = -" + kib);
    }

    /** Creates the schema in an empty file, upgrades an older one, and refuses anything else. */
    static void initialise(Connection connection, Path file) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
        boolean done = false;
        try {
            Set<String> tables = new HashSet<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery(
                         "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (tables.isEmpty()) {
                createSchema(connection);
            } else if (!tables.contains("meta") || !tables.contains("documents")) {
                throw new AltoException(ErrorCode.PROVIDER_ERROR, "StateFileInvalid",
                        file + " is a SQLite database but not an alto state file (tables " + tables + ")");
            } else {
                long version = metaValue(connection, "schema_version");
                if (version > SCHEMA_VERSION) {
                    throw new AltoException(ErrorCode.PROVIDER_ERROR, "StateSchemaMismatch",
                            file + " was written by a newer alto (state schema " + version + "; this build reads up to "
                                    + SCHEMA_VERSION + "). Upgrade alto, or use another state directory.");
                }
                if (version < 2) {
                    PersistedIndexes.createTables(SqlDialect.SQLITE, connection);
                    execute(connection, "UPDATE meta SET value = " + SCHEMA_VERSION + " WHERE name = 'schema_version'");
                }
                // Also on files schema 2 made before it came with the schema; a no-op once there.
                execute(connection, SqlDialect.SQLITE.liveIndex());
            }
            execute(connection, "COMMIT");
            done = true;
        } finally {
            if (!done) {
                executeQuietly(connection, "ROLLBACK");
            }
        }
    }

    private static void createSchema(Connection connection) throws SQLException {
        // seq is the insertion order; AUTOINCREMENT keeps purged tombstones' numbers from being handed out again.
        execute(connection, """
                CREATE TABLE documents (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  kind TEXT NOT NULL,
                  account TEXT NOT NULL,
                  id TEXT NOT NULL,
                  json TEXT,
                  revision INTEGER NOT NULL,
                  UNIQUE (kind, account, id))""");
        execute(connection, "CREATE INDEX documents_by_revision ON documents (revision)");
        execute(connection, SqlDialect.SQLITE.liveIndex());
        execute(connection, "CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        execute(connection, "INSERT INTO meta (name, value) VALUES ('schema_version', " + SCHEMA_VERSION + "),"
                + " ('revision', 0), ('tombstones_purged_through', 0)");
        PersistedIndexes.createTables(SqlDialect.SQLITE, connection);
    }

    static Meta readMeta(Connection connection) throws SQLException {
        long revision = -1;
        long purgedThrough = 0;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SELECT_META)) {
            while (rs.next()) {
                if (rs.getString(1).equals("revision")) {
                    revision = rs.getLong(2);
                } else {
                    purgedThrough = rs.getLong(2);
                }
            }
        }
        if (revision < 0) {
            throw new SQLException("meta table has no revision");
        }
        return new Meta(revision, purgedThrough);
    }

    static long metaValue(Connection connection, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("meta table has no " + name);
                }
                return rs.getLong(1);
            }
        }
    }

    private static void createPrivateDirectory(Path dir) {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            Path parent = dir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, ownerOnly(dir, "rwx------"));
        } catch (FileAlreadyExistsException raced) {
            // Another process made it first.
        } catch (IOException e) {
            // A path the user chose that cannot hold state is bad input, said in words rather than as an exception.
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "StateDirUnusable",
                    "cannot use " + dir + " as a state directory: " + reason(e), e);
        }
    }

    private static void createPrivateFile(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            // SQLite treats an empty file as a new database; creating it here gives it owner-only permissions.
            Files.createFile(file, ownerOnly(file, "rw-------"));
        } catch (FileAlreadyExistsException raced) {
            // Another process made it first.
        } catch (IOException e) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "StateDirUnusable",
                    "cannot create state file " + file + ": " + reason(e), e);
        }
    }

    /** Why a file operation failed, in words (the JDK's messages are often only the path). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static FileAttribute<?>[] ownerOnly(Path path, String permissions) {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(permissions))};
        }
        return new FileAttribute<?>[0];
    }

    static void executeQuietly(Connection connection, String sql) {
        try {
            execute(connection, sql);
        } catch (SQLException ignored) {
            // Best effort: used only on paths that already report an error.
        }
    }

    // SQLite's primary result codes (the low byte of an extended code).
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    static AltoException translate(Path file, SQLException e) {
        int primary = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code & 0xff : e.getErrorCode() & 0xff;
        return switch (primary) {
            case SQLITE_NOTADB -> new AltoException(ErrorCode.PROVIDER_ERROR, "StateFileInvalid",
                    file + " is not an alto state file (not a SQLite database)", e);
            case SQLITE_READONLY -> new AltoException(ErrorCode.INVALID_PARAMETER, "StateDirUnusable",
                    "state file " + file + " is read-only: alto needs write access to its state directory, even to "
                            + "read (SQLite's write-ahead log lives there)", e);
            case SQLITE_CORRUPT -> new AltoException(ErrorCode.PROVIDER_ERROR, "StateFileCorrupt",
                    "state file " + file + " is corrupt: " + e.getMessage(), e);
            case SQLITE_BUSY, SQLITE_LOCKED -> new AltoException(ErrorCode.PROVIDER_ERROR, "StateStoreBusy",
                    "state file " + file + " stayed locked by another process for " + BUSY_TIMEOUT_MILLIS / 1000
                            + " s: " + e.getMessage(), e);
            default -> new AltoException(ErrorCode.PROVIDER_ERROR, "StateStoreError",
                    "state file " + file + ": " + e.getMessage(), e);
        };
    }
}
