package io.altostratus.gateway.action.groups;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.Instance;
import io.altostratus.core.spi.Capability;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CancelSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.CancelSpotInstanceRequestsResponse;
import software.amazon.awssdk.services.ec2.model.CancelledSpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotInstanceRequestsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.LaunchSpecification;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.RequestSpotInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RequestSpotInstancesResponse;
import software.amazon.awssdk.services.ec2.model.RequestSpotLaunchSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesMonitoringEnabled;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.SpotInstanceStatus;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;
import software.amazon.awssdk.services.ec2.model.SpotPlacement;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/**
 * Spot requests and prices, from the backend's own ({@link Capability#SPOT}): DescribeSpotInstanceRequests,
 * CancelSpotInstanceRequests and DescribeSpotPriceHistory (the current price of each type and zone, which is all a
 * backend without a price history knows). Spot instances are launched by RunInstances with InstanceMarketOptions,
 * and by RequestSpotInstances, which this group answers as that same spot launch.
 */
public final class SpotActions implements ActionGroup {
    static final String MALFORMED = Checks.malformedCode(Ec2IdKind.SPOT_REQUEST);
    static final String NOT_FOUND = Checks.notFoundCode(Ec2IdKind.SPOT_REQUEST);
    
    private static final FilterSet<SpotInstanceRequest> REQUEST_FILTERS = FilterSet.<SpotInstanceRequest>builder()
            .field("spot-instance-request-id", SpotInstanceRequest::spotInstanceRequestId)
            .field("state", SpotInstanceRequest::stateAsString)
            .field("type", SpotInstanceRequest::typeAsString)
            .field("status-code", r -> r.status() == null ? null : r.status().code())
            .field("status-message", r -> r.status() == null ? null : r.status().message())
            .field("instance-id", SpotInstanceRequest::instanceId)
            .field("launched-availability-zone", SpotInstanceRequest::launchedAvailabilityZone)
            .field("create-time", r -> Ec2Time.text(r.createTime()))
            .field("spot-price", SpotInstanceRequest::spotPrice)
            .field("product-description", SpotInstanceRequest::productDescriptionAsString)
            .field("instance-interruption-behavior", SpotInstanceRequest::instanceInterruptionBehaviorAsString)
            .field("launch.image-id", r -> r.launchSpecification().imageId())
            .field("launch.instance-type", r -> r.launchSpecification().instanceTypeAsString())
            .field("launch.key-name", r -> r.launchSpecification().keyName())
            .field("launch.group-id", r -> r.launchSpecification().securityGroups().stream()
                    .map(GroupIdentifier::groupId).toList())
            .field("launch.group-name", r -> r.launchSpecification().securityGroups().stream()
                    .map(GroupIdentifier::groupName).toList())
            .field("launch.monitoring-enabled", r -> r.launchSpecification().monitoring().enabled())
            // Documented by EC2 but never set on requests made by RunInstances: they match nothing.
            .field("availability-zone-group", SpotInstanceRequest::availabilityZoneGroup)
            .field("launch-group", SpotInstanceRequest::launchGroup)
            .field("fault-code", r -> r.fault() == null ? null : r.fault().code())
            .field("fault-message", r -> r.fault() == null ? null : r.fault().message())
            .field("valid-from", r -> r.validFrom() == null ? null : Ec2Time.text(r.validFrom()))
            .field("valid-until", r -> r.validUntil() == null ? null : Ec2Time.text(r.validUntil()))
            .tags(r -> SdkTags.fromSdk(r.tags()))
            .build();

    private static final FilterSet<SpotPrice> PRICE_FILTERS = FilterSet.<SpotPrice>builder()
            .field("availability-zone", SpotPrice::availabilityZone)
            .field("instance-type", SpotPrice::instanceTypeAsString)
            .field("product-description", SpotPrice::productDescriptionAsString)
            .field("spot-price", SpotPrice::spotPrice)
            .field("timestamp", p -> Ec2Time.text(p.timestamp()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(DescribeSpotInstanceRequestsRequest.class, this::describeSpotInstanceRequests)
                .on(CancelSpotInstanceRequestsRequest.class, this::cancelSpotInstanceRequests)
                .on(DescribeSpotPriceHistoryRequest.class, this::describeSpotPriceHistory)
                .on(RequestSpotInstancesRequest.class, this::requestSpotInstances);
    }

    DescribeSpotInstanceRequestsResponse describeSpotInstanceRequests(ActionContext ctx,
                                                                      DescribeSpotInstanceRequestsRequest request) {
        List<String> ids = request.hasSpotInstanceRequestIds() ? request.spotInstanceRequestIds() : List.of();
        Checks.checkIds(ids, Ec2IdKind.SPOT_REQUEST);
        Checks.noPagingWithIds(!ids.isEmpty(), request.maxResults(), "spotInstanceRequestIds");
        Checks.dryRun(request.dryRun());
        Cloud cloud = ctx.cloud();
        if (!cloud.supports(Capability.SPOT)) {
            if (!ids.isEmpty()) {
                throw Checks.notFound(NOT_FOUND, "spot instance request", ids);
            }
            return DescribeSpotInstanceRequestsResponse.builder().spotInstanceRequests(List.of()).build();
        }
        List<io.altostratus.core.ec2.SpotRequest> requests = Checks.extension(cloud, SpotRequests.class)
                .spotRequests(ids);
        Map<String, Instance> instances = instancesOf(cloud, requests);
        List<SpotInstanceRequest> items = new ArrayList<>(requests.size());
        for (var r : requests) {
            items.add(toSdk(r, instances.get(r.instanceId())));
        }
        if (ids.isEmpty()) {
            items = IdSelection.sorted(items, SpotInstanceRequest::spotInstanceRequestId);
        }
        List<SpotInstanceRequest> matching = REQUEST_FILTERS.apply(items, request.filters());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeSpotInstanceRequestsResponse.builder().spotInstanceRequests(page.items())
                .nextToken(page.nextToken()).build();
    }

    CancelSpotInstanceRequestsResponse cancelSpotInstanceRequests(ActionContext ctx,
                                                                  CancelSpotInstanceRequestsRequest request) {
        List<String> ids = request.hasSpotInstanceRequestIds() ? request.spotInstanceRequestIds() : List.of();
        if (ids.isEmpty()) {
            throw Checks.missing("SpotInstanceRequestId");
        }
        Checks.checkIds(ids, Ec2IdKind.SPOT_REQUEST);
        Cloud cloud = ctx.cloud();
        if (!cloud.supports(Capability.SPOT)) {
            throw Checks.notFound(NOT_FOUND, "spot instance request", ids);
        }
        if (Boolean.TRUE.equals(request.dryRun())) {
            Checks.extension(cloud, SpotRequests.class).spotRequests(ids); // unknown ids fail even on a dry run
            Checks.dryRun(true);
        }
        List<CancelledSpotInstanceRequest> out = new ArrayList<>();
        for (var r : Checks.extension(cloud, SpotRequests.class).cancelSpotRequests(ids)) {
            out.add(CancelledSpotInstanceRequest.builder().spotInstanceRequestId(r.id())
                    .state(r.state().wireName()).build());
        }
        return CancelSpotInstanceRequestsResponse.builder().cancelledSpotInstanceRequests(out).build();
    }

    /**
     * RequestSpotInstances: the launch specification becomes a spot RunInstances, so each request is fulfilled at
     * once (the local cloud's spot capacity is never short) and answers with its instance.
     */
    RequestSpotInstancesResponse requestSpotInstances(ActionContext ctx, RequestSpotInstancesRequest request) {
        RequestSpotLaunchSpecification launch = request.launchSpecification();
        if (launch == null || launch.imageId() == null) {
            throw Checks.missing("LaunchSpecification.ImageId");
        }
        int count = request.instanceCount() == null ? 1 : request.instanceCount();
        if (count < 1) {
            throw Checks.invalid("Value (" + count + ") for parameter instanceCount is invalid. Expected a positive "
                    + "integer.");
        }
        String type = request.typeAsString() == null ? "one-time" : request.typeAsString();
        if (!type.equals("one-time") && !type.equals("persistent")) {
            throw Checks.invalid("Value (" + type + ") for parameter type is invalid. Valid values: one-time, "
                    + "persistent");
        }
        if (request.validUntil() != null && request.validFrom() != null
                && !request.validUntil().isAfter(request.validFrom())) {
            throw Checks.invalid("validUntil must be later than validFrom");
        }
        if (request.blockDurationMinutes() != null) {
            throw Checks.unsupportedParameter("BlockDurationMinutes");
        }
        String behavior = request.instanceInterruptionBehaviorAsString();
        if (behavior != null && !behavior.equals("terminate")) {
            throw Checks.unsupportedParameter("InstanceInterruptionBehavior=" + behavior);
        }
        Map<String, String> requestTags = TagSpecs.tagsFor(request.tagSpecifications(),
                ResourceType.SPOT_INSTANCES_REQUEST);
        RunInstancesRequest.Builder run = RunInstancesRequest.builder()
                .imageId(launch.imageId())
                .instanceType(launch.instanceTypeAsString())
                .keyName(launch.keyName())
                .securityGroupIds(launch.hasSecurityGroupIds() ? launch.securityGroupIds() : null)
                .securityGroups(launch.hasSecurityGroups() ? launch.securityGroups() : null)
                .subnetId(launch.subnetId())
                .userData(launch.userData())
                .ebsOptimized(launch.ebsOptimized())
                .minCount(1)
                .maxCount(count)
                .clientToken(request.clientToken())
                .instanceMarketOptions(InstanceMarketOptionsRequest.builder().marketType("spot")
                        .spotOptions(SpotMarketOptions.builder().maxPrice(request.spotPrice())
                                .spotInstanceType(type).build()).build());
        if (launch.hasBlockDeviceMappings()) {
            run.blockDeviceMappings(launch.blockDeviceMappings());
        }
        if (launch.hasNetworkInterfaces()) {
            run.networkInterfaces(launch.networkInterfaces());
        }
        if (launch.placement() != null && launch.placement().availabilityZone() != null) {
            run.placement(Placement.builder().availabilityZone(launch.placement().availabilityZone()).build());
        }
        if (launch.monitoring() != null) {
            run.monitoring(RunInstancesMonitoringEnabled.builder().enabled(launch.monitoring().enabled()).build());
        }
        if (launch.iamInstanceProfile() != null) {
            throw Checks.unsupportedParameter("LaunchSpecification.IamInstanceProfile");
        }
        Cloud cloud = ctx.cloud();
        var spec = InstanceLaunches.translate(cloud, run.build());
        SpotRequests spot = Checks.extension(cloud, SpotRequests.class);
        Checks.dryRun(request.dryRun());
        List<Instance> made = cloud.launch(spec);
        List<String> ids = new ArrayList<>();
        Map<String, Instance> byId = new HashMap<>();
        for (Instance i : made) {
            String requestId = Ec2InstanceDetails.of(i).spotInstanceRequestId();
            if (requestId != null) {
                ids.add(requestId);
                byId.put(i.id(), i);
                if (!requestTags.isEmpty()) {
                    cloud.tag(requestId, requestTags);
                }
            }
        }
        List<SpotInstanceRequest> out = new ArrayList<>();
        for (var r : spot.spotRequests(ids)) {
            SpotInstanceRequest shaped = toSdk(r, byId.get(r.instanceId()));
            out.add(shaped.toBuilder().validFrom(request.validFrom()).validUntil(request.validUntil())
                    .launchGroup(request.launchGroup()).availabilityZoneGroup(request.availabilityZoneGroup())
                    .build());
        }
        return RequestSpotInstancesResponse.builder().spotInstanceRequests(out).build();
    }

    DescribeSpotPriceHistoryResponse describeSpotPriceHistory(ActionContext ctx,
                                                              DescribeSpotPriceHistoryRequest request) {
        List<String> types = request.hasInstanceTypes() ? request.instanceTypesAsStrings() : List.of();
        String zone = request.availabilityZone();
        Instant start = request.startTime();
        Instant end = request.endTime();
        if (start != null && end != null && end.isBefore(start)) {
            throw Checks.invalid("The end time " + Ec2Time.text(end) + " is before the start time "
                    + Ec2Time.text(start));
        }
        Cloud cloud = ctx.cloud();
        if (zone != null && cloud.zones().stream().noneMatch(z -> z.name().equals(zone))) {
            throw Checks.invalid("Invalid availability zone: [" + zone + "]");
        }
        Checks.dryRun(request.dryRun());
        List<SpotPrice> items = new ArrayList<>();
        if (cloud.supports(Capability.SPOT)) {
            List<String> products = request.hasProductDescriptions() ? request.productDescriptions()
                    : List.of();
            for (var p : Checks.extension(cloud, SpotRequests.class)
                    .spotPrices(types, zone == null ? List.of() : List.of(zone))) {
                // Each price holds from its timestamp on: it is history for any window that ends after that.
                boolean inWindow = end == null || !end.isBefore(p.timestamp());
                if (inWindow && (products.isEmpty() || products.contains(p.productDescription()))) {
                    items.add(SpotPrice.builder().availabilityZone(p.zone()).instanceType(p.instanceType())
                            .productDescription(p.productDescription()).spotPrice(price(p.pricePerHour()))
                            .timestamp(p.timestamp()).build());
                }
            }
        }
        items.sort(Comparator.comparing(SpotPrice::instanceTypeAsString).thenComparing(SpotPrice::availabilityZone));
        List<SpotPrice> matching = PRICE_FILTERS.apply(items, request.filters());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 1, 1000,
                Paging.queryKey(request));
        return DescribeSpotPriceHistoryResponse.builder().spotPriceHistory(page.items())
                .nextToken(page.nextToken()).build();
    }

    /** The instances of the requests that still have one listed, by id (one listing for all of them). */
    private static Map<String, Instance> instancesOf(Cloud cloud, List<io.altostratus.core.ec2.SpotRequest> rs) {
        Map<String, Instance> out = new HashMap<>();
        if (rs.stream().anyMatch(r -> r.instanceId() != null)) {
            for (Instance i : cloud.instances()) {
                if (Ec2InstanceDetails.of(i).spotInstanceRequestId() != null || i.spot()) {
                    out.put(i.id(), i);
                }
            }
        }
        return out;
    }

    /** A price as EC2 prints it: six decimals. */
    static String price(Double perHour) {
        return perHour == null ? null : new BigDecimal(perHour.toString()).setScale(6, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }

    static SpotInstanceRequest toSdk(io.altostratus.core.ec2.SpotRequest r, Instance instance) {
        List<GroupIdentifier> groups = new ArrayList<>();
        if (instance != null) {
            for (GroupRef g : instance.securityGroups()) {
                groups.add(GroupIdentifier.builder().groupId(g.id()).groupName(g.name()).build());
            }
        }
        LaunchSpecification launch = LaunchSpecification.builder()
                .imageId(r.imageId())
                .instanceType(r.instanceType())
                .keyName(r.keyName())
                .subnetId(r.subnetId())
                .securityGroups(groups)
                .placement(SpotPlacement.builder().availabilityZone(r.launchedZone()).tenancy("default").build())
                .monitoring(RunInstancesMonitoringEnabled.builder().enabled(false).build())
                .build();
        return SpotInstanceRequest.builder()
                .spotInstanceRequestId(r.id())
                .spotPrice(price(r.maxPricePerHour()))
                .type(r.type().wireName())
                .state(r.state().wireName())
                .status(SpotInstanceStatus.builder().code(r.statusCode()).message(r.statusMessage())
                        .updateTime(r.statusUpdateTime()).build())
                .instanceId(r.instanceId())
                .launchSpecification(launch)
                .launchedAvailabilityZone(r.launchedZone())
                .createTime(r.createTime())
                .productDescription("Linux/UNIX")
                .instanceInterruptionBehavior("terminate")
                .tags(SdkTags.toSdk(r.tags()))
                .build();
    }
}
