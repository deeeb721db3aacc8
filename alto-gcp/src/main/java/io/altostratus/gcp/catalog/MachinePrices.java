package io.altostratus.gcp.catalog;

import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.core.model.InstanceType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A machine type's hourly price in a region, assembled from unit prices as Google bills predefined types: vCPUs x the
 * family's core price + GiB x its RAM price ({@link GcpUnitPrices#hourlyPrice}); f1-micro and g1-small per instance.
 *
 * <p>Two figures are not what {@code machineTypes} says. Shared-core e2 types show the guest two vCPUs but are billed
 * for a share of one ({@link GcpUnitPrices#sharedCoreShare}); the API does not carry the share, and a shared-core type
 * of a unit-priced family whose share is not known is left unpriced rather than billed for vCPUs it does not get. Memory is billed on the GB figure Google documents (3.75 for
 * n1-standard-1, 7.2 for n1-highcpu-8) with at most two decimals, which {@code memoryMb} carries rounded to a whole MiB
 * (3840, 7373); rounding MiB/1024 back to two decimals recovers it.
 *
 */
public final class MachinePrices {
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

    private MachinePrices() {
    }

    /** The family a machine type belongs to: its name up to the first dash ({@code n2} of n2-standard-4). */
    public static String family(String typeName) {
        int dash = typeName.indexOf('-');
        return dash < 0 ? typeName : typeName.substring(0, dash);
    }

    /**
     * The type's price per hour in {@code region}, on demand or Spot; empty when the unit prices lack the family
     * there, or the type is shared-core with a share not known here.
     */
    public static Optional<BigDecimal> hourly(GcpUnitPrices prices, String region, InstanceType type, boolean spot) {
        String family = family(type.name());
        Optional<GcpUnitPrice> perInstance = prices.find(family, region, GcpUnitPrice.Resource.INSTANCE, spot);
        if (perInstance.isPresent()) {
            return Optional.of(perInstance.get().usdPerHour());
        }
        BigDecimal billedVcpus = type.burstable() ? GcpUnitPrices.sharedCoreShare(type.name()).orElse(null)
                : BigDecimal.valueOf(type.vcpus());
        if (billedVcpus == null) {
            return Optional.empty();
        }
        return prices.hourlyPrice(family, region, spot, billedVcpus, memoryGiB(type.memoryMiB()));
    }

    /** The GiB a type is billed for: its MiB over 1024, to the two decimals Google documents memory with. */
    static BigDecimal memoryGiB(long memoryMiB) {
        return BigDecimal.valueOf(memoryMiB).divide(MIB_PER_GIB, 2, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
