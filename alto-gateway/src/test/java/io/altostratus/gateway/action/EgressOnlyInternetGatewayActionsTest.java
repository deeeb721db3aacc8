package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Egress-only internet gateways through the SDK: attached at creation, tags, paging, delete, errors. */
class EgressOnlyInternetGatewayActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String vpcId;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void vpc() {
        vpcId = ec2().createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
    }

    private EgressOnlyInternetGateway create(String name) {
        return ec2().createEgressOnlyInternetGateway(r -> r.vpcId(vpcId).clientToken("t-" + name)
                .tagSpecifications(tags(ResourceType.EGRESS_ONLY_INTERNET_GATEWAY, "Name", name)))
                .egressOnlyInternetGateway();
    }

    @Test
    void madeAttachedListedAndDeleted() {
        EgressOnlyInternetGateway made = create("e1");
        assertThat(made.egressOnlyInternetGatewayId()).matches("eigw-[0-9a-f]{17}");
        assertThat(made.attachments()).singleElement().satisfies(a -> {
            assertThat(a.vpcId()).isEqualTo(vpcId);
            assertThat(a.stateAsString()).isEqualTo("attached");
        });
        String id = made.egressOnlyInternetGatewayId();
        EgressOnlyInternetGateway read = ec2().describeEgressOnlyInternetGateways(r -> r
                .egressOnlyInternetGatewayIds(id)).egressOnlyInternetGateways().get(0);
        assertThat(read.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("e1"));
        assertThat(read.attachments().get(0).vpcId()).isEqualTo(vpcId);

        assertThat(ec2().deleteEgressOnlyInternetGateway(r -> r.egressOnlyInternetGatewayId(id)).returnCode())
                .isTrue();
        ec2Error(() -> ec2().describeEgressOnlyInternetGateways(r -> r.egressOnlyInternetGatewayIds(id)),
                "InvalidEgressOnlyInternetGatewayId.NotFound");
        ec2Error(() -> ec2().deleteEgressOnlyInternetGateway(r -> r.egressOnlyInternetGatewayId(id)),
                "InvalidEgressOnlyInternetGatewayId.NotFound");
    }

    @Test
    void filtersPagingTagsAndErrors() {
        List<String> made = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(create("e" + i).egressOnlyInternetGatewayId());
        }
        assertThat(ids(filter("tag:Name", "e3"))).containsExactly(made.get(3));
        ec2().createTags(r -> r.resources(made.get(5)).tags(t -> t.key("v6").value("yes")));
        assertThat(ids(filter("tag-key", "v6"))).containsExactly(made.get(5));
        assertThat(ec2().describeTags(r -> r.filters(filter("resource-type", "egress-only-internet-gateway"),
                filter("key", "v6"))).tags()).singleElement()
                .satisfies(t -> assertThat(t.resourceId()).isEqualTo(made.get(5)));

        DescribeEgressOnlyInternetGatewaysResponse first = ec2().describeEgressOnlyInternetGateways(r -> r
                .maxResults(5));
        assertThat(first.egressOnlyInternetGateways()).hasSize(5);
        assertThat(first.nextToken()).isNotNull();
        DescribeEgressOnlyInternetGatewaysResponse second = ec2().describeEgressOnlyInternetGateways(r -> r
                .maxResults(5).nextToken(first.nextToken()));
        assertThat(second.egressOnlyInternetGateways()).hasSize(2);
        assertThat(second.nextToken()).isNull();

        ec2Error(() -> ec2().createEgressOnlyInternetGateway(r -> r.vpcId("vpc-0123456789abcdef0")),
                "InvalidVpcID.NotFound");
        ec2Error(() -> ec2().describeEgressOnlyInternetGateways(r -> r.egressOnlyInternetGatewayIds("igw-1234abcd")),
                "InvalidEgressOnlyInternetGatewayId.Malformed");
        ec2Error(() -> ec2().describeEgressOnlyInternetGateways(r -> r.filters(filter("colour", "x"))),
                "InvalidParameterValue");
        assertDryRun(() -> ec2().createEgressOnlyInternetGateway(r -> r.vpcId(vpcId).dryRun(true)));
        assertDryRun(() -> ec2().describeEgressOnlyInternetGateways(r -> r.dryRun(true)));
        assertDryRun(() -> ec2().deleteEgressOnlyInternetGateway(r -> r.egressOnlyInternetGatewayId(made.get(0))
                .dryRun(true)));
        assertThat(ids()).hasSize(7);
        assertThat(gw.otherAccount().describeEgressOnlyInternetGateways().egressOnlyInternetGateways()).isEmpty();
    }

    private List<String> ids(Filter... filters) {
        return ec2().describeEgressOnlyInternetGateways(r -> r.filters(filters)).egressOnlyInternetGateways()
                .stream().map(EgressOnlyInternetGateway::egressOnlyInternetGatewayId).toList();
    }
}
