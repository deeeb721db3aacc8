package io.altostratus.gcp.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.billing.v1.Category;
import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.PricingInfo;
import com.google.cloud.billing.v1.Sku;
import com.google.type.Money;
import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading unit prices out of SKUs shaped as Google's catalog shapes them (descriptions and units from its docs). */
class SkuPricesTest {

    static Sku sku(String id, String description, String usageType, String unit, long units, int nanos,
                   String... regions) {
        PricingExpression expression = PricingExpression.newBuilder().setUsageUnit(unit)
                .addTieredRates(PricingExpression.TierRate.newBuilder().setStartUsageAmount(0)
                        .setUnitPrice(Money.newBuilder().setCurrencyCode("USD").setUnits(units).setNanos(nanos)))
                .build();
        return Sku.newBuilder().setName("services/6F81-5844-456A/skus/" + id).setSkuId(id).setDescription(description)
                .setCategory(Category.newBuilder().setServiceDisplayName("Compute Engine").setResourceFamily("Compute")
                        .setResourceGroup(description.contains("Ram") ? "RAM" : "CPU").setUsageType(usageType))
                .addAllServiceRegions(List.of(regions))
                .addPricingInfo(PricingInfo.newBuilder().setPricingExpression(expression))
                .build();
    }

    @Test
    void coreRamAndSpotPricesOfAFamilyAreRead() {
        SkuPrices.Read read = SkuPrices.read(List.of(
                sku("0001-0001-0001", "N2 Instance Core running in Americas", "OnDemand", "h", 0, 31_611_000,
                        "us-central1", "us-east1", "us-west1"),
                sku("0001-0001-0002", "N2 Instance Ram running in Americas", "OnDemand", "GiBy.h", 0, 4_237_000,
                        "us-central1", "us-east1", "us-west1"),
                sku("0001-0001-0003", "Spot Preemptible N2 Instance Core running in Virginia", "Preemptible", "h", 0,
                        7_650_000, "us-east4"),
                sku("0001-0001-0004", "Preemptible N2 Instance Ram running in Virginia", "Preemptible", "GiBy.h", 0,
                        1_025_000, "us-east4"),
                sku("0001-0001-0005", "Micro Instance with burstable CPU running in Americas", "OnDemand", "h", 0,
                        7_600_000, "us-central1")));
        GcpUnitPrices p = read.prices();
        assertThat(read.skus()).isEqualTo(5);
        assertThat(read.notes()).isEmpty();
        // One "Americas" SKU prices its three regions, never a place the description names.
        for (String region : List.of("us-central1", "us-east1", "us-west1")) {
            assertThat(p.find("n2", region, GcpUnitPrice.Resource.CORE, false).orElseThrow().usdPerHour())
                    .isEqualByComparingTo("0.031611");
            assertThat(p.find("n2", region, GcpUnitPrice.Resource.RAM, false).orElseThrow().skuId())
                    .isEqualTo("0001-0001-0002");
        }
        assertThat(p.find("n2", "us-east4", GcpUnitPrice.Resource.CORE, true).orElseThrow().usdPerHour())
                .isEqualByComparingTo("0.00765");
        // The older "Preemptible" prefix is Spot too.
        assertThat(p.find("n2", "us-east4", GcpUnitPrice.Resource.RAM, true)).isPresent();
        assertThat(p.find("n2", "us-east4", GcpUnitPrice.Resource.RAM, false)).isEmpty();
        assertThat(p.find("f1", "us-central1", GcpUnitPrice.Resource.INSTANCE, false).orElseThrow().usdPerHour())
                .isEqualByComparingTo("0.0076");
        assertThat(p.all()).hasSize(9);
    }

    @Test
    void wholeUnitsAndNanosAddUp() {
        SkuPrices.Read read = SkuPrices.read(List.of(sku("0002-0000-0001",
                "Memory-optimized Instance Core running in Japan", "OnDemand", "h", 2, 500_000_000,
                "asia-northeast1")));
        assertThat(read.prices().find("m1", "asia-northeast1", GcpUnitPrice.Resource.CORE, false).orElseThrow()
                .usdPerHour()).isEqualByComparingTo(new BigDecimal("2.5"));
    }

    @Test
    void skusThatAreNoUnitPriceArePassedOverSilently() {
        SkuPrices.Read read = SkuPrices.read(List.of(
                sku("0003-0000-0001", "N2 Custom Instance Core running in Americas", "OnDemand", "h", 0, 33_000_000,
                        "us-central1"),
                sku("0003-0000-0002", "Commitment v1: N2 Cpu in Americas for 1 Year", "Commit1Yr", "h", 0,
                        20_000_000, "us-central1"),
                // A unit's wording under a commitment usage type is not its on-demand price.
                sku("0003-0000-0003", "N2 Instance Core running in Americas", "Commit1Yr", "h", 0, 19_000_000,
                        "us-central1"),
                sku("0003-0000-0004", "Storage PD Capacity", "OnDemand", "GiBy.mo", 0, 40_000_000, "us-central1")));
        assertThat(read.prices().isEmpty()).isTrue();
        assertThat(read.notes()).isEmpty();
    }

    @Test
    void aRecognisedSkuThatCannotBeReadIsLeftOutAndNoted() {
        Sku wrongUnit = sku("0004-0000-0001", "E2 Instance Ram running in Americas", "OnDemand", "GBy.h", 0, 4_000_000,
                "us-central1");
        Sku free = sku("0004-0000-0002", "E2 Instance Core running in Americas", "OnDemand", "h", 0, 0,
                "us-central1");
        Sku noTierFromZero = sku("0004-0000-0003", "N1 Predefined Instance Core running in Americas", "OnDemand", "h",
                0, 31_000_000, "us-central1").toBuilder().setPricingInfo(0, PricingInfo.newBuilder()
                .setPricingExpression(PricingExpression.newBuilder().setUsageUnit("h")
                        .addTieredRates(PricingExpression.TierRate.newBuilder().setStartUsageAmount(730)
                                .setUnitPrice(Money.newBuilder().setCurrencyCode("USD").setNanos(30_000_000)))))
                .build();
        SkuPrices.Read read = SkuPrices.read(List.of(wrongUnit, free, noTierFromZero));
        assertThat(read.prices().isEmpty()).isTrue();
        assertThat(read.notes()).containsExactly("Cloud Billing SKUs left out (no USD rate from usage 0 in the "
                + "expected unit, or a price of 0): 0004-0000-0001, 0004-0000-0002, 0004-0000-0003");
    }

    @Test
    void aSecondSkuForTheSameUnitLosesToTheLowerIdWhateverTheOrder() {
        Sku first = sku("0005-0000-0001", "Compute optimized Core running in Americas", "OnDemand", "h", 0,
                33_982_000, "us-central1");
        Sku second = sku("0005-0000-0002", "Compute optimized Core running in Americas", "OnDemand", "h", 0,
                40_000_000, "us-central1");
        for (List<Sku> order : List.of(List.of(first, second), List.of(second, first))) {
            SkuPrices.Read read = SkuPrices.read(order);
            assertThat(read.prices().find("c2", "us-central1", GcpUnitPrice.Resource.CORE, false).orElseThrow()
                    .skuId()).isEqualTo("0005-0000-0001");
            assertThat(read.notes()).containsExactly("Cloud Billing SKUs left out (a SKU with a lower id already "
                    + "prices the same unit): 0005-0000-0002");
        }
    }
}
