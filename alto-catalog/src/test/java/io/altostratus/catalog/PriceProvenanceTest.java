package io.altostratus.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.internal.aws.AwsCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prices keep their source, date and estimate mark through a snapshot file and through a freeze. */
class PriceProvenanceTest {
    private static final Instant FETCHED = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path dir;

    /** The shipped us-east-1 with m5.large as if fetched from the Pricing API and m5.xlarge left as shipped. */
    private static CatalogSnapshot mixed() {
        CatalogSnapshot shipped = CatalogSnapshot.of(Catalogs.aws(), List.of(), List.of("us-east-1"));
        CatalogSnapshot.RegionData r = shipped.regions().get(0);
        List<CatalogSnapshot.Offer> offers = new ArrayList<>();
        for (CatalogSnapshot.Offer o : r.offers()) {
            offers.add(o.type().equals("m5.large")
                    ? o.withOnDemand(new Price(0.096, PriceSource.quoted(PriceSource.AWS_PRICING_API, FETCHED))) : o);
        }
        return new CatalogSnapshot(CatalogSnapshot.FORMAT, "aws", new Catalog.Source("test", FETCHED), List.of(),
                shipped.types(), List.of(new CatalogSnapshot.RegionData(r.region(), r.zones(), offers, r.images())));
    }

    private static void assertProvenance(Catalog c) {
        Price fetched = c.onDemandPrice("us-east-1", "m5.large").orElseThrow();
        assertThat(fetched.perHour()).isEqualTo(0.096);
        assertThat(fetched.source().label()).isEqualTo("aws-pricing-api 2026-12-07");
        Price estimated = c.onDemandPrice("us-east-1", "m5.xlarge").orElseThrow();
        assertThat(estimated).isEqualTo(Catalogs.aws().onDemandPrice("us-east-1", "m5.xlarge").orElseThrow());
        assertThat(estimated.estimated()).isTrue();
        assertThat(c.onDemandPrice("us-east-1", "c5.xlarge").orElseThrow().source().dated())
                .isEqualTo("libcloud 2023-08-06");
    }

    @Test
    void aSnapshotFileKeepsEachPricesSource() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotStore.write(mixed(), out);
        assertProvenance(SnapshotStore.read(new ByteArrayInputStream(out.toByteArray())).catalog());
    }

    @Test
    void aFrozenSnapshotKeepsEachPricesSource() {
        CatalogFreeze.freeze(mixed(), dir);
        assertProvenance(AwsCatalog.fromDirectory(dir));
    }

    @Test
    void anOfferWithoutASourceIsTheSnapshotsOwn() {
        CatalogSnapshot.Offer o = new CatalogSnapshot.Offer("m5.large", 0.1, 0.03, List.of());
        assertThat(o.priceSource()).isNull();
        CatalogSnapshot.RegionData r = CatalogSnapshot.of(Catalogs.aws(), List.of(), List.of("us-east-1")).regions()
                .get(0);
        CatalogSnapshot s = new CatalogSnapshot(CatalogSnapshot.FORMAT, "aws", new Catalog.Source("t", FETCHED),
                List.of(), Catalogs.aws().instanceTypes("us-east-1"),
                List.of(new CatalogSnapshot.RegionData(r.region(), r.zones(), List.of(o), List.of())));
        assertThat(s.catalog().onDemandPrice("us-east-1", "m5.large").orElseThrow().source())
                .isEqualTo(PriceSource.quoted("aws-refresh", FETCHED));
        assertThat(s.catalog().spotPrice("us-east-1", "m5.large").orElseThrow().source().label())
                .isEqualTo("spot 2026-12-07");
    }
}
