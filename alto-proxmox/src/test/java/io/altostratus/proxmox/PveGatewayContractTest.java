package io.altostratus.proxmox;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.pve.PveFront;
import io.altostratus.gateway.pve.PveTemplate;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.ProviderFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The provider contract for {@code proxmox}, end to end in this process: the provider over HTTP to our Proxmox VE
 * endpoint ({@code alto-gateway-pve}) over the local cloud on the shipped AWS catalog (nodes are its zones). The
 * endpoint runs in real time, so the fixture really waits (about two minutes, most of it the concurrency contract).
 * Extensions the provider does not offer are skipped. The concurrency contract holds because the provider never hands
 * out a VMID it destroyed within its tombstones' life, although Proxmox's {@code /cluster/nextid} would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PveGatewayContractTest implements ComputeProviderContract {
    static final String TOKEN_A = "root@pam!contract-a=00000000-0000-0000-0000-00000000000a";
    static final String TOKEN_B = "root@pam!contract-b=00000000-0000-0000-0000-00000000000b";

    private PveFront front;
    private Gateway gateway;
    private ProviderFixture fixture;

    @BeforeAll
    void start() {
        front = PveFront.builder(LocalProviderFactory.withCatalog(Catalogs.aws()))
                .context(new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("transition_ms", "30"), null))
                .template(PveTemplate.of(9000, "ubuntu-2404-tpl", "ubuntu:24.04", true))
                // The kit expects a running instance to have its address; the agent's boot delay (no address for a
                // while) is ProxmoxProviderTest's matter.
                .agentBootDelay(Duration.ZERO)
                .authMode(AuthMode.STRICT).build();
        front.tokens().register("111111111111", TOKEN_A);
        front.tokens().register("222222222222", TOKEN_B);
        gateway = front.mountOn(Gateway.builder().port(0).authMode(AuthMode.PERMISSIVE).dispatcher(call -> {
            throw new IllegalStateException("no EC2 calls in the proxmox contract");
        })).start();
        fixture = new PveEndpointFixture("http://127.0.0.1:" + gateway.port(), TOKEN_A, TOKEN_B, "us-east-1a");
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (front != null) {
            front.close();
        }
    }

    @Override
    public ProviderFixture fixture() {
        return fixture;
    }
}
