package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;

import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesResponse;
import software.amazon.awssdk.services.ec2.model.OfferingClassType;
import software.amazon.awssdk.services.ec2.model.OfferingTypeValues;
import software.amazon.awssdk.services.ec2.model.ReservedInstances;
import software.amazon.awssdk.services.ec2.model.ReservedInstancesOffering;

/**
 * Reserved Instances. Nothing can be bought here (the catalog has on-demand and spot prices, no reserved terms), so
 * an account holds none and no offering is listed; the requests are still checked as EC2 checks them, so a typo
 * in a filter or a type fails instead of reading as "none".
 */
public final class ReservedInstanceActions implements ActionGroup {
    private static final FilterSet<ReservedInstances> FILTERS = FilterSet.<ReservedInstances>builder()
            .field("availability-zone", ReservedInstances::availabilityZone)
            .field("duration", ReservedInstances::duration)
            .field("end", ReservedInstances::end)
            .field("fixed-price", ReservedInstances::fixedPrice)
            .field("instance-type", ReservedInstances::instanceTypeAsString)
            .field("scope", ReservedInstances::scopeAsString)
            .field("product-description", ReservedInstances::productDescriptionAsString)
            .field("reserved-instances-id", ReservedInstances::reservedInstancesId)
            .field("start", ReservedInstances::start)
            .field("state", ReservedInstances::stateAsString)
            .field("usage-price", ReservedInstances::usagePrice)
            .tags(r -> SdkTags.fromSdk(r.tags()))
            .build();
    private static final FilterSet<ReservedInstancesOffering> OFFERING_FILTERS =
            FilterSet.<ReservedInstancesOffering>builder()
                    .field("availability-zone", ReservedInstancesOffering::availabilityZone)
                    .field("duration", ReservedInstancesOffering::duration)
                    .field("fixed-price", ReservedInstancesOffering::fixedPrice)
                    .field("instance-type", ReservedInstancesOffering::instanceTypeAsString)
                    .field("marketplace", ReservedInstancesOffering::marketplace)
                    .field("product-description", ReservedInstancesOffering::productDescriptionAsString)
                    .field("reserved-instances-offering-id",
                            ReservedInstancesOffering::reservedInstancesOfferingId)
                    .field("scope", ReservedInstancesOffering::scopeAsString)
                    .field("usage-price", ReservedInstancesOffering::usagePrice)
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(DescribeReservedInstancesRequest.class, this::describe)
                .on(DescribeReservedInstancesOfferingsRequest.class, this::offerings);
    }

    DescribeReservedInstancesResponse describe(ActionContext ctx, DescribeReservedInstancesRequest request) {
        FILTERS.apply(List.of(), request.filters());
        checkEnum("OfferingClass", request.offeringClassAsString(),
                request.offeringClass() == OfferingClassType.UNKNOWN_TO_SDK_VERSION);
        checkEnum("OfferingType", request.offeringTypeAsString(),
                request.offeringType() == OfferingTypeValues.UNKNOWN_TO_SDK_VERSION);
        if (request.hasReservedInstancesIds() && !request.reservedInstancesIds().isEmpty()) {
            throw io.altostratus.gateway.http.Ec2WireException.of("InvalidReservedInstancesId",
                    "Reserved Instances '" + String.join(", ", request.reservedInstancesIds()) + "' not found");
        }
        dryRun(request.dryRun());
        return DescribeReservedInstancesResponse.builder().reservedInstances(List.of()).build();
    }

    DescribeReservedInstancesOfferingsResponse offerings(ActionContext ctx,
                                                         DescribeReservedInstancesOfferingsRequest request) {
        OFFERING_FILTERS.apply(List.of(), request.filters());
        checkEnum("OfferingClass", request.offeringClassAsString(),
                request.offeringClass() == OfferingClassType.UNKNOWN_TO_SDK_VERSION);
        checkEnum("OfferingType", request.offeringTypeAsString(),
                request.offeringType() == OfferingTypeValues.UNKNOWN_TO_SDK_VERSION);
        String type = request.instanceTypeAsString();
        if (type != null && ctx.cloud().instanceTypes().stream().noneMatch(t -> t.name().equals(type))) {
            throw Checks.invalid("Invalid value '" + type + "' for InstanceType");
        }
        if (request.availabilityZone() != null || request.availabilityZoneId() != null) {
            String zone = HostActions.zoneName(ctx, request.availabilityZone(), request.availabilityZoneId());
            if (ctx.cloud().zones().stream().noneMatch(z -> z.name().equals(zone))) {
                throw Checks.invalid("Invalid availability zone: [" + zone + "]");
            }
        }
        if (request.minDuration() != null && request.maxDuration() != null
                && request.minDuration() > request.maxDuration()) {
            throw Checks.invalid("MinDuration (" + request.minDuration() + ") is greater than MaxDuration ("
                    + request.maxDuration() + ")");
        }
        Paging.page(List.of(), request.maxResults(), request.nextToken(), 1, 1000, Paging.queryKey(request));
        dryRun(request.dryRun());
        return DescribeReservedInstancesOfferingsResponse.builder().reservedInstancesOfferings(List.of()).build();
    }

    private static void checkEnum(String parameter, String value, boolean unknown) {
        if (unknown) {
            throw Checks.invalid("Value (" + value + ") for parameter " + parameter + " is invalid");
        }
    }
}
