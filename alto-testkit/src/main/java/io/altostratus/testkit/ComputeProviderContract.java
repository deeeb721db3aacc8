package io.altostratus.testkit;

/**
 * The whole provider contract. A provider's test implements this and supplies {@link #fixture()}:
 *
 * <pre>{@code
 * class LocalProviderContractTest implements ComputeProviderContract {
 *     public ProviderFixture fixture() {
 *         return FactoryFixture.builder("local").setting("transition_ms", "0")
 *                 .image("ubuntu:24.04").instanceType("t3.micro").ec2ErrorCodes(true).build();
 *     }
 * }
 * }</pre>
 *
 * Tests of optional features are skipped when the provider does not declare the {@link
 * io.altostratus.core.spi.Capability}; {@link CapabilityContract} then checks that those operations fail with
 * {@code UNSUPPORTED}. A provider may instead implement only some of the contract interfaces.
 */
public interface ComputeProviderContract extends InstanceLifecycleContract, InstanceQueryContract,
        InstanceErrorContract, ImageContract, KeyPairContract, NetworkContract, StorageContract, CapabilityContract,
        AccountIsolationContract, ConcurrencyContract, RoutingContract, AddressContract, SecurityGroupRuleContract,
        AttributeContract, MetadataOptionsContract, SpotContract {
}
