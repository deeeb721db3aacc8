package io.altostratus.store;

import io.altostratus.store.internal.MemoryStateStore;
import io.altostratus.store.internal.SqliteStateStore;
import java.nio.file.Path;

/**
 * Opens {@link StateStore}s: a durable one in a directory (shared safely by every process that opens the same
 * directory) or a throw-away one in memory.
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

    /** A store that lives only in this process's memory, with the same semantics as a durable one. */
    public static StateStore inMemory() {
        return new MemoryStateStore();
    }
}
