package io.altostratus.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.wait.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fresh cache first, else the shipped data, and the reason why. */
class CatalogChoiceTest {
    private static final Duration TTL = Duration.ofDays(7);

    private static CatalogSnapshot takenAt(Instant when) {
        CatalogSnapshot base = CatalogSnapshot.of(Catalogs.aws(), List.of(), List.of("eu-north-1"));
        return new CatalogSnapshot(base.format(), base.provider(), new Catalog.Source("test refresh", when),
                base.notes(), base.types(), base.regions());
    }

    @Test
    void aFreshSnapshotIsUsedAndAStaleOneIsNot(@TempDir Path dir) {
        ManualClock clock = new ManualClock();
        SnapshotStore store = new SnapshotStore(dir);
        store.write(takenAt(clock.instant().minus(Duration.ofHours(2))));

        CatalogChoice fresh = CatalogChoice.resolve("aws", store, TTL, clock);
        assertThat(fresh.origin()).isEqualTo(CatalogChoice.Origin.CACHE);
        assertThat(fresh.age()).isEqualTo(Duration.ofHours(2));
        assertThat(fresh.catalog().regions()).extracting(r -> r.name()).containsExactly("eu-north-1");
        assertThat(fresh.file()).isEqualTo(store.file("aws"));

        clock.advance(TTL);
        CatalogChoice stale = CatalogChoice.resolve("aws", store, TTL, clock);
        assertThat(stale.origin()).isEqualTo(CatalogChoice.Origin.SHIPPED);
        assertThat(stale.catalog()).isSameAs(Catalogs.aws());
        assertThat(stale.reason()).contains("older than the TTL");
    }

    @Test
    void noSnapshotOrABrokenOneFallsBackToShippedData(@TempDir Path dir) throws IOException {
        ManualClock clock = new ManualClock();
        SnapshotStore store = new SnapshotStore(dir);
        CatalogChoice none = CatalogChoice.resolve("aws", store, TTL, clock);
        assertThat(none.origin()).isEqualTo(CatalogChoice.Origin.SHIPPED);
        assertThat(none.reason()).contains("no refreshed snapshot");

        Files.write(store.file("aws"), new byte[] {1, 2, 3});
        CatalogChoice broken = CatalogChoice.resolve("aws", store, TTL, clock);
        assertThat(broken.origin()).isEqualTo(CatalogChoice.Origin.SHIPPED);
        assertThat(broken.reason()).contains("unusable");
        assertThat(broken.catalog().regions()).hasSizeGreaterThanOrEqualTo(30);
    }
}
