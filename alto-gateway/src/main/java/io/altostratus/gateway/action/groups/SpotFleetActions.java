package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Fleet;
import io.altostratus.core.ec2.FleetError;
import io.altostratus.core.ec2.FleetInstance;
import io.altostratus.core.ec2.Fleets;
import io.altostratus.core.spi.Capability;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsError;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsErrorItem;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsRequest;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsResponse;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsSuccessItem;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetRequestsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetRequestsResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateConfig;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.ModifySpotFleetRequestRequest;
import software.amazon.awssdk.services.ec2.model.ModifySpotFleetRequestResponse;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.RequestSpotFleetRequest;
import software.amazon.awssdk.services.ec2.model.RequestSpotFleetResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.SpotFleetLaunchSpecification;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfig;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfigData;
import software.amazon.awssdk.services.ec2.model.SpotFleetTagSpecification;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Spot fleet requests: RequestSpotFleet launches the target capacity (spot, with any on-demand share) from its
 * launch specifications or launch templates in the order given; DescribeSpotFleetRequests,
 * DescribeSpotFleetInstances, ModifySpotFleetRequest (a maintain fleet grows or shrinks to its new target) and
 * CancelSpotFleetRequests.
 */
public final class SpotFleetActions implements ActionGroup {
    private static final String PREFIX = "SpotFleetRequestConfig.";

    @Override
    public void register(ActionRegistry registry) {
        registry.on(RequestSpotFleetRequest.class, this::request)
                .on(DescribeSpotFleetRequestsRequest.class, this::describe)
                .on(DescribeSpotFleetInstancesRequest.class, this::instances)
                .on(ModifySpotFleetRequestRequest.class, this::modify)
                .on(CancelSpotFleetRequestsRequest.class, this::cancel);
    }

    RequestSpotFleetResponse request(ActionContext ctx, RequestSpotFleetRequest request) {
        SpotFleetRequestConfigData config = request.spotFleetRequestConfig();
        if (config == null) {
            throw missing("SpotFleetRequestConfig");
        }
        if (config.iamFleetRole() == null) {
            throw missing("SpotFleetRequestConfig.IamFleetRole");
        }
        if (config.targetCapacity() == null) {
            throw missing("SpotFleetRequestConfig.TargetCapacity");
        }
        String type = config.typeAsString() == null ? "maintain" : config.typeAsString();
        if (!type.equals("request") && !type.equals("maintain")) {
            throw Checks.invalid("Value (" + type + ") for parameter type is invalid. Valid values: request, "
                    + "maintain");
        }
        boolean specs = config.hasLaunchSpecifications() && !config.launchSpecifications().isEmpty();
        boolean templates = config.hasLaunchTemplateConfigs() && !config.launchTemplateConfigs().isEmpty();
        if (specs == templates) {
            throw specs ? Checks.combination("LaunchSpecifications and LaunchTemplateConfigs cannot be used "
                    + "together") : missing("SpotFleetRequestConfig.LaunchSpecifications");
        }
        int target = config.targetCapacity();
        int onDemand = config.onDemandTargetCapacity() == null ? 0 : config.onDemandTargetCapacity();
        if (target < 1 || onDemand < 0 || onDemand > target) {
            throw Checks.invalid("The target capacity must be positive and at least the on-demand target capacity");
        }
        if (!ctx.cloud().supports(Capability.SPOT)) {
            throw Checks.unsupportedByBackend("Spot capacity");
        }
        List<Choice> choices = choices(config);
        Map<String, String> tags = TagSpecs.tagsFor(config.tagSpecifications(), ResourceType.SPOT_FLEET_REQUEST);
        Fleets fleets = Checks.extension(ctx.cloud(), Fleets.class);
        dryRun(request.dryRun());
        List<FleetInstance> held = new ArrayList<>();
        List<FleetError> errors = new ArrayList<>();
        launchInto(ctx, choices, onDemand, false, config.spotPrice(), held, errors);
        launchInto(ctx, choices, target - onDemand, true, config.spotPrice(), held, errors);
        Fleet fleet = fleets.createFleet(Fleet.Kind.SPOT_FLEET, type, target, held, errors,
                FleetLaunches.stored(ctx), tags);
        return RequestSpotFleetResponse.builder().spotFleetRequestId(fleet.id()).build();
    }

    DescribeSpotFleetRequestsResponse describe(ActionContext ctx, DescribeSpotFleetRequestsRequest request) {
        List<String> ids = request.hasSpotFleetRequestIds() ? request.spotFleetRequestIds() : List.of();
        Checks.checkIds(ids, Ec2IdKind.SPOT_FLEET_REQUEST);
        Fleets fleets = Checks.extension(ctx.cloud(), Fleets.class);
        List<Fleet> all = IdSelection.sorted(fleets.fleets(Fleet.Kind.SPOT_FLEET), Fleet::id);
        all = IdSelection.byIds(all, Fleet::id, ids, absent -> Checks.notFound(
                Ec2IdKind.SPOT_FLEET_REQUEST.notFoundCode(), "spot fleet request", absent));
        List<SpotFleetRequestConfig> out = new ArrayList<>();
        for (Fleet f : all) {
            out.add(shape(ctx, f));
        }
        dryRun(request.dryRun());
        var page = Paging.page(out, request.maxResults(), request.nextToken(), 1, 1000, Paging.queryKey(request));
        return DescribeSpotFleetRequestsResponse.builder().spotFleetRequestConfigs(page.items())
                .nextToken(page.nextToken()).build();
    }

    DescribeSpotFleetInstancesResponse instances(ActionContext ctx, DescribeSpotFleetInstancesRequest request) {
        if (request.spotFleetRequestId() == null) {
            throw missing("SpotFleetRequestId");
        }
        Fleet fleet = one(ctx, request.spotFleetRequestId());
        Set<String> running = FleetLaunches.running(ctx, fleet.instances());
        List<ActiveInstance> out = new ArrayList<>();
        for (FleetInstance i : fleet.instances()) {
            if (running.contains(i.instanceId())) {
                out.add(ActiveInstance.builder().instanceId(i.instanceId()).instanceType(i.instanceType())
                        .spotInstanceRequestId(i.spotRequestId()).instanceHealth("healthy").build());
            }
        }
        dryRun(request.dryRun());
        var page = Paging.page(out, request.maxResults(), request.nextToken(), 1, 1000, Paging.queryKey(request));
        return DescribeSpotFleetInstancesResponse.builder().spotFleetRequestId(fleet.id())
                .activeInstances(page.items()).nextToken(page.nextToken()).build();
    }

    ModifySpotFleetRequestResponse modify(ActionContext ctx, ModifySpotFleetRequestRequest request) {
        if (request.spotFleetRequestId() == null) {
            throw missing("SpotFleetRequestId");
        }
        Fleet fleet = one(ctx, request.spotFleetRequestId());
        if (request.hasLaunchTemplateConfigs() && !request.launchTemplateConfigs().isEmpty()) {
            throw Checks.unsupportedParameter("LaunchTemplateConfigs");
        }
        if (request.onDemandTargetCapacity() != null) {
            throw Checks.unsupportedParameter("OnDemandTargetCapacity");
        }
        if (!fleet.isLive()) {
            throw Ec2WireException.of("IncorrectState", "The spot fleet request " + fleet.id() + " is "
                    + fleet.state() + " and cannot be modified");
        }
        if (!"maintain".equals(fleet.type())) {
            throw Checks.invalid("Only spot fleet requests of type maintain can be modified: " + fleet.id()
                    + " is of type " + fleet.type());
        }
        int target = request.targetCapacity() == null ? fleet.targetCapacity() : request.targetCapacity();
        if (target < 0) {
            throw Checks.invalid("Value (" + target + ") for parameter targetCapacity is invalid.");
        }
        String policy = request.excessCapacityTerminationPolicyAsString();
        if (policy != null && !policy.equals("default") && !policy.equals("noTermination")) {
            throw Checks.invalid("Value (" + policy + ") for parameter excessCapacityTerminationPolicy is invalid. "
                    + "Valid values: noTermination, default");
        }
        Set<String> running = FleetLaunches.running(ctx, fleet.instances());
        List<FleetInstance> live = new ArrayList<>(fleet.instances().stream()
                .filter(i -> running.contains(i.instanceId())).toList());
        double have = live.stream().mapToDouble(FleetInstance::weight).sum();
        if (target > have) {
            SpotFleetRequestConfigData config = config(fleet);
            List<FleetError> errors = new ArrayList<>();
            launchInto(ctx, choices(config), target - have, true, config.spotPrice(), live, errors);
        } else if (target < have && !"noTermination".equals(policy)) {
            // The newest instances go first, as they are the last to have joined.
            List<FleetInstance> newestFirst = new ArrayList<>(live);
            java.util.Collections.reverse(newestFirst);
            List<FleetInstance> excess = new ArrayList<>();
            for (FleetInstance i : newestFirst) {
                if (have - i.weight() < target) {
                    break;
                }
                excess.add(i);
                have -= i.weight();
            }
            FleetLaunches.terminate(ctx, excess);
            live.removeAll(excess);
        }
        Checks.extension(ctx.cloud(), Fleets.class).updateFleet(fleet.id(), target, live);
        return ModifySpotFleetRequestResponse.builder().returnValue(true).build();
    }

    CancelSpotFleetRequestsResponse cancel(ActionContext ctx, CancelSpotFleetRequestsRequest request) {
        if (!request.hasSpotFleetRequestIds() || request.spotFleetRequestIds().isEmpty()) {
            throw missing("SpotFleetRequestId");
        }
        if (request.terminateInstances() == null) {
            throw missing("TerminateInstances");
        }
        boolean terminate = request.terminateInstances();
        Fleets fleets = Checks.extension(ctx.cloud(), Fleets.class);
        Map<String, Fleet> known = new LinkedHashMap<>();
        fleets.fleets(Fleet.Kind.SPOT_FLEET).forEach(f -> known.put(f.id(), f));
        dryRun(request.dryRun());
        List<CancelSpotFleetRequestsSuccessItem> done = new ArrayList<>();
        List<CancelSpotFleetRequestsErrorItem> failed = new ArrayList<>();
        for (String id : request.spotFleetRequestIds()) {
            Fleet fleet = known.get(id);
            String code = !Ec2IdKind.SPOT_FLEET_REQUEST.isWellFormed(id) ? "fleetRequestIdMalformed"
                    : fleet == null ? "fleetRequestIdDoesNotExist"
                    : !fleet.isLive() ? "fleetRequestNotInCancellableState" : null;
            if (code != null) {
                failed.add(CancelSpotFleetRequestsErrorItem.builder().spotFleetRequestId(id)
                        .error(CancelSpotFleetRequestsError.builder().code(code)
                                .message("The spot fleet request " + id + ": " + code).build()).build());
                continue;
            }
            if (terminate) {
                FleetLaunches.terminate(ctx, fleet.instances());
            }
            Fleet ended = fleets.endFleet(id, terminate);
            done.add(CancelSpotFleetRequestsSuccessItem.builder().spotFleetRequestId(id)
                    .previousSpotFleetRequestState(fleet.state()).currentSpotFleetRequestState(ended.state())
                    .build());
        }
        return CancelSpotFleetRequestsResponse.builder().successfulFleetRequests(done)
                .unsuccessfulFleetRequests(failed).build();
    }

    /** Launches {@code capacity} units over the choices in order, each taking what it can. */
    private static void launchInto(ActionContext ctx, List<Choice> choices, double capacity, boolean spot,
                                   String spotPrice, List<FleetInstance> held, List<FleetError> errors) {
        double remaining = capacity;
        for (Choice c : choices) {
            if (remaining <= 0) {
                return;
            }
            String maxPrice = c.spotPrice() != null ? c.spotPrice() : spotPrice;
            FleetLaunches.Outcome outcome = FleetLaunches.launch(ctx, c.run(),
                    FleetLaunches.instancesFor(remaining, c.weight()), spot, maxPrice, c.weight());
            if (outcome.error() != null) {
                errors.add(outcome.error());
                continue;
            }
            held.addAll(outcome.instances());
            remaining -= outcome.instances().size() * c.weight();
        }
    }

    private static Fleet one(ActionContext ctx, String id) {
        Checks.checkId(id, Ec2IdKind.SPOT_FLEET_REQUEST);
        return Checks.extension(ctx.cloud(), Fleets.class).fleets(Fleet.Kind.SPOT_FLEET).stream()
                .filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> Ec2WireException.of(Ec2IdKind.SPOT_FLEET_REQUEST.notFoundCode(),
                        "The spot fleet request ID '" + id + "' does not exist"));
    }

    private static SpotFleetRequestConfigData config(Fleet f) {
        return ((RequestSpotFleetRequest) FleetLaunches.decode("RequestSpotFleet", f.request()))
                .spotFleetRequestConfig();
    }

    private static SpotFleetRequestConfig shape(ActionContext ctx, Fleet f) {
        Set<String> running = f.isLive() ? FleetLaunches.running(ctx, f.instances()) : Set.of();
        double fulfilled = 0;
        double onDemand = 0;
        for (FleetInstance i : f.instances()) {
            if (running.contains(i.instanceId())) {
                fulfilled += i.weight();
                onDemand += i.spot() ? 0 : i.weight();
            }
        }
        SpotFleetRequestConfigData config = config(f).toBuilder().targetCapacity(f.targetCapacity())
                .fulfilledCapacity(fulfilled).onDemandFulfilledCapacity(onDemand).build();
        return SpotFleetRequestConfig.builder()
                .spotFleetRequestId(f.id())
                .spotFleetRequestState(f.state())
                .spotFleetRequestConfig(config)
                .createTime(f.createTime())
                .activityStatus(fulfilled >= f.targetCapacity() ? "fulfilled" : "pending_fulfillment")
                .tags(SdkTags.toSdk(f.tags()))
                .build();
    }

    /** One launch specification, or one override of one launch template config. */
    private record Choice(SpotFleetLaunchSpecification spec, LaunchTemplateConfig template,
                          LaunchTemplateOverrides override) {
        double weight() {
            Double w = spec != null ? spec.weightedCapacity() : override == null ? null : override.weightedCapacity();
            return w == null || w <= 0 ? 1 : w;
        }

        String spotPrice() {
            return spec != null ? spec.spotPrice() : override == null ? null : override.spotPrice();
        }

        double priority() {
            return override == null || override.priority() == null ? Double.MAX_VALUE : override.priority();
        }

        RunInstancesRequest run() {
            if (spec == null) {
                var lt = template.launchTemplateSpecification();
                RunInstancesRequest.Builder b = RunInstancesRequest.builder().launchTemplate(
                        LaunchTemplateSpecification.builder().launchTemplateId(lt.launchTemplateId())
                                .launchTemplateName(lt.launchTemplateName()).version(lt.version()).build());
                if (override != null) {
                    b.instanceType(override.instanceTypeAsString()).subnetId(firstSubnet(override.subnetId()));
                    if (override.availabilityZone() != null) {
                        b.placement(Placement.builder().availabilityZone(override.availabilityZone()).build());
                    }
                }
                return b.build();
            }
            RunInstancesRequest.Builder b = RunInstancesRequest.builder()
                    .imageId(spec.imageId())
                    .instanceType(spec.instanceTypeAsString())
                    .keyName(spec.keyName())
                    .subnetId(firstSubnet(spec.subnetId()))
                    .userData(spec.userData())
                    .ebsOptimized(spec.ebsOptimized());
            if (spec.hasSecurityGroups()) {
                List<String> ids = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (GroupIdentifier g : spec.securityGroups()) {
                    if (g.groupId() != null) {
                        ids.add(g.groupId());
                    } else if (g.groupName() != null) {
                        names.add(g.groupName());
                    }
                }
                b.securityGroupIds(ids.isEmpty() ? null : ids).securityGroups(names.isEmpty() ? null : names);
            }
            if (spec.hasBlockDeviceMappings()) {
                b.blockDeviceMappings(spec.blockDeviceMappings());
            }
            if (spec.hasNetworkInterfaces()) {
                b.networkInterfaces(spec.networkInterfaces());
            }
            if (spec.placement() != null && spec.placement().availabilityZone() != null) {
                b.placement(Placement.builder().availabilityZone(spec.placement().availabilityZone()).build());
            }
            if (spec.iamInstanceProfile() != null) {
                b.iamInstanceProfile(i -> i.arn(spec.iamInstanceProfile().arn())
                        .name(spec.iamInstanceProfile().name()));
            }
            if (spec.hasTagSpecifications()) {
                List<TagSpecification> tags = new ArrayList<>();
                for (SpotFleetTagSpecification t : spec.tagSpecifications()) {
                    tags.add(TagSpecification.builder().resourceType(t.resourceTypeAsString()).tags(t.tags()).build());
                }
                b.tagSpecifications(tags);
            }
            return b.build();
        }

        /** EC2 takes several subnets as one comma-separated value; the first is where this fleet launches. */
        private static String firstSubnet(String subnets) {
            return subnets == null ? null : subnets.split(",")[0].trim();
        }
    }

    private static List<Choice> choices(SpotFleetRequestConfigData config) {
        List<Choice> out = new ArrayList<>();
        if (config.hasLaunchSpecifications()) {
            for (SpotFleetLaunchSpecification s : config.launchSpecifications()) {
                out.add(new Choice(s, null, null));
            }
        }
        if (config.hasLaunchTemplateConfigs()) {
            for (LaunchTemplateConfig c : config.launchTemplateConfigs()) {
                if (c.launchTemplateSpecification() == null) {
                    throw missing("LaunchTemplateConfigs.LaunchTemplateSpecification");
                }
                if (!c.hasOverrides() || c.overrides().isEmpty()) {
                    out.add(new Choice(null, c, null));
                } else {
                    c.overrides().forEach(o -> out.add(new Choice(null, c, o)));
                }
            }
        }
        // A stable sort: choices of equal priority keep the order the caller gave.
        out.sort(Comparator.comparingDouble(Choice::priority));
        return out;
    }
}
