package io.altostratus.local.internal;

import io.altostratus.store.StateStore;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One session's access to the store: every public operation of the local cloud is one {@link #read} or one
 * {@link #write}, and both make sure the account's region has its defaults first (the default VPC and what comes with
 * it, see {@link Bootstrap}).
 */
public final class Session {
    private final Env env;
    private final StateStore store;
    // Once seen done it stays done: defaults are never unmade, only deleted one by one like any resource.
    private volatile boolean bootstrapped;

    public Session(Env env, StateStore store) {
        this.env = env;
        this.store = store;
    }

    public Env env() {
        return env;
    }

    public StateStore store() {
        return store;
    }

    /** Runs {@code work} as one write transaction. */
    public <T> T write(Function<StateTx, T> work) {
        T result = store.write(tx -> {
            Bootstrap.ensure(tx, env);
            return work.apply(tx);
        });
        bootstrapped = true;
        return result;
    }

    /** Runs {@code work} as one write transaction that answers nothing. */
    public void update(Consumer<StateTx> work) {
        write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** Runs {@code work} on a consistent read of the state. */
    public <T> T read(Function<StateView, T> work) {
        if (!bootstrapped) {
            bootstrapped = store.read(view -> Bootstrap.isDone(view, env));
            if (!bootstrapped) {
                // First use of this region by this account: its defaults are made, then read, in one go.
                return write(work::apply);
            }
        }
        return store.read(work);
    }
}
