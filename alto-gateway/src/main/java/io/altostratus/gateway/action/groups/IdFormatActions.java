package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeAggregateIdFormatRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAggregateIdFormatResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIdFormatRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIdFormatResponse;
import software.amazon.awssdk.services.ec2.model.IdFormat;
import software.amazon.awssdk.services.ec2.model.ModifyIdFormatRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIdFormatResponse;

/**
 * EC2's id format settings. Every id this gateway hands out is in the long (17-digit) format, for every resource
 * type EC2 once let accounts choose for, and the opt-in deadlines are long past; so the formats read as long, and
 * asking for short ids is refused rather than stored and ignored.
 */
public final class IdFormatActions implements ActionGroup {
    /** The resource types EC2 lists for id formats, as it names them. */
    static final List<String> RESOURCES = List.of("bundle", "conversion-task", "customer-gateway", "dhcp-options",
            "elastic-ip-allocation", "elastic-ip-association", "export-task", "flow-log", "image", "import-task",
            "instance", "internet-gateway", "network-acl", "network-acl-association", "network-interface",
            "network-interface-attachment", "prefix-list", "reservation", "route-table", "route-table-association",
            "security-group", "snapshot", "subnet", "subnet-cidr-block-association", "volume", "vpc",
            "vpc-cidr-block-association", "vpc-endpoint", "vpc-peering-connection", "vpn-connection",
            "vpn-gateway");

    @Override
    public void register(ActionRegistry registry) {
        registry.on(DescribeIdFormatRequest.class, this::describe)
                .on(DescribeAggregateIdFormatRequest.class, this::aggregate)
                .on(ModifyIdFormatRequest.class, this::modify);
    }

    DescribeIdFormatResponse describe(ActionContext ctx, DescribeIdFormatRequest request) {
        List<String> resources = request.resource() == null ? RESOURCES : List.of(resource(request.resource()));
        return DescribeIdFormatResponse.builder().statuses(statuses(resources)).build();
    }

    DescribeAggregateIdFormatResponse aggregate(ActionContext ctx, DescribeAggregateIdFormatRequest request) {
        dryRun(request.dryRun());
        return DescribeAggregateIdFormatResponse.builder().useLongIdsAggregated(true).statuses(statuses(RESOURCES))
                .build();
    }

    ModifyIdFormatResponse modify(ActionContext ctx, ModifyIdFormatRequest request) {
        if (request.resource() == null) {
            throw missing("Resource");
        }
        if (request.useLongIds() == null) {
            throw missing("UseLongIds");
        }
        if (!request.resource().equals("all-current")) {
            resource(request.resource());
        }
        if (!request.useLongIds()) {
            throw Checks.invalid("Short ids are no longer available: every " + request.resource()
                    + " id is in the long format");
        }
        return ModifyIdFormatResponse.builder().build();
    }

    private static String resource(String resource) {
        if (!RESOURCES.contains(resource)) {
            throw Checks.invalid("Invalid resource type: " + resource + ". Valid types: "
                    + String.join(", ", RESOURCES));
        }
        return resource;
    }

    private static List<IdFormat> statuses(List<String> resources) {
        return resources.stream().map(r -> IdFormat.builder().resource(r).useLongIds(true).build()).toList();
    }
}
