package io.altostratus.gateway.action.groups;

import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AccountAttribute;
import software.amazon.awssdk.services.ec2.model.AccountAttributeValue;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeAccountAttributesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAccountAttributesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;

/** Where things can run: regions, zones, and the account's attributes. */
public final class RegionActions implements ActionGroup {

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.Region> REGION_FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.Region>builder()
                    .field("region-name", software.amazon.awssdk.services.ec2.model.Region::regionName)
                    .field("endpoint", software.amazon.awssdk.services.ec2.model.Region::endpoint)
                    .field("opt-in-status", software.amazon.awssdk.services.ec2.model.Region::optInStatus)
                    .build();

    private static final FilterSet<AvailabilityZone> ZONE_FILTERS = FilterSet.<AvailabilityZone>builder()
            .field("zone-name", AvailabilityZone::zoneName)
            .field("zone-id", AvailabilityZone::zoneId)
            .field("region-name", AvailabilityZone::regionName)
            .field("state", AvailabilityZone::stateAsString)
            .field("zone-type", AvailabilityZone::zoneType)
            .field("group-name", AvailabilityZone::groupName)
            .field("opt-in-status", AvailabilityZone::optInStatusAsString)
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(DescribeRegionsRequest.class, this::describeRegions)
                .on(DescribeAvailabilityZonesRequest.class, this::describeAvailabilityZones)
                .on(DescribeAccountAttributesRequest.class, this::describeAccountAttributes);
    }

    DescribeRegionsResponse describeRegions(ActionContext ctx, DescribeRegionsRequest request) {
        boolean all = Boolean.TRUE.equals(request.allRegions());
        List<software.amazon.awssdk.services.ec2.model.Region> regions = new ArrayList<>();
        for (Region r : ctx.cloud().regions()) {
            // Without AllRegions EC2 lists only the regions enabled for the account; opt-in ones are not enabled here.
            if (!all && r.optIn()) {
                continue;
            }
            if (request.hasRegionNames() && !request.regionNames().contains(r.name())) {
                continue;
            }
            regions.add(software.amazon.awssdk.services.ec2.model.Region.builder()
                    .regionName(r.name())
                    .endpoint(r.endpoint())
                    .optInStatus(r.optIn() ? "not-opted-in" : "opt-in-not-required")
                    .build());
        }
        return DescribeRegionsResponse.builder().regions(REGION_FILTERS.apply(regions, request.filters())).build();
    }

    DescribeAvailabilityZonesResponse describeAvailabilityZones(ActionContext ctx,
                                                                DescribeAvailabilityZonesRequest request) {
        List<AvailabilityZone> zones = new ArrayList<>();
        for (Zone z : ctx.cloud().zones()) {
            if (request.hasZoneNames() && !request.zoneNames().contains(z.name())) {
                continue;
            }
            if (request.hasZoneIds() && !request.zoneIds().contains(z.zoneId())) {
                continue;
            }
            zones.add(AvailabilityZone.builder()
                    .zoneName(z.name())
                    .zoneId(z.zoneId())
                    .regionName(z.region())
                    .state(z.state())
                    .zoneType("availability-zone")
                    .groupName(z.region())
                    .networkBorderGroup(z.region())
                    .optInStatus("opt-in-not-required")
                    .messages(List.of())
                    .build());
        }
        return DescribeAvailabilityZonesResponse.builder()
                .availabilityZones(ZONE_FILTERS.apply(zones, request.filters())).build();
    }

    DescribeAccountAttributesResponse describeAccountAttributes(ActionContext ctx,
                                                                DescribeAccountAttributesRequest request) {
        String defaultVpc = Checks.extension(ctx.cloud(), Networks.class)
                .networks().stream().filter(io.altostratus.core.model.Network::isDefault)
                .map(io.altostratus.core.model.Network::id).findFirst().orElse("none");
        List<AccountAttribute> attributes = List.of(
                attribute("supported-platforms", "VPC"),
                attribute("default-vpc", defaultVpc),
                attribute("max-instances", "20"),
                attribute("vpc-max-security-groups-per-interface", "5"),
                attribute("max-elastic-ips", "5"),
                attribute("vpc-max-elastic-ips", "5"));
        List<AccountAttribute> wanted = request.hasAttributeNames()
                ? attributes.stream().filter(a -> request.attributeNamesAsStrings().contains(a.attributeName())).toList()
                : attributes;
        return DescribeAccountAttributesResponse.builder().accountAttributes(wanted).build();
    }

    private static AccountAttribute attribute(String name, String value) {
        return AccountAttribute.builder().attributeName(name)
                .attributeValues(AccountAttributeValue.builder().attributeValue(value).build()).build();
    }
}
