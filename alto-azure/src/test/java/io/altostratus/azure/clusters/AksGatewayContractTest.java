package io.altostratus.azure.clusters;

import io.altostratus.azure.AzureProviderFactory;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Retrier;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.arm.ArmFront;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.altostratus.testkit.ProviderFixture.Account;
import io.altostratus.testkit.clusters.ClustersFixture;
import io.altostratus.testkit.clusters.ClustersProviderContract;
import io.altostratus.testkit.clusters.FactoryClustersFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The clusters contract for the {@code azure} provider's AKS side, the whole way it runs against a real endpoint:
 * {@link AksClusters} through the Azure SDK's container service manager over plain http to alto's ARM front
 * ({@code alto serve --api arm}, module alto-gateway-arm) on an in-process gateway over the local cloud in memory on
 * the shipped Azure catalog. Clusters take 10 s of the fixture's manual clock to change, which the backend, the
 * front's operations, the provider's back-offs and the kit's waits share, so no test sleeps. Accounts A and B are
 * subscriptions of their own. Pool nodes are not looked at as instances: AKS's agent pools name no VMs.
 */
class AksGatewayContractTest implements ClustersProviderContract {
    private static final ManualClock CLOCK = new ManualClock();
    private static final StateStore STORE = StateStores.inMemory();
    private static final ProviderContext BACKEND = new ProviderContext("eastus", ProviderContext.DEFAULT_ACCOUNT,
            null, null, Map.of("cluster_transition_ms", "10000", "transition_ms", "0"), CLOCK);
    private static final ArmFront FRONT = ArmFront.builder(LocalProviderFactory.withStore(STORE,
                    Catalogs.shipped("azure")))
            .context(BACKEND).homeRegion("eastus").stateStore(STORE).authMode(AuthMode.PERMISSIVE)
            .retryAfterSeconds(0).build();
    private static final ActionDispatcher NO_EC2 = call -> {
        throw new IllegalStateException("no EC2 calls in the AKS contract");
    };
    private static final Gateway GATEWAY = FRONT.mountOn(Gateway.builder().port(0).dispatcher(NO_EC2)
            .authMode(AuthMode.PERMISSIVE)).start();

    private static final FactoryClustersFixture FIXTURE = FactoryClustersFixture.builder(
                    new AzureProviderFactory(CLOCK::advance, Retrier.Listener.NONE, Map.of()))
            .region("eastus")
            .endpoint("http://127.0.0.1:" + GATEWAY.port())
            .clock(CLOCK)
            .account(Account.A, "alto-aks-a")
            .account(Account.B, "alto-aks-b")
            .setting("access_token", "contract")
            .setting("retry_base_ms", "50")
            .setting("retry_max_ms", "1000")
            .nodeInstanceType("Standard_B2s")
            .nodesAreInstances(false)
            .build();

    @AfterAll
    static void stop() {
        GATEWAY.close();
        FRONT.close();
        STORE.close();
    }

    @Override
    public ClustersFixture clustersFixture() {
        return FIXTURE;
    }
}
