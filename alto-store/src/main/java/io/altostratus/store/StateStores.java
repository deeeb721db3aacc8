package io.altostratus.store;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.store.internal.MemoryStateStore;
import io.altostratus.store.internal.PostgresDirectStore;
import io.altostratus.store.internal.PostgresStateStore;
import io.altostratus.store.internal.SqliteDirectStore;
import io.altostratus.store.internal.SqliteStateStore;
import io.altostratus.store.internal.WarmingStore;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens {@link StateStore}s: a durable one in a directory (shared safely by every process that opens the same
 * directory), a shared one in a PostgreSQL database (shared by every process, on any machine, that opens the same
 * URL: how several {@code alto serve} replicas share one state), or a throw-away one in memory.
 */
public final class StateStores {

    /** The name of the database file inside a state directory. */
    public static final String FILE_NAME = "state.db";

    private StateStores() {
    }

    /**
     * Opens (creating if needed) the durable store in {@code dir}, kept in the SQLite file {@code dir/state.db}.
     * A directory that does not exist yet is created readable by its owner only (where the file system has POSIX
     * permissions).
     *
     * @throws io.altostratus.core.error.AltoException with code {@code PROVIDER_ERROR} when the file is not a state
     *         database ({@code StateFileInvalid}), was written by a newer version ({@code StateSchemaMismatch}), or
     *         cannot be opened ({@code StateStoreError})
     */
    public static StateStore open(Path dir) {
        return SqliteStateStore.open(dir.resolve(FILE_NAME));
    }

    /**
     * Opens the durable store in {@code dir} for a short-lived process: the same file and guarantees as
     * {@link #open(Path)}, shared with every other process on it (a running {@code alto serve} included), but
     * nothing is loaded into memory. Each read runs indexed queries on the file, so a command that lists one tag's
     * instances or one page reads about that much, however many documents the state holds; a long-running process
     * that reads the same documents again and again is better served by {@link #open(Path)}.
     *
     * @throws io.altostratus.core.error.AltoException as {@link #open(Path)}
     */
    public static StateStore openDirect(Path dir) {
        return SqliteDirectStore.open(dir.resolve(FILE_NAME));
    }

    /**
     * Opens the durable store in {@code dir} for a long-running server that must answer as soon as it starts: calls
     * are answered as {@link #openDirect(Path)} does while the state loads into memory on a background thread, and
     * as {@link #open(Path)} does once it has loaded (a few seconds for a hundred thousand instances). Same file,
     * same guarantees throughout.
     *
     * @throws io.altostratus.core.error.AltoException as {@link #open(Path)}
     */
    public static StateStore openServing(Path dir) {
        return WarmingStore.open(dir.resolve(FILE_NAME));
    }

    /**
     * Opens the store {@code location} names: a PostgreSQL database for
     * {@code postgresql://user[:password]@host[:port]/database} (or {@code postgres://...}; percent-encode special
     * characters of the password; query parameters are passed to the pgjdbc driver), else a state directory as
     * {@link #open(Path)} does. The PostgreSQL store creates its tables ({@code alto_meta}, {@code alto_documents},
     * and {@code alto_doc_indexes}, {@code alto_doc_keys} for the persisted index keys) on first use, upgrades those
     * of an older alto in place, and gives the same guarantees as the SQLite one across every process that opens it.
     *
     * @throws AltoException {@code INVALID_PARAMETER} for a blank location or a malformed URL; {@code PROVIDER_ERROR}
     *         as {@link #open(Path)}, and {@code StateStoreUnavailable} when the PostgreSQL server cannot be reached
     */
    public static StateStore open(String location) {
        return isPostgres(checked(location)) ? PostgresStateStore.open(location) : open(Path.of(location));
    }

    /**
     * Opens the store {@code location} names (a PostgreSQL URL or a state directory, as {@link #open(String)}) for a
     * short-lived process, as {@link #openDirect(Path)} does for a directory: the same tables and guarantees, shared
     * with every other process and replica on them, but nothing loaded; each read is indexed queries in one
     * snapshot ({@code REPEATABLE READ} on PostgreSQL).
     *
     * @throws AltoException as {@link #open(String)}
     */
    public static StateStore openDirect(String location) {
        return isPostgres(checked(location)) ? PostgresDirectStore.open(location) : openDirect(Path.of(location));
    }

    /**
     * Opens the store {@code location} names (a PostgreSQL URL or a state directory, as {@link #open(String)}) for a
     * long-running server that must answer as soon as it starts, as {@link #openServing(Path)} does for a directory:
     * answered as {@link #openDirect(String)} does while the state loads into memory, as {@link #open(String)} does
     * once it has loaded.
     *
     * @throws AltoException as {@link #open(String)}
     */
    public static StateStore openServing(String location) {
        return isPostgres(checked(location)) ? WarmingStore.openPostgres(location) : openServing(Path.of(location));
    }

    private static String checked(String location) {
        if (location == null || location.isBlank()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "StateStoreUrlInvalid",
                    "the state store location is empty: give a directory or postgresql://USER@HOST/DATABASE");
        }
        return location;
    }

    /** Whether {@code location} names a PostgreSQL database (a {@code postgresql://} or {@code postgres://} URL). */
    public static boolean isPostgres(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://");
    }

    /** A store that lives only in this process's memory, with the same semantics as a durable one. */
    public static StateStore inMemory() {
        return new MemoryStateStore();
    }
}
