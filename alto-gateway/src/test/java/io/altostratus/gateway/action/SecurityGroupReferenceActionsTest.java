package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** Group references across VPC peering, stale ones once the peering goes, and DeleteVpc's dependency checks. */
class SecurityGroupReferenceActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    @Test
    void referencesAcrossPeeringTurnStaleWhenThePeeringGoes() {
        String left = ec2().createVpc(r -> r.cidrBlock("10.90.0.0/16")).vpc().vpcId();
        String right = ec2().createVpc(r -> r.cidrBlock("10.91.0.0/16")).vpc().vpcId();
        String pcx = ec2().createVpcPeeringConnection(r -> r.vpcId(left).peerVpcId(right))
                .vpcPeeringConnection().vpcPeeringConnectionId();
        ec2().acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
        String target = ec2().createSecurityGroup(r -> r.vpcId(right).groupName("db").description("db")).groupId();
        String client = ec2().createSecurityGroup(r -> r.vpcId(left).groupName("app").description("app"))
                .groupId();
        ec2().authorizeSecurityGroupIngress(r -> r.groupId(client).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(5432).toPort(5432)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(target).build()).build()));

        var references = ec2().describeSecurityGroupReferences(r -> r.groupId(target)).securityGroupReferenceSet();
        assertThat(references).singleElement().satisfies(ref -> {
            assertThat(ref.groupId()).isEqualTo(target);
            assertThat(ref.referencingVpcId()).isEqualTo(left);
            assertThat(ref.vpcPeeringConnectionId()).isEqualTo(pcx);
        });
        assertThat(ec2().describeStaleSecurityGroups(r -> r.vpcId(left)).staleSecurityGroupSet()).isEmpty();

        ec2().deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
        assertThat(ec2().describeSecurityGroupReferences(r -> r.groupId(target)).securityGroupReferenceSet())
                .isEmpty();
        var stale = ec2().describeStaleSecurityGroups(r -> r.vpcId(left)).staleSecurityGroupSet();
        assertThat(stale).singleElement().satisfies(g -> {
            assertThat(g.groupId()).isEqualTo(client);
            assertThat(g.vpcId()).isEqualTo(left);
            assertThat(g.staleIpPermissions()).singleElement().satisfies(p -> {
                assertThat(p.fromPort()).isEqualTo(5432);
                assertThat(p.userIdGroupPairs()).singleElement().satisfies(pair -> {
                    assertThat(pair.groupId()).isEqualTo(target);
                    assertThat(pair.vpcId()).isEqualTo(right);
                    assertThat(pair.vpcPeeringConnectionId()).isEqualTo(pcx);
                    assertThat(pair.peeringStatus()).isEqualTo("deleted");
                });
            });
            assertThat(g.staleIpPermissionsEgress()).isEmpty();
        });

        ec2Error(() -> ec2().describeSecurityGroupReferences(r -> r.groupId("sg-0123456789abcdef0")),
                "InvalidGroup.NotFound");
        ec2Error(() -> ec2().describeStaleSecurityGroups(r -> r.vpcId("vpc-0123456789abcdef0")),
                "InvalidVpcID.NotFound");
    }

    @Test
    void deleteVpcNamesNatGatewaysAndEndpointsItStillHolds() {
        String vpcId = ec2().createVpc(r -> r.cidrBlock("10.92.0.0/16")).vpc().vpcId();
        String subnetId = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.92.1.0/24")).subnet().subnetId();
        String nat = ec2().createNatGateway(r -> r.subnetId(subnetId).connectivityType("private"))
                .natGateway().natGatewayId();
        ec2Error(() -> ec2().deleteSubnet(r -> r.subnetId(subnetId)), "DependencyViolation");
        ec2().deleteNatGateway(r -> r.natGatewayId(nat));
        ec2().deleteSubnet(r -> r.subnetId(subnetId));

        String eigw = ec2().createEgressOnlyInternetGateway(r -> r.vpcId(vpcId)).egressOnlyInternetGateway()
                .egressOnlyInternetGatewayId();
        var e = ec2Error(() -> ec2().deleteVpc(r -> r.vpcId(vpcId)), "DependencyViolation");
        assertThat(e.awsErrorDetails().errorMessage()).contains(eigw);
        ec2().deleteEgressOnlyInternetGateway(r -> r.egressOnlyInternetGatewayId(eigw));
        ec2().deleteVpc(r -> r.vpcId(vpcId));
    }
}
