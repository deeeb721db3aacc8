package io.altostratus.catalog;

import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one provider offers, answerable offline: regions, zones, instance types with prices, which types each
 * region and zone offers, and well-known public images. Implementations are immutable and thread-safe, and load
 * their data lazily (a CLI call that needs one region must not parse all thirty).
 */
public interface Catalog {

    /** The provider this catalog describes ({@code aws}, {@code gcp}, ...). */
    String provider();

    /** Where the data came from and when it was taken. */
    Source source();

    /** Every region, sorted by name. */
    List<Region> regions();

    /** The zones of a region, sorted by name; an unknown region is an {@code INVALID_PARAMETER} error. */
    List<Zone> zones(String region);

    /** The types offered in a region, with that region's on-demand Linux price where known, sorted by name. */
    List<InstanceType> instanceTypes(String region);

    /** One type as offered in a region, priced; empty when the region does not offer it. */
    Optional<InstanceType> instanceType(String region, String name);

    /**
     * The names of the types offered in one zone (by zone name, e.g. {@code us-east-1a}); an unknown zone is an
     * {@code INVALID_PARAMETER} error.
     */
    Set<String> typesOfferedInZone(String zone);

    /**
     * Well-known public images for a region (Ubuntu LTS, Debian and, on AWS, Amazon Linux; amd64 and arm64), with
     * ids that are stable across calls, processes and releases of this catalog.
     */
    List<Image> images(String region);

    /**
     * The spot (preemptible) price of a type in a region, in USD per hour, where the catalog knows one. A catalog
     * without spot prices answers empty for every type, which is the default.
     */
    default Optional<Double> spotPricePerHour(String region, String type) {
        return Optional.empty();
    }

    /**
     * The on-demand Linux price of a type in a region with its source and date, marked where the catalog estimated
     * it; empty when the region does not offer the type or nothing prices it. The default says the catalog's own
     * source and date for every price; a catalog that knows better (the AWS one) says where each price came from.
     */
    default Optional<Price> onDemandPrice(String region, String type) {
        return instanceType(region, type).map(InstanceType::pricePerHour).filter(p -> p > 0)
                .map(p -> new Price(p, PriceSource.quoted(provider() + "-catalog", source().takenAt())));
    }

    /** The spot price of a type in a region with its source and date; empty where {@link #spotPricePerHour} is. */
    default Optional<Price> spotPrice(String region, String type) {
        return spotPricePerHour(region, type).filter(p -> p > 0)
                .map(p -> new Price(p, PriceSource.quoted(PriceSource.SPOT, source().takenAt())));
    }

    /**
     * Provenance of the data.
     *
     * @param description e.g. "shipped AWS data (instance types and offerings from moto 5.2.1, prices from libcloud)"
     * @param takenAt     when the data was collected
     */
    record Source(String description, Instant takenAt) {
    }
}
