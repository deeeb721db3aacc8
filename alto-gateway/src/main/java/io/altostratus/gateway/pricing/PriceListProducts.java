package io.altostratus.gateway.pricing;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Price;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The EC2 products of the price list served, from an AWS catalog: per region and instance type one Linux, shared
 * tenancy, no pre-installed software, capacity-used on-demand product, for each price the catalog says its source
 * QUOTED. A price the catalog estimated (from a sibling size, say) is left out: the Price List API answers what AWS
 * quotes, and serving our own estimate here would make a client take it for AWS's figure. Products are built per
 * region on first use and kept (the catalog is immutable).
 */
final class PriceListProducts {
    static final String SERVICE_CODE = "AmazonEC2";
    /** The attributes every product has, in the order DescribeServices lists them. */
    static final List<String> ATTRIBUTE_NAMES = List.of("capacitystatus", "currentGeneration", "gpu",
            "instanceType", "licenseModel", "location", "locationType", "marketoption", "memory", "operatingSystem",
            "operation", "preInstalledSw", "regionCode", "servicecode", "servicename", "tenancy", "usagetype", "vcpu");

    private final Catalog catalog;
    private final Map<String, List<PriceListProduct>> byRegion = new ConcurrentHashMap<>();

    PriceListProducts(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The names of the catalog's regions. */
    List<String> regions() {
        return catalog.regions().stream().map(Region::name).toList();
    }

    /** A region's products, sorted by instance type; empty for a region the catalog does not have. */
    List<PriceListProduct> of(String region) {
        return byRegion.computeIfAbsent(region, this::build);
    }

    /** The distinct values of one attribute across every product, sorted. */
    List<String> values(String attribute) {
        TreeSet<String> out = new TreeSet<>();
        for (String region : regions()) {
            for (PriceListProduct p : of(region)) {
                String v = p.attributes().get(attribute);
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return List.copyOf(out);
    }

    private List<PriceListProduct> build(String regionName) {
        Optional<Region> region = catalog.regions().stream().filter(r -> r.name().equals(regionName)).findFirst();
        if (region.isEmpty()) {
            return List.of();
        }
        List<PriceListProduct> out = new ArrayList<>();
        for (InstanceType type : catalog.instanceTypes(regionName)) {
            Optional<Price> price = catalog.onDemandPrice(regionName, type.name());
            if (price.isEmpty() || price.get().estimated()) {
                continue;
            }
            out.add(new PriceListProduct(attributes(region.get(), type), usd(price.get().perHour()),
                    price.get().source().date()));
        }
        return List.copyOf(out);
    }

    private static Map<String, String> attributes(Region region, InstanceType type) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("capacitystatus", "Used");
        a.put("currentGeneration", type.currentGeneration() ? "Yes" : "No");
        a.put("gpu", Integer.toString(type.gpus()));
        a.put("instanceType", type.name());
        a.put("licenseModel", "No License required");
        a.put("location", region.displayName());
        a.put("locationType", "AWS Region");
        a.put("marketoption", "OnDemand");
        a.put("memory", memory(type.memoryMiB()));
        a.put("operatingSystem", "Linux");
        a.put("operation", "RunInstances");
        a.put("preInstalledSw", "NA");
        a.put("regionCode", region.name());
        a.put("servicecode", SERVICE_CODE);
        a.put("servicename", "Amazon Elastic Compute Cloud");
        a.put("tenancy", "Shared");
        a.put("usagetype", "BoxUsage:" + type.name());
        a.put("vcpu", Integer.toString(type.vcpus()));
        return a;
    }

    /** AWS writes memory as {@code 16 GiB} or {@code 0.5 GiB}. */
    static String memory(long mib) {
        BigDecimal gib = BigDecimal.valueOf(mib).divide(BigDecimal.valueOf(1024), 3, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return gib.toPlainString() + " GiB";
    }

    /** AWS writes prices with ten decimals, {@code 0.1920000000}. */
    static String usd(double perHour) {
        return BigDecimal.valueOf(perHour).setScale(10, RoundingMode.HALF_UP).toPlainString();
    }
}
