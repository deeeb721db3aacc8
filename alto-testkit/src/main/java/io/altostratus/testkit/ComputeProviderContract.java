package io.altostratus.testkit;

/**
 * The whole provider contract. A provider's test implements this and supplies {@link #fixture()}:
 *
 * <pre>{@code
 * class MinimalContractTest implements ComputeProviderContract {
 *     public ProviderFixture fixture() {
 *         return FactoryFixture.builder("minimal").image("ubuntu:24.04").instanceType("small")
 *                 .missingId(ResourceKind.INSTANCE, "vm-00000000-0000-4000-8000-000000000000")
 *                 .missingId(ResourceKind.IMAGE, "img-00000000-0000-4000-8000-000000000000")
 *                 .build();
 *     }
 * }
 * }</pre>
 *
 * <p>The core contracts ({@link PlacesContract}, {@link ImageContract}, {@link InstanceLifecycleContract},
 * {@link InstanceQueryContract}, {@link InstanceErrorContract}, {@link AccountIsolationContract},
 * {@link ConcurrencyContract}, {@link CapabilityContract}) run for every provider. {@link UnsupportedContract} checks
 * that what the provider does not offer fails with {@code UNSUPPORTED}. The contract of each extension runs where the
 * provider offers it and is skipped (with the reason) elsewhere; EC2 specifics (reservations, EC2 id shapes, EC2 error
 * codes) are checked where the provider reports them ({@link io.altostratus.core.ec2.Ec2InstanceDetails}, the
 * {@code EC2_IDS} trait, {@link ProviderFixture#ec2ErrorCodes()}). A provider may instead implement only some of the
 * contract interfaces.
 */
public interface ComputeProviderContract extends PlacesContract, InstanceLifecycleContract, InstanceQueryContract,
        InstanceErrorContract, ImageContract, AccountIsolationContract, ConcurrencyContract, CapabilityContract,
        UnsupportedContract, Ec2ShapeContract, KeyPairContract, NetworkContract, StorageContract,
        InstanceSnapshotContract, RoutingContract,
        AddressContract, SecurityGroupRuleContract, AttributeContract, MetadataOptionsContract, SpotContract {
}
