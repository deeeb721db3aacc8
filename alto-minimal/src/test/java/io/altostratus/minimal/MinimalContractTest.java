package io.altostratus.minimal;

import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.FactoryFixture;
import io.altostratus.testkit.ProviderFixture;
import io.altostratus.testkit.ResourceKind;
import java.util.List;

/**
 * The whole contract kit against the minimal cloud in memory, found on the class path by name. Every session of the
 * class shares one factory, so they share its in-memory state; the extension contracts skip, the core and
 * UNSUPPORTED contracts run.
 */
class MinimalContractTest implements ComputeProviderContract {
    private static final FactoryFixture FIXTURE = configure(FactoryFixture.builder("minimal")).build();

    /** What both minimal contract tests share: the names and ids of this cloud. */
    static FactoryFixture.Builder configure(FactoryFixture.Builder builder) {
        return builder
                .image("ubuntu:24.04")
                .instanceType("small")
                .imageAliases(List.of("ubuntu:24.04", "debian:12"))
                .unknownInstanceType("enormous")
                .missingId(ResourceKind.INSTANCE, "vm-00000000-0000-4000-8000-000000000000")
                .missingId(ResourceKind.IMAGE, "img-00000000-0000-4000-8000-000000000000");
    }

    @Override
    public ProviderFixture fixture() {
        return FIXTURE;
    }
}
