package io.altostratus.core.spi;

/**
 * A service a provider offers beside compute sessions, opened with {@link ProviderFactory#service}: catalog refresh,
 * managed Kubernetes clusters. Each service is an interface extending this one.
 */
public interface ProviderService extends AutoCloseable {
    @Override
    default void close() {
    }
}
