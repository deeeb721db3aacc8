package io.altostratus.azure;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.arm.ArmFront;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.ProviderFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The provider contract for {@code azure}, end to end in this process: the provider and the Azure SDK over HTTP to
 * our ARM endpoint ({@code alto-gateway-arm}), over the local cloud on the shipped Azure catalog. The endpoint runs
 * in real time (its instances settle after 150 ms, operations answer without Retry-After), so the fixture really
 * waits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureGatewayContractTest implements ComputeProviderContract {
    private ArmFront front;
    private Gateway gateway;
    private ProviderFixture fixture;

    @BeforeAll
    void start() {
        front = ArmFront.builder(LocalProviderFactory.withCatalog(Catalogs.shipped("azure")))
                .context(new ProviderContext("eastus", ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("transition_ms", "150"), null))
                .homeRegion("eastus").retryAfterSeconds(0).authMode(AuthMode.PERMISSIVE).build();
        ActionDispatcher noEc2 = call -> {
            throw new IllegalStateException("no EC2 calls in the azure contract");
        };
        gateway = front.mountOn(Gateway.builder().port(0).dispatcher(noEc2).authMode(AuthMode.PERMISSIVE)).start();
        fixture = new ArmEndpointFixture("http://127.0.0.1:" + gateway.port());
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
