package io.altostratus.azure;

import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.testkit.ProviderFixture;
import io.altostratus.testkit.ResourceKind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The contract kit's fixture for {@code azure} against an ARM-compatible endpoint that runs in real time (ours, over
 * the local cloud, or any other): sessions on the system clock, and {@link #advance} really waits. Accounts A and B
 * are the subscriptions {@code alto-contract-a} and {@code -b} (against an endpoint the account is the
 * subscription), location {@code eastus}, resource group {@code alto}. The endpoint must serve {@code Standard_B2s}
 * and the marketplace URNs of Ubuntu 24.04 (amd64 and arm64), 22.04 and Debian 12, as it does over the local cloud
 * on the shipped Azure catalog.
 */
final class ArmEndpointFixture implements ProviderFixture {
    private final AzureProviderFactory factory = new AzureProviderFactory();
    private final String endpoint;

    ArmEndpointFixture(String endpoint) {
        this.endpoint = endpoint;
    }

    private static String subscription(Account account) {
        return account == Account.A ? "alto-contract-a" : "alto-contract-b";
    }

    @Override
    public ComputeProvider open(Account account) {
        return factory.open(new ProviderContext("eastus", subscription(account), endpoint, null,
                Map.of("access_token", "contract", "retry_base_ms", "20", "retry_max_ms", "500",
                        "operation_timeout_s", "120", "public_ip", "true"),
                Clock.systemUTC()));
    }

    @Override
    public String image() {
        return "ubuntu:24.04";
    }

    @Override
    public String instanceType() {
        return "Standard_B2s";
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
        return List.of("ubuntu:24.04", "ubuntu:24.04/arm64", "ubuntu:22.04", "debian:12");
    }

    @Override
    public String missingId(ResourceKind kind) {
        return switch (kind) {
            case INSTANCE -> "alto-missing-instance";
            case IMAGE -> "/subscriptions/alto-contract-a/resourceGroups/alto/providers/Microsoft.Compute/images/"
                    + "alto-missing-image";
            case VOLUME -> "alto-missing-disk";
            case SNAPSHOT -> "alto-missing-snapshot";
            default -> null;
        };
    }

    @Override
    public String malformedId(ResourceKind kind) {
        return switch (kind) {
            case INSTANCE -> "i-0123456789abcdef0!";
            case IMAGE -> "ami-0123456789abcdef0";
            default -> "not an id!";
        };
    }

    @Override
    public String unknownInstanceType() {
        return "Standard_Enormous_v99";
    }
}
