package io.altostratus.local.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.spi.Providers;
import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.FactoryFixture;
import io.altostratus.testkit.ProviderFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider contract against the local cloud as users get it: found on the class path as {@code local} and
 * keeping its state in SQLite under a state directory that every session of the class shares.
 */
class LocalProviderSqliteContractTest implements ComputeProviderContract {
    @TempDir
    static Path stateDir;

    private static FactoryFixture fixture;

    @BeforeAll
    static void openFixture() {
        assertThat(Providers.named("local").name()).isEqualTo("local");
        fixture = LocalProviderContractTest.configure(FactoryFixture.builder("local")).stateDir(stateDir).build();
    }

    @Override
    public ProviderFixture fixture() {
        return fixture;
    }
}
