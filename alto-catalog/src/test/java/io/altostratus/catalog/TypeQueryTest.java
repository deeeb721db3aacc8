package io.altostratus.catalog;

import io.altostratus.core.query.TypeQuery;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Type selection on the shipped AWS data; every expectation is computed from the price table itself. */
class TypeQueryTest {
    private static final Catalog AWS = Catalogs.aws();

    @Test
    void theCheapest4VcpuWith16GibInUsEast1IsTheCheapestSuchRowOfThePriceTable() {
        List<InstanceType> all = AWS.instanceTypes("us-east-1");
        double cheapest = all.stream()
                .filter(t -> t.vcpus() >= 4 && t.memoryMiB() >= 16 * 1024 && t.pricePerHour() != null)
                .mapToDouble(InstanceType::pricePerHour).min().orElseThrow();

        List<InstanceType> chosen = new TypeQuery(4, 16 * 1024, null, null, null).select(AWS.instanceTypes("us-east-1"));

        assertThat(chosen.get(0).pricePerHour()).isEqualTo(cheapest);
        assertThat(chosen.get(0).vcpus()).isGreaterThanOrEqualTo(4);
        assertThat(chosen.get(0).memoryMiB()).isGreaterThanOrEqualTo(16 * 1024);
        // Every type that meets the requirements is listed, priced ones in price order, unpriced ones after.
        assertThat(chosen).hasSize((int) all.stream().filter(t -> t.vcpus() >= 4 && t.memoryMiB() >= 16384).count());
        List<InstanceType> priced = chosen.stream().filter(t -> t.pricePerHour() != null).toList();
        assertThat(priced).isSortedAccordingTo(Comparator.comparing(InstanceType::pricePerHour));
        assertThat(chosen.subList(0, priced.size())).isEqualTo(priced);
        assertThat(priced.size()).isGreaterThan(50);
    }

    @Test
    void gpuArchitectureAndPriceLimitsEachNarrowTheChoice() {
        List<InstanceType> gpu = new TypeQuery(0, 0, true, null, null).select(AWS.instanceTypes("us-east-1"));
        assertThat(gpu).isNotEmpty().allMatch(t -> t.gpus() > 0);
        assertThat(new TypeQuery(0, 0, false, null, null).select(AWS.instanceTypes("us-east-1"))).allMatch(t -> t.gpus() == 0);

        List<InstanceType> arm = new TypeQuery(2, 0, null, Architecture.ARM64, 0.1).select(AWS.instanceTypes("us-east-1"));
        assertThat(arm).isNotEmpty().allMatch(t -> t.supports(Architecture.ARM64) && t.pricePerHour() <= 0.1
                && t.vcpus() >= 2);
        long expected = AWS.instanceTypes("us-east-1").stream().filter(t -> t.supports(Architecture.ARM64)
                && t.vcpus() >= 2 && t.pricePerHour() != null && t.pricePerHour() <= 0.1).count();
        assertThat(arm).hasSize((int) expected);
    }

    @Test
    void aPriceLimitDropsTypesWithoutAKnownPrice() {
        assertThat(AWS.instanceTypes("us-east-1")).anyMatch(t -> t.pricePerHour() == null);
        assertThat(new TypeQuery(0, 0, null, null, 1000.0).select(AWS.instanceTypes("us-east-1")))
                .allMatch(t -> t.pricePerHour() != null);
    }
}
