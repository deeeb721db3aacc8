package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Fleet;
import io.altostratus.core.ec2.FleetError;
import io.altostratus.core.ec2.FleetInstance;
import io.altostratus.core.ec2.Fleets;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetError;
import software.amazon.awssdk.services.ec2.model.CreateFleetInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteFleetError;
import software.amazon.awssdk.services.ec2.model.DeleteFleetErrorItem;
import software.amazon.awssdk.services.ec2.model.DeleteFleetSuccessItem;
import software.amazon.awssdk.services.ec2.model.DeleteFleetsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteFleetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFleetError;
import software.amazon.awssdk.services.ec2.model.DescribeFleetInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFleetInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFleetsInstances;
import software.amazon.awssdk.services.ec2.model.DescribeFleetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFleetsResponse;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateAndOverridesResponse;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.ModifyFleetRequest;
import software.amazon.awssdk.services.ec2.model.ModifyFleetResponse;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TargetCapacitySpecification;
import software.amazon.awssdk.services.ec2.model.TargetCapacitySpecificationRequest;

/**
 * EC2 fleets: CreateFleet (instant fleets launch during the call and answer their instances and errors per
 * override; request and maintain fleets launch their capacity the same way and are kept), DescribeFleets,
 * DescribeFleetInstances, ModifyFleet (maintain fleets) and DeleteFleets. Overrides are tried in priority order
 * (then as listed), each taking as much of the remaining capacity as it can.
 */
public final class FleetActions implements ActionGroup {
    private static final Set<String> TYPES = Set.of("instant", "request", "maintain");

    private static final FilterSet<FleetData> FILTERS = FilterSet.<FleetData>builder()
            .field("activity-status", FleetData::activityStatusAsString)
            .field("excess-capacity-termination-policy", FleetData::excessCapacityTerminationPolicyAsString)
            .field("fleet-state", FleetData::fleetStateAsString)
            .field("replace-unhealthy-instances", FleetData::replaceUnhealthyInstances)
            .field("type", FleetData::typeAsString)
            .tags(f -> SdkTags.fromSdk(f.tags()))
            .build();

    private static final FilterSet<ActiveInstance> INSTANCE_FILTERS = FilterSet.<ActiveInstance>builder()
            .field("instance-type", ActiveInstance::instanceType)
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateFleetRequest.class, this::create)
                .on(DescribeFleetsRequest.class, this::describe)
                .on(DescribeFleetInstancesRequest.class, this::instances)
                .on(DeleteFleetsRequest.class, this::delete)
                .on(ModifyFleetRequest.class, this::modify);
    }

    CreateFleetResponse create(ActionContext ctx, CreateFleetRequest request) {
        String type = request.typeAsString() == null ? "maintain" : request.typeAsString();
        if (!TYPES.contains(type)) {
            throw Checks.invalid("Value (" + type + ") for parameter type is invalid. Valid values: instant, "
                    + "request, maintain");
        }
        if (!request.hasLaunchTemplateConfigs() || request.launchTemplateConfigs().isEmpty()) {
            throw missing("LaunchTemplateConfigs");
        }
        TargetCapacitySpecificationRequest target = request.targetCapacitySpecification();
        if (target == null || target.totalTargetCapacity() == null) {
            throw missing("TargetCapacitySpecification.TotalTargetCapacity");
        }
        int total = target.totalTargetCapacity();
        int onDemand = target.onDemandTargetCapacity() == null ? 0 : target.onDemandTargetCapacity();
        int spot = target.spotTargetCapacity() == null ? 0 : target.spotTargetCapacity();
        if (total < 0 || onDemand < 0 || spot < 0 || onDemand + spot > total) {
            throw Checks.invalid("The on-demand and spot target capacities must not add up to more than the total "
                    + "target capacity (" + total + ")");
        }
        String defaultType = target.defaultTargetCapacityTypeAsString() == null ? "on-demand"
                : target.defaultTargetCapacityTypeAsString();
        if (!defaultType.equals("on-demand") && !defaultType.equals("spot")) {
            throw Checks.unsupportedParameter("DefaultTargetCapacityType=" + defaultType);
        }
        if (defaultType.equals("spot")) {
            spot = total - onDemand;
        } else {
            onDemand = total - spot;
        }
        for (FleetLaunchTemplateConfigRequest config : request.launchTemplateConfigs()) {
            FleetLaunchTemplateSpecificationRequest lt = config.launchTemplateSpecification();
            if (lt == null || (lt.launchTemplateId() == null && lt.launchTemplateName() == null)) {
                throw missing("LaunchTemplateConfigs.LaunchTemplateSpecification.LaunchTemplateId");
            }
            if (lt.launchTemplateId() != null) {
                Checks.checkId(lt.launchTemplateId(), Ec2IdKind.LAUNCH_TEMPLATE);
            }
        }
        Map<String, String> tags = TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.FLEET,
                Set.of(ResourceType.FLEET, ResourceType.INSTANCE));
        Map<String, String> instanceTags = TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.INSTANCE,
                Set.of(ResourceType.FLEET, ResourceType.INSTANCE));
        Fleets fleets = Checks.extension(ctx.cloud(), Fleets.class);
        dryRun(request.dryRun());

        List<Choice> choices = choices(request.launchTemplateConfigs());
        List<CreateFleetInstance> madeOut = new ArrayList<>();
        List<CreateFleetError> errorsOut = new ArrayList<>();
        List<FleetInstance> held = new ArrayList<>();
        List<FleetError> errors = new ArrayList<>();
        String spotPrice = request.spotOptions() == null ? null : request.spotOptions().maxTotalPrice();
        for (boolean asSpot : new boolean[] {false, true}) {
            double remaining = asSpot ? spot : onDemand;
            for (Choice c : choices) {
                if (remaining <= 0) {
                    break;
                }
                int count = FleetLaunches.instancesFor(remaining, c.weight());
                String maxPrice = c.override() != null && c.override().maxPrice() != null ? c.override().maxPrice()
                        : spotPrice;
                FleetLaunches.Outcome outcome = FleetLaunches.launch(ctx, c.run(instanceTags), count, asSpot,
                        maxPrice, c.weight());
                String lifecycle = asSpot ? "spot" : "on-demand";
                if (outcome.error() != null) {
                    errors.add(outcome.error());
                    errorsOut.add(CreateFleetError.builder().launchTemplateAndOverrides(c.shape())
                            .lifecycle(lifecycle).errorCode(outcome.error().code())
                            .errorMessage(outcome.error().message()).build());
                    continue;
                }
                held.addAll(outcome.instances());
                remaining -= outcome.instances().size() * c.weight();
                madeOut.add(CreateFleetInstance.builder().launchTemplateAndOverrides(c.shape())
                        .lifecycle(lifecycle).instanceIds(outcome.instanceIds())
                        .instanceType(outcome.instances().get(0).instanceType()).build());
            }
        }
        Fleet fleet = fleets.createFleet(Fleet.Kind.EC2_FLEET, type, total, held, errors,
                FleetLaunches.stored(ctx), tags);
        CreateFleetResponse.Builder out = CreateFleetResponse.builder().fleetId(fleet.id());
        if (type.equals("instant")) {
            out.instances(madeOut).errors(errorsOut);
        }
        return out.build();
    }

    DescribeFleetsResponse describe(ActionContext ctx, DescribeFleetsRequest request) {
        List<String> ids = request.hasFleetIds() ? request.fleetIds() : List.of();
        Checks.checkIds(ids, Ec2IdKind.FLEET);
        Checks.noPagingWithIds(!ids.isEmpty(), request.maxResults(), "FleetIds");
        Fleets fleets = Checks.extension(ctx.cloud(), Fleets.class);
        List<Fleet> all = IdSelection.sorted(fleets.fleets(Fleet.Kind.EC2_FLEET), Fleet::id);
        all = IdSelection.byIds(all, Fleet::id, ids, absent -> Checks.notFound(
                Ec2IdKind.FLEET.notFoundCode(), "fleet", absent));
        List<FleetData> out = new ArrayList<>();
        for (Fleet f : all) {
            out.add(shape(ctx, f));
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 1, 1000,
                Paging.queryKey(request));
        return DescribeFleetsResponse.builder().fleets(page.items()).nextToken(page.nextToken()).build();
    }

    DescribeFleetInstancesResponse instances(ActionContext ctx, DescribeFleetInstancesRequest request) {
        if (request.fleetId() == null) {
            throw missing("FleetId");
        }
        Fleet fleet = one(ctx, request.fleetId());
        Set<String> running = FleetLaunches.running(ctx, fleet.instances());
        List<ActiveInstance> out = new ArrayList<>();
        for (FleetInstance i : fleet.instances()) {
            if (running.contains(i.instanceId())) {
                out.add(ActiveInstance.builder().instanceId(i.instanceId()).instanceType(i.instanceType())
                        .spotInstanceRequestId(i.spotRequestId()).instanceHealth("healthy").build());
            }
        }
        var matching = INSTANCE_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 1, 1000,
                Paging.queryKey(request));
        return DescribeFleetInstancesResponse.builder().fleetId(fleet.id()).activeInstances(page.items())
                .nextToken(page.nextToken()).build();
    }

    DeleteFleetsResponse delete(ActionContext ctx, DeleteFleetsRequest request) {
        if (!request.hasFleetIds() || request.fleetIds().isEmpty()) {
            throw missing("FleetId");
        }
        if (request.terminateInstances() == null) {
            throw missing("TerminateInstances");
        }
        boolean terminate = request.terminateInstances();
        Fleets fleets = Checks.extension(ctx.cloud(), Fleets.class);
        Map<String, Fleet> known = new LinkedHashMap<>();
        fleets.fleets(Fleet.Kind.EC2_FLEET).forEach(f -> known.put(f.id(), f));
        dryRun(request.dryRun());
        List<DeleteFleetSuccessItem> done = new ArrayList<>();
        List<DeleteFleetErrorItem> failed = new ArrayList<>();
        for (String id : request.fleetIds()) {
            Fleet fleet = known.get(id);
            String code = !Ec2IdKind.FLEET.isWellFormed(id) ? "fleetIdMalformed"
                    : fleet == null ? "fleetIdDoesNotExist"
                    : !fleet.isLive() || (!terminate && "instant".equals(fleet.type())) ? "fleetNotInDeletableState"
                    : null;
            if (code != null) {
                failed.add(DeleteFleetErrorItem.builder().fleetId(id).error(DeleteFleetError.builder().code(code)
                        .message(message(code, id)).build()).build());
                continue;
            }
            if (terminate) {
                FleetLaunches.terminate(ctx, fleet.instances());
            }
            Fleet ended = fleets.endFleet(id, terminate);
            done.add(DeleteFleetSuccessItem.builder().fleetId(id).previousFleetState(fleet.state())
                    .currentFleetState(ended.state()).build());
        }
        return DeleteFleetsResponse.builder().successfulFleetDeletions(done).unsuccessfulFleetDeletions(failed)
                .build();
    }

    /**
     * ModifyFleet: a maintain fleet grows to a larger target from its launch template configs (as its default
     * capacity type), or shrinks to a smaller one, terminating its newest instances unless told not to.
     */
    ModifyFleetResponse modify(ActionContext ctx, ModifyFleetRequest request) {
        if (request.fleetId() == null) {
            throw missing("FleetId");
        }
        Fleet fleet = one(ctx, request.fleetId());
        if (request.hasLaunchTemplateConfigs() && !request.launchTemplateConfigs().isEmpty()) {
            throw Checks.unsupportedParameter("LaunchTemplateConfigs");
        }
        if (request.targetCapacitySpecification() == null
                || request.targetCapacitySpecification().totalTargetCapacity() == null) {
            throw missing("TargetCapacitySpecification.TotalTargetCapacity");
        }
        if (!fleet.isLive()) {
            throw Ec2WireException.of("IncorrectState", "The fleet " + fleet.id() + " is " + fleet.state()
                    + " and cannot be modified");
        }
        if (!"maintain".equals(fleet.type())) {
            throw Checks.invalid("Only fleets of type maintain can be modified: " + fleet.id() + " is of type "
                    + fleet.type());
        }
        int target = request.targetCapacitySpecification().totalTargetCapacity();
        if (target < 0) {
            throw Checks.invalid("Value (" + target + ") for parameter totalTargetCapacity is invalid.");
        }
        dryRun(request.dryRun());
        Set<String> running = FleetLaunches.running(ctx, fleet.instances());
        List<FleetInstance> live = new ArrayList<>(fleet.instances().stream()
                .filter(i -> running.contains(i.instanceId())).toList());
        double have = live.stream().mapToDouble(FleetInstance::weight).sum();
        if (target > have) {
            CreateFleetRequest asked = (CreateFleetRequest) FleetLaunches.decode("CreateFleet", fleet.request());
            boolean spot = asked.targetCapacitySpecification() != null
                    && "spot".equals(asked.targetCapacitySpecification().defaultTargetCapacityTypeAsString());
            double remaining = target - have;
            for (Choice c : choices(asked.launchTemplateConfigs())) {
                if (remaining <= 0) {
                    break;
                }
                FleetLaunches.Outcome outcome = FleetLaunches.launch(ctx, c.run(Map.of()),
                        FleetLaunches.instancesFor(remaining, c.weight()), spot,
                        c.override() == null ? null : c.override().maxPrice(), c.weight());
                live.addAll(outcome.instances());
                remaining -= outcome.instances().size() * c.weight();
            }
        } else if (target < have && !"no-termination".equals(request.excessCapacityTerminationPolicyAsString())) {
            // The newest instances go first, as they were the last to join.
            List<FleetInstance> excess = new ArrayList<>();
            for (int i = live.size() - 1; i >= 0 && have - live.get(i).weight() >= target; i--) {
                excess.add(live.get(i));
                have -= live.get(i).weight();
            }
            FleetLaunches.terminate(ctx, excess);
            live.removeAll(excess);
        }
        Checks.extension(ctx.cloud(), Fleets.class).updateFleet(fleet.id(), target, live);
        return ModifyFleetResponse.builder().returnValue(true).build();
    }

    private static String message(String code, String id) {
        return switch (code) {
            case "fleetIdMalformed" -> "The fleet ID '" + id + "' is malformed";
            case "fleetIdDoesNotExist" -> "The fleet ID '" + id + "' does not exist";
            default -> "The fleet " + id + " cannot be deleted in its state (an instant fleet needs "
                    + "TerminateInstances=true)";
        };
    }

    private static Fleet one(ActionContext ctx, String id) {
        Checks.checkId(id, Ec2IdKind.FLEET);
        return Checks.extension(ctx.cloud(), Fleets.class).fleets(Fleet.Kind.EC2_FLEET).stream()
                .filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> Ec2WireException.of(Ec2IdKind.FLEET.notFoundCode(), "The fleet ID '" + id
                        + "' does not exist"));
    }

    private static FleetData shape(ActionContext ctx, Fleet f) {
        FleetData.Builder b = FleetData.builder();
        if (!f.request().isEmpty()) {
            SdkShapes.copyInto((CreateFleetRequest) FleetLaunches.decode("CreateFleet", f.request()), b);
        }
        double fulfilled = 0;
        double onDemand = 0;
        Set<String> running = f.isLive() ? FleetLaunches.running(ctx, f.instances()) : Set.of();
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (FleetInstance i : f.instances()) {
            if (running.contains(i.instanceId())) {
                fulfilled += i.weight();
                onDemand += i.spot() ? 0 : i.weight();
                byType.computeIfAbsent(i.instanceType() + "/" + (i.spot() ? "spot" : "on-demand"),
                        k -> new ArrayList<>()).add(i.instanceId());
            }
        }
        List<DescribeFleetsInstances> instances = new ArrayList<>();
        byType.forEach((key, ids) -> instances.add(DescribeFleetsInstances.builder()
                .instanceType(key.substring(0, key.indexOf('/'))).lifecycle(key.substring(key.indexOf('/') + 1))
                .instanceIds(ids).build()));
        List<DescribeFleetError> errors = new ArrayList<>();
        for (FleetError e : f.errors()) {
            errors.add(DescribeFleetError.builder().errorCode(e.code()).errorMessage(e.message())
                    .lifecycle(e.spot() ? "spot" : "on-demand").build());
        }
        TargetCapacitySpecification asked = b.build().targetCapacitySpecification();
        if (asked != null) {
            // ModifyFleet changes the total; the rest is as created.
            b.targetCapacitySpecification(asked.toBuilder().totalTargetCapacity(f.targetCapacity()).build());
        }
        return b.fleetId(f.id())
                .fleetState(f.state())
                .type(f.type())
                .createTime(f.createTime())
                .activityStatus(fulfilled >= f.targetCapacity() ? "fulfilled" : "pending_fulfillment")
                .fulfilledCapacity(fulfilled)
                .fulfilledOnDemandCapacity(onDemand)
                .instances("instant".equals(f.type()) ? instances : null)
                .errors("instant".equals(f.type()) ? errors : null)
                .tags(SdkTags.toSdk(f.tags()))
                .build();
    }

    /** One override of one launch template config (or the config alone, when it has no overrides). */
    private record Choice(FleetLaunchTemplateSpecificationRequest template,
                          FleetLaunchTemplateOverridesRequest override, int order) {
        double weight() {
            return override == null || override.weightedCapacity() == null ? 1 : override.weightedCapacity();
        }

        double priority() {
            return override == null || override.priority() == null ? Double.MAX_VALUE : override.priority();
        }

        RunInstancesRequest run(Map<String, String> instanceTags) {
            RunInstancesRequest.Builder b = RunInstancesRequest.builder().launchTemplate(LaunchTemplateSpecification
                    .builder().launchTemplateId(template.launchTemplateId())
                    .launchTemplateName(template.launchTemplateName()).version(template.version()).build());
            if (override != null) {
                b.instanceType(override.instanceTypeAsString()).subnetId(override.subnetId())
                        .imageId(override.imageId()).keyName(override.keyName());
                if (override.availabilityZone() != null) {
                    b.placement(Placement.builder().availabilityZone(override.availabilityZone()).build());
                }
            }
            if (!instanceTags.isEmpty()) {
                b.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(SdkTags.toSdk(instanceTags)).build());
            }
            return b.build();
        }

        LaunchTemplateAndOverridesResponse shape() {
            LaunchTemplateAndOverridesResponse.Builder b = LaunchTemplateAndOverridesResponse.builder()
                    .launchTemplateSpecification(FleetLaunchTemplateSpecification.builder()
                            .launchTemplateId(template.launchTemplateId())
                            .launchTemplateName(template.launchTemplateName()).version(template.version()).build());
            if (override != null) {
                b.overrides(SdkShapes.copyInto(override, FleetLaunchTemplateOverrides.builder()).build());
            }
            return b.build();
        }
    }

    private static List<Choice> choices(List<FleetLaunchTemplateConfigRequest> configs) {
        List<Choice> out = new ArrayList<>();
        for (FleetLaunchTemplateConfigRequest config : configs) {
            if (!config.hasOverrides() || config.overrides().isEmpty()) {
                out.add(new Choice(config.launchTemplateSpecification(), null, out.size()));
            } else {
                for (FleetLaunchTemplateOverridesRequest o : config.overrides()) {
                    out.add(new Choice(config.launchTemplateSpecification(), o, out.size()));
                }
            }
        }
        out.sort(java.util.Comparator.comparingDouble(Choice::priority).thenComparingInt(Choice::order));
        return out;
    }
}
