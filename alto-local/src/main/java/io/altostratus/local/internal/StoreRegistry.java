package io.altostratus.local.internal;

import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One open store per state directory per process, shared by every session on it (whatever their region or
 * account) and closed when the last of them closes. Opening SQLite once per directory keeps one in-memory mirror
 * and one connection instead of one per session.
 */
public final class StoreRegistry {
    private static final Map<Path, Entry> OPEN = new HashMap<>();

    private static final class Entry {
        final StateStore store;
        int users;

        Entry(StateStore store) {
            this.store = store;
        }
    }

    /** A store held by one session; {@link #release()} gives it back (once). */
    public static final class Lease {
        private final Path dir;
        private final StateStore store;
        private boolean released;

        private Lease(Path dir, StateStore store) {
            this.dir = dir;
            this.store = store;
        }

        public StateStore store() {
            return store;
        }

        public void release() {
            synchronized (OPEN) {
                if (released) {
                    return;
                }
                released = true;
                if (dir == null) {
                    store.close();
                    return;
                }
                Entry entry = OPEN.get(dir);
                if (entry != null && --entry.users == 0) {
                    OPEN.remove(dir);
                    entry.store.close();
                }
            }
        }
    }

    private StoreRegistry() {
    }

    /** The shared store of a state directory, or (for null) a fresh in-memory store owned by this lease alone. */
    public static Lease acquire(Path stateDir) {
        if (stateDir == null) {
            return new Lease(null, StateStores.inMemory());
        }
        Path dir = stateDir.toAbsolutePath().normalize();
        synchronized (OPEN) {
            Entry entry = OPEN.get(dir);
            if (entry == null) {
                entry = new Entry(StateStores.open(dir));
                OPEN.put(dir, entry);
            }
            entry.users++;
            return new Lease(dir, entry.store);
        }
    }
}
