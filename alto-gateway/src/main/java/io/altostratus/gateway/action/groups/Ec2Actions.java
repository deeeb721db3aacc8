package io.altostratus.gateway.action.groups;

import io.altostratus.gateway.action.ActionRegistry;
import java.util.List;

/**
 * Every action group the gateway serves, registered in one place: those of the calls nearly every client makes
 * (instances and what they are made of and listed with) at once, the rest on the first call one of them serves
 * ({@link ActionRegistry#later}).
 */
public final class Ec2Actions {
    private Ec2Actions() {
    }

    public static ActionRegistry all() {
        return new ActionRegistry()
                .add(new InstanceActions()).add(new VolumeActions()).add(new NetworkInterfaceActions())
                .add(new AddressActions()).add(new ImageActions()).add(new KeyPairActions()).add(new TagActions())
                .add(new InstanceTypeActions()).add(new VpcActions()).add(new SubnetActions())
                .add(new SecurityGroupActions()).add(new RegionActions())
                .later(() -> List.of(new SnapshotActions(), new InstanceMetadataActions(), new SpotActions(),
                        new RoutingActions(), new EbsEncryptionActions(), new SnapshotAttributeActions(),
                        new ImageRegistryActions(), new FleetActions(), new SpotFleetActions(), new HostActions(),
                        new CapacityReservationActions(), new AccountSettingsActions(), new IdFormatActions(),
                        new FastSnapshotRestoreActions(), new InstanceSnapshotActions(),
                        new ReservedInstanceActions(), new ConsoleScreenshotActions(),
                        new InstanceTopologyActions(), new NatGatewayActions(), new LaunchTemplateActions(),
                        new NetworkAclActions(), new PlacementGroupActions(), new DhcpOptionsActions(),
                        new EgressOnlyInternetGatewayActions(), new VpcPeeringActions(), new VpcEndpointActions(),
                        new PrefixListActions(), new VolumeModificationActions(), new SnapshotCopyActions(),
                        new VpnGatewayActions(), new VpnConnectionActions(), new InstanceExtrasActions(),
                        new IamInstanceProfileActions(), new VolumeAttributeActions(), new TransitGatewayActions(),
                        new TransitGatewayAttachmentActions(), new TransitGatewayPeeringActions(),
                        new TransitGatewayRouteTableActions(), new VpcCidrActions(),
                        new NetworkInterfaceAttributeActions(), new DefaultVpcActions(), new CarrierGatewayActions(),
                        new FlowLogActions(), new SecurityGroupReferenceActions(), new ManagedPrefixListActions()));
    }
}
