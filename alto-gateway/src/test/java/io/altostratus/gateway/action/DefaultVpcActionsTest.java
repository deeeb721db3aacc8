package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** CreateDefaultVpc, CreateDefaultSubnet and ModifyVpcTenancy through the SDK. */
class DefaultVpcActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private Vpc defaultVpc() {
        return ec2().describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().stream().findFirst()
                .orElse(null);
    }

    @Test
    void defaultSubnetsAndTheDefaultVpcComeBackAfterDeletion() {
        Vpc vpc = defaultVpc();
        assertThat(vpc).isNotNull();
        ec2Error(() -> ec2().createDefaultVpc(r -> { }), "DefaultVpcAlreadyExists");
        Subnet inA = ec2().describeSubnets(r -> r.filters(filter("vpc-id", vpc.vpcId()),
                filter("availability-zone", "us-east-1a"))).subnets().get(0);
        ec2Error(() -> ec2().createDefaultSubnet(r -> r.availabilityZone("us-east-1a")),
                "DefaultSubnetAlreadyInAvailabilityZone");

        ec2().deleteSubnet(r -> r.subnetId(inA.subnetId()));
        assertDryRun(() -> ec2().createDefaultSubnet(r -> r.availabilityZone("us-east-1a").dryRun(true)));
        Subnet again = ec2().createDefaultSubnet(r -> r.availabilityZone("us-east-1a")).subnet();
        assertThat(again.subnetId()).isNotEqualTo(inA.subnetId());
        assertThat(again.cidrBlock()).isEqualTo(inA.cidrBlock());
        assertThat(again.defaultForAz()).isTrue();
        assertThat(again.mapPublicIpOnLaunch()).isTrue();
        ec2Error(() -> ec2().createDefaultSubnet(r -> r.availabilityZone("us-east-9z")), "InvalidParameterValue");

        // Take the default VPC apart as EC2 asks: subnets, then the gateway, then the VPC.
        for (Subnet s : ec2().describeSubnets(r -> r.filters(filter("vpc-id", vpc.vpcId()))).subnets()) {
            ec2().deleteSubnet(r -> r.subnetId(s.subnetId()));
        }
        for (var igw : ec2().describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", vpc.vpcId())))
                .internetGateways()) {
            ec2().detachInternetGateway(r -> r.internetGatewayId(igw.internetGatewayId()).vpcId(vpc.vpcId()));
            ec2().deleteInternetGateway(r -> r.internetGatewayId(igw.internetGatewayId()));
        }
        ec2().deleteVpc(r -> r.vpcId(vpc.vpcId()));
        assertThat(defaultVpc()).isNull();
        ec2Error(() -> ec2().createDefaultSubnet(r -> r.availabilityZone("us-east-1a")), "DefaultVpcDoesNotExist");

        Vpc made = ec2().createDefaultVpc(r -> { }).vpc();
        assertThat(made.isDefault()).isTrue();
        assertThat(made.cidrBlock()).isEqualTo("172.31.0.0/16");
        assertThat(defaultVpc().vpcId()).isEqualTo(made.vpcId());
        assertThat(ec2().describeSubnets(r -> r.filters(filter("vpc-id", made.vpcId()),
                filter("default-for-az", "true"))).subnets()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ec2().describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", made.vpcId())))
                .internetGateways()).hasSize(1);
    }

    @Test
    void modifyVpcTenancyAcceptsOnlyDefault() {
        String vpcId = ec2().createVpc(r -> r.cidrBlock("10.60.0.0/16")).vpc().vpcId();
        assertThat(ec2().modifyVpcTenancy(r -> r.vpcId(vpcId).instanceTenancy("default")).returnValue()).isTrue();
        ec2Error(() -> ec2().modifyVpcTenancy(r -> r.vpcId(vpcId).instanceTenancy("dedicated")),
                "InvalidParameterValue");
        ec2Error(() -> ec2().modifyVpcTenancy(r -> r.vpcId("vpc-0123456789abcdef0").instanceTenancy("default")),
                "InvalidVpcID.NotFound");
        assertDryRun(() -> ec2().modifyVpcTenancy(r -> r.vpcId(vpcId).instanceTenancy("default").dryRun(true)));
    }
}
