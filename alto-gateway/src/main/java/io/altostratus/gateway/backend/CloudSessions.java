package io.altostratus.gateway.backend;

import io.altostratus.core.Cloud;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.wait.Waiter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * One {@link Cloud} session per (account, region), opened on first use and kept, because opening a session can cost a
 * catalog load or a network handshake and a front's callers hit the same few pairs over and over. Every front (EC2,
 * GCE, ARM) keeps its backend sessions here; what each front remembers on top of them is its own.
 */
public final class CloudSessions implements AutoCloseable {
    private final ProviderFactory factory;
    private final ProviderContext template;
    private final UnaryOperator<ComputeProvider> decorator;
    private final BiFunction<ComputeProvider, String, ComputeProvider> wrap;
    private final Map<String, Cloud> sessions = new ConcurrentHashMap<>();

    /**
     * @param factory   the provider ({@code local}, {@code aws}, ...)
     * @param template  the context every session starts from; its region and account are replaced per session
     * @param decorator wraps each session's provider (latency, faults); null or identity for none
     * @param wrap      what the front puts around the decorated provider, given the account (EC2's minted ids);
     *                  null for nothing
     */
    public CloudSessions(ProviderFactory factory, ProviderContext template, UnaryOperator<ComputeProvider> decorator,
                         BiFunction<ComputeProvider, String, ComputeProvider> wrap) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.template = Objects.requireNonNull(template, "template");
        this.decorator = decorator == null ? UnaryOperator.identity() : decorator;
        this.wrap = wrap == null ? (provider, account) -> provider : wrap;
    }

    /** Sessions of the decorated provider as it is. */
    public CloudSessions(ProviderFactory factory, ProviderContext template, UnaryOperator<ComputeProvider> decorator) {
        this(factory, template, decorator, null);
    }

    /** The provider name, for health output and messages. */
    public String providerName() {
        return factory.name();
    }

    /** The session for an account in a region, opened now if it is not open yet. */
    public Cloud cloud(String account, String region) {
        return sessions.computeIfAbsent(account + '\u0000' + region, key -> {
            ProviderContext context = new ProviderContext(region, account, template.endpoint(), template.stateDir(),
                    template.settings(), template.clock());
            Waiter.Builder waiters = Waiter.builder().clock(template.clock());
            ComputeProvider provider = decorator.apply(factory.open(context));
            return new Cloud(wrap.apply(provider, account), waiters);
        });
    }

    /** Closes every open session; the next call opens fresh ones. */
    public void closeSessions() {
        for (String key : sessions.keySet()) {
            Cloud cloud = sessions.remove(key);
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    @Override
    public void close() {
        closeSessions();
    }
}
