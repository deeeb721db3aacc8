package io.altostratus.local.contract;

import io.altostratus.catalog.Catalogs;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.FactoryFixture;
import io.altostratus.testkit.ProviderFixture;
import org.junit.jupiter.api.AfterAll;

/**
 * The provider contract in memory with the local cloud's default 1.5 s transitions. With instant transitions
 * instances are running as soon as they launch and no wait ever polls twice; here launches return pending and every
 * wait has to let the (manual) clock move, as it must against real clouds. Costs no real time.
 */
class LocalProviderTransitionsContractTest implements ComputeProviderContract {
    private static final StateStore STORE = StateStores.inMemory();
    private static final FactoryFixture FIXTURE = LocalProviderContractTest.configure(
                    FactoryFixture.builder(LocalProviderFactory.withStore(STORE, Catalogs.aws())))
            .setting("transition_ms", "1500")
            .build();

    @AfterAll
    static void closeStore() {
        STORE.close();
    }

    @Override
    public ProviderFixture fixture() {
        return FIXTURE;
    }
}
