package io.altostratus.gcp;

import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.ProviderFixture;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The provider contract for {@code gcp} against a running GCE-compatible endpoint (ours: {@code alto serve --api
 * gce}), given as {@code -Dalto.gce.endpoint=http://127.0.0.1:8773}; skipped without it. See
 * {@link GceEndpointFixture} for what the endpoint must offer.
 */
@EnabledIfSystemProperty(named = "alto.gce.endpoint", matches = ".+")
class GcpEndpointContractTest implements ComputeProviderContract {
    private static final ProviderFixture FIXTURE = new GceEndpointFixture(System.getProperty("alto.gce.endpoint"));

    @Override
    public ProviderFixture fixture() {
        return FIXTURE;
    }
}
