package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;

/** IAM instance profile associations through the SDK: associate, describe, replace, disassociate, and errors. */
class IamInstanceProfileActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    @Test
    void associateReplaceAndDisassociate() {
        String id = gw.launch("us-east-1a").id();
        IamInstanceProfileAssociation made = ec2().associateIamInstanceProfile(r -> r.instanceId(id)
                .iamInstanceProfile(p -> p.name("web-role"))).iamInstanceProfileAssociation();
        assertThat(made.associationId()).matches("iip-assoc-[0-9a-f]{17}");
        assertThat(made.instanceId()).isEqualTo(id);
        assertThat(made.stateAsString()).isEqualTo("associating");
        assertThat(made.iamInstanceProfile().arn()).isEqualTo("arn:aws:iam::" + gw.account()
                + ":instance-profile/web-role");
        assertThat(made.iamInstanceProfile().id()).matches("AIPA[A-Z2-7]{17}");
        // One live association per instance.
        ec2Error(() -> ec2().associateIamInstanceProfile(r -> r.instanceId(id)
                .iamInstanceProfile(p -> p.name("other"))), "IncorrectState");

        var described = ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
        assertThat(described.iamInstanceProfile().arn()).isEqualTo(made.iamInstanceProfile().arn());
        // DescribeInstances filters on the profile, as EC2's iam-instance-profile.arn does.
        assertThat(ec2().describeInstances(r -> r.filters(filter("iam-instance-profile.arn",
                made.iamInstanceProfile().arn()))).reservations()).flatExtracting(res -> res.instances())
                .extracting(i -> i.instanceId()).containsExactly(id);
        assertThat(ec2().describeInstances(r -> r.filters(filter("iam-instance-profile.arn",
                "arn:aws:iam::" + gw.account() + ":instance-profile/nobody"))).reservations()).isEmpty();
        assertThat(ec2().describeIamInstanceProfileAssociations(r -> r.associationIds(made.associationId()))
                .iamInstanceProfileAssociations().get(0).stateAsString()).isEqualTo("associated");

        String arn = "arn:aws:iam::" + gw.account() + ":instance-profile/batch";
        IamInstanceProfileAssociation replaced = ec2().replaceIamInstanceProfileAssociation(r -> r
                .associationId(made.associationId()).iamInstanceProfile(p -> p.arn(arn)))
                .iamInstanceProfileAssociation();
        assertThat(replaced.associationId()).isNotEqualTo(made.associationId());
        assertThat(replaced.iamInstanceProfile().arn()).isEqualTo(arn);
        assertThat(ec2().describeIamInstanceProfileAssociations(r -> r.filters(filter("instance-id", id),
                filter("state", "associated"))).iamInstanceProfileAssociations())
                .extracting(IamInstanceProfileAssociation::associationId).containsExactly(replaced.associationId());

        IamInstanceProfileAssociation ended = ec2().disassociateIamInstanceProfile(r -> r
                .associationId(replaced.associationId())).iamInstanceProfileAssociation();
        assertThat(ended.stateAsString()).isEqualTo("disassociating");
        assertThat(ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                .iamInstanceProfile()).isNull();
        ec2Error(() -> ec2().disassociateIamInstanceProfile(r -> r.associationId(replaced.associationId())),
                "InvalidAssociationID.NotFound");
    }

    @Test
    void pagingAndErrors() {
        for (int i = 0; i < 6; i++) {
            String id = gw.launch("us-east-1b").id();
            int n = i;
            ec2().associateIamInstanceProfile(r -> r.instanceId(id).iamInstanceProfile(p -> p.name("role-" + n)));
        }
        DescribeIamInstanceProfileAssociationsResponse first = ec2().describeIamInstanceProfileAssociations(r -> r
                .maxResults(5));
        assertThat(first.iamInstanceProfileAssociations()).hasSize(5);
        assertThat(first.nextToken()).isNotNull();
        assertThat(ec2().describeIamInstanceProfileAssociations(r -> r.maxResults(5).nextToken(first.nextToken()))
                .iamInstanceProfileAssociations()).hasSize(1);

        ec2Error(() -> ec2().describeIamInstanceProfileAssociations(r -> r.associationIds("iip-assoc-bogus")),
                "InvalidAssociationID.Malformed");
        ec2Error(() -> ec2().describeIamInstanceProfileAssociations(r -> r
                .associationIds("iip-assoc-0123456789abcdef0")), "InvalidAssociationID.NotFound");
        ec2Error(() -> ec2().describeIamInstanceProfileAssociations(r -> r.filters(filter("bogus", "x"))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().associateIamInstanceProfile(r -> r.instanceId("i-0123456789abcdef0")
                .iamInstanceProfile(p -> p.name("x"))), "InvalidInstanceID.NotFound");
        String id = gw.launch("us-east-1a").id();
        ec2Error(() -> ec2().associateIamInstanceProfile(r -> r.instanceId(id)
                .iamInstanceProfile(p -> p.arn("not-an-arn"))), "InvalidParameterValue");
        ec2Error(() -> ec2().associateIamInstanceProfile(r -> r.instanceId(id)), "MissingParameter");
        assertThat(gw.otherAccount().describeIamInstanceProfileAssociations().iamInstanceProfileAssociations())
                .isEmpty();
    }
}
