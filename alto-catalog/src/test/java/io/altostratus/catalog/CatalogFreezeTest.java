package io.altostratus.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.internal.aws.AwsCatalog;
import io.altostratus.catalog.internal.gcp.GcpCatalog;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot frozen into the shipped layout reads back as the same catalog. */
class CatalogFreezeTest {
    @Test
    void freezingTheShippedCatalogReproducesIt(@TempDir Path resources) {
        Catalog shipped = Catalogs.aws();
        CatalogSnapshot snapshot = CatalogSnapshot.of(shipped, List.of());
        CatalogFreeze.Result result = CatalogFreeze.freeze(snapshot, resources);
        assertThat(result.regions()).isEqualTo(shipped.regions().size());
        assertThat(result.offers()).isEqualTo(snapshot.offerCount());

        Catalog frozen = AwsCatalog.fromDirectory(resources);
        assertThat(frozen.regions()).isEqualTo(shipped.regions());
        assertThat(frozen.source().takenAt()).isEqualTo(shipped.source().takenAt());
        for (Region r : shipped.regions()) {
            assertThat(frozen.zones(r.name())).isEqualTo(shipped.zones(r.name()));
            assertThat(frozen.instanceTypes(r.name())).isEqualTo(shipped.instanceTypes(r.name()));
            assertThat(frozen.images(r.name())).isEqualTo(shipped.images(r.name()));
            for (Zone z : shipped.zones(r.name())) {
                assertThat(frozen.typesOfferedInZone(z.name())).isEqualTo(shipped.typesOfferedInZone(z.name()));
            }
        }
    }

    @Test
    void freezingTheShippedGcpCatalogReproducesItWithItsSpotPrices(@TempDir Path resources) {
        Catalog shipped = Catalogs.gcp();
        CatalogSnapshot snapshot = CatalogSnapshot.of(shipped, List.of());
        CatalogFreeze.Result result = CatalogFreeze.freeze(snapshot, resources);
        assertThat(result.regions()).isEqualTo(shipped.regions().size());
        assertThat(result.offers()).isEqualTo(snapshot.offerCount());

        GcpCatalog frozen = GcpCatalog.fromDirectory(resources);
        // A snapshot carries no unit prices: the frozen files say so rather than keep prices from another build.
        assertThat(frozen.unitPrices().isEmpty()).isTrue();
        assertThat(Catalogs.gcpUnitPrices().isEmpty()).isFalse();
        assertThat(frozen.regions()).isEqualTo(shipped.regions());
        assertThat(frozen.source()).isEqualTo(shipped.source());
        for (Region r : shipped.regions()) {
            assertThat(frozen.zones(r.name())).isEqualTo(shipped.zones(r.name()));
            assertThat(frozen.instanceTypes(r.name())).isEqualTo(shipped.instanceTypes(r.name()));
            assertThat(frozen.images(r.name())).isEqualTo(shipped.images(r.name()));
            for (var t : shipped.instanceTypes(r.name())) {
                assertThat(frozen.spotPricePerHour(r.name(), t.name()))
                        .isEqualTo(shipped.spotPricePerHour(r.name(), t.name()));
            }
            for (Zone z : shipped.zones(r.name())) {
                assertThat(frozen.typesOfferedInZone(z.name())).isEqualTo(shipped.typesOfferedInZone(z.name()));
            }
        }
    }
}
