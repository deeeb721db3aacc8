package io.altostratus.gcp.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A machine type's price from unit prices: the sum, the shared-core shares, memory in GB and per-instance types. */
class MachinePricesTest {
    private static final String REGION = "us-central1";
    private static final GcpUnitPrices PRICES = GcpUnitPrices.of(List.of(
            unit("e2", GcpUnitPrice.Resource.CORE, false, "0.021811", "E2C"),
            unit("e2", GcpUnitPrice.Resource.RAM, false, "0.002923", "E2R"),
            unit("n1", GcpUnitPrice.Resource.CORE, false, "0.031611", "N1C"),
            unit("n1", GcpUnitPrice.Resource.RAM, false, "0.004237", "N1R"),
            unit("n1", GcpUnitPrice.Resource.CORE, true, "0.00698", "N1CS"),
            unit("n1", GcpUnitPrice.Resource.RAM, true, "0.00094", "N1RS"),
            unit("f1", GcpUnitPrice.Resource.INSTANCE, false, "0.0076", "F1")));

    private static GcpUnitPrice unit(String family, GcpUnitPrice.Resource resource, boolean spot, String usd,
                                     String sku) {
        return new GcpUnitPrice(family, REGION, resource, spot, new BigDecimal(usd), sku);
    }

    private static InstanceType type(String name, int vcpus, long memoryMiB, boolean sharedCore) {
        return new InstanceType(name, vcpus, memoryMiB, 0, null, List.of(Architecture.X86_64), null, sharedCore, true,
                null, 0);
    }

    private static BigDecimal price(InstanceType type, boolean spot) {
        return MachinePrices.hourly(PRICES, REGION, type, spot).orElseThrow();
    }

    @Test
    void aPredefinedTypeIsItsVcpusTimesCorePlusItsGibTimesRam() {
        assertThat(price(type("n1-standard-4", 4, 15360, false), false))
                .isEqualByComparingTo("0.189999"); // 4 x 0.031611 + 15 x 0.004237
        assertThat(price(type("n1-standard-4", 4, 15360, false), true))
                .isEqualByComparingTo("0.04202"); // 4 x 0.00698 + 15 x 0.00094
    }

    @Test
    void memoryIsBilledOnTheDocumentedGigabytesThatMemoryMbRounds() {
        // n1-highcpu-8: 7.2 GB, which GCE reports as 7373 MB (7.2002 GiB).
        assertThat(MachinePrices.memoryGiB(7373)).isEqualByComparingTo("7.2");
        assertThat(MachinePrices.memoryGiB(3840)).isEqualByComparingTo("3.75");
        assertThat(price(type("n1-highcpu-8", 8, 7373, false), false))
                .isEqualByComparingTo(new BigDecimal("8").multiply(new BigDecimal("0.031611"))
                        .add(new BigDecimal("7.2").multiply(new BigDecimal("0.004237"))));
    }

    @Test
    void sharedCoreE2TypesAreBilledForTheirShareOfAVcpu() {
        assertThat(price(type("e2-micro", 2, 1024, true), false))
                .isEqualByComparingTo("0.00837575"); // 0.25 x 0.021811 + 1 x 0.002923
        assertThat(price(type("e2-small", 2, 2048, true), false))
                .isEqualByComparingTo("0.0167515"); // 0.5 x 0.021811 + 2 x 0.002923
        assertThat(price(type("e2-medium", 2, 4096, true), false))
                .isEqualByComparingTo("0.033503"); // 1 x 0.021811 + 4 x 0.002923
        // A shared-core type whose share is not known is not billed for the vCPUs the guest sees.
        assertThat(MachinePrices.hourly(PRICES, REGION, type("e2-nano", 2, 512, true), false)).isEmpty();
    }

    @Test
    void firstGenerationSharedCoreTypesArePricedPerInstance() {
        assertThat(price(type("f1-micro", 1, 614, true), false)).isEqualByComparingTo("0.0076");
    }

    @Test
    void aFamilyOrRegionWithoutBothUnitPricesIsUnpriced() {
        assertThat(MachinePrices.hourly(PRICES, REGION, type("c3-standard-4", 4, 16384, false), false)).isEmpty();
        assertThat(MachinePrices.hourly(PRICES, "europe-west4", type("n1-standard-4", 4, 15360, false), false))
                .isEmpty();
        assertThat(MachinePrices.hourly(PRICES, REGION, type("e2-standard-2", 2, 8192, false), true)).isEmpty();
    }

    @Test
    void theFamilyIsTheNameUpToTheFirstDash() {
        assertThat(MachinePrices.family("n2d-highcpu-224")).isEqualTo("n2d");
        assertThat(MachinePrices.family("m1-ultramem-40")).isEqualTo("m1");
    }
}
