package io.altostratus.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The root of every contract interface: the provider's test class implements the contracts it runs (usually
 * {@link ComputeProviderContract}, all of them) and supplies the fixture. Each test method receives its own
 * {@link ContractSession}, closed (and cleaned up) after the method.
 */
@ExtendWith(ContractSessionExtension.class)
public interface ProviderContract {

    /** The provider under test. Called once per test method. */
    ProviderFixture fixture();
}
