package io.altostratus.catalog;

import java.util.Objects;

/**
 * A price with its provenance.
 *
 * @param perHour USD per hour
 * @param source  where it comes from, how old it is, and whether the catalog estimated it
 */
public record Price(double perHour, PriceSource source) {
    public Price {
        Objects.requireNonNull(source, "source");
        if (!(perHour > 0) || Double.isInfinite(perHour)) {
            // A zero in the source data is a gap, not a free machine: it never becomes a Price.
            throw new IllegalArgumentException("a price must be positive and finite, got " + perHour);
        }
    }

    public boolean estimated() {
        return source.estimated();
    }
}
