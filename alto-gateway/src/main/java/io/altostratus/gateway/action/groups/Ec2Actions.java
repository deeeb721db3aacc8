package io.altostratus.gateway.action.groups;

import io.altostratus.gateway.action.ActionRegistry;

/** Every action group the gateway serves, registered in one place. */
public final class Ec2Actions {
    private Ec2Actions() {
    }

    public static ActionRegistry all() {
        return new ActionRegistry()
                .add(new VolumeActions()).add(new SnapshotActions()).add(new NetworkInterfaceActions()).add(new AddressActions())
                .add(new InstanceActions())
                .add(new InstanceMetadataActions())
                .add(new SpotActions())
                .add(new ImageActions()).add(new KeyPairActions()).add(new TagActions()).add(new InstanceTypeActions())
                .add(new VpcActions()).add(new SubnetActions()).add(new RoutingActions()).add(new SecurityGroupActions())
                .add(new RegionActions())
                .add(new EbsEncryptionActions()).add(new SnapshotAttributeActions()).add(new ImageRegistryActions())
                .add(new FleetActions()).add(new SpotFleetActions())
                .add(new HostActions()).add(new CapacityReservationActions()).add(new AccountSettingsActions())
                .add(new IdFormatActions()).add(new FastSnapshotRestoreActions())
                .add(new InstanceSnapshotActions()).add(new ReservedInstanceActions())
                .add(new ConsoleScreenshotActions()).add(new InstanceTopologyActions())
                .add(new NatGatewayActions()).add(new LaunchTemplateActions()).add(new NetworkAclActions())
                .add(new PlacementGroupActions())
                .add(new DhcpOptionsActions()).add(new EgressOnlyInternetGatewayActions())
                .add(new VpcPeeringActions()).add(new VpcEndpointActions()).add(new PrefixListActions())
                .add(new VolumeModificationActions()).add(new SnapshotCopyActions())
                .add(new VpnGatewayActions()).add(new VpnConnectionActions())
                .add(new InstanceExtrasActions()).add(new IamInstanceProfileActions())
                .add(new VolumeAttributeActions())
                .add(new TransitGatewayActions()).add(new TransitGatewayAttachmentActions())
                .add(new TransitGatewayPeeringActions()).add(new TransitGatewayRouteTableActions())
                .add(new VpcCidrActions()).add(new NetworkInterfaceAttributeActions()).add(new DefaultVpcActions())
                .add(new CarrierGatewayActions()).add(new FlowLogActions()).add(new SecurityGroupReferenceActions())
                .add(new ManagedPrefixListActions());
    }
}
