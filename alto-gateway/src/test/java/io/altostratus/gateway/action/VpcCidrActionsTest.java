package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;

/** Secondary IPv4 blocks, Amazon-provided IPv6 /56 blocks and subnet /64 blocks through the SDK. */
class VpcCidrActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private Vpc vpc(String id) {
        return ec2().describeVpcs(r -> r.vpcIds(id)).vpcs().get(0);
    }

    private List<String> vpcIds(Filter... filters) {
        return ec2().describeVpcs(r -> r.filters(filters)).vpcs().stream().map(Vpc::vpcId).toList();
    }

    /**
     * The {@code index}th /64 of a /56, in canonical text (as the gateway writes blocks): the /56's first seven
     * bytes and {@code index} in the eighth.
     */
    static String slash64(String slash56, int index) {
        try {
            byte[] bytes = InetAddress.getByName(slash56.substring(0, slash56.indexOf('/'))).getAddress();
            bytes[7] = (byte) (bytes[7] | index);
            int[] groups = new int[8];
            for (int i = 0; i < 8; i++) {
                groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
            }
            // The last four groups are zero, so the canonical form ends with "::" after the first four.
            StringBuilder text = new StringBuilder();
            int last = 3;
            while (last > 0 && groups[last] == 0) {
                last--;
            }
            for (int i = 0; i <= last; i++) {
                text.append(i == 0 ? "" : ":").append(Integer.toHexString(groups[i]));
            }
            return text + "::/64";
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void secondaryIpv4BlocksHoldSubnetsAndCannotGoWhileUsed() {
        String vpcId = ec2().createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        var added = ec2().associateVpcCidrBlock(r -> r.vpcId(vpcId).cidrBlock("10.21.0.0/16"));
        assertThat(added.vpcId()).isEqualTo(vpcId);
        VpcCidrBlockAssociation association = added.cidrBlockAssociation();
        assertThat(association.associationId()).matches("vpc-cidr-assoc-[0-9a-f]{17}");
        assertThat(association.cidrBlock()).isEqualTo("10.21.0.0/16");
        assertThat(association.cidrBlockState().stateAsString()).isEqualTo("associating");

        Vpc described = vpc(vpcId);
        assertThat(described.cidrBlock()).isEqualTo("10.20.0.0/16");
        assertThat(described.cidrBlockAssociationSet()).extracting(VpcCidrBlockAssociation::cidrBlock)
                .containsExactly("10.20.0.0/16", "10.21.0.0/16");
        assertThat(described.cidrBlockAssociationSet().get(1).cidrBlockState().stateAsString())
                .isEqualTo("associated");
        assertThat(vpcIds(filter("cidr-block-association.cidr-block", "10.21.0.0/16"))).containsExactly(vpcId);
        assertThat(vpcIds(filter("cidr-block-association.association-id", association.associationId())))
                .containsExactly(vpcId);

        // Every route table of the VPC routes the new block locally.
        assertThat(ec2().describeRouteTables(r -> r.filters(filter("vpc-id", vpcId))).routeTables())
                .allSatisfy(t -> assertThat(t.routes()).anySatisfy(route -> {
                    assertThat(route.destinationCidrBlock()).isEqualTo("10.21.0.0/16");
                    assertThat(route.gatewayId()).isEqualTo("local");
                }));

        // A subnet may now live in the secondary block, and keeps it from going.
        String subnetId = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.21.3.0/24")).subnet().subnetId();
        ec2Error(() -> ec2().disassociateVpcCidrBlock(r -> r.associationId(association.associationId())),
                "DependencyViolation");
        ec2Error(() -> ec2().associateVpcCidrBlock(r -> r.vpcId(vpcId).cidrBlock("10.21.128.0/17")),
                "InvalidVpc.Range");
        String primary = described.cidrBlockAssociationSet().get(0).associationId();
        ec2Error(() -> ec2().disassociateVpcCidrBlock(r -> r.associationId(primary)), "OperationNotPermitted");

        ec2().deleteSubnet(r -> r.subnetId(subnetId));
        var gone = ec2().disassociateVpcCidrBlock(r -> r.associationId(association.associationId()));
        assertThat(gone.cidrBlockAssociation().cidrBlockState().stateAsString()).isEqualTo("disassociating");
        assertThat(vpc(vpcId).cidrBlockAssociationSet()).hasSize(1);
        ec2Error(() -> ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.21.3.0/24")), "InvalidSubnet.Range");
        ec2Error(() -> ec2().disassociateVpcCidrBlock(r -> r.associationId(association.associationId())),
                "InvalidVpcCidrBlockAssociationID.NotFound");
        ec2Error(() -> ec2().disassociateVpcCidrBlock(r -> r.associationId("vpc-cidr-assoc-nothex")),
                "InvalidVpcCidrBlockAssociationID.Malformed");
    }

    @Test
    void amazonProvidedIpv6BlocksAreSlash56AndUniquePerVpc() {
        String first = ec2().createVpc(r -> r.cidrBlock("10.30.0.0/16").amazonProvidedIpv6CidrBlock(true))
                .vpc().vpcId();
        String second = ec2().createVpc(r -> r.cidrBlock("10.31.0.0/16")).vpc().vpcId();
        var v6 = ec2().associateVpcCidrBlock(r -> r.vpcId(second).amazonProvidedIpv6CidrBlock(true))
                .ipv6CidrBlockAssociation();
        assertThat(v6.ipv6CidrBlock()).matches("2600:1f18:[0-9a-f:]+/56");
        assertThat(v6.ipv6Pool()).isEqualTo("Amazon");
        assertThat(v6.networkBorderGroup()).isEqualTo("us-east-1");
        ec2Error(() -> ec2().associateVpcCidrBlock(r -> r.vpcId(second).amazonProvidedIpv6CidrBlock(true)),
                "CidrLimitExceeded");

        VpcIpv6CidrBlockAssociation firstBlock = vpc(first).ipv6CidrBlockAssociationSet().get(0);
        assertThat(firstBlock.ipv6CidrBlockState().stateAsString()).isEqualTo("associated");
        assertThat(firstBlock.ipv6CidrBlock()).endsWith("/56").isNotEqualTo(v6.ipv6CidrBlock());
        assertThat(vpcIds(filter("ipv6-cidr-block-association.ipv6-cidr-block", v6.ipv6CidrBlock())))
                .containsExactly(second);
        assertThat(vpcIds(filter("ipv6-cidr-block-association.state", "associated")))
                .containsExactlyInAnyOrder(first, second);

        // A subnet takes a /64 of its VPC's /56, once, and one outside it is refused.
        String subnetId = ec2().createSubnet(r -> r.vpcId(second).cidrBlock("10.31.1.0/24")).subnet().subnetId();
        String block64 = slash64(v6.ipv6CidrBlock(), 1);
        var made = ec2().associateSubnetCidrBlock(r -> r.subnetId(subnetId).ipv6CidrBlock(block64));
        assertThat(made.subnetId()).isEqualTo(subnetId);
        assertThat(made.ipv6CidrBlockAssociation().associationId()).matches("subnet-cidr-assoc-[0-9a-f]{17}");
        assertThat(made.ipv6CidrBlockAssociation().ipv6CidrBlock()).isEqualTo(block64);
        ec2Error(() -> ec2().associateSubnetCidrBlock(r -> r.subnetId(subnetId)
                .ipv6CidrBlock(slash64(firstBlock.ipv6CidrBlock(), 0))), "InvalidSubnet.Range");

        Subnet subnet = ec2().describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0);
        assertThat(subnet.ipv6CidrBlockAssociationSet()).singleElement().satisfies(a -> {
            assertThat(a.ipv6CidrBlock()).isEqualTo(block64);
            assertThat(a.ipv6CidrBlockState().stateAsString()).isEqualTo("associated");
        });
        assertThat(ec2().describeSubnets(r -> r.filters(filter("ipv6-cidr-block-association.ipv6-cidr-block",
                block64))).subnets()).extracting(Subnet::subnetId).containsExactly(subnetId);

        // The subnet's /64 keeps the VPC's /56; AssignIpv6AddressOnCreation shows and needs the block.
        ec2Error(() -> ec2().disassociateVpcCidrBlock(r -> r.associationId(v6.associationId())),
                "DependencyViolation");
        ec2().modifySubnetAttribute(r -> r.subnetId(subnetId).assignIpv6AddressOnCreation(b -> b.value(true)));
        assertThat(ec2().describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0).assignIpv6AddressOnCreation())
                .isTrue();
        String plain = ec2().createSubnet(r -> r.vpcId(second).cidrBlock("10.31.2.0/24")).subnet().subnetId();
        ec2Error(() -> ec2().modifySubnetAttribute(r -> r.subnetId(plain)
                .assignIpv6AddressOnCreation(b -> b.value(true))), "InvalidParameterValue");

        ec2().disassociateSubnetCidrBlock(r -> r.associationId(made.ipv6CidrBlockAssociation().associationId()));
        Subnet after = ec2().describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0);
        assertThat(after.ipv6CidrBlockAssociationSet()).isEmpty();
        assertThat(after.assignIpv6AddressOnCreation()).isFalse();
        ec2().disassociateVpcCidrBlock(r -> r.associationId(v6.associationId()));
        assertThat(vpc(second).ipv6CidrBlockAssociationSet()).isEmpty();
    }

    @Test
    void createSubnetTakesAnIpv6BlockAtOnce() {
        var vpc = ec2().createVpc(r -> r.cidrBlock("10.40.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc();
        String v56 = vpc(vpc.vpcId()).ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock();
        String v64 = slash64(v56, 0);
        Subnet subnet = ec2().createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.40.1.0/24").ipv6CidrBlock(v64))
                .subnet();
        assertThat(subnet.ipv6CidrBlockAssociationSet()).extracting(a -> a.ipv6CidrBlock()).containsExactly(v64);
        // A second subnet asking for the same /64 is refused and leaves no subnet behind.
        ec2Error(() -> ec2().createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.40.2.0/24").ipv6CidrBlock(v64)),
                "InvalidSubnet.Conflict");
        assertThat(ec2().describeSubnets(r -> r.filters(filter("vpc-id", vpc.vpcId()))).subnets()).hasSize(1);
    }
}
