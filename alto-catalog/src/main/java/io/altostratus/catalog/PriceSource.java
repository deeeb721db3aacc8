package io.altostratus.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Where a price comes from and how old it is: the source's short name ({@code libcloud}, {@code aws-pricing-api},
 * {@code spot}, ...), the date the source stands for, and, for a price the catalog worked out itself because the
 * source had none, what it was derived from.
 *
 * @param name          the source's short name
 * @param date          when the source's figures were taken
 * @param estimatedFrom what an estimated price was derived from (e.g. {@code sibling m5.large}), or null for a
 *                      price the source quotes as it is
 */
public record PriceSource(String name, Instant date, String estimatedFrom) {
    /** Apache Libcloud's pricing.json, which the shipped AWS prices come from. */
    public static final String LIBCLOUD = "libcloud";
    /** The AWS Price List Query API (GetProducts). */
    public static final String AWS_PRICING_API = "aws-pricing-api";
    /** EC2's spot price history. */
    public static final String SPOT = "spot";

    public PriceSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(date, "date");
        if (estimatedFrom != null && estimatedFrom.isBlank()) {
            estimatedFrom = null;
        }
    }

    /** A price the source quotes as it is. */
    public static PriceSource quoted(String name, Instant date) {
        return new PriceSource(name, date, null);
    }

    /** A price worked out from one of this source's prices; {@code basis} says which and how. */
    public PriceSource estimate(String basis) {
        return new PriceSource(name, date, Objects.requireNonNull(basis, "basis"));
    }

    /** Whether the catalog worked the price out rather than the source quoting it. */
    public boolean estimated() {
        return estimatedFrom != null;
    }

    /** The source and its date, as {@code libcloud 2023-08-06}. */
    public String dated() {
        return name + " " + day();
    }

    /** The UTC day of {@link #date}. */
    public String day() {
        return date.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** For people: {@code libcloud 2023-08-06}, or {@code estimated from sibling m5.large (libcloud 2023-08-06)}. */
    public String label() {
        return estimatedFrom == null ? dated() : "estimated from " + estimatedFrom + " (" + dated() + ")";
    }
}
