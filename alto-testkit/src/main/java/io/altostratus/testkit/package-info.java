/**
 * The provider contract test kit: JUnit 5 interfaces whose default {@code @Test} methods check the documented
 * behaviour of {@link io.altostratus.core.spi.ComputeProvider} through {@link io.altostratus.core.Cloud}. A provider's
 * test implements {@link io.altostratus.testkit.ComputeProviderContract} (or some of its parts) and supplies a
 * {@link io.altostratus.testkit.ProviderFixture}; each test gets a {@link io.altostratus.testkit.ContractSession}
 * that tags, waits on the fixture's clock, and cleans up. Core contracts always run; each extension's contract runs
 * where the provider offers the extension and is skipped (a JUnit assumption, with the reason) elsewhere.
 */
package io.altostratus.testkit;
