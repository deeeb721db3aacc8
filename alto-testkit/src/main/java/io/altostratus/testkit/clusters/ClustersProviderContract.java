package io.altostratus.testkit.clusters;

/**
 * The whole clusters contract: lifecycle ({@link ClusterLifecycleContract}), versions and upgrades
 * ({@link ClusterUpgradeContract}), node pools ({@link NodePoolContract}) and errors ({@link ClusterErrorContract}).
 */
public interface ClustersProviderContract extends ClusterLifecycleContract, ClusterUpgradeContract, NodePoolContract,
        ClusterErrorContract {
}
