package io.altostratus.cli.command;

import io.altostratus.catalog.CatalogChoice;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Durations;
import java.nio.file.Path;
import java.time.Duration;

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

    /** The catalog in use for {@code provider}, and why. */
    static CatalogChoice choose(Main main, String provider) {
        return CatalogChoice.resolve(provider, cache(main), ttl(main), main.environment().clock());
    }
}
