package io.altostratus.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Network;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockState;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockStateCode;

class Ec2ConvertTest {
    private static VpcCidrBlockAssociation block(String cidr, VpcCidrBlockStateCode state) {
        return VpcCidrBlockAssociation.builder().cidrBlock(cidr)
                .cidrBlockState(VpcCidrBlockState.builder().state(state).build()).build();
    }

    @Test
    void aNetworksBlocksAreItsLiveAssociationsWithThePrimaryFirst() {
        Vpc vpc = Vpc.builder().vpcId("vpc-0123456789abcdef0").cidrBlock("10.0.0.0/16").cidrBlockAssociationSet(
                block("10.1.0.0/16", VpcCidrBlockStateCode.ASSOCIATED),
                block("10.0.0.0/16", VpcCidrBlockStateCode.ASSOCIATED),
                block("10.2.0.0/16", VpcCidrBlockStateCode.DISASSOCIATED),
                block("10.3.0.0/16", VpcCidrBlockStateCode.ASSOCIATING)).build();

        Network network = Ec2Convert.network(vpc, "us-east-1", true, false);

        assertThat(network.cidrs()).containsExactly("10.0.0.0/16", "10.1.0.0/16", "10.3.0.0/16");
        assertThat(network.cidr()).isEqualTo("10.0.0.0/16");
    }

    @Test
    void aVpcDescribedWithoutItsAssociationsHasItsPrimaryBlock() {
        Network network = Ec2Convert.network(Vpc.builder().vpcId("vpc-0123456789abcdef0").cidrBlock("172.31.0.0/16")
                .build(), "us-east-1", true, true);
        assertThat(network.cidrs()).containsExactly("172.31.0.0/16");
    }

    @Test
    void ec2StateNamesMapOntoPortableStatesAndKeepTheirOwnWordWhereItDiffers() {
        assertThat(Ec2Convert.state("running")).isEqualTo(InstanceState.RUNNING);
        assertThat(Ec2Convert.rawState("running")).isNull();
        assertThat(Ec2Convert.state("shutting-down")).isEqualTo(InstanceState.TERMINATING);
        assertThat(Ec2Convert.rawState("shutting-down")).isEqualTo("shutting-down");
        assertThat(Ec2Convert.state("hibernated")).isEqualTo(InstanceState.ERROR);
        assertThat(Ec2Convert.rawState("hibernated")).isEqualTo("hibernated");
        assertThat(Ec2Convert.state(null)).isEqualTo(InstanceState.ERROR);
        assertThat(Ec2Convert.rawState(null)).isNull();
    }
}
