package io.altostratus.core.spi;

import java.util.Optional;

/**
 * Opens sessions on one kind of backend. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.altostratus.core.spi.ProviderFactory}), so adding a provider is adding a jar.
 */
public interface ProviderFactory {
    /** The name users select it by: {@code local}, {@code aws}, {@code gcp}, ... */
    String name();

    /** One line for {@code alto providers}. */
    String description();

    /**
     * The region a session gets when neither the command line nor the config names one. EC2's first region unless
     * the provider says otherwise; a provider whose regions are named differently (GCP's us-central1, a single-region
     * backend's own name) overrides it, so that a user who only picked the provider gets a region that exists there.
     */
    default String defaultRegion() {
        return "us-east-1";
    }

    /** Opens a compute session bound to the context's region and account. The caller closes it. */
    ComputeProvider open(ProviderContext context);

    /**
     * Opens a further service of this provider beside compute (catalog refresh, managed Kubernetes clusters, ...),
     * bound to the context, or empty when the provider does not offer that service. The caller closes it. Service
     * interfaces live with the module that uses them (e.g. the catalog's refresh in {@code alto-catalog}).
     */
    default <S extends ProviderService> Optional<S> service(Class<S> type, ProviderContext context) {
        return Optional.empty();
    }
}
