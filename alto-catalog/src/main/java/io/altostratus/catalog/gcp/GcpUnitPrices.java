package io.altostratus.catalog.gcp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Compute Engine unit prices a GCP catalog was priced from ({@link GcpUnitPrice}), in a stable order (family,
 * region, resource, on-demand before Spot), with the lookups that assembling a machine type's price needs. Immutable.
 */
public final class GcpUnitPrices {
    private static final GcpUnitPrices EMPTY = new GcpUnitPrices(List.of());
    private static final Comparator<GcpUnitPrice> ORDER = Comparator.comparing(GcpUnitPrice::family)
            .thenComparing(GcpUnitPrice::region).thenComparing(GcpUnitPrice::resource)
            .thenComparing(GcpUnitPrice::spot);

    private final List<GcpUnitPrice> all;
    private final Map<Key, GcpUnitPrice> byKey;
    private final Map<String, List<GcpUnitPrice>> byRegion;

    private record Key(String family, String region, GcpUnitPrice.Resource resource, boolean spot) {
    }

    private GcpUnitPrices(List<GcpUnitPrice> prices) {
        List<GcpUnitPrice> sorted = new ArrayList<>(prices);
        sorted.sort(ORDER);
        Map<Key, GcpUnitPrice> keys = new HashMap<>();
        Map<String, GcpUnitPrice> firstOfSku = new HashMap<>();
        Map<String, List<GcpUnitPrice>> regions = new LinkedHashMap<>();
        for (GcpUnitPrice p : sorted) {
            if (keys.put(new Key(p.family(), p.region(), p.resource(), p.spot()), p) != null) {
                throw new IllegalArgumentException("two prices for " + p.family() + " " + p.resource() + " in "
                        + p.region() + (p.spot() ? " (spot)" : ""));
            }
            // One SKU may serve several regions (Google's "Americas" SKUs do), but it is one price of one thing.
            GcpUnitPrice first = firstOfSku.putIfAbsent(p.skuId(), p);
            if (first != null && !(first.family().equals(p.family()) && first.resource() == p.resource()
                    && first.spot() == p.spot() && first.usdPerHour().compareTo(p.usdPerHour()) == 0)) {
                throw new IllegalArgumentException("SKU " + p.skuId() + " prices two things: " + first + " and " + p);
            }
            regions.computeIfAbsent(p.region(), r -> new ArrayList<>()).add(p);
        }
        regions.replaceAll((r, list) -> List.copyOf(list));
        this.all = List.copyOf(sorted);
        this.byKey = Map.copyOf(keys);
        this.byRegion = Collections.unmodifiableMap(regions);
    }

    /**
     * @throws IllegalArgumentException when two prices price the same thing, or one SKU id stands for different
     *                                  things or amounts (it may stand for the same price in several regions)
     */
    public static GcpUnitPrices of(List<GcpUnitPrice> prices) {
        return prices.isEmpty() ? EMPTY : new GcpUnitPrices(prices);
    }

    public static GcpUnitPrices empty() {
        return EMPTY;
    }

    // Google's e2 pricing: the shared-core types show the guest two vCPUs and are billed for a share of one.
    private static final Map<String, BigDecimal> SHARED_CORE_SHARES = Map.of(
            "e2-micro", new BigDecimal("0.25"),
            "e2-small", new BigDecimal("0.5"),
            "e2-medium", BigDecimal.ONE);

    /**
     * The vCPUs a shared-core machine type of a unit-priced family is billed for (e2-micro 0.25, e2-small 0.5,
     * e2-medium 1), which neither the type's vCPU count nor the Compute API says; empty for any other type. The one
     * place the shares are written, for the catalog's builder and for a refresh alike.
     */
    public static Optional<BigDecimal> sharedCoreShare(String typeName) {
        return Optional.ofNullable(SHARED_CORE_SHARES.get(typeName));
    }

    /** Every price, in the stable order. */
    public List<GcpUnitPrice> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** The prices of one region (empty for a region without any). */
    public List<GcpUnitPrice> inRegion(String region) {
        return byRegion.getOrDefault(region, List.of());
    }

    /** The regions that have prices, sorted. */
    public Set<String> regions() {
        return Collections.unmodifiableSet(new TreeSet<>(byRegion.keySet()));
    }

    /** One price, if known. */
    public Optional<GcpUnitPrice> find(String family, String region, GcpUnitPrice.Resource resource, boolean spot) {
        return Optional.ofNullable(byKey.get(new Key(family, region, resource, spot)));
    }

    /**
     * The hourly price of a machine type of a unit-priced family: {@code billedVcpus} x the family's core price +
     * {@code memoryGiB} x its RAM price in that region, or empty when either is unknown there. {@code billedVcpus}
     * is what the bill counts: the guest's vCPUs, except for the shared-core e2 types (e2-micro 0.25, e2-small 0.5,
     * e2-medium 1).
     */
    public Optional<BigDecimal> hourlyPrice(String family, String region, boolean spot, BigDecimal billedVcpus,
                                            BigDecimal memoryGiB) {
        Objects.requireNonNull(billedVcpus, "billedVcpus");
        Objects.requireNonNull(memoryGiB, "memoryGiB");
        GcpUnitPrice core = byKey.get(new Key(family, region, GcpUnitPrice.Resource.CORE, spot));
        GcpUnitPrice ram = byKey.get(new Key(family, region, GcpUnitPrice.Resource.RAM, spot));
        if (core == null || ram == null) {
            return Optional.empty();
        }
        return Optional.of(billedVcpus.multiply(core.usdPerHour()).add(memoryGiB.multiply(ram.usdPerHour())));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GcpUnitPrices other && all.equals(other.all);
    }

    @Override
    public int hashCode() {
        return all.hashCode();
    }

    @Override
    public String toString() {
        return "GcpUnitPrices[" + all.size() + " prices in " + byRegion.size() + " regions]";
    }
}
