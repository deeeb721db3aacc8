package io.altostratus.catalog.gcp;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One Compute Engine unit price: what Google bills per hour for one vCPU, one GiB of memory or (for the first
 * shared-core types, f1-micro and g1-small) one instance of a machine family in one region, on demand or as Spot.
 * A predefined machine type's hourly price is its vCPUs x the family's {@link Resource#CORE} price + its GiB x the
 * family's {@link Resource#RAM} price (a shared-core e2 type is billed for its fraction of a vCPU); f1-micro and
 * g1-small are billed per instance. Each price is one SKU of the Cloud Billing Catalog's Compute Engine service,
 * whose id is kept so a price can be traced to (and served as) that SKU.
 *
 * @param family     the machine family as machine type names start ({@code n2}, {@code e2}, {@code f1})
 * @param region     the Compute Engine region ({@code us-central1})
 * @param resource   what one unit is
 * @param spot       whether this is the Spot (preemptible) price rather than the on-demand one
 * @param usdPerHour the price of one unit for one hour, in USD, positive
 * @param skuId      the Cloud Billing SKU id ({@code 1B8C-264F-447E})
 */
public record GcpUnitPrice(String family, String region, Resource resource, boolean spot, BigDecimal usdPerHour,
                           String skuId) {

    /** What one priced unit is. */
    public enum Resource {
        /** one vCPU for an hour (the SKU's usage unit {@code h}) */
        CORE,
        /** one GiB of memory for an hour ({@code GiBy.h}) */
        RAM,
        /** one whole instance for an hour ({@code h}): f1-micro, g1-small */
        INSTANCE
    }

    public GcpUnitPrice {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(usdPerHour, "usdPerHour");
        Objects.requireNonNull(skuId, "skuId");
        if (family.isEmpty() || region.isEmpty() || skuId.isEmpty()) {
            throw new IllegalArgumentException("family, region and skuId must not be empty");
        }
        if (usdPerHour.signum() <= 0) {
            throw new IllegalArgumentException("a unit price must be positive: " + usdPerHour + " for " + skuId);
        }
    }
}
