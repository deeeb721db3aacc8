package io.altostratus.core.spi.decorate;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.core.wait.Sleeper;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A decorator that adds a fixed delay before every call a {@link ComputeProvider} makes to its backend, so that clients
 * of a fast backend (the local cloud, the gateway over it) can be tested and benchmarked under WAN-like latency.
 *
 * <p>The delay comes before the call is delegated, as a network round trip would; results and exceptions of the
 * delegate come back unchanged. The session's identity ({@code name}, {@code region}, {@code scope}, {@code traits},
 * {@code consistencyGrace}), extension lookup and {@code close} are not delayed: they describe the session rather
 * than ask the backend.
 *
 * <p>Core calls come through the {@link ForwardingComputeProvider}'s one {@code call} hook. Extension calls go through
 * one small interface {@link Proxy} per extension handed out: a delay applies to every method of every extension
 * alike, and a proxy cannot miss one that a later extension adds.
 */
public final class Latency extends ForwardingComputeProvider {
    private final Duration delay;
    private final Sleeper sleeper;

    private Latency(ComputeProvider delegate, Duration delay, Sleeper sleeper) {
        super(delegate);
        this.delay = delay;
        this.sleeper = sleeper;
    }

    /**
     * A decorator for {@code Backend}-style factories: wraps each provider it is given; identity for a zero delay.
     *
     * @throws IllegalArgumentException for a negative delay
     */
    public static UnaryOperator<ComputeProvider> decorator(Duration delay, Sleeper sleeper) {
        requireDelay(delay);
        Objects.requireNonNull(sleeper, "sleeper");
        return delay.isZero() ? UnaryOperator.identity() : provider -> wrap(provider, delay, sleeper);
    }

    /**
     * {@code delegate} with {@code delay} added before every backend call, paused through {@code sleeper} (tests pass
     * a {@link io.altostratus.core.wait.ManualClock}). A zero delay returns {@code delegate} itself.
     *
     * @throws IllegalArgumentException for a negative delay
     */
    public static ComputeProvider wrap(ComputeProvider delegate, Duration delay, Sleeper sleeper) {
        Objects.requireNonNull(delegate, "delegate");
        requireDelay(delay);
        Objects.requireNonNull(sleeper, "sleeper");
        if (delay.isZero()) {
            return delegate;
        }
        return new Latency(delegate, delay, sleeper);
    }

    private static void requireDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a latency cannot be negative: " + delay);
        }
    }

    private void pause(String operation) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "Interrupted",
                    "interrupted while adding " + delay.toMillis() + " ms of latency before " + operation, e);
        }
    }

    @Override
    protected <T extends Extension> Optional<T> decorate(Class<T> type, T extension) {
        InvocationHandler delayed = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Latency[" + delay.toMillis() + " ms over " + extension + "]";
                };
            }
            pause(method.getName());
            try {
                return method.invoke(extension, args);
            } catch (InvocationTargetException e) {
                // The caller must see the extension's own exception (an AltoException with its codes), not reflection's.
                throw e.getCause();
            }
        };
        return Optional.of(type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, delayed)));
    }

    @Override
    protected <R> R call(String operation, java.util.function.Supplier<R> call) {
        pause(operation);
        return call.get();
    }

    @Override
    public String toString() {
        return "Latency[" + delay.toMillis() + " ms over " + delegate + "]";
    }
}
