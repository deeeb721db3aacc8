package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Custom network ACLs through the SDK: rules both ways, subnet associations moved and back, EC2's errors. */
class NetworkAclActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String vpcId;
    private String subnetId;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void network() {
        vpcId = ec2().createVpc(r -> r.cidrBlock("10.8.0.0/16")).vpc().vpcId();
        subnetId = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.8.1.0/24")).subnet().subnetId();
    }

    private NetworkAcl acl(String id) {
        return ec2().describeNetworkAcls(r -> r.networkAclIds(id)).networkAcls().get(0);
    }

    private NetworkAcl defaultAcl() {
        return ec2().describeNetworkAcls(r -> r.filters(filter("vpc-id", vpcId), filter("default", "true")))
                .networkAcls().get(0);
    }

    @Test
    void rulesOfACustomAcl() {
        NetworkAcl made = ec2().createNetworkAcl(r -> r.vpcId(vpcId)
                .tagSpecifications(tags(ResourceType.NETWORK_ACL, "Name", "private"))).networkAcl();
        String id = made.networkAclId();
        assertThat(made.isDefault()).isFalse();
        assertThat(made.entries()).extracting(NetworkAclEntry::ruleNumber).containsExactly(32767, 32767);

        ec2().createNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(100).protocol("tcp").ruleAction("allow")
                .egress(false).cidrBlock("10.0.0.0/8").portRange(p -> p.from(443).to(443)));
        ec2().createNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(100).protocol("-1").ruleAction("allow")
                .egress(true).cidrBlock("0.0.0.0/0"));
        NetworkAclEntry https = acl(id).entries().stream().filter(e -> !e.egress() && e.ruleNumber() == 100)
                .findFirst().orElseThrow();
        assertThat(https.protocol()).isEqualTo("6");
        assertThat(https.portRange().from()).isEqualTo(443);
        assertThat(https.ruleActionAsString()).isEqualTo("allow");
        ec2Error(() -> ec2().createNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(100).protocol("-1")
                .ruleAction("deny").egress(false).cidrBlock("0.0.0.0/0")), "NetworkAclEntryAlreadyExists");

        ec2().replaceNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(100).protocol("6").ruleAction("deny")
                .egress(false).cidrBlock("10.0.0.0/8").portRange(p -> p.from(22).to(22)));
        assertThat(acl(id).entries()).filteredOn(e -> !e.egress() && e.ruleNumber() == 100).singleElement()
                .satisfies(e -> {
                    assertThat(e.ruleActionAsString()).isEqualTo("deny");
                    assertThat(e.portRange().to()).isEqualTo(22);
                });
        assertThat(ec2().describeNetworkAcls(r -> r.filters(filter("entry.port-range.from", "22"))).networkAcls())
                .extracting(NetworkAcl::networkAclId).containsExactly(id);

        ec2().deleteNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(100).egress(false));
        ec2Error(() -> ec2().deleteNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(100).egress(false)),
                "InvalidNetworkAclEntry.NotFound");
        ec2Error(() -> ec2().replaceNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(5).protocol("-1")
                .ruleAction("allow").egress(false).cidrBlock("0.0.0.0/0")), "InvalidNetworkAclEntry.NotFound");
        ec2Error(() -> ec2().createNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(32767).protocol("-1")
                .ruleAction("allow").egress(false).cidrBlock("0.0.0.0/0")), "InvalidParameterValue");
        ec2Error(() -> ec2().createNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(7).protocol("tcp")
                .ruleAction("allow").egress(false).cidrBlock("0.0.0.0/0")), "MissingParameter");
        assertDryRun(() -> ec2().createNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(7).protocol("-1")
                .ruleAction("allow").egress(false).cidrBlock("0.0.0.0/0").dryRun(true)));
        assertThat(acl(id).entries()).hasSize(3);

        ec2().deleteNetworkAcl(r -> r.networkAclId(id));
        ec2Error(() -> ec2().describeNetworkAcls(r -> r.networkAclIds(id)), "InvalidNetworkAclID.NotFound");
    }

    @Test
    void subnetsMoveBetweenAclsAndHoldThem() {
        String id = ec2().createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        String original = defaultAcl().associations().stream().filter(a -> a.subnetId().equals(subnetId))
                .findFirst().orElseThrow().networkAclAssociationId();

        String moved = ec2().replaceNetworkAclAssociation(r -> r.associationId(original).networkAclId(id))
                .newAssociationId();
        assertThat(moved).matches("aclassoc-[0-9a-f]{17}").isNotEqualTo(original);
        assertThat(acl(id).associations()).singleElement()
                .satisfies(a -> assertThat(a.subnetId()).isEqualTo(subnetId));
        assertThat(defaultAcl().associations()).noneMatch(a -> a.subnetId().equals(subnetId));
        ec2Error(() -> ec2().deleteNetworkAcl(r -> r.networkAclId(id)), "DependencyViolation");
        ec2Error(() -> ec2().replaceNetworkAclAssociation(r -> r.associationId(original).networkAclId(id)),
                "InvalidAssociationID.NotFound");

        String back = ec2().replaceNetworkAclAssociation(r -> r.associationId(moved)
                .networkAclId(defaultAcl().networkAclId())).newAssociationId();
        assertThat(defaultAcl().associations()).anyMatch(a -> a.networkAclAssociationId().equals(back));
        ec2().deleteNetworkAcl(r -> r.networkAclId(id));
        ec2Error(() -> ec2().deleteNetworkAcl(r -> r.networkAclId(defaultAcl().networkAclId())),
                "InvalidParameterValue");
        ec2Error(() -> ec2().createNetworkAcl(r -> r.vpcId("vpc-0123456789abcdef0")), "InvalidVpcID.NotFound");
        assertThat(gw.otherAccount().describeNetworkAcls(r -> r.filters(filter("vpc-id", vpcId))).networkAcls())
                .isEmpty();
    }
}
