package io.altostratus.local.clusters;

import io.altostratus.local.LocalProviderFactory;
import io.altostratus.testkit.clusters.ClustersFixture;
import io.altostratus.testkit.clusters.ClustersProviderContract;
import io.altostratus.testkit.clusters.FactoryClustersFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The clusters contract against the local cloud on SQLite, as the CLI runs it (a state directory; every session
 * leases the directory's store), with changes settling at once ({@code cluster_transition_ms = 0}).
 */
class ClustersSqliteContractTest implements ClustersProviderContract {
    private static final FactoryClustersFixture FIXTURE = ClustersLocalContractTest.configure(
                    FactoryClustersFixture.builder(new LocalProviderFactory()))
            .stateDir(tempDir())
            .setting("cluster_transition_ms", "0")
            .setting("transition_ms", "0")
            .build();

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("alto-clusters-contract");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ClustersFixture clustersFixture() {
        return FIXTURE;
    }
}
