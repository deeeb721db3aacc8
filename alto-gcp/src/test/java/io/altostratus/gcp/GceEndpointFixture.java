package io.altostratus.gcp;

import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.testkit.ProviderFixture;
import io.altostratus.testkit.ResourceKind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The contract kit's fixture for {@code gcp} against a GCE-compatible endpoint that runs in real time (ours, over the
 * local cloud, or any other): sessions on the system clock, and {@link #advance} really waits, since the endpoint's
 * instances change state on its own clock. Accounts A and B are the projects {@code alto-contract-a} and {@code -b}
 * (against an endpoint the account is the project). The endpoint must serve us-central1 with {@code e2-small} and
 * the public Ubuntu 24.04 (amd64 and arm64), Ubuntu 22.04 and Debian 12 families, as it does over the local cloud on
 * the shipped GCP catalog ({@code Catalogs.gcp()}).
 */
final class GceEndpointFixture implements ProviderFixture {
    private final GcpProviderFactory factory = new GcpProviderFactory();
    private final String endpoint;

    GceEndpointFixture(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public ComputeProvider open(Account account) {
        String project = account == Account.A ? "alto-contract-a" : "alto-contract-b";
        return factory.open(new ProviderContext("us-central1", project, endpoint, null,
                Map.of("retry_base_ms", "50", "retry_max_ms", "1000", "operation_timeout_s", "120"),
                Clock.systemUTC()));
    }

    @Override
    public String image() {
        return "ubuntu:24.04";
    }

    @Override
    public String instanceType() {
        return "e2-small";
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void advance(Duration duration) {
        try {
            Thread.sleep(Math.max(1, Math.min(duration.toMillis(), 1_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Duration timeout() {
        return Duration.ofMinutes(2);
    }

    @Override
    public List<String> imageAliases() {
        // Families the shipped GCP catalog publishes, which the endpoint serves over the local cloud.
        return List.of("ubuntu:24.04", "ubuntu:24.04/arm64", "ubuntu:22.04", "debian:12");
    }

    @Override
    public String missingId(ResourceKind kind) {
        return switch (kind) {
            case INSTANCE -> "us-central1-a/alto-missing-instance";
            case IMAGE -> "projects/alto-contract-a/global/images/alto-missing-image";
            case VOLUME -> "us-central1-a/disks/alto-missing-disk";
            case SNAPSHOT -> "projects/alto-contract-a/global/snapshots/alto-missing-snapshot";
            default -> null;
        };
    }

    @Override
    public String malformedId(ResourceKind kind) {
        return switch (kind) {
            case INSTANCE -> "i-0123456789abcdef0";
            case IMAGE -> "ami-0123456789abcdef0";
            case VOLUME -> "vol-0123456789abcdef0";
            case SNAPSHOT -> "snap-0123456789abcdef0";
            default -> "not an id!";
        };
    }

    @Override
    public String unknownInstanceType() {
        return "e2-enormous-9999";
    }
}
