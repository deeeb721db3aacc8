package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2InstanceExtras;
import io.altostratus.core.ec2.InstanceEventNotifications;
import io.altostratus.core.ec2.InstanceEventNotifications.TagAttribute;
import io.altostratus.core.ec2.InstanceExtras;
import io.altostratus.core.ec2.PlacementGroup;
import io.altostratus.core.ec2.PlacementGroups;
import io.altostratus.core.model.Instance;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DeregisterInstanceEventNotificationAttributesRequest;
import software.amazon.awssdk.services.ec2.model.DeregisterInstanceEventNotificationAttributesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceEventNotificationAttributesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceEventNotificationAttributesResponse;
import software.amazon.awssdk.services.ec2.model.GetPasswordDataRequest;
import software.amazon.awssdk.services.ec2.model.GetPasswordDataResponse;
import software.amazon.awssdk.services.ec2.model.InstanceMonitoring;
import software.amazon.awssdk.services.ec2.model.InstanceTagNotificationAttribute;
import software.amazon.awssdk.services.ec2.model.ModifyInstancePlacementRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstancePlacementResponse;
import software.amazon.awssdk.services.ec2.model.Monitoring;
import software.amazon.awssdk.services.ec2.model.MonitorInstancesRequest;
import software.amazon.awssdk.services.ec2.model.MonitorInstancesResponse;
import software.amazon.awssdk.services.ec2.model.RegisterInstanceEventNotificationAttributesRequest;
import software.amazon.awssdk.services.ec2.model.RegisterInstanceEventNotificationAttributesResponse;
import software.amazon.awssdk.services.ec2.model.ResetInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.UnmonitorInstancesRequest;
import software.amazon.awssdk.services.ec2.model.UnmonitorInstancesResponse;

/**
 * Instance settings beside launch and attributes: detailed monitoring, placement changes of stopped instances,
 * ResetInstanceAttribute, GetPasswordData, and the account's event notification tag setting.
 */
public final class InstanceExtrasActions implements ActionGroup {

    @Override
    public void register(ActionRegistry registry) {
        registry.on(MonitorInstancesRequest.class, this::monitor)
                .on(UnmonitorInstancesRequest.class, this::unmonitor)
                .on(ModifyInstancePlacementRequest.class, this::modifyPlacement)
                .on(ResetInstanceAttributeRequest.class, this::resetAttribute)
                .on(GetPasswordDataRequest.class, this::passwordData)
                .on(DescribeInstanceEventNotificationAttributesRequest.class, this::describeEventNotifications)
                .on(RegisterInstanceEventNotificationAttributesRequest.class, this::registerEventNotifications)
                .on(DeregisterInstanceEventNotificationAttributesRequest.class, this::deregisterEventNotifications);
    }

    MonitorInstancesResponse monitor(ActionContext ctx, MonitorInstancesRequest request) {
        List<String> ids = existing(ctx, request.instanceIds());
        Ec2InstanceExtras extras = Checks.extension(ctx.cloud(), Ec2InstanceExtras.class);
        dryRun(request.dryRun());
        return MonitorInstancesResponse.builder().instanceMonitorings(monitorings(extras.monitor(ids, true))).build();
    }

    UnmonitorInstancesResponse unmonitor(ActionContext ctx, UnmonitorInstancesRequest request) {
        List<String> ids = existing(ctx, request.instanceIds());
        Ec2InstanceExtras extras = Checks.extension(ctx.cloud(), Ec2InstanceExtras.class);
        dryRun(request.dryRun());
        return UnmonitorInstancesResponse.builder().instanceMonitorings(monitorings(extras.monitor(ids, false)))
                .build();
    }

    private static List<InstanceMonitoring> monitorings(List<InstanceExtras> changed) {
        List<InstanceMonitoring> out = new ArrayList<>();
        for (InstanceExtras e : changed) {
            out.add(InstanceMonitoring.builder().instanceId(e.instanceId())
                    .monitoring(Monitoring.builder().state(e.monitoring()).build()).build());
        }
        return out;
    }

    /** The asked instances, well-formed and existing, without repeats; EC2 wants at least one. */
    private static List<String> existing(ActionContext ctx, List<String> asked) {
        if (asked == null || asked.isEmpty()) {
            throw missing("InstanceId");
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String id : asked) {
            ids.add(Checks.checkId(id, Ec2IdKind.INSTANCE));
        }
        for (String id : ids) {
            ctx.cloud().instance(id);
        }
        return List.copyOf(ids);
    }

    ModifyInstancePlacementResponse modifyPlacement(ActionContext ctx, ModifyInstancePlacementRequest request) {
        if (request.instanceId() == null) {
            throw missing("InstanceId");
        }
        if (request.hostId() != null || request.affinity() != null || request.hostResourceGroupArn() != null) {
            throw Checks.unsupportedParameter("HostId, Affinity or HostResourceGroupArn (dedicated hosts)");
        }
        if (request.tenancy() != null && !"default".equals(request.tenancyAsString())) {
            throw Checks.unsupportedParameter("Tenancy " + request.tenancyAsString() + " (instances here run on"
                    + " default tenancy)");
        }
        if (request.groupName() != null && request.groupId() != null) {
            throw Checks.combination("Specify either GroupName or GroupId, not both");
        }
        if (request.groupName() == null && request.groupId() == null && request.partitionNumber() == null
                && request.tenancy() == null) {
            throw missing("GroupName, GroupId, PartitionNumber or Tenancy");
        }
        String id = Checks.checkId(request.instanceId(), Ec2IdKind.INSTANCE);
        ctx.cloud().instance(id);
        Ec2InstanceExtras extras = Checks.extension(ctx.cloud(), Ec2InstanceExtras.class);
        String group = request.groupName();
        if (request.groupId() != null) {
            Checks.checkId(request.groupId(), Ec2IdKind.PLACEMENT_GROUP);
            group = Checks.extension(ctx.cloud(), PlacementGroups.class).placementGroups().stream()
                    .filter(g -> g.id().equals(request.groupId())).map(PlacementGroup::name).findFirst()
                    .orElseThrow(() -> io.altostratus.gateway.http.Ec2WireException.of(
                            Ec2IdKind.PLACEMENT_GROUP.notFoundCode(), "The Placement Group '" + request.groupId()
                                    + "' is unknown."));
        }
        if (group == null) {
            // Only a partition (or the default tenancy) asked: the instance stays in its group.
            group = extras.instanceExtras(List.of(id)).get(id).placementGroup();
            if (group == null && request.partitionNumber() == null) {
                return ModifyInstancePlacementResponse.builder().returnValue(true).build();
            }
        }
        // This call has no DryRun parameter in EC2's model.
        extras.modifyPlacement(id, group, request.partitionNumber());
        return ModifyInstancePlacementResponse.builder().returnValue(true).build();
    }

    ResetInstanceAttributeResponse resetAttribute(ActionContext ctx, ResetInstanceAttributeRequest request) {
        if (request.instanceId() == null) {
            throw missing("InstanceId");
        }
        if (request.attribute() == null) {
            throw missing("Attribute");
        }
        String attribute = request.attributeAsString();
        if (!List.of("kernel", "ramdisk", "sourceDestCheck").contains(attribute)) {
            throw Checks.invalid("Value (" + attribute + ") for parameter attribute is invalid. Only kernel,"
                    + " ramdisk and sourceDestCheck can be reset");
        }
        String id = Checks.checkId(request.instanceId(), Ec2IdKind.INSTANCE);
        ctx.cloud().instance(id);
        Ec2InstanceExtras extras = Checks.extension(ctx.cloud(), Ec2InstanceExtras.class);
        dryRun(request.dryRun());
        extras.resetInstanceAttribute(id, attribute);
        return ResetInstanceAttributeResponse.builder().build();
    }

    /**
     * EC2 has a password only for Windows instances it launched from a Windows image; every instance here runs
     * Linux, so, as EC2 answers for those, the password data is empty.
     */
    GetPasswordDataResponse passwordData(ActionContext ctx, GetPasswordDataRequest request) {
        if (request.instanceId() == null) {
            throw missing("InstanceId");
        }
        String id = Checks.checkId(request.instanceId(), Ec2IdKind.INSTANCE);
        Instance instance = ctx.cloud().instance(id);
        dryRun(request.dryRun());
        Instant when = instance.launchTime() == null ? Instant.now() : instance.launchTime();
        return GetPasswordDataResponse.builder().instanceId(id).passwordData("").timestamp(when).build();
    }

    DescribeInstanceEventNotificationAttributesResponse describeEventNotifications(
            ActionContext ctx, DescribeInstanceEventNotificationAttributesRequest request) {
        InstanceEventNotifications events = Checks.extension(ctx.cloud(), InstanceEventNotifications.class);
        dryRun(request.dryRun());
        return DescribeInstanceEventNotificationAttributesResponse.builder()
                .instanceTagAttribute(shape(events.eventNotificationAttributes())).build();
    }

    RegisterInstanceEventNotificationAttributesResponse registerEventNotifications(
            ActionContext ctx, RegisterInstanceEventNotificationAttributesRequest request) {
        if (request.instanceTagAttribute() == null) {
            throw missing("InstanceTagAttribute");
        }
        var asked = request.instanceTagAttribute();
        List<String> keys = asked.hasInstanceTagKeys() ? asked.instanceTagKeys() : List.of();
        InstanceEventNotifications events = Checks.extension(ctx.cloud(), InstanceEventNotifications.class);
        checkTagAttribute(asked.includeAllTagsOfInstance(), keys);
        dryRun(request.dryRun());
        return RegisterInstanceEventNotificationAttributesResponse.builder()
                .instanceTagAttribute(shape(events.register(asked.includeAllTagsOfInstance(), keys))).build();
    }

    DeregisterInstanceEventNotificationAttributesResponse deregisterEventNotifications(
            ActionContext ctx, DeregisterInstanceEventNotificationAttributesRequest request) {
        if (request.instanceTagAttribute() == null) {
            throw missing("InstanceTagAttribute");
        }
        var asked = request.instanceTagAttribute();
        List<String> keys = asked.hasInstanceTagKeys() ? asked.instanceTagKeys() : List.of();
        InstanceEventNotifications events = Checks.extension(ctx.cloud(), InstanceEventNotifications.class);
        checkTagAttribute(asked.includeAllTagsOfInstance(), keys);
        dryRun(request.dryRun());
        return DeregisterInstanceEventNotificationAttributesResponse.builder()
                .instanceTagAttribute(shape(events.deregister(asked.includeAllTagsOfInstance(), keys))).build();
    }

    private static void checkTagAttribute(Boolean includeAll, List<String> keys) {
        if (Boolean.TRUE.equals(includeAll) == !keys.isEmpty()) {
            throw Checks.combination("Specify either IncludeAllTagsOfInstance or InstanceTagKeys, not both or"
                    + " neither");
        }
    }

    private static InstanceTagNotificationAttribute shape(TagAttribute a) {
        return InstanceTagNotificationAttribute.builder().includeAllTagsOfInstance(a.includeAllTags())
                .instanceTagKeys(a.tagKeys()).build();
    }
}
