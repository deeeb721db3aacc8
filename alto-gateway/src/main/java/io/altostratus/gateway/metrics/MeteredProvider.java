package io.altostratus.gateway.metrics;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Instance;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.ForwardingComputeProvider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One backend session with every call counted and timed by {@link GatewayMetrics}: core calls through the one
 * {@link #call} hook, extension calls through a {@link Proxy} per extension. The session's identity and extension
 * lookups ask the backend nothing and are not counted. While open, the session is one of those the instances gauge
 * lists on a scrape.
 */
final class MeteredProvider extends ForwardingComputeProvider {
    private final GatewayMetrics metrics;

    MeteredProvider(ComputeProvider delegate, GatewayMetrics metrics) {
        super(delegate);
        this.metrics = metrics;
    }

    @Override
    protected <R> R call(String operation, Supplier<R> call) {
        long start = System.nanoTime();
        String outcome = "exception";
        try {
            R result = call.get();
            outcome = "ok";
            return result;
        } catch (AltoException e) {
            outcome = e.code().name().toLowerCase(Locale.ROOT);
            throw e;
        } finally {
            metrics.backendCall(operation, outcome, System.nanoTime() - start);
        }
    }

    /** Every instance the backend shows this session, asked directly: a scrape is not a backend call to count. */
    List<Instance> instancesForGauge() {
        return delegate.instances(InstanceQuery.all());
    }

    @Override
    protected <T extends Extension> Optional<T> decorate(Class<T> type, T extension) {
        InvocationHandler metered = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Metered[" + extension + "]";
                };
            }
            return call(method.getName(), () -> {
                try {
                    return method.invoke(extension, args);
                } catch (InvocationTargetException e) {
                    // The caller must see the extension's own exception (an AltoException with its codes).
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new UndeclaredThrowableException(cause);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot call " + method + " on " + extension, e);
                }
            });
        };
        return Optional.of(type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, metered)));
    }

    @Override
    public void close() {
        metrics.closed(this);
        super.close();
    }

    @Override
    public String toString() {
        return "Metered[" + delegate + "]";
    }
}
