package io.altostratus.gateway.gce.internal.billing;

import com.google.cloud.billing.v1.AggregationInfo;
import com.google.cloud.billing.v1.Category;
import com.google.cloud.billing.v1.GeoTaxonomy;
import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.PricingInfo;
import com.google.cloud.billing.v1.Service;
import com.google.cloud.billing.v1.Sku;
import com.google.protobuf.Timestamp;
import com.google.type.Money;
import io.altostratus.catalog.gcp.GcpSkuWording;
import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Compute Engine service of the Cloud Billing Catalog and its SKUs, one per unit price of the catalog, as the
 * API's own messages. A SKU prices one thing in one region: per vCPU-hour ({@code h}), per GiB-hour
 * ({@code GiBy.h}) or per instance-hour ({@code h}), on demand ({@code OnDemand}) or Spot ({@code Preemptible}), in
 * one tier starting at 0, with the base units and conversion factors Google gives (seconds; byte-seconds).
 */
public final class ComputeSkus {
    public static final String SERVICE_ID = "6F81-5844-456A";
    public static final String SERVICE_NAME = "services/" + SERVICE_ID;
    public static final String DISPLAY_NAME = "Compute Engine";
    public static final Service SERVICE = Service.newBuilder().setName(SERVICE_NAME).setServiceId(SERVICE_ID)
            .setDisplayName(DISPLAY_NAME).setBusinessEntityName("businessEntities/GCP").build();

    private static final BigDecimal NANOS_PER_UNIT = BigDecimal.valueOf(1_000_000_000L);
    private static final double SECONDS_PER_HOUR = 3600;
    // One GiB-hour in byte-seconds: 2^30 x 3600.
    private static final double BYTE_SECONDS_PER_GIB_HOUR = 1024.0 * 1024 * 1024 * 3600;

    /** One SKU: its price (as given for its first region) and every region it serves, sorted. */
    private record Entry(GcpUnitPrice price, List<String> regions) {
    }

    private final List<Entry> entries;
    private final Timestamp effectiveTime;

    /**
     * @param prices  the unit prices, one SKU per SKU id (a price given for several regions under one id is one SKU
     *                serving them all), served in SKU id order (the order Google lists them in)
     * @param asOf    when these prices took effect: every SKU's {@code effectiveTime}
     */
    public ComputeSkus(GcpUnitPrices prices, Instant asOf) {
        Map<String, List<GcpUnitPrice>> bySku = new TreeMap<>();
        for (GcpUnitPrice p : prices.all()) {
            bySku.computeIfAbsent(p.skuId(), id -> new ArrayList<>()).add(p);
        }
        this.entries = bySku.values().stream()
                .map(same -> new Entry(same.get(0), same.stream().map(GcpUnitPrice::region).sorted().toList()))
                .toList();
        this.effectiveTime = Timestamp.newBuilder().setSeconds(asOf.getEpochSecond()).setNanos(asOf.getNano())
                .build();
    }

    public int size() {
        return entries.size();
    }

    /**
     * The SKUs from {@code from} (inclusive) to {@code to} (exclusive) in SKU id order, priced in {@code currency}
     * at {@code rate} units of it per USD.
     */
    public List<Sku> page(int from, int to, String currency, BigDecimal rate) {
        return entries.subList(from, to).stream().map(e -> sku(e.price(), e.regions(), currency, rate)).toList();
    }

    private Sku sku(GcpUnitPrice p, List<String> regions, String currency, BigDecimal rate) {
        boolean perGib = p.resource() == GcpUnitPrice.Resource.RAM;
        PricingExpression expression = PricingExpression.newBuilder()
                .setUsageUnit(perGib ? "GiBy.h" : "h")
                .setUsageUnitDescription(perGib ? "gibibyte hour" : "hour")
                .setBaseUnit(perGib ? "By.s" : "s")
                .setBaseUnitDescription(perGib ? "byte second" : "second")
                .setBaseUnitConversionFactor(perGib ? BYTE_SECONDS_PER_GIB_HOUR : SECONDS_PER_HOUR)
                .setDisplayQuantity(1)
                .addTieredRates(PricingExpression.TierRate.newBuilder().setStartUsageAmount(0)
                        .setUnitPrice(money(p.usdPerHour().multiply(rate), currency)))
                .build();
        PricingInfo pricing = PricingInfo.newBuilder().setEffectiveTime(effectiveTime).setSummary("")
                .setPricingExpression(expression)
                .setAggregationInfo(AggregationInfo.newBuilder()
                        .setAggregationLevel(AggregationInfo.AggregationLevel.ACCOUNT)
                        .setAggregationInterval(AggregationInfo.AggregationInterval.DAILY)
                        .setAggregationCount(1))
                .setCurrencyConversionRate(rate.doubleValue())
                .build();
        return Sku.newBuilder()
                .setName(SERVICE_NAME + "/skus/" + p.skuId())
                .setSkuId(p.skuId())
                .setDescription(GcpSkuWording.description(p))
                .setCategory(Category.newBuilder().setServiceDisplayName(DISPLAY_NAME).setResourceFamily("Compute")
                        .setResourceGroup(GcpSkuWording.resourceGroup(p))
                        .setUsageType(GcpSkuWording.usageType(p.spot())))
                .addAllServiceRegions(regions)
                .addPricingInfo(pricing)
                .setServiceProviderName("Google")
                .setGeoTaxonomy(GeoTaxonomy.newBuilder().setType(regions.size() == 1 ? GeoTaxonomy.Type.REGIONAL
                        : GeoTaxonomy.Type.MULTI_REGIONAL).addAllRegions(regions))
                .build();
    }

    /** An amount as Money: whole units and nanos of the same sign, rounded to the nano. */
    static Money money(BigDecimal amount, String currency) {
        BigDecimal rounded = amount.setScale(9, RoundingMode.HALF_EVEN);
        BigDecimal units = rounded.setScale(0, RoundingMode.DOWN);
        int nanos = rounded.subtract(units).multiply(NANOS_PER_UNIT).intValueExact();
        return Money.newBuilder().setCurrencyCode(currency).setUnits(units.longValueExact()).setNanos(nanos).build();
    }
}
