package io.altostratus.aws;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.core.ec2.SpotPrice;
import io.altostratus.core.ec2.SpotRequest;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.wait.Retrier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;

/**
 * Spot requests and prices: DescribeSpotInstanceRequests, CancelSpotInstanceRequests and DescribeSpotPriceHistory,
 * mapped one to one onto the spot extension's calls (spot launches themselves go through RunInstances).
 */
final class AwsSpot implements SpotRequests {
    private static final String LINUX = "Linux/UNIX";

    private final AwsContext context;
    private final Ec2Client ec2;
    private final Retrier retrier;

    AwsSpot(AwsContext context) {
        this.context = context;
        this.ec2 = context.ec2();
        this.retrier = context.retrier();
    }

    /** The named requests in the order asked (EC2 answers NotFound for unknown ones), or all of them. */
    @Override
    public List<SpotRequest> spotRequests(Collection<String> ids) {
        if (ids.isEmpty()) {
            List<SpotRequest> all = new ArrayList<>();
            retrier.call("DescribeSpotInstanceRequests", () -> ec2.describeSpotInstanceRequestsPaginator(r -> r
                    .maxResults(1000)).spotInstanceRequests().stream().toList())
                    .forEach(r -> all.add(toCore(r)));
            return all;
        }
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        Map<String, SpotRequest> byId = new LinkedHashMap<>();
        retrier.callUntilVisible("DescribeSpotInstanceRequests", context.visibleBy(unique),
                () -> ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(unique)).spotInstanceRequests())
                .forEach(r -> byId.put(r.spotInstanceRequestId(), toCore(r)));
        List<SpotRequest> out = new ArrayList<>(unique.size());
        for (String id : unique) {
            SpotRequest request = byId.get(id);
            if (request != null) {
                out.add(request);
            }
        }
        return out;
    }

    /** Cancels, then reads the requests back whole (the cancel answer carries only ids and states). */
    @Override
    public List<SpotRequest> cancelSpotRequests(Collection<String> ids) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        retrier.callUntilVisible("CancelSpotInstanceRequests", context.visibleBy(unique),
                () -> ec2.cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds(unique)));
        return spotRequests(unique);
    }

    /** The newest Linux price of each type in each zone, narrowed to the types and zones given. */
    @Override
    public List<SpotPrice> spotPrices(Collection<String> types, Collection<String> zones) {
        Instant now = context.clock().instant();
        DescribeSpotPriceHistoryRequest.Builder request = DescribeSpotPriceHistoryRequest.builder()
                .startTime(now).productDescriptions(LINUX).maxResults(1000);
        if (!types.isEmpty()) {
            request.instanceTypesWithStrings(List.copyOf(types));
        }
        if (!zones.isEmpty()) {
            request.filters(Filter.builder().name("availability-zone").values(List.copyOf(zones)).build());
        }
        Map<String, SpotPrice> newest = new LinkedHashMap<>();
        List<software.amazon.awssdk.services.ec2.model.SpotPrice> history = retrier.call("DescribeSpotPriceHistory",
                () -> ec2.describeSpotPriceHistoryPaginator(request.build()).spotPriceHistory().stream().toList());
        for (var p : history) {
            SpotPrice price = new SpotPrice(p.instanceTypeAsString(), p.availabilityZone(),
                    p.productDescriptionAsString(), Double.parseDouble(p.spotPrice()), p.timestamp());
            newest.merge(price.instanceType() + " " + price.zone(), price,
                    (a, b) -> b.timestamp() != null && (a.timestamp() == null || b.timestamp().isAfter(a.timestamp()))
                            ? b : a);
        }
        return List.copyOf(newest.values());
    }

    static SpotRequest toCore(SpotInstanceRequest r) {
        var launch = r.launchSpecification();
        return new SpotRequest(r.spotInstanceRequestId(),
                "persistent".equals(r.typeAsString()) ? SpotRequest.Type.PERSISTENT : SpotRequest.Type.ONE_TIME,
                state(r.stateAsString()),
                r.status() == null ? null : r.status().code(),
                r.status() == null ? null : r.status().message(),
                r.status() == null ? null : r.status().updateTime(),
                r.spotPrice() == null || r.spotPrice().isBlank() ? null : Double.valueOf(r.spotPrice()),
                r.instanceId(),
                launch == null ? null : launch.instanceTypeAsString(),
                launch == null ? null : launch.imageId(),
                launch == null ? null : launch.keyName(),
                launch == null ? null : launch.subnetId(),
                r.launchedAvailabilityZone(),
                r.createTime(),
                Ec2Convert.tags(r.tags()));
    }

    private static SpotRequest.State state(String wire) {
        if (wire == null) {
            return SpotRequest.State.OPEN;
        }
        for (SpotRequest.State s : SpotRequest.State.values()) {
            if (s.wireName().equals(wire)) {
                return s;
            }
        }
        return SpotRequest.State.OPEN;
    }
}
