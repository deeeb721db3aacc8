package io.altostratus.gateway.action.groups;

import io.altostratus.core.ec2.Ec2IdKind;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.PlacementGroup;
import io.altostratus.core.ec2.PlacementGroups;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreatePlacementGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreatePlacementGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeletePlacementGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeletePlacementGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribePlacementGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribePlacementGroupsResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Placement groups: made, described (EC2 does not page them), deleted. */
public final class PlacementGroupActions implements ActionGroup {
    static final String UNKNOWN = Ec2IdKind.PLACEMENT_GROUP.notFoundCode();

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.PlacementGroup> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.PlacementGroup>builder()
                    .field("group-name", software.amazon.awssdk.services.ec2.model.PlacementGroup::groupName)
                    .field("group-arn", software.amazon.awssdk.services.ec2.model.PlacementGroup::groupArn)
                    .field("state", software.amazon.awssdk.services.ec2.model.PlacementGroup::stateAsString)
                    .field("strategy", software.amazon.awssdk.services.ec2.model.PlacementGroup::strategyAsString)
                    .field("spread-level",
                            software.amazon.awssdk.services.ec2.model.PlacementGroup::spreadLevelAsString)
                    .tags(g -> SdkTags.fromSdk(g.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreatePlacementGroupRequest.class, this::create)
                .on(DescribePlacementGroupsRequest.class, this::describe)
                .on(DeletePlacementGroupRequest.class, this::delete);
    }

    CreatePlacementGroupResponse create(ActionContext ctx, CreatePlacementGroupRequest request) {
        if (request.groupName() == null) {
            throw missing("GroupName");
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.PLACEMENT_GROUP);
        PlacementGroups groups = Checks.extension(ctx.cloud(), PlacementGroups.class);
        dryRun(request.dryRun());
        PlacementGroup made = groups.createPlacementGroup(request.groupName(), request.strategyAsString(),
                request.partitionCount(), request.spreadLevelAsString(), tags);
        return CreatePlacementGroupResponse.builder().placementGroup(shape(ctx, made)).build();
    }

    DescribePlacementGroupsResponse describe(ActionContext ctx, DescribePlacementGroupsRequest request) {
        PlacementGroups groups = Checks.extension(ctx.cloud(), PlacementGroups.class);
        List<PlacementGroup> all = IdSelection.sorted(groups.placementGroups(), PlacementGroup::name);
        all = IdSelection.byIds(all, PlacementGroup::name, request.groupNames(),
                absent -> Ec2WireException.of(UNKNOWN, "The Placement Group '" + absent.get(0) + "' is unknown."));
        all = IdSelection.byIds(all, PlacementGroup::id, request.groupIds(),
                absent -> Ec2WireException.of(UNKNOWN, "The Placement Group '" + absent.get(0) + "' is unknown."));
        List<software.amazon.awssdk.services.ec2.model.PlacementGroup> out = new ArrayList<>();
        for (PlacementGroup g : all) {
            out.add(shape(ctx, g));
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        return DescribePlacementGroupsResponse.builder().placementGroups(matching).build();
    }

    DeletePlacementGroupResponse delete(ActionContext ctx, DeletePlacementGroupRequest request) {
        if (request.groupName() == null) {
            throw missing("GroupName");
        }
        PlacementGroups groups = Checks.extension(ctx.cloud(), PlacementGroups.class);
        if (groups.placementGroups().stream().noneMatch(g -> g.name().equals(request.groupName()))) {
            throw Ec2WireException.of(UNKNOWN, "The Placement Group '" + request.groupName() + "' is unknown.");
        }
        dryRun(request.dryRun());
        groups.deletePlacementGroup(request.groupName());
        return DeletePlacementGroupResponse.builder().build();
    }

    private static software.amazon.awssdk.services.ec2.model.PlacementGroup shape(ActionContext ctx,
                                                                                  PlacementGroup g) {
        return software.amazon.awssdk.services.ec2.model.PlacementGroup.builder()
                .groupId(g.id()).groupName(g.name()).strategy(g.strategy()).partitionCount(g.partitionCount())
                .spreadLevel(g.spreadLevel()).state(g.state())
                .groupArn("arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":placement-group/" + g.name())
                .tags(SdkTags.toSdk(g.tags())).build();
    }
}
