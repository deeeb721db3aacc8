package io.altostratus.gcp;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.gce.GceFront;
import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.ProviderFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The provider contract for {@code gcp}, end to end in this process: the provider and Google's Java client over HTTP
 * to our GCE endpoint ({@code alto-gateway-gce}), over the local cloud on the shipped GCP catalog. The endpoint runs
 * in real time (its instances settle after 150 ms), so the fixture really waits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcpGatewayContractTest implements ComputeProviderContract {
    private GceFront front;
    private Gateway gateway;
    private ProviderFixture fixture;

    @BeforeAll
    void start() {
        front = GceFront.builder(LocalProviderFactory.withCatalog(Catalogs.gcp()))
                .context(new ProviderContext("us-central1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("transition_ms", "150"), null))
                .authMode(AuthMode.PERMISSIVE).build();
        ActionDispatcher noEc2 = call -> {
            throw new IllegalStateException("no EC2 calls in the gcp contract");
        };
        gateway = front.mountOn(Gateway.builder().port(0).dispatcher(noEc2).authMode(AuthMode.PERMISSIVE)).start();
        fixture = new GceEndpointFixture("http://127.0.0.1:" + gateway.port());
    }

    @AfterAll
    void stop() {
        gateway.close();
        front.close();
    }

    @Override
    public ProviderFixture fixture() {
        return fixture;
    }
}
