package io.altostratus.local.clusters;

import io.altostratus.catalog.Catalogs;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.altostratus.testkit.clusters.ClustersFixture;
import io.altostratus.testkit.clusters.ClustersProviderContract;
import io.altostratus.testkit.clusters.FactoryClustersFixture;
import org.junit.jupiter.api.AfterAll;

/**
 * The clusters contract against the local cloud in memory, with transitions that take time (10 s for clusters, 1.5
 * s for instances, on the fixture's manual clock) so every wait really waits. All sessions share one store, as the
 * gateway's do; tests keep apart by their run ids.
 */
class ClustersLocalContractTest implements ClustersProviderContract {
    private static final StateStore STORE = StateStores.inMemory();
    private static final FactoryClustersFixture FIXTURE = configure(
            FactoryClustersFixture.builder(LocalProviderFactory.withStore(STORE, Catalogs.aws()))).build();

    /** What the local contract runs share: the region, a node type, nodes as instances. */
    static FactoryClustersFixture.Builder configure(FactoryClustersFixture.Builder builder) {
        return builder.region("us-east-1").nodeInstanceType("t3.medium").nodesAreInstances(true);
    }

    @AfterAll
    static void closeStore() {
        STORE.close();
    }

    @Override
    public ClustersFixture clustersFixture() {
        return FIXTURE;
    }
}
