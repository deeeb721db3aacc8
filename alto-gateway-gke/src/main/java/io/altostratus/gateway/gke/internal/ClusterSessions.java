package io.altostratus.gateway.gke.internal;

import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One backend {@link Clusters} service per (project, region), opened on first use and kept until {@link #closeAll}.
 * A GKE project is the backend account; a GKE location is a backend region, or a zone of one.
 */
public final class ClusterSessions implements AutoCloseable {
    private record Key(String project, String region) {
    }

    private final ProviderFactory factory;
    private final ProviderContext template;
    private final String homeRegion;
    private final Map<Key, Clusters> open = new ConcurrentHashMap<>();

    public ClusterSessions(ProviderFactory factory, ProviderContext template, String homeRegion) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.template = Objects.requireNonNull(template, "template");
        this.homeRegion = Objects.requireNonNull(homeRegion, "homeRegion");
    }

    public String homeRegion() {
        return homeRegion;
    }

    /** The project's clusters in a region; NOT_FOUND when the backend has no such region or no clusters at all. */
    public Clusters of(String project, String region) {
        Key key = new Key(project, region);
        Clusters known = open.get(key);
        if (known != null) {
            return known;
        }
        try {
            return open.computeIfAbsent(key, k -> factory
                    .service(Clusters.class, new ProviderContext(k.region(), k.project(), template.endpoint(),
                            template.stateDir(), template.settings(), template.clock()))
                    .orElseThrow(() -> GkeException.invalid("the " + factory.name()
                            + " backend offers no managed Kubernetes clusters")));
        } catch (AltoException e) {
            // The local cloud refuses a region it does not have when the session opens: for GKE that location
            // simply does not exist.
            throw GkeException.notFound("Location \"" + region + "\" does not exist or is not served: "
                    + e.getMessage());
        }
    }

    /** The regions whose sessions this project has opened, and the home region: what {@code locations/-} lists. */
    public List<String> regionsInUse(String project) {
        java.util.TreeSet<String> regions = new java.util.TreeSet<>();
        regions.add(homeRegion);
        for (Key k : open.keySet()) {
            if (k.project().equals(project)) {
                regions.add(k.region());
            }
        }
        return List.copyOf(regions);
    }

    public void closeAll() {
        for (Key key : open.keySet()) {
            Clusters c = open.remove(key);
            if (c != null) {
                c.close();
            }
        }
    }

    @Override
    public void close() {
        closeAll();
    }
}
