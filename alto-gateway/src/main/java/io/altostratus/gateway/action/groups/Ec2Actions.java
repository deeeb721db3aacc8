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
                .add(new NatGatewayActions()).add(new LaunchTemplateActions()).add(new NetworkAclActions())
                .add(new PlacementGroupActions())
                .add(new DhcpOptionsActions()).add(new EgressOnlyInternetGatewayActions())
                .add(new VpcPeeringActions()).add(new VpcEndpointActions()).add(new PrefixListActions())
                .add(new VolumeModificationActions()).add(new SnapshotCopyActions())
                .add(new ManagedPrefixListActions());
    }
}
