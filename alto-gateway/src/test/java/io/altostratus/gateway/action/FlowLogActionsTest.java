package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Flow logs through the SDK: made per resource, described with filters and paging, deleted, gone with the VPC. */
class FlowLogActionsTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/flow-logs";
    private static final String BUCKET = "arn:aws:s3:::alto-flow-logs";

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private List<String> ids(Filter... filters) {
        return ec2().describeFlowLogs(r -> r.filter(filters)).flowLogs().stream().map(FlowLog::flowLogId).toList();
    }

    @Test
    void flowLogsAreKeptPerResourceAndGoWithTheirVpc() {
        String vpcId = ec2().createVpc(r -> r.cidrBlock("10.80.0.0/16")).vpc().vpcId();
        String subnetId = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.80.1.0/24")).subnet().subnetId();
        CreateFlowLogsResponse made = ec2().createFlowLogs(r -> r.resourceType("VPC").resourceIds(vpcId,
                        "vpc-0123456789abcdef0").trafficType("ALL").logGroupName("vpc-logs")
                .deliverLogsPermissionArn(ROLE)
                .tagSpecifications(tags(ResourceType.VPC_FLOW_LOG, "team", "net")));
        assertThat(made.flowLogIds()).singleElement().satisfies(id -> assertThat(id).matches("fl-[0-9a-f]{17}"));
        assertThat(made.unsuccessful()).singleElement().satisfies(u -> {
            assertThat(u.resourceId()).isEqualTo("vpc-0123456789abcdef0");
            assertThat(u.error().code()).isEqualTo("InvalidVpcID.NotFound");
        });
        String vpcLog = made.flowLogIds().get(0);
        String subnetLog = ec2().createFlowLogs(r -> r.resourceType("Subnet").resourceIds(subnetId)
                .trafficType("REJECT").logDestinationType("s3").logDestination(BUCKET)
                .maxAggregationInterval(60)).flowLogIds().get(0);
        // The same log twice is refused for that resource.
        assertThat(ec2().createFlowLogs(r -> r.resourceType("Subnet").resourceIds(subnetId).trafficType("REJECT")
                .logDestinationType("s3").logDestination(BUCKET)).unsuccessful())
                .singleElement().satisfies(u -> assertThat(u.error().code()).isEqualTo("FlowLogAlreadyExists"));

        FlowLog described = ec2().describeFlowLogs(r -> r.flowLogIds(vpcLog)).flowLogs().get(0);
        assertThat(described.resourceId()).isEqualTo(vpcId);
        assertThat(described.trafficTypeAsString()).isEqualTo("ALL");
        assertThat(described.logDestinationTypeAsString()).isEqualTo("cloud-watch-logs");
        assertThat(described.logGroupName()).isEqualTo("vpc-logs");
        assertThat(described.flowLogStatus()).isEqualTo("ACTIVE");
        assertThat(described.maxAggregationInterval()).isEqualTo(600);
        assertThat(described.logFormat()).startsWith("${version} ${account-id}");
        assertThat(described.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("net"));

        assertThat(ids(filter("resource-id", subnetId))).containsExactly(subnetLog);
        assertThat(ids(filter("traffic-type", "ALL"))).containsExactly(vpcLog);
        assertThat(ids(filter("log-destination-type", "s3"))).containsExactly(subnetLog);
        assertThat(ids(filter("tag:team", "net"))).containsExactly(vpcLog);
        var page = ec2().describeFlowLogs(r -> r.maxResults(1));
        assertThat(page.flowLogs()).hasSize(1);
        assertThat(ec2().describeFlowLogs(r -> r.maxResults(1).nextToken(page.nextToken())).flowLogs())
                .hasSize(1).doesNotContainAnyElementsOf(page.flowLogs());
        ec2Error(() -> ec2().describeFlowLogs(r -> r.filter(filter("vpc-id", vpcId))), "InvalidParameterValue");

        ec2Error(() -> ec2().createFlowLogs(r -> r.resourceType("VPC").resourceIds(vpcId).trafficType("ALL")
                .logGroupName("x")), "InvalidParameterValue");
        ec2Error(() -> ec2().createFlowLogs(r -> r.resourceType("VPC").resourceIds(vpcId).trafficType("ALL")
                .logDestinationType("s3")), "MissingParameter");
        assertDryRun(() -> ec2().deleteFlowLogs(r -> r.flowLogIds(subnetLog).dryRun(true)));

        assertThat(ec2().deleteFlowLogs(r -> r.flowLogIds(subnetLog, "fl-0123456789abcdef0")).unsuccessful())
                .singleElement().satisfies(u -> assertThat(u.error().code()).isEqualTo("InvalidFlowLogId.NotFound"));
        ec2().deleteSubnet(r -> r.subnetId(subnetId));
        ec2().deleteVpc(r -> r.vpcId(vpcId));
        assertThat(ec2().describeFlowLogs(r -> { }).flowLogs()).isEmpty();
    }
}
