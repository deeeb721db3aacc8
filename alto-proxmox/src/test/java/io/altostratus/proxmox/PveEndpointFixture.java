package io.altostratus.proxmox;

import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.testkit.ProviderFixture;
import io.altostratus.testkit.ResourceKind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The contract kit's fixture for {@code proxmox} against a Proxmox VE API that runs in real time (ours,
 * {@code alto-gateway-pve} over the local cloud, or a real cluster): sessions on the system clock, and
 * {@link #advance} really waits. Accounts A and B are two API tokens the endpoint maps to two tenants. The endpoint
 * must offer a template answering {@code ubuntu:24.04} with the guest agent, and a node named {@code node}.
 */
final class PveEndpointFixture implements ProviderFixture {
    private final ProxmoxProviderFactory factory = new ProxmoxProviderFactory();
    private final String endpoint;
    private final String tokenA;
    private final String tokenB;
    private final String node;

    PveEndpointFixture(String endpoint, String tokenA, String tokenB, String node) {
        this.endpoint = endpoint;
        this.tokenA = tokenA;
        this.tokenB = tokenB;
        this.node = node;
    }

    @Override
    public ComputeProvider open(Account account) {
        return factory.open(new ProviderContext("pve", ProviderContext.DEFAULT_ACCOUNT, endpoint, null,
                Map.of("token", account == Account.A ? tokenA : tokenB, "retry_base_ms", "50", "retry_max_ms",
                        "1000", "task_timeout_s", "120"), Clock.systemUTC()));
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
            Thread.sleep(Math.max(1, Math.min(duration.toMillis(), 500)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Duration timeout() {
        return Duration.ofMinutes(1);
    }

    @Override
    public List<String> imageAliases() {
        return List.of("ubuntu:24.04");
    }

    @Override
    public String missingId(ResourceKind kind) {
        return switch (kind) {
            case INSTANCE, IMAGE -> node + "/999999";
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
