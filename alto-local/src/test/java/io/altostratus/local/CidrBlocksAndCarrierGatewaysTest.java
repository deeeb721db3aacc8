package io.altostratus.local;

import static io.altostratus.local.TestClouds.ext;
import static io.altostratus.local.TestClouds.networks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.ec2.CarrierGateway;
import io.altostratus.core.ec2.CarrierGateways;
import io.altostratus.core.ec2.CidrBlockAssociation;
import io.altostratus.core.ec2.InterfaceAddresses;
import io.altostratus.core.ec2.NetworkInterfaceAttributes;
import io.altostratus.core.ec2.VpcCidrBlocks;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the gateway's harness (instant transitions) cannot show of CIDR blocks and carrier gateways: their timed
 * states, IPv6 blocks unique across accounts, and secondary blocks in a VPC's network record; and the atomicity of
 * address assignment.
 */
class CidrBlocksAndCarrierGatewaysTest {
    private final TestClouds clouds = new TestClouds().setting("transition_ms", "60000");
    private final LocalCloud cloud = clouds.open();

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    private String vpc(LocalCloud in, String cidr) {
        return networks(in).createNetwork(new NetworkSpec(null, cidr, Map.of())).id();
    }

    @Test
    void blocksAssociateOverTimeAndJoinTheNetworksBlocks() {
        String vpcId = vpc(cloud, "10.1.0.0/16");
        VpcCidrBlocks blocks = ext(cloud, VpcCidrBlocks.class);
        CidrBlockAssociation added = blocks.associateVpcCidrBlock(vpcId, "10.2.0.0/16", false);
        assertThat(added.state()).isEqualTo(CidrBlockAssociation.ASSOCIATING);
        assertThat(blocks.cidrBlockAssociations()).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(CidrBlockAssociation.ASSOCIATING));
        clouds.clock.advance(Duration.ofMinutes(1));
        assertThat(blocks.cidrBlockAssociations()).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(CidrBlockAssociation.ASSOCIATED));
        assertThat(networks(cloud).networks().stream().filter(n -> n.id().equals(vpcId)).findFirst().orElseThrow()
                .cidrs()).containsExactly("10.1.0.0/16", "10.2.0.0/16");
        networks(cloud).createSubnet(new SubnetSpec(vpcId, "10.2.1.0/24", null, null, false, Map.of()));

        // Five IPv4 blocks at most, the primary included.
        for (int i = 3; i <= 5; i++) {
            blocks.associateVpcCidrBlock(vpcId, "10." + i + ".0.0/16", false);
        }
        AltoException limit = catchThrowableOfType(AltoException.class,
                () -> blocks.associateVpcCidrBlock(vpcId, "10.6.0.0/16", false));
        assertThat(limit.providerCode()).isEqualTo("CidrLimitExceeded");

        CidrBlockAssociation going = blocks.disassociateVpcCidrBlock(blocks.cidrBlockAssociations().stream()
                .filter(a -> a.cidrBlock().equals("10.5.0.0/16")).findFirst().orElseThrow().id());
        assertThat(going.state()).isEqualTo(CidrBlockAssociation.DISASSOCIATING);
        assertThat(blocks.cidrBlockAssociations()).anySatisfy(a -> assertThat(a.state())
                .isEqualTo(CidrBlockAssociation.DISASSOCIATING));
        clouds.clock.advance(Duration.ofMinutes(1));
        assertThat(blocks.cidrBlockAssociations()).extracting(CidrBlockAssociation::cidrBlock)
                .containsExactlyInAnyOrder("10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16");
    }

    @Test
    void ipv6BlocksAreUniqueAcrossAccounts() {
        try (LocalCloud other = clouds.open(TestClouds.OTHER_ACCOUNT, "us-east-1")) {
            List<String> seen = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                LocalCloud in = i % 2 == 0 ? cloud : other;
                String vpcId = vpc(in, "10.9.0.0/16");
                seen.add(ext(in, VpcCidrBlocks.class).associateVpcCidrBlock(vpcId, null, true).cidrBlock());
            }
            assertThat(seen).doesNotHaveDuplicates().allSatisfy(b -> assertThat(b).startsWith("2600:1f18:"));
        }
    }

    @Test
    void refusedAssignmentsTakeNoAddress() {
        String vpcId = vpc(cloud, "10.1.0.0/16");
        var subnet = networks(cloud).createSubnet(new SubnetSpec(vpcId, "10.1.1.0/28", null, null, false, Map.of()));
        String eni = ext(cloud, io.altostratus.core.ext.NetworkInterfaces.class)
                .createNetworkInterface(new io.altostratus.core.spec.InterfaceSpec(subnet.id(), null,
                        List.of(), null, Map.of())).id();
        long free = networks(cloud).subnets().stream().filter(s -> s.id().equals(subnet.id())).findFirst()
                .orElseThrow().availableIps();
        NetworkInterfaceAttributes attributes = ext(cloud, NetworkInterfaceAttributes.class);
        AltoException full = catchThrowableOfType(AltoException.class,
                () -> attributes.assignPrivateIpAddresses(eni, List.of(), 20, false));
        assertThat(full.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
        assertThat(attributes.interfaceAddresses(eni)).isEqualTo(InterfaceAddresses.none(eni));
        assertThat(networks(cloud).subnets().stream().filter(s -> s.id().equals(subnet.id())).findFirst()
                .orElseThrow().availableIps()).isEqualTo(free);
    }

    @Test
    void carrierGatewaysSettleAndDeletedOnesFadeAfterAnHour() {
        String vpcId = vpc(cloud, "10.1.0.0/16");
        CarrierGateways gateways = ext(cloud, CarrierGateways.class);
        CarrierGateway made = gateways.createCarrierGateway(vpcId, Map.of("Name", "wl"));
        assertThat(gateways.carrierGateways()).singleElement()
                .satisfies(g -> assertThat(g.state()).isEqualTo(CarrierGateway.PENDING));
        clouds.clock.advance(Duration.ofMinutes(1));
        assertThat(gateways.carrierGateways()).singleElement()
                .satisfies(g -> assertThat(g.state()).isEqualTo(CarrierGateway.AVAILABLE));
        AltoException blocked = catchThrowableOfType(AltoException.class,
                () -> networks(cloud).deleteNetwork(vpcId, false));
        assertThat(blocked.code()).isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
        assertThat(blocked.getMessage()).contains(made.id());

        assertThat(gateways.deleteCarrierGateway(made.id()).state()).isEqualTo(CarrierGateway.DELETING);
        clouds.clock.advance(Duration.ofMinutes(1));
        assertThat(gateways.carrierGateways()).singleElement()
                .satisfies(g -> assertThat(g.state()).isEqualTo(CarrierGateway.DELETED));
        clouds.clock.advance(Duration.ofHours(2));
        assertThat(gateways.carrierGateways()).isEmpty();
        networks(cloud).deleteNetwork(vpcId, false);
    }
}
