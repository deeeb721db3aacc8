package io.altostratus.testkit.clusters;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The root of the clusters contracts. A backend's test implements {@link ClustersProviderContract} (all of them) or
 * some parts, and supplies the fixture:
 *
 * <pre>{@code
 * class LocalClustersContractTest implements ClustersProviderContract {
 *     private static final FactoryClustersFixture FIXTURE = FactoryClustersFixture.builder("local")
 *             .nodeInstanceType("t3.medium").nodesAreInstances(true).build();
 *
 *     public ClustersFixture clustersFixture() {
 *         return FIXTURE;
 *     }
 * }
 * }</pre>
 */
@ExtendWith(ClustersSessionExtension.class)
public interface ClustersContract {

    /** The backend under test; called once per test method. */
    ClustersFixture clustersFixture();
}
