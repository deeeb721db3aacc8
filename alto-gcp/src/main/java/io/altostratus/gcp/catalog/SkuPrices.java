package io.altostratus.gcp.catalog;

import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.PricingInfo;
import com.google.cloud.billing.v1.Sku;
import com.google.type.Money;
import io.altostratus.catalog.gcp.GcpSkuWording;
import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compute Engine's unit prices ({@link GcpUnitPrice}) out of Cloud Billing Catalog SKUs of the Compute Engine service.
 * A SKU is a unit price when {@link GcpSkuWording#parse} recognises its description (a family's predefined core or
 * RAM, or a first-generation shared-core instance, on demand or Spot) and its category's usage type agrees
 * ({@code OnDemand}, or {@code Preemptible} for Spot); every other SKU (commitments, custom and sole-tenant cores,
 * disks, network, licences...) is none of the catalog's business and is passed over silently.
 *
 * <p>The price is the first tiered rate starting at usage 0 of the SKU's newest pricing info ({@code units} +
 * {@code nanos}/1e9, in USD); the regions are the SKU's {@code serviceRegions}, never the place its description names
 * (Google's older SKUs say "Americas" for three regions). A recognised SKU that cannot be read as a unit price (no
 * rate from 0, another unit or currency, a price of 0) is left out and noted; so is a second SKU for something
 * already priced, the one with the lower id being kept, so that the same SKUs always give the same prices.
 */
public final class SkuPrices {
    /** The Cloud Billing Catalog's Compute Engine service. */
    public static final String COMPUTE_SERVICE = "services/6F81-5844-456A";

    private static final String USD = "USD";

    /**
     * What a list of SKUs gave.
     *
     * @param prices the unit prices
     * @param skus   how many SKUs were read
     * @param notes  what was left out and why, for the snapshot's notes (empty when nothing was)
     */
    public record Read(GcpUnitPrices prices, int skus, List<String> notes) {
        public Read {
            notes = List.copyOf(notes);
        }
    }

    private record Key(String family, String region, GcpUnitPrice.Resource resource, boolean spot) {
    }

    private SkuPrices() {
    }

    /** Reads the unit prices out of {@code skus} (in any order). */
    public static Read read(Collection<Sku> skus) {
        List<Sku> sorted = new ArrayList<>(skus);
        sorted.sort(Comparator.comparing(Sku::getSkuId));
        Map<Key, GcpUnitPrice> prices = new LinkedHashMap<>();
        TreeSet<String> unreadable = new TreeSet<>();
        TreeSet<String> duplicates = new TreeSet<>();
        for (Sku sku : sorted) {
            Optional<GcpSkuWording.Meaning> meaning = GcpSkuWording.parse(sku.getDescription());
            if (meaning.isEmpty()) {
                continue;
            }
            GcpSkuWording.Meaning m = meaning.get();
            if (!GcpSkuWording.usageType(m.spot()).equals(sku.getCategory().getUsageType())) {
                // "Commit1Yr" and friends reuse a unit's wording; only on-demand and preemptible usage are its price.
                continue;
            }
            BigDecimal usd = unitPrice(sku, m.resource());
            if (usd == null) {
                unreadable.add(sku.getSkuId());
                continue;
            }
            for (String region : sku.getServiceRegionsList()) {
                Key key = new Key(m.family(), region, m.resource(), m.spot());
                if (prices.containsKey(key)) {
                    duplicates.add(sku.getSkuId());
                    continue;
                }
                prices.put(key, new GcpUnitPrice(m.family(), region, m.resource(), m.spot(), usd, sku.getSkuId()));
            }
        }
        List<String> notes = new ArrayList<>();
        if (!unreadable.isEmpty()) {
            notes.add("Cloud Billing SKUs left out (no USD rate from usage 0 in the expected unit, or a price of 0): "
                    + String.join(", ", unreadable));
        }
        if (!duplicates.isEmpty()) {
            notes.add("Cloud Billing SKUs left out (a SKU with a lower id already prices the same unit): "
                    + String.join(", ", duplicates));
        }
        return new Read(GcpUnitPrices.of(List.copyOf(prices.values())), skus.size(), notes);
    }

    /** The USD price of one unit for an hour, or null when the SKU does not say it in the expected terms. */
    static BigDecimal unitPrice(Sku sku, GcpUnitPrice.Resource resource) {
        if (sku.getPricingInfoCount() == 0) {
            return null;
        }
        // Without a time range the API answers only the current pricing; with several, the newest is last.
        PricingInfo info = sku.getPricingInfo(sku.getPricingInfoCount() - 1);
        PricingExpression expression = info.getPricingExpression();
        String unit = resource == GcpUnitPrice.Resource.RAM ? "GiBy.h" : "h";
        if (!unit.equals(expression.getUsageUnit())) {
            return null;
        }
        for (PricingExpression.TierRate rate : expression.getTieredRatesList()) {
            if (rate.getStartUsageAmount() != 0) {
                continue;
            }
            Money money = rate.getUnitPrice();
            if (!USD.equals(money.getCurrencyCode())) {
                return null;
            }
            BigDecimal usd = BigDecimal.valueOf(money.getUnits()).add(BigDecimal.valueOf(money.getNanos(), 9));
            return usd.signum() > 0 ? usd.stripTrailingZeros() : null;
        }
        return null;
    }
}
