package io.altostratus.local.contract;

import io.altostratus.catalog.Catalogs;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.FactoryFixture;
import io.altostratus.testkit.ProviderFixture;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * The provider contract against the local cloud in memory. A session opened without a state directory owns a
 * private store, so every session here shares one in-memory store (as the gateway does) to let account A's second
 * session and account B's session see the same backend. Tests keep apart by their run tags.
 */
class LocalProviderContractTest implements ComputeProviderContract {
    private static final StateStore STORE = StateStores.inMemory();
    private static final FactoryFixture FIXTURE = fixture(LocalProviderFactory.withStore(STORE, Catalogs.aws()));

    static FactoryFixture fixture(io.altostratus.core.spi.ProviderFactory factory) {
        return configure(FactoryFixture.builder(factory)).build();
    }

    /** What both local contract tests share: instant transitions, catalog images, EC2 error codes. */
    static FactoryFixture.Builder configure(FactoryFixture.Builder builder) {
        return builder.region("us-east-1")
                .setting("transition_ms", "0")
                .image("ubuntu:24.04")
                .instanceType("t3.micro")
                .imageAliases(List.of("ubuntu:24.04", "ubuntu:22.04/arm64", "debian:12", "amazon-linux:2023"))
                .ec2ErrorCodes(true);
    }

    @AfterAll
    static void closeStore() {
        STORE.close();
    }

    @Override
    public ProviderFixture fixture() {
        return FIXTURE;
    }
}
