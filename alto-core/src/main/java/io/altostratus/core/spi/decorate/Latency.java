package io.altostratus.core.spi.decorate;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.wait.Sleeper;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A decorator that adds a fixed delay before every call a {@link ComputeProvider} makes to its backend, so that clients
 * of a fast backend (the local cloud, the gateway over it) can be tested and benchmarked under WAN-like latency.
 *
 * <p>The delay comes before the call is delegated, as a network round trip would; results and exceptions of the
 * delegate come back unchanged. The session's identity ({@code name}, {@code region}, {@code capabilities},
 * {@code consistencyGrace}) and {@code close} are not delayed: they describe the session rather than ask the backend,
 * and the façade consults {@code capabilities} before optional calls, which would otherwise count the delay twice.
 *
 * <p>The wrapper is a {@link Proxy} rather than a written-out class on purpose: the SPI grows by new default methods,
 * and a hand-written wrapper that misses one would silently run the interface's default (usually {@code Unsupported})
 * instead of the delegate's implementation. A proxy forwards every method, present and future; the reflective call
 * costs well under a microsecond next to a delay measured in milliseconds.
 */
public final class Latency {
    /** Methods that describe the session instead of calling the backend, so they are never delayed. */
    private static final Set<String> UNDELAYED = Set.of("name", "region", "capabilities", "consistencyGrace", "close");

    private Latency() {
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
        return (ComputeProvider) Proxy.newProxyInstance(ComputeProvider.class.getClassLoader(),
                new Class<?>[] {ComputeProvider.class}, new Handler(delegate, delay, sleeper));
    }

    private static void requireDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a latency cannot be negative: " + delay);
        }
    }

    private record Handler(ComputeProvider delegate, Duration delay, Sleeper sleeper) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args);
            }
            if (!UNDELAYED.contains(method.getName())) {
                pause(method.getName());
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                // The caller must see the delegate's own exception (an AltoException with its codes), not reflection's.
                throw e.getCause();
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

        private Object objectMethod(Object proxy, Method method, Object[] args) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "Latency[" + delay.toMillis() + " ms over " + delegate + "]";
            };
        }
    }
}
