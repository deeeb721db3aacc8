package io.altostratus.store.internal;

import io.altostratus.store.StateStore;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A long-running process's store that answers at once: reads and writes go to a direct store (indexed queries:
 * {@link SqliteDirectStore} on a file, {@link PostgresDirectStore} on a database) while the mirrored store of the same
 * state ({@link SqliteStateStore}, {@link PostgresStateStore}) loads the whole state into memory on a background
 * thread; once that mirror is loaded and has every index registered so far, each later call goes to it. Both are
 * complete stores over the same state (a write through one is a commit the other sees, as another process's would
 * be), and each call runs entirely on one of them, so the switch is invisible but for speed. A mirror that fails to
 * load leaves the direct store serving, and the failure is kept for {@link #warmUpFailure()}. The load gives way to
 * the calls answered meanwhile ({@link WarmUpPace}), so a restarted server's first answers do not queue for CPU
 * behind it.
 */
public final class WarmingStore implements StateStore {

    private final SqlDirectStore direct;
    private final Object lock = new Object();
    // Guarded by lock: what a mirror must register when it takes over.
    private final List<Consumer<StateStore>> registrations = new ArrayList<>();
    private final Object registering = new Object();
    private final Set<String> registered = new HashSet<>(); // guarded by registering
    private volatile StateStore current;
    private final ThreadLocal<StateStore> pinned = new ThreadLocal<>();
    private volatile StateStore mirror;
    private volatile Throwable failure;
    private volatile boolean closed;
    private final Thread loader;
    private final WarmUpPace pace;

    private WarmingStore(SqlDirectStore direct, Function<Runnable, StateStore> load) {
        this.direct = direct;
        this.current = direct;
        this.pace = new WarmUpPace();
        this.loader = Thread.ofPlatform().daemon().name("alto-state-warm-up")
                .unstarted(() -> warmUp(() -> load.apply(pace)));
    }

    /** Opens the store in {@code file} and starts loading its mirror. */
    public static WarmingStore open(Path file) {
        Path path = Path.of(file.toString());
        return started(new WarmingStore(SqliteDirectStore.open(path), pace -> SqliteStateStore.open(path, pace)));
    }

    /** Opens the PostgreSQL store at {@code url} and starts loading its mirror. */
    public static WarmingStore openPostgres(String url) {
        return started(new WarmingStore(PostgresDirectStore.open(url), pace -> PostgresStateStore.open(url, pace)));
    }

    private static WarmingStore started(WarmingStore store) {
        store.loader.start();
        return store;
    }

    private void warmUp(Supplier<StateStore> load) {
        StateStore loaded = null;
        try {
            loaded = load.get();
            int done = 0;
            while (true) {
                Consumer<StateStore> next;
                synchronized (lock) {
                    if (closed) {
                        break;
                    }
                    if (done == registrations.size()) {
                        // Registered everything asked so far: from here every call goes to the mirror, and the
                        // direct store keeps no connections for reads it will no longer get.
                        mirror = loaded;
                        current = loaded;
                        direct.stopPooling();
                        return;
                    }
                    next = registrations.get(done);
                }
                // Filing a large kind takes a while: done outside the lock so registrations can still be recorded.
                next.accept(loaded);
                done++;
            }
        } catch (Throwable e) {
            failure = e;
        }
        if (loaded != null && mirror != loaded) {
            loaded.close();
        }
    }

    /** Whether the mirror has taken over. */
    public boolean warm() {
        return mirror != null;
    }

    /** Why the mirror could not be loaded (the direct store then serves for good), or null. */
    public Throwable warmUpFailure() {
        return failure;
    }

    /** Waits until the mirror has taken over or failed to load, at most {@code millis}; for tests and benchmarks. */
    public boolean awaitWarm(long millis) throws InterruptedException {
        loader.join(millis);
        return warm();
    }

    @Override
    public <T> T read(Function<StateView, T> reader) {
        return on(store -> store.read(reader));
    }

    @Override
    public <T> T write(Function<StateTx, T> writer) {
        return on(store -> store.write(writer));
    }

    @Override
    public <T> void index(String kind, String name, int version, Class<T> type,
                          Function<? super T, ? extends Collection<String>> keys) {
        // One registration at a time, whole: a second session registering the same name must find it usable when
        // this returns. The first definition of a name stands (as on every store), and a session reopened after a
        // reset registers again without growing the list or taking the file's write lock.
        synchronized (registering) {
            if (!registered.add(kind + '\u0000' + name)) {
                return;
            }
            try {
                direct.index(kind, name, version, type, keys);
            } catch (RuntimeException e) {
                registered.remove(kind + '\u0000' + name);
                throw e;
            }
            StateStore ready;
            synchronized (lock) {
                registrations.add(store -> store.index(kind, name, version, type, keys));
                ready = mirror;
            }
            if (ready != null) {
                ready.index(kind, name, version, type, keys);
            }
        }
    }

    @Override
    public int clear(Predicate<String> kinds) {
        return on(store -> store.clear(kinds));
    }

    /**
     * Runs a call on the store serving now; a call made inside another (a nested read, or a write refused inside a
     * read) stays on the store of the outer one, whose rules and snapshot it must see.
     */
    private <T> T on(Function<StateStore, T> call) {
        StateStore outer = pinned.get();
        if (outer != null) {
            return call.apply(outer);
        }
        StateStore store = current;
        if (store == direct) {
            pace.foreground();
        }
        pinned.set(store);
        try {
            return call.apply(store);
        } finally {
            pinned.remove();
        }
    }

    @Override
    public String location() {
        return direct.location();
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        pace.release();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StateStore loaded = mirror;
        if (loaded != null) {
            loaded.close();
        }
        direct.close();
    }
}
