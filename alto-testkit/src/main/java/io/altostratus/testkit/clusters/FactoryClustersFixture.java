package io.altostratus.testkit.clusters;

import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Providers;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.testkit.ProviderFixture.Account;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ClustersFixture} over a {@link ProviderFactory}: every service is {@code factory.service(Clusters.class,
 * context)} with one shared region, endpoint, state directory, settings and {@link ManualClock}; accounts A and B
 * get their own names. Keep one per test class, so sessions share the factory's state.
 */
public final class FactoryClustersFixture implements ClustersFixture {
    private final ProviderFactory factory;
    private final String region;
    private final String endpoint;
    private final Path stateDir;
    private final Map<String, String> settings;
    private final Map<Account, String> accounts;
    private final ManualClock clock;
    private final String nodeInstanceType;
    private final boolean nodesAreInstances;
    private final Duration timeout;

    private FactoryClustersFixture(Builder b) {
        this.factory = b.factory != null ? b.factory : Providers.named(b.providerName);
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.stateDir = b.stateDir;
        this.settings = Map.copyOf(b.settings);
        this.accounts = new EnumMap<>(b.accounts);
        this.clock = b.clock;
        this.nodeInstanceType = b.nodeInstanceType;
        this.nodesAreInstances = b.nodesAreInstances;
        this.timeout = b.timeout;
    }

    public static Builder builder(String providerName) {
        return new Builder(providerName, null);
    }

    public static Builder builder(ProviderFactory factory) {
        return new Builder(null, factory);
    }

    /** The context the account's services are opened with. */
    public ProviderContext context(Account account) {
        return new ProviderContext(region, accounts.get(account), endpoint, stateDir, settings, clock);
    }

    @Override
    public Clusters open(Account account) {
        return factory.service(Clusters.class, context(account)).orElseThrow(() -> new AssertionError(
                "provider " + factory.name() + " offers no Clusters service"));
    }

    @Override
    public Optional<ComputeProvider> compute(Account account) {
        return nodesAreInstances ? Optional.of(factory.open(context(account))) : Optional.empty();
    }

    @Override
    public String nodeInstanceType() {
        return nodeInstanceType;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    public ManualClock manualClock() {
        return clock;
    }

    @Override
    public void advance(Duration duration) {
        clock.advance(duration);
    }

    @Override
    public Duration timeout() {
        return timeout != null ? timeout : ClustersFixture.super.timeout();
    }

    /** Mutable builder. */
    public static final class Builder {
        private final String providerName;
        private final ProviderFactory factory;
        private String region;
        private String endpoint;
        private Path stateDir;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<Account, String> accounts = new EnumMap<>(Map.of(
                Account.A, "111111111111", Account.B, "222222222222"));
        private ManualClock clock = new ManualClock();
        private String nodeInstanceType;
        private boolean nodesAreInstances;
        private Duration timeout;

        private Builder(String providerName, ProviderFactory factory) {
            this.providerName = providerName;
            this.factory = factory;
        }

        public Builder region(String v) { region = v; return this; }
        public Builder endpoint(String v) { endpoint = v; return this; }
        public Builder stateDir(Path v) { stateDir = v; return this; }
        public Builder setting(String key, String value) { settings.put(key, value); return this; }
        public Builder account(Account which, String name) {
            accounts.put(which, Objects.requireNonNull(name));
            return this;
        }
        public Builder clock(ManualClock v) { clock = Objects.requireNonNull(v); return this; }
        public Builder nodeInstanceType(String v) { nodeInstanceType = v; return this; }
        /** Pool nodes are instances the provider's compute sessions list, tagged with cluster and pool. */
        public Builder nodesAreInstances(boolean v) { nodesAreInstances = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }

        public FactoryClustersFixture build() {
            return new FactoryClustersFixture(this);
        }
    }
}
