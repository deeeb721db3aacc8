package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.invalid;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.FlowLog;
import io.altostratus.core.ec2.FlowLogs;
import io.altostratus.core.error.AltoException;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsRequest;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteFlowLogsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFlowLogsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItemError;

/**
 * Flow logs of VPCs, subnets and interfaces: kept and described, never delivered (their delivery status reads
 * {@code SUCCESS}, as a working log's does). A resource EC2 cannot make a flow log for is reported in the answer's
 * {@code unsuccessful} list, as EC2 does, not as an error of the whole call.
 */
public final class FlowLogActions implements ActionGroup {
    private static final Set<String> TRAFFIC_TYPES = Set.of("ACCEPT", "REJECT", "ALL");
    private static final Set<String> DESTINATION_TYPES = Set.of("cloud-watch-logs", "s3", "kinesis-data-firehose");

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.FlowLog> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.FlowLog>builder()
                    .field("deliver-log-status", software.amazon.awssdk.services.ec2.model.FlowLog::deliverLogsStatus)
                    .field("log-destination-type",
                            software.amazon.awssdk.services.ec2.model.FlowLog::logDestinationTypeAsString)
                    .field("flow-log-id", software.amazon.awssdk.services.ec2.model.FlowLog::flowLogId)
                    .field("log-group-name", software.amazon.awssdk.services.ec2.model.FlowLog::logGroupName)
                    .field("resource-id", software.amazon.awssdk.services.ec2.model.FlowLog::resourceId)
                    .field("traffic-type", software.amazon.awssdk.services.ec2.model.FlowLog::trafficTypeAsString)
                    .tags(f -> SdkTags.fromSdk(f.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateFlowLogsRequest.class, this::create)
                .on(DescribeFlowLogsRequest.class, this::describe)
                .on(DeleteFlowLogsRequest.class, this::delete);
    }

    CreateFlowLogsResponse create(ActionContext ctx, CreateFlowLogsRequest request) {
        if (!request.hasResourceIds() || request.resourceIds().isEmpty()) {
            throw missing("ResourceId");
        }
        if (request.resourceType() == null) {
            throw missing("ResourceType");
        }
        String resourceType = request.resourceTypeAsString();
        Ec2IdKind kind = switch (resourceType) {
            case "VPC" -> Ec2IdKind.VPC;
            case "Subnet" -> Ec2IdKind.SUBNET;
            case "NetworkInterface" -> Ec2IdKind.NETWORK_INTERFACE;
            default -> throw Checks.unsupportedByBackend("Flow logs of " + resourceType + " resources");
        };
        String traffic = request.trafficTypeAsString();
        if (traffic == null) {
            throw missing("TrafficType");
        }
        if (!TRAFFIC_TYPES.contains(traffic)) {
            throw invalid("Value (" + traffic + ") for parameter TrafficType is invalid. Valid values: ACCEPT, "
                    + "REJECT, ALL");
        }
        String destinationType = request.logDestinationType() == null ? "cloud-watch-logs"
                : request.logDestinationTypeAsString();
        if (!DESTINATION_TYPES.contains(destinationType)) {
            throw invalid("Value (" + destinationType + ") for parameter LogDestinationType is invalid.");
        }
        if (destinationType.equals("cloud-watch-logs")) {
            if (request.logGroupName() == null && request.logDestination() == null) {
                throw missing("LogGroupName or LogDestination");
            }
            if (request.deliverLogsPermissionArn() == null) {
                throw invalid("DeliverLogsPermissionArn is required for delivery to CloudWatch Logs");
            }
        } else if (request.logDestination() == null) {
            throw missing("LogDestination");
        } else if (request.logGroupName() != null) {
            throw Checks.combination("LogGroupName applies only to CloudWatch Logs destinations");
        }
        if (request.logDestination() != null && !request.logDestination().startsWith("arn:")) {
            throw invalid("Value (" + request.logDestination() + ") for parameter LogDestination is invalid. "
                    + "It must be an ARN.");
        }
        int interval = request.maxAggregationInterval() == null ? 600 : request.maxAggregationInterval();
        if (interval != 60 && interval != 600) {
            throw invalid("Value (" + interval + ") for parameter MaxAggregationInterval is invalid. "
                    + "Valid values: 60, 600");
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(), ResourceType.VPC_FLOW_LOG);
        FlowLogs logs = Checks.extension(ctx.cloud(), FlowLogs.class);
        dryRun(request.dryRun());
        FlowLog template = new FlowLog("fl-template", "template", traffic, destinationType,
                request.logDestination(), request.logGroupName(), request.deliverLogsPermissionArn(),
                request.logFormat() == null ? FlowLog.DEFAULT_FORMAT : request.logFormat(), interval, null, Map.of());
        List<String> made = new ArrayList<>();
        List<UnsuccessfulItem> failed = new ArrayList<>();
        for (String resourceId : request.resourceIds()) {
            try {
                if (!kind.isWellFormed(resourceId)) {
                    throw AltoException.invalid(kind.malformedCode(), "Invalid id: \"" + resourceId + "\"");
                }
                made.add(logs.createFlowLog(resourceId, template, tags).id());
            } catch (AltoException refused) {
                failed.add(UnsuccessfulItem.builder().resourceId(resourceId)
                        .error(UnsuccessfulItemError.builder()
                                .code(refused.providerCode() == null ? "InvalidParameter" : refused.providerCode())
                                .message(refused.getMessage()).build()).build());
            }
        }
        return CreateFlowLogsResponse.builder().flowLogIds(made).unsuccessful(failed)
                .clientToken(request.clientToken()).build();
    }

    DescribeFlowLogsResponse describe(ActionContext ctx, DescribeFlowLogsRequest request) {
        Checks.noPagingWithIds(request.hasFlowLogIds() && !request.flowLogIds().isEmpty(), request.maxResults(),
                "FlowLogId");
        List<FlowLog> all = IdSelection.sorted(Checks.extension(ctx.cloud(), FlowLogs.class).flowLogs(),
                FlowLog::id);
        // EC2 lists the flow logs that exist among the ids asked for, and names no missing one.
        if (request.hasFlowLogIds() && !request.flowLogIds().isEmpty()) {
            Set<String> wanted = Set.copyOf(request.flowLogIds());
            all = all.stream().filter(f -> wanted.contains(f.id())).toList();
        }
        List<software.amazon.awssdk.services.ec2.model.FlowLog> out = new ArrayList<>(all.size());
        for (FlowLog f : all) {
            out.add(shape(f));
        }
        var matching = FILTERS.apply(out, request.filter());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 1, 1000,
                Paging.queryKey(request));
        return DescribeFlowLogsResponse.builder().flowLogs(page.items()).nextToken(page.nextToken()).build();
    }

    DeleteFlowLogsResponse delete(ActionContext ctx, DeleteFlowLogsRequest request) {
        if (!request.hasFlowLogIds() || request.flowLogIds().isEmpty()) {
            throw missing("FlowLogId");
        }
        FlowLogs logs = Checks.extension(ctx.cloud(), FlowLogs.class);
        dryRun(request.dryRun());
        List<UnsuccessfulItem> failed = new ArrayList<>();
        for (String id : request.flowLogIds()) {
            try {
                logs.deleteFlowLog(id);
            } catch (AltoException refused) {
                failed.add(UnsuccessfulItem.builder().resourceId(id)
                        .error(UnsuccessfulItemError.builder()
                                .code(refused.providerCode() == null ? "InvalidParameter" : refused.providerCode())
                                .message(refused.getMessage()).build()).build());
            }
        }
        return DeleteFlowLogsResponse.builder().unsuccessful(failed).build();
    }

    static software.amazon.awssdk.services.ec2.model.FlowLog shape(FlowLog f) {
        return software.amazon.awssdk.services.ec2.model.FlowLog.builder()
                .flowLogId(f.id())
                .resourceId(f.resourceId())
                .trafficType(f.trafficType())
                .logDestinationType(f.logDestinationType())
                .logDestination(f.logDestination())
                .logGroupName(f.logGroupName())
                .deliverLogsPermissionArn(f.deliverLogsPermissionArn())
                .logFormat(f.logFormat())
                .maxAggregationInterval(f.maxAggregationInterval())
                .creationTime(f.createTime())
                .flowLogStatus("ACTIVE")
                .deliverLogsStatus("SUCCESS")
                .tags(SdkTags.toSdk(f.tags()))
                .build();
    }
}
