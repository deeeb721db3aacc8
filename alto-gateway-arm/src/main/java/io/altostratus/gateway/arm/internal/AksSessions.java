package io.altostratus.gateway.arm.internal;

import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backend's managed Kubernetes: one {@link Clusters} service per (subscription, region), opened on first use and
 * kept until {@link #closeAll}. As for VMs, a subscription is the backend account and a location a backend region.
 */
public final class AksSessions implements AutoCloseable {
    private record Key(String subscription, String region) {
    }

    private final ProviderFactory factory;
    private final ProviderContext template;
    private final Map<Key, Clusters> open = new ConcurrentHashMap<>();

    public AksSessions(ProviderFactory factory, ProviderContext template) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.template = Objects.requireNonNull(template, "template");
    }

    /** The subscription's clusters in a backend region; 400 when the backend has no managed Kubernetes. */
    public Clusters of(String subscription, String region) {
        Key key = new Key(subscription, region);
        Clusters known = open.get(key);
        if (known != null) {
            return known;
        }
        return open.computeIfAbsent(key, k -> factory
                .service(Clusters.class, new ProviderContext(k.region(), k.subscription(), template.endpoint(),
                        template.stateDir(), template.settings(), template.clock()))
                .orElseThrow(() -> new ArmException(400, "MissingSubscriptionRegistration", "The subscription is "
                        + "not registered to use namespace 'Microsoft.ContainerService': the " + factory.name()
                        + " backend offers no managed Kubernetes clusters.")));
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
