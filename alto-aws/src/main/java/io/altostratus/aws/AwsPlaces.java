package io.altostratus.aws;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.catalog.Catalog;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.core.wait.Retrier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LocationType;

/** Regions, zones, instance types and which zones offer which types; the last two are asked once per session. */
final class AwsPlaces {
    private volatile Map<String, Set<String>> offerings;
    private volatile List<InstanceType> types;

    private final Ec2Client ec2;
    private final String region;
    private final Retrier retrier;
    private final Catalog catalog;

    AwsPlaces(AwsContext context) {
        this.ec2 = context.ec2();
        this.region = context.region();
        this.retrier = context.retrier();
        this.catalog = context.catalog();
    }

    List<Region> regions() {
        return retrier.call("DescribeRegions", () -> ec2.describeRegions(r -> r.allRegions(false))).regions().stream()
                .map(r -> new Region(r.regionName(), r.regionName(), r.endpoint(),
                        "opted-in".equals(r.optInStatus()) || "not-opted-in".equals(r.optInStatus())))
                .sorted(Comparator.comparing(Region::name))
                .toList();
    }

    List<Zone> zones() {
        return retrier.call("DescribeAvailabilityZones", () -> ec2.describeAvailabilityZones(r -> {
                })).availabilityZones().stream()
                .map(z -> new Zone(z.zoneName(), z.zoneId(), z.regionName() == null ? region : z.regionName(),
                        z.stateAsString()))
                .sorted(Comparator.comparing(Zone::name))
                .toList();
    }

    List<InstanceType> instanceTypes() {
        List<InstanceType> cached = types;
        if (cached != null) {
            return cached;
        }
        List<InstanceType> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = retrier.call("DescribeInstanceTypes", () -> ec2.describeInstanceTypes(r -> r.nextToken(next)
                    .maxResults(100)));
            for (var t : page.instanceTypes()) {
                out.add(instanceType(t));
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        out.sort(Comparator.comparing(InstanceType::name));
        types = List.copyOf(out);
        return types;
    }

    private InstanceType instanceType(software.amazon.awssdk.services.ec2.model.InstanceTypeInfo t) {
        String name = t.instanceTypeAsString();
        int vcpus = t.vCpuInfo() == null || t.vCpuInfo().defaultVCpus() == null ? 0 : t.vCpuInfo().defaultVCpus();
        long memory = t.memoryInfo() == null || t.memoryInfo().sizeInMiB() == null ? 0 : t.memoryInfo().sizeInMiB();
        int gpus = 0;
        String gpuModel = null;
        if (t.gpuInfo() != null) {
            for (var g : t.gpuInfo().gpus()) {
                gpus += g.count() == null ? 0 : g.count();
                gpuModel = gpuModel == null ? g.name() : gpuModel;
            }
        }
        List<Architecture> arches = t.processorInfo() == null ? List.of() : t.processorInfo()
                .supportedArchitecturesAsStrings().stream().map(Ec2Convert::architecture).filter(Objects::nonNull)
                .distinct().toList();
        Double price = catalog == null ? null : catalog.instanceType(region, name).map(InstanceType::pricePerHour)
                .orElse(null);
        long local = t.instanceStorageInfo() == null || t.instanceStorageInfo().totalSizeInGB() == null ? 0
                : t.instanceStorageInfo().totalSizeInGB();
        return new InstanceType(name, vcpus, memory, gpus, gpuModel, arches, price,
                Boolean.TRUE.equals(t.burstablePerformanceSupported()), Boolean.TRUE.equals(t.currentGeneration()),
                t.networkInfo() == null ? null : t.networkInfo().networkPerformance(), local);
    }

    Map<String, Set<String>> instanceTypeOfferingsByZone() {
        Map<String, Set<String>> cached = offerings;
        if (cached != null) {
            return cached;
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Zone z : zones()) {
            out.put(z.name(), new LinkedHashSet<>());
        }
        String token = null;
        do {
            String next = token;
            var page = retrier.call("DescribeInstanceTypeOfferings", () -> ec2.describeInstanceTypeOfferings(r -> r
                    .locationType(LocationType.AVAILABILITY_ZONE).nextToken(next).maxResults(1000)));
            for (var o : page.instanceTypeOfferings()) {
                out.computeIfAbsent(o.location(), k -> new LinkedHashSet<>()).add(o.instanceTypeAsString());
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        Map<String, Set<String>> frozen = new java.util.TreeMap<>();
        out.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        // Sorted by zone name and kept in that order: fallback tries zones in it.
        offerings = java.util.Collections.unmodifiableMap(frozen);
        return offerings;
    }
}
