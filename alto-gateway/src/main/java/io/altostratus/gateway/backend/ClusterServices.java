package io.altostratus.gateway.backend;

import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The backend's managed Kubernetes as the clusters fronts (EKS, GKE, AKS) see it: one {@link Clusters} service per
 * (account, region), opened on first use from the front's context and kept until {@link #closeAll}. What a cloud
 * calls the account (an AWS account, a GCP project, an Azure subscription) is the backend account.
 */
public final class ClusterServices implements AutoCloseable {
    private record Key(String account, String region) {
    }

    private final ProviderFactory factory;
    private final ProviderContext template;
    private final Supplier<? extends RuntimeException> noClusters;
    private final Map<Key, Clusters> open = new ConcurrentHashMap<>();

    /**
     * @param noClusters the front's own error for a backend that offers no clusters service at all
     */
    public ClusterServices(ProviderFactory factory, ProviderContext template,
                           Supplier<? extends RuntimeException> noClusters) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.template = Objects.requireNonNull(template, "template");
        this.noClusters = Objects.requireNonNull(noClusters, "noClusters");
    }

    /**
     * The account's clusters in a backend region.
     *
     * @throws RuntimeException the front's {@code noClusters} error when the backend has no clusters service, or the
     *         backend's {@link io.altostratus.core.error.AltoException} when the session cannot open (a region it
     *         does not have, for one)
     */
    public Clusters of(String account, String region) {
        Key key = new Key(account, region);
        Clusters known = open.get(key);
        if (known != null) {
            return known;
        }
        return open.computeIfAbsent(key, k -> factory
                .service(Clusters.class, new ProviderContext(k.region(), k.account(), template.endpoint(),
                        template.stateDir(), template.settings(), template.clock()))
                .orElseThrow(noClusters));
    }

    /** The regions in which this account's sessions are open, sorted. */
    public Set<String> regionsOpened(String account) {
        Set<String> regions = new TreeSet<>();
        for (Key k : open.keySet()) {
            if (k.account().equals(account)) {
                regions.add(k.region());
            }
        }
        return regions;
    }

    /** The backend's name, for messages. */
    public String backendName() {
        return factory.name();
    }

    /** Closes every open session; the next {@link #of} opens a new one (after a reset, say). */
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
