package io.altostratus.gateway.eks.internal;

import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One backend {@link Clusters} service per (account, region), opened on first use from the front's context and kept
 * until {@link #closeAll}.
 */
public final class ClusterSessions implements AutoCloseable {
    private record Key(String account, String region) {
    }

    private final ProviderFactory factory;
    private final ProviderContext template;
    private final Map<Key, Clusters> open = new ConcurrentHashMap<>();

    public ClusterSessions(ProviderFactory factory, ProviderContext template) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.template = Objects.requireNonNull(template, "template");
    }

    /** The account's clusters in the region; {@code InvalidRequestException} when the backend has none. */
    public Clusters of(String account, String region) {
        return open.computeIfAbsent(new Key(account, region), k -> factory
                .service(Clusters.class, new ProviderContext(k.region(), k.account(), template.endpoint(),
                        template.stateDir(), template.settings(), template.clock()))
                .orElseThrow(() -> EksException.invalidRequest("the " + factory.name()
                        + " backend offers no managed Kubernetes clusters")));
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
