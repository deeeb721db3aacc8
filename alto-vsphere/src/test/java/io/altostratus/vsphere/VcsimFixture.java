package io.altostratus.vsphere;

import io.altostratus.testkit.peers.Vcsim;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.testkit.ProviderFixture;
import io.altostratus.testkit.ResourceKind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The contract kit's fixture for {@code vsphere} against two simulators that run in real time: vSphere has no
 * tenants inside one endpoint, so account A and account B are two vCenters, which is how two vSphere customers
 * are kept apart. Sessions run on the system clock and {@link #advance} really waits.
 */
final class VcsimFixture implements ProviderFixture {
    private final VsphereProviderFactory factory = new VsphereProviderFactory();
    private final Vcsim a;
    private final Vcsim b;

    VcsimFixture(Vcsim a, Vcsim b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public ComputeProvider open(Account account) {
        Vcsim sim = account == Account.A ? a : b;
        Map<String, String> settings = sim.settings();
        settings.put("shutdown_timeout_s", "5");
        settings.put("tools_timeout_s", "20");
        return factory.open(new ProviderContext("vcsim", ProviderContext.DEFAULT_ACCOUNT, null, null, settings,
                Clock.systemUTC()));
    }

    @Override
    public String image() {
        return "ubuntu:24.04";
    }

    @Override
    public String instanceType() {
        return "small";
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void advance(Duration duration) {
        try {
            Thread.sleep(Math.max(1, Math.min(duration.toMillis(), 200)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public List<String> imageAliases() {
        return List.of("ubuntu:24.04", "debian:12");
    }

    @Override
    public String missingId(ResourceKind kind) {
        return switch (kind) {
            case INSTANCE, IMAGE -> "vm-999999";
            case SNAPSHOT -> "snapshot-999999";
            case VOLUME -> "6a1f3c2e-9b7d-4e0a-8c55-000000000000";
            default -> null;
        };
    }

    @Override
    public String malformedId(ResourceKind kind) {
        return switch (kind) {
            case INSTANCE -> "i-0123456789abcdef0";
            case IMAGE -> "ami-0123456789abcdef0";
            default -> "not an id!";
        };
    }

    @Override
    public String unknownInstanceType() {
        return "enormous";
    }
}
