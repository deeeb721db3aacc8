package io.altostratus.testkit;

import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Providers;
import io.altostratus.core.wait.ManualClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ProviderFixture} for a provider found on the class path by name (or given as a factory), opened with a
 * {@link ProviderContext} per session and run on a {@link ManualClock}. Every session shares the region, endpoint,
 * state directory, settings and clock, so whether sessions share state is up to the provider: it holds for
 * providers that keep state in {@code stateDir} or behind an endpoint.
 */
public final class FactoryFixture implements ProviderFixture {
    private final ProviderFactory factory;
    private final String region;
    private final String endpoint;
    private final Path stateDir;
    private final Map<String, String> settings;
    private final Map<Account, String> accounts;
    private final ManualClock clock;
    private final String image;
    private final String instanceType;
    private final List<String> imageAliases;
    private final boolean ec2ErrorCodes;
    private final Map<ResourceKind, Optional<String>> missingIds;
    private final Map<ResourceKind, Optional<String>> malformedIds;
    private final String unknownInstanceType;
    private final Duration timeout;

    private FactoryFixture(Builder b) {
        this.factory = b.factory != null ? b.factory : Providers.named(b.providerName);
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.stateDir = b.stateDir;
        this.settings = Map.copyOf(b.settings);
        this.accounts = new EnumMap<>(b.accounts);
        this.clock = b.clock;
        this.image = Objects.requireNonNull(b.image, "image");
        this.instanceType = Objects.requireNonNull(b.instanceType, "instanceType");
        this.imageAliases = b.imageAliases;
        this.ec2ErrorCodes = b.ec2ErrorCodes;
        this.missingIds = new EnumMap<>(b.missingIds);
        this.malformedIds = new EnumMap<>(b.malformedIds);
        this.unknownInstanceType = b.unknownInstanceType;
        this.timeout = b.timeout;
    }

    /** A builder for the provider the {@link ProviderFactory} named {@code providerName} opens. */
    public static Builder builder(String providerName) {
        return new Builder(providerName, null);
    }

    /** A builder for a factory given directly (no class-path lookup). */
    public static Builder builder(ProviderFactory factory) {
        return new Builder(null, factory);
    }

    /** The context a session for {@code account} is opened with. */
    public ProviderContext context(Account account) {
        return new ProviderContext(region, accounts.get(account), endpoint, stateDir, settings, clock);
    }

    @Override
    public ComputeProvider open(Account account) {
        return factory.open(context(account));
    }

    @Override
    public String image() {
        return image;
    }

    @Override
    public String instanceType() {
        return instanceType;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** The manual clock every session reads. */
    public ManualClock manualClock() {
        return clock;
    }

    @Override
    public void advance(Duration duration) {
        clock.advance(duration);
    }

    @Override
    public List<String> imageAliases() {
        return imageAliases != null ? imageAliases : ProviderFixture.super.imageAliases();
    }

    @Override
    public boolean ec2ErrorCodes() {
        return ec2ErrorCodes;
    }

    @Override
    public String missingId(ResourceKind kind) {
        Optional<String> given = missingIds.get(kind);
        return given != null ? given.orElse(null) : ProviderFixture.super.missingId(kind);
    }

    @Override
    public String malformedId(ResourceKind kind) {
        Optional<String> given = malformedIds.get(kind);
        return given != null ? given.orElse(null) : ProviderFixture.super.malformedId(kind);
    }

    @Override
    public String unknownInstanceType() {
        return unknownInstanceType != null ? unknownInstanceType : ProviderFixture.super.unknownInstanceType();
    }

    @Override
    public Duration timeout() {
        return timeout != null ? timeout : ProviderFixture.super.timeout();
    }

    /** Mutable builder; {@code image} and {@code instanceType} are required. */
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
        private String image;
        private String instanceType;
        private List<String> imageAliases;
        private boolean ec2ErrorCodes;
        private final Map<ResourceKind, Optional<String>> missingIds = new EnumMap<>(ResourceKind.class);
        private final Map<ResourceKind, Optional<String>> malformedIds = new EnumMap<>(ResourceKind.class);
        private String unknownInstanceType;
        private Duration timeout;

        private Builder(String providerName, ProviderFactory factory) {
            this.providerName = providerName;
            this.factory = factory;
        }

        public Builder region(String v) { region = v; return this; }
        public Builder endpoint(String v) { endpoint = v; return this; }
        public Builder stateDir(Path v) { stateDir = v; return this; }
        public Builder setting(String key, String value) { settings.put(key, value); return this; }
        public Builder account(Account which, String name) { accounts.put(which, Objects.requireNonNull(name)); return this; }
        public Builder clock(ManualClock v) { clock = Objects.requireNonNull(v); return this; }
        public Builder image(String v) { image = v; return this; }
        public Builder instanceType(String v) { instanceType = v; return this; }
        public Builder imageAliases(List<String> v) { imageAliases = List.copyOf(v); return this; }
        public Builder ec2ErrorCodes(boolean v) { ec2ErrorCodes = v; return this; }
        public Builder unknownInstanceType(String v) { unknownInstanceType = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }

        /** A well-formed id of that kind that names nothing; null when there is none (checks needing it skip). */
        public Builder missingId(ResourceKind kind, String id) {
            missingIds.put(kind, Optional.ofNullable(id));
            return this;
        }

        /** An id of that kind the provider rejects as malformed; null when every string is well-formed. */
        public Builder malformedId(ResourceKind kind, String id) {
            malformedIds.put(kind, Optional.ofNullable(id));
            return this;
        }

        public FactoryFixture build() {
            return new FactoryFixture(this);
        }
    }
}
