package io.altostratus.gateway.gke.internal;

import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.gateway.backend.ClusterServices;
import java.util.List;
import java.util.Objects;

/**
 * One backend {@link Clusters} service per (project, region), opened on first use and kept until {@link #closeAll}.
 * A GKE project is the backend account; a GKE location is a backend region, or a zone of one.
 */
public final class ClusterSessions implements AutoCloseable {
    private final ClusterServices services;
    private final String homeRegion;

    public ClusterSessions(ProviderFactory factory, ProviderContext template, String homeRegion) {
        this.services = new ClusterServices(factory, template, () -> GkeException.invalid("the " + factory.name()
                + " backend offers no managed Kubernetes clusters"));
        this.homeRegion = Objects.requireNonNull(homeRegion, "homeRegion");
    }

    public String homeRegion() {
        return homeRegion;
    }

    /** The project's clusters in a region; NOT_FOUND when the backend has no such region or no clusters at all. */
    public Clusters of(String project, String region) {
        try {
            return services.of(project, region);
        } catch (AltoException e) {
            // The local cloud refuses a region it does not have when the session opens: for GKE that location
            // simply does not exist.
            throw GkeException.notFound("Location \"" + region + "\" does not exist or is not served: "
                    + e.getMessage());
        }
    }

    /** The regions whose sessions this project has opened, and the home region: what {@code locations/-} lists. */
    public List<String> regionsInUse(String project) {
        java.util.TreeSet<String> regions = new java.util.TreeSet<>(services.regionsOpened(project));
        regions.add(homeRegion);
        return List.copyOf(regions);
    }

    public void closeAll() {
        services.closeAll();
    }

    @Override
    public void close() {
        closeAll();
    }
}
