package io.altostratus.minimal;

import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.FactoryFixture;
import io.altostratus.testkit.ProviderFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole contract kit against the minimal cloud keeping its state in JSON files under a state directory, with
 * instant transitions: every call reads and writes the file, so this is the kit through persistence.
 */
class MinimalStateDirContractTest implements ComputeProviderContract {
    @TempDir
    static Path stateDir;

    private static FactoryFixture fixture;

    @BeforeAll
    static void openFixture() {
        fixture = MinimalContractTest.configure(FactoryFixture.builder("minimal"))
                .stateDir(stateDir)
                .setting("transition_ms", "0")
                .build();
    }

    @Override
    public ProviderFixture fixture() {
        return fixture;
    }
}
