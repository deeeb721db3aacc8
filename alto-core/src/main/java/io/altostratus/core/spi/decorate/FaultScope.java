package io.altostratus.core.spi.decorate;

/**
 * One request of a server's client, on the thread that serves it: its backend calls meet at most one throttle or
 * error draw of a {@link Faults} plan, the first. A gateway request often makes several backend calls (a
 * DescribeInstances reads instances, volumes and interfaces); without a scope each would draw, and
 * {@code throttle=5%} would throttle far more than 5% of requests. Calls outside any scope (a library's own use)
 * each draw. Eventual consistency and capacity shortages are not draws and apply to every call alike.
 *
 * <pre>{@code
 * try (FaultScope request = FaultScope.open()) {
 *     handle(exchange);
 * }
 * }</pre>
 */
public final class FaultScope implements AutoCloseable {
    private static final ThreadLocal<FaultScope> CURRENT = new ThreadLocal<>();

    private final FaultScope outer;
    private boolean drawn;
    private boolean closed;

    private FaultScope(FaultScope outer) {
        this.outer = outer;
    }

    /** Starts a request's scope on this thread; close it on the same thread when the request is answered. */
    public static FaultScope open() {
        FaultScope scope = new FaultScope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** Whether the calling thread's next backend call should draw: always outside a scope, once inside one. */
    static boolean claimDraw() {
        FaultScope scope = CURRENT.get();
        if (scope == null) {
            return true;
        }
        if (scope.drawn) {
            return false;
        }
        scope.drawn = true;
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
