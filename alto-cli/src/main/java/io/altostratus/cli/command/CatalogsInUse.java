package io.altostratus.cli.command;

import io.altostratus.catalog.CatalogChoice;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Durations;
import io.altostratus.cli.internal.UsageException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog a command uses for a cloud: its refreshed snapshot while that is younger than {@code catalog_ttl},
 * else the shipped data. {@code alto catalog}, {@code alto types --clouds} and {@code alto launch --clouds} all ask
 * here, so the candidates one lists are the ones the other walks.
 */
final class CatalogsInUse {
    private CatalogsInUse() {
    }

    /** Where refreshed snapshots live: {@code catalog_dir} from the config, else the user's cache. */
    static SnapshotStore cache(Main main) {
        return main.config().get("catalog_dir").map(d -> new SnapshotStore(Path.of(d)))
                .orElseGet(() -> SnapshotStore.userCache(main.environment().env()));
    }

    /** How long a refreshed snapshot is used: {@code catalog_ttl} from the config, else the default. */
    static Duration ttl(Main main) {
        return main.config().get("catalog_ttl").map(Durations::parse).orElse(CatalogChoice.DEFAULT_TTL);
    }

    /**
     * Clouds alto ships no catalog for, whose catalog is only ever a refreshed snapshot (Lambda's prices and capacity
     * change too often for shipped data to be worth having).
     */
    static final List<String> REFRESHED_ONLY = List.of("lambda");

    /** Every cloud a command can read a catalog for: the shipped ones, then the refreshed-only ones. */
    static List<String> clouds() {
        List<String> out = new ArrayList<>(Catalogs.providers());
        out.addAll(REFRESHED_ONLY);
        return List.copyOf(out);
    }

    /**
     * The catalog in use for {@code provider}, and why.
     *
     * @throws UsageException for a refreshed-only cloud without a fresh snapshot: there is nothing to fall back on
     */
    static CatalogChoice choose(Main main, String provider) {
        if (REFRESHED_ONLY.contains(provider)) {
            return refreshedOnly(main, provider);
        }
        return CatalogChoice.resolve(provider, cache(main), ttl(main), main.environment().clock());
    }

    private static CatalogChoice refreshedOnly(Main main, String provider) {
        SnapshotStore cache = cache(main);
        Duration ttl = ttl(main);
        String refresh = "run 'alto catalog refresh --provider " + provider + "' first";
        Optional<CatalogSnapshot> snapshot;
        try {
            snapshot = cache.read(provider);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new UsageException("the " + provider + " catalog snapshot in " + cache.directory()
                    + " is unusable (" + e.getMessage() + "); " + refresh);
        }
        if (snapshot.isEmpty()) {
            throw new UsageException("no " + provider + " catalog: alto ships none for " + provider
                    + " and there is no refreshed snapshot in " + cache.directory() + "; " + refresh);
        }
        Duration age = Duration.between(snapshot.get().source().takenAt(), main.environment().clock().instant());
        if (age.compareTo(ttl) >= 0) {
            throw new UsageException("the " + provider + " catalog snapshot is " + age.toHours() + " h old, older "
                    + "than the TTL of " + ttl.toHours() + " h, and alto ships no " + provider + " catalog; "
                    + refresh);
        }
        return new CatalogChoice(snapshot.get().catalog(), CatalogChoice.Origin.CACHE, cache.file(provider), age,
                null);
    }
}
