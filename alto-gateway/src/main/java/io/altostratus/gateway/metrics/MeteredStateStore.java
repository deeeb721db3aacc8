package io.altostratus.gateway.metrics;

import io.altostratus.store.StateStore;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link StateStore} whose writes are timed by {@link GatewayMetrics}. A write's time runs from the call to the
 * durable commit, so it includes the transaction's own function and the wait for the store's lock, which is what a
 * request waiting on the store pays. Reads come from memory and are not timed.
 */
final class MeteredStateStore implements StateStore {
    private final StateStore delegate;
    private final GatewayMetrics metrics;

    MeteredStateStore(StateStore delegate, GatewayMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public <T> T read(Function<StateView, T> reader) {
        return delegate.read(reader);
    }

    @Override
    public <T> T write(Function<StateTx, T> writer) {
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            T result = delegate.write(writer);
            outcome = "committed";
            return result;
        } finally {
            metrics.storeWrite("write", outcome, System.nanoTime() - start);
        }
    }

    @Override
    public <T> void index(String kind, String name, int version, Class<T> type,
                          Function<? super T, ? extends Collection<String>> keys) {
        delegate.index(kind, name, version, type, keys);
    }

    @Override
    public int clear(Predicate<String> kinds) {
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            int removed = delegate.clear(kinds);
            outcome = "committed";
            return removed;
        } finally {
            metrics.storeWrite("clear", outcome, System.nanoTime() - start);
        }
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "Metered[" + delegate + "]";
    }
}
