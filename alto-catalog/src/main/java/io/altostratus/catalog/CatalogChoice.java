package io.altostratus.catalog;

import io.altostratus.core.error.AltoException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Which catalog answers for a provider: the refreshed snapshot in the cache while it is younger than a TTL,
 * otherwise the data shipped with alto.
 *
 * @param catalog the catalog in use
 * @param origin  where it came from
 * @param file    the snapshot file when {@code origin} is {@link Origin#CACHE}, else null
 * @param age     how old its data is ({@code now - source.takenAt})
 * @param reason  why the shipped data is in use (no snapshot, stale, unreadable), or null when the cache is used
 */
public record CatalogChoice(Catalog catalog, Origin origin, Path file, Duration age, String reason) {
    /** The default TTL of a refreshed snapshot. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);

    /** Where a catalog's data came from. */
    public enum Origin {
        /** a snapshot written by {@code alto catalog refresh} */
        CACHE,
        /** the static data inside alto */
        SHIPPED
    }

    /**
     * The cache's snapshot for {@code provider} if it exists, parses and is younger than {@code ttl}; else the
     * shipped catalog, with the reason.
     *
     * @throws AltoException {@code INVALID_PARAMETER} for a provider without a catalog
     */
    public static CatalogChoice resolve(String provider, SnapshotStore cache, Duration ttl, Clock clock) {
        Catalog shipped = Catalogs.shipped(provider);
        Instant now = clock.instant();
        String reason;
        try {
            Optional<CatalogSnapshot> cached = cache == null ? Optional.empty() : cache.read(provider);
            if (cached.isEmpty()) {
                reason = "no refreshed snapshot in " + (cache == null ? "the cache" : cache.directory());
            } else {
                Duration age = Duration.between(cached.get().source().takenAt(), now);
                if (age.compareTo(ttl) < 0) {
                    return new CatalogChoice(cached.get().catalog(), Origin.CACHE, cache.file(provider), age, null);
                }
                reason = "the refreshed snapshot is " + age.toHours() + " h old, older than the TTL of "
                        + ttl.toHours() + " h";
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            reason = "the refreshed snapshot is unusable (" + e.getMessage() + ")";
        }
        return new CatalogChoice(shipped, Origin.SHIPPED, null,
                Duration.between(shipped.source().takenAt(), now), reason);
    }
}
