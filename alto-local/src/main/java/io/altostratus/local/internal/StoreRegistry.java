package io.altostratus.local.internal;

import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One open store per state directory (or PostgreSQL URL) per process, shared by every session on it (whatever their
 * region or account) and closed when the last of them closes. Opening SQLite once per directory keeps one in-memory
 * mirror and one connection instead of one per session.
 *
 * <p>Sessions without a state directory share one in-memory store in the same way: sessions open at the same time
 * see one cloud (two accounts, or a session per region, behave as they would on disk), and once the last closes the
 * memory is dropped, so the next session starts from an empty cloud.
 */
public final class StoreRegistry {
    private static final Object MEMORY = new Object();
    private static final Map<Object, Entry> OPEN = new HashMap<>();

    private static final class Entry {
        final StateStore store;
        int users;

        Entry(StateStore store) {
            this.store = store;
        }
    }

    /** A store held by one session; {@link #release()} gives it back (once). */
    public static final class Lease {
        private final Object dir;
        private final StateStore store;
        private boolean released;

        private Lease(Object dir, StateStore store) {
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

    /** The shared store of a state directory, or for null the process's shared in-memory store. */
    public static Lease acquire(Path stateDir) {
        return acquire(stateDir, false);
    }

    /**
     * The shared store of a state directory, or for null the process's shared in-memory store; with {@code direct},
     * one that reads the file with indexed queries instead of mirroring it ({@link StateStores#openDirect}), for
     * short-lived processes. A process gets one store per directory and mode.
     */
    public static Lease acquire(Path stateDir, boolean direct) {
        Object dir = stateDir == null ? MEMORY
                : direct ? List.of("direct", stateDir.toAbsolutePath().normalize())
                : stateDir.toAbsolutePath().normalize();
        synchronized (OPEN) {
            Entry entry = OPEN.get(dir);
            if (entry == null) {
                Path path = stateDir == null ? null : stateDir.toAbsolutePath().normalize();
                entry = new Entry(path == null ? StateStores.inMemory()
                        : direct ? StateStores.openDirect(path) : StateStores.open(path));
                OPEN.put(dir, entry);
            }
            entry.users++;
            return new Lease(dir, entry.store);
        }
    }

    /**
     * The shared store of a PostgreSQL database ({@code postgresql://...}), mirrored, or with {@code direct} read
     * with indexed queries ({@link StateStores#openDirect(String)}). A process gets one store per URL and mode.
     */
    public static Lease acquire(String storeUrl, boolean direct) {
        Object key = List.of(direct ? "direct" : "mirror", storeUrl);
        synchronized (OPEN) {
            Entry entry = OPEN.get(key);
            if (entry == null) {
                entry = new Entry(direct ? StateStores.openDirect(storeUrl) : StateStores.open(storeUrl));
                OPEN.put(key, entry);
            }
            entry.users++;
            return new Lease(key, entry.store);
        }
    }
}
