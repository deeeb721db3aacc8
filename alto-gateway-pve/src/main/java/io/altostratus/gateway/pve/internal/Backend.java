package io.altostratus.gateway.pve.internal;

import io.altostratus.core.Cloud;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.gateway.backend.CloudSessions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The backend as PVE sees it: one region is the cluster, its zones are the nodes. One session per account.
 */
public final class Backend implements AutoCloseable {
    private final CloudSessions sessions;
    private final String region;
    private final String clusterName;
    private final Map<String, List<String>> nodes = new ConcurrentHashMap<>();

    public Backend(ProviderFactory factory, ProviderContext template, UnaryOperator<ComputeProvider> decorator,
                   String region, String clusterName) {
        this.sessions = new CloudSessions(factory, template, decorator);
        this.region = region;
        this.clusterName = clusterName;
    }

    public Cloud cloud(String account) {
        return sessions.cloud(account, region);
    }

    public String clusterName() {
        return clusterName;
    }

    /** The nodes (backend zone names), sorted, asked once per account. */
    public List<String> nodes(String account) {
        return nodes.computeIfAbsent(account, a -> cloud(a).zones().stream().map(Zone::name)
                .sorted(Comparator.naturalOrder()).toList());
    }

    /** Checks the node exists, answering PVE's error for an unknown host otherwise. */
    public String node(String account, String node) {
        if (!nodes(account).contains(node)) {
            throw PveException.server("hostname lookup '" + node + "' failed - failed to get address info for: "
                    + node + ": Name or service not known");
        }
        return node;
    }

    public void closeSessions() {
        nodes.clear();
        sessions.closeSessions();
    }

    @Override
    public void close() {
        closeSessions();
    }
}
