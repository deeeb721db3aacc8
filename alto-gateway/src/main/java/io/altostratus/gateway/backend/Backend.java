package io.altostratus.gateway.backend;

import io.altostratus.core.Cloud;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.gateway.identity.Ec2Ids;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The provider behind the gateway: one {@link Cloud} session per (account, region), opened on first use and kept,
 * because opening a session can cost a catalog load or a network handshake and callers hit the same few pairs over
 * and over. The gateway never keeps resources of its own; it only asks these sessions.
 *
 * <p>A provider whose ids do not have EC2's shapes (it does not list {@code EC2_IDS}) is served through
 * {@link Ec2Ids}, which keeps the EC2 ids it shows in the id store: give the gateway's own store (the one holding
 * the access keys) so they survive a restart; without one they live in memory for this backend's lifetime.
 */
public final class Backend implements AutoCloseable {
    private final StateStore ownedIdStore;
    private final CloudSessions sessions;

    /**
     * @param factory   the provider ({@code local}, {@code aws}, ...)
     * @param template  the context every session starts from; its region and account are replaced per call
     * @param decorator wraps each session's provider (latency, faults); identity for none
     * @param idStore   where the EC2 ids of a backend without EC2-shaped ids are kept; null for a store in memory
     */
    public Backend(ProviderFactory factory, ProviderContext template, UnaryOperator<ComputeProvider> decorator,
                   StateStore idStore) {
        // Checked before the in-memory id store is made, so a bad call leaves nothing open behind it.
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(template, "template");
        this.ownedIdStore = idStore == null ? StateStores.inMemory() : null;
        StateStore ids = idStore == null ? ownedIdStore : idStore;
        this.sessions = new CloudSessions(factory, template, decorator,
                (provider, account) -> Ec2Ids.wrap(provider, ids, account));
    }

    /** A backend whose EC2 ids, where the provider needs them minted, live in memory only. */
    public Backend(ProviderFactory factory, ProviderContext template, UnaryOperator<ComputeProvider> decorator) {
        this(factory, template, decorator, null);
    }

    public Backend(ProviderFactory factory, ProviderContext template) {
        this(factory, template, null, null);
    }

    /** The provider name, for health output and messages. */
    public String providerName() {
        return sessions.providerName();
    }

    /** The session for an account in a region. */
    public Cloud cloud(String account, String region) {
        return sessions.cloud(account, region);
    }

    /** Closes every open session; the next call opens fresh ones. */
    public void closeSessions() {
        sessions.closeSessions();
    }

    @Override
    public void close() {
        closeSessions();
        if (ownedIdStore != null) {
            ownedIdStore.close();
        }
    }
}
