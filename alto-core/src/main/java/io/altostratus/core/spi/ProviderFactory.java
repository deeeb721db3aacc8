package io.altostratus.core.spi;

/**
 * Opens sessions on one kind of backend. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.altostratus.core.spi.ProviderFactory}), so adding a provider is adding a jar.
 */
public interface ProviderFactory {
    /** The name users select it by: {@code local}, {@code aws}, {@code gcp}, ... */
    String name();

    /** One line for {@code alto providers}. */
    String description();

    /** Opens a session bound to the context's region and account. The caller closes it. */
    ComputeProvider open(ProviderContext context);
}
