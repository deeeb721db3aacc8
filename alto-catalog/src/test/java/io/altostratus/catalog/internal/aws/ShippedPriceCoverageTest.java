package io.altostratus.catalog.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.query.TypeQuery;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A data check on the shipped AWS catalog: what {@code alto types --min-vcpus 4 --min-memory 16} lists in us-east-1
 * offline is priced, each price with its source and date, estimated ones marked.
 */
class ShippedPriceCoverageTest {
    private static final Instant LIBCLOUD_DATE = Instant.parse("2023-08-06T15:34:36Z");
    private final Catalog catalog = AwsCatalog.fromClasspath();

    @Test
    void atLeast95PercentOfTheTypesTheUsualQueryListsInUsEast1ArePriced() {
        List<InstanceType> listed = new TypeQuery(4, 16 * 1024, null, null, null)
                .select(catalog.instanceTypes("us-east-1"));
        long priced = listed.stream().filter(t -> t.pricePerHour() != null).count();
        long estimated = listed.stream()
                .filter(t -> catalog.onDemandPrice("us-east-1", t.name()).map(Price::estimated).orElse(false))
                .count();
        double fraction = (double) priced / listed.size();
        System.out.printf(Locale.ROOT, "us-east-1, >= 4 vCPUs and >= 16 GiB: %d types listed, %d priced (%.1f%%), "
                + "%d of them estimated%n", listed.size(), priced, 100 * fraction, estimated);
        assertThat(listed).hasSizeGreaterThan(1000);
        assertThat(fraction).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void everyPriceSaysItsSourceAndDateAndTheIssuesTypesAreEstimatedNotMissing() {
        for (InstanceType t : catalog.instanceTypes("us-east-1")) {
            Price p = catalog.onDemandPrice("us-east-1", t.name()).orElse(null);
            if (t.pricePerHour() == null) {
                assertThat(p).as(t.name()).isNull();
                continue;
            }
            assertThat(p.perHour()).isEqualTo(t.pricePerHour()).isPositive();
            assertThat(p.source().name()).isEqualTo(PriceSource.LIBCLOUD);
            assertThat(p.source().date()).isEqualTo(LIBCLOUD_DATE);
        }
        // The types issue 19 names, which the Aug-2023 data prices at zero or not at all.
        for (String name : List.of("m5.xlarge", "m6a.xlarge", "m6g.xlarge", "m7a.xlarge", "m8g.xlarge",
                "m8i.xlarge")) {
            Price p = catalog.onDemandPrice("us-east-1", name).orElseThrow();
            assertThat(p.estimated()).as(name).isTrue();
            assertThat(p.source().label()).as(name).startsWith("estimated from ").endsWith("(libcloud 2023-08-06)");
        }
        Price quoted = catalog.onDemandPrice("us-east-1", "c5.xlarge").orElseThrow();
        assertThat(quoted.estimated()).isFalse();
        assertThat(quoted.source().label()).isEqualTo("libcloud 2023-08-06");
    }
}
