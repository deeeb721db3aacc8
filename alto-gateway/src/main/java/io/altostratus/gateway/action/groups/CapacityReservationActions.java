package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.CapacityReservation;
import io.altostratus.core.ec2.CapacityReservations;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationRequest;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationResponse;
import software.amazon.awssdk.services.ec2.model.CapacityReservationType;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationRequest;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationsResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageResponse;
import software.amazon.awssdk.services.ec2.model.InstanceUsage;
import software.amazon.awssdk.services.ec2.model.ModifyCapacityReservationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyCapacityReservationResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * On-Demand Capacity Reservations: made active in a zone for a type and platform, changed in count and end date,
 * cancelled, and their usage read. How many instances a reservation has free is counted at each answer: running
 * and pending instances of its type in its zone use the account's open reservations, oldest first.
 */
public final class CapacityReservationActions implements ActionGroup {
    private static final FilterSet<software.amazon.awssdk.services.ec2.model.CapacityReservation> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.CapacityReservation>builder()
                    .field("instance-type", software.amazon.awssdk.services.ec2.model.CapacityReservation::instanceType)
                    .field("owner-id", software.amazon.awssdk.services.ec2.model.CapacityReservation::ownerId)
                    .field("instance-platform",
                            software.amazon.awssdk.services.ec2.model.CapacityReservation::instancePlatformAsString)
                    .field("availability-zone",
                            software.amazon.awssdk.services.ec2.model.CapacityReservation::availabilityZone)
                    .field("tenancy", software.amazon.awssdk.services.ec2.model.CapacityReservation::tenancyAsString)
                    .field("outpost-arn", software.amazon.awssdk.services.ec2.model.CapacityReservation::outpostArn)
                    .field("state", software.amazon.awssdk.services.ec2.model.CapacityReservation::stateAsString)
                    .field("start-date", c -> Ec2Time.text(c.startDate()))
                    .field("end-date", c -> c.endDate() == null ? null : Ec2Time.text(c.endDate()))
                    .field("end-date-type",
                            software.amazon.awssdk.services.ec2.model.CapacityReservation::endDateTypeAsString)
                    .field("instance-match-criteria", c -> c.instanceMatchCriteriaAsString())
                    .field("placement-group-arn",
                            software.amazon.awssdk.services.ec2.model.CapacityReservation::placementGroupArn)
                    .tags(c -> SdkTags.fromSdk(c.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateCapacityReservationRequest.class, this::create)
                .on(DescribeCapacityReservationsRequest.class, this::describe)
                .on(ModifyCapacityReservationRequest.class, this::modify)
                .on(CancelCapacityReservationRequest.class, this::cancel)
                .on(GetCapacityReservationUsageRequest.class, this::usage);
    }

    CreateCapacityReservationResponse create(ActionContext ctx, CreateCapacityReservationRequest request) {
        if (request.instanceType() == null) {
            throw missing("InstanceType");
        }
        if (request.instancePlatform() == null) {
            throw missing("InstancePlatform");
        }
        if (request.instanceCount() == null) {
            throw missing("InstanceCount");
        }
        if (request.startDate() != null || request.commitmentDuration() != null || request.outpostArn() != null
                || request.placementGroupArn() != null
                || (request.deliveryPreference() != null && !"fixed".equals(request.deliveryPreferenceAsString()))) {
            throw Checks.unsupportedParameter("StartDate, CommitmentDuration, OutpostArn, PlacementGroupArn or "
                    + "DeliveryPreference");
        }
        String zone = HostActions.zoneName(ctx, request.availabilityZone(), request.availabilityZoneId());
        Map<String, String> tags = TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.CAPACITY_RESERVATION);
        CapacityReservations reservations = Checks.extension(ctx.cloud(), CapacityReservations.class);
        dryRun(request.dryRun());
        CapacityReservation made = reservations.createCapacityReservation(new CapacityReservations.Request(
                request.instanceType(), request.instancePlatformAsString(), zone, request.instanceCount(),
                request.tenancyAsString(), request.ebsOptimized(), request.ephemeralStorage(),
                request.instanceMatchCriteriaAsString(), request.endDateTypeAsString(), request.endDate(), tags));
        Map<String, Integer> used = used(ctx.cloud(), reservations.capacityReservations());
        return CreateCapacityReservationResponse.builder().capacityReservation(shape(ctx, made, used)).build();
    }

    DescribeCapacityReservationsResponse describe(ActionContext ctx, DescribeCapacityReservationsRequest request) {
        List<String> ids = request.hasCapacityReservationIds() ? request.capacityReservationIds() : List.of();
        Checks.checkIds(ids, Ec2IdKind.CAPACITY_RESERVATION);
        Checks.noPagingWithIds(!ids.isEmpty(), request.maxResults(), "CapacityReservationId");
        List<CapacityReservation> all = IdSelection.sorted(
                Checks.extension(ctx.cloud(), CapacityReservations.class).capacityReservations(),
                CapacityReservation::id);
        all = IdSelection.byIds(all, CapacityReservation::id, ids, Ec2IdKind.CAPACITY_RESERVATION.notFoundCode(),
                "capacityReservation");
        Map<String, Integer> used = used(ctx.cloud(), all);
        List<software.amazon.awssdk.services.ec2.model.CapacityReservation> out = new ArrayList<>(all.size());
        for (CapacityReservation c : all) {
            out.add(shape(ctx, c, used));
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 1, 1000,
                Paging.queryKey(request));
        return DescribeCapacityReservationsResponse.builder().capacityReservations(page.items())
                .nextToken(page.nextToken()).build();
    }

    ModifyCapacityReservationResponse modify(ActionContext ctx, ModifyCapacityReservationRequest request) {
        String id = id(ctx, request.capacityReservationId());
        if (request.additionalInfo() != null) {
            throw Checks.unsupportedParameter("AdditionalInfo");
        }
        if (request.instanceCount() == null && request.endDate() == null && request.endDateType() == null
                && request.instanceMatchCriteria() == null && request.accept() == null) {
            throw missing("InstanceCount, EndDate, EndDateType or InstanceMatchCriteria");
        }
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), CapacityReservations.class).modifyCapacityReservation(id,
                request.instanceCount(), request.endDateTypeAsString(), request.endDate(),
                request.instanceMatchCriteriaAsString());
        return ModifyCapacityReservationResponse.builder().returnValue(true).build();
    }

    CancelCapacityReservationResponse cancel(ActionContext ctx, CancelCapacityReservationRequest request) {
        String id = id(ctx, request.capacityReservationId());
        if (request.quoteId() != null) {
            throw Checks.unsupportedParameter("QuoteId");
        }
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), CapacityReservations.class).cancelCapacityReservation(id);
        return CancelCapacityReservationResponse.builder().returnValue(true).build();
    }

    /**
     * One reservation's counts and who uses it: the account itself, as reservations are not shared here (so the
     * usage list has at most one entry, and none while nothing uses it).
     */
    GetCapacityReservationUsageResponse usage(ActionContext ctx, GetCapacityReservationUsageRequest request) {
        String id = id(ctx, request.capacityReservationId());
        CapacityReservations reservations = Checks.extension(ctx.cloud(), CapacityReservations.class);
        List<CapacityReservation> all = reservations.capacityReservations();
        CapacityReservation c = all.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        int used = c.isActive() ? used(ctx.cloud(), all).getOrDefault(id, 0) : 0;
        List<InstanceUsage> usages = used == 0 ? List.of()
                : List.of(InstanceUsage.builder().accountId(ctx.account()).usedInstanceCount(used).build());
        var page = Paging.page(usages, request.maxResults(), request.nextToken(), 1, 1000,
                Paging.queryKey(request));
        dryRun(request.dryRun());
        return GetCapacityReservationUsageResponse.builder().capacityReservationId(id)
                .instanceType(c.instanceType()).totalInstanceCount(c.totalInstanceCount())
                .availableInstanceCount(c.isActive() ? c.totalInstanceCount() - used : 0).state(c.state())
                .instanceUsages(page.items()).nextToken(page.nextToken()).build();
    }

    /** The id, checked to be well-formed and to name a reservation of the account. */
    private static String id(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("CapacityReservationId");
        }
        Checks.checkId(id, Ec2IdKind.CAPACITY_RESERVATION);
        if (Checks.extension(ctx.cloud(), CapacityReservations.class).capacityReservations().stream()
                .noneMatch(c -> c.id().equals(id))) {
            throw Checks.notFound(Ec2IdKind.CAPACITY_RESERVATION.notFoundCode(), "capacityReservation",
                    List.of(id));
        }
        return id;
    }

    /**
     * How many instances each active open reservation holds: live instances of a reservation's type and zone fill
     * the oldest matching reservation first. Targeted reservations are used only by launches that name them, which
     * the gateway does not pass on, so they stay free.
     */
    static Map<String, Integer> used(Cloud cloud, List<CapacityReservation> reservations) {
        Map<String, Integer> used = new HashMap<>();
        List<CapacityReservation> open = reservations.stream()
                .filter(c -> c.isActive() && CapacityReservation.OPEN.equals(c.matchCriteria())
                        && "default".equals(c.tenancy()))
                .sorted(Comparator.comparing(CapacityReservation::createDate).thenComparing(CapacityReservation::id))
                .toList();
        if (open.isEmpty()) {
            return used;
        }
        Map<String, Integer> running = new HashMap<>();
        for (Instance i : cloud.instances(InstanceQuery.builder()
                .states(List.of(InstanceState.PENDING, InstanceState.RUNNING)).build())) {
            running.merge(i.instanceType() + "@" + i.zone(), 1, Integer::sum);
        }
        for (CapacityReservation c : open) {
            String key = c.instanceType() + "@" + c.zone();
            int left = running.getOrDefault(key, 0);
            int take = Math.min(left, c.totalInstanceCount());
            used.put(c.id(), take);
            running.put(key, left - take);
        }
        return used;
    }

    static software.amazon.awssdk.services.ec2.model.CapacityReservation shape(ActionContext ctx,
                                                                                 CapacityReservation c,
                                                                                 Map<String, Integer> used) {
        int available = c.isActive() ? c.totalInstanceCount() - used.getOrDefault(c.id(), 0) : 0;
        return software.amazon.awssdk.services.ec2.model.CapacityReservation.builder()
                .capacityReservationId(c.id())
                .ownerId(ctx.account())
                .capacityReservationArn("arn:aws:ec2:" + ctx.region() + ":" + ctx.account()
                        + ":capacity-reservation/" + c.id())
                .availabilityZone(c.zone())
                .availabilityZoneId(ZoneIds.byName(ctx.cloud()).get(c.zone()))
                .instanceType(c.instanceType())
                .instancePlatform(c.platform())
                .tenancy(c.tenancy())
                .totalInstanceCount(c.totalInstanceCount())
                .availableInstanceCount(available)
                .ebsOptimized(c.ebsOptimized())
                .ephemeralStorage(c.ephemeralStorage())
                .state(c.state())
                .startDate(c.createDate())
                .createDate(c.createDate())
                .endDate(c.endDate())
                .endDateType(c.endDateType())
                .instanceMatchCriteria(c.matchCriteria())
                .reservationType(CapacityReservationType.DEFAULT)
                .deliveryPreference("fixed")
                .tags(SdkTags.toSdk(c.tags()))
                .build();
    }
}
