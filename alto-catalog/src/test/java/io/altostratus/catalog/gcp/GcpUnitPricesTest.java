package io.altostratus.catalog.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcpUnitPricesTest {
    private static GcpUnitPrice price(String family, String region, GcpUnitPrice.Resource resource, boolean spot,
                                      String usd, String sku) {
        return new GcpUnitPrice(family, region, resource, spot, new BigDecimal(usd), sku);
    }

    private final GcpUnitPrices prices = GcpUnitPrices.of(List.of(
            price("n2", "us-central1", GcpUnitPrice.Resource.RAM, false, "0.004237", "RAM-1"),
            price("n2", "us-central1", GcpUnitPrice.Resource.CORE, true, "0.007649", "CORE-S"),
            price("n2", "us-central1", GcpUnitPrice.Resource.CORE, false, "0.031611", "CORE-1"),
            price("e2", "europe-west1", GcpUnitPrice.Resource.CORE, false, "0.02", "E2-1")));

    @Test
    void keepsAStableOrderAndFindsByWhatIsPriced() {
        assertThat(prices.all()).extracting(GcpUnitPrice::skuId).containsExactly("E2-1", "CORE-1", "CORE-S",
                "RAM-1");
        assertThat(prices.inRegion("us-central1")).hasSize(3);
        assertThat(prices.inRegion("moon-1")).isEmpty();
        assertThat(prices.regions()).containsExactly("europe-west1", "us-central1");
        assertThat(prices.find("n2", "us-central1", GcpUnitPrice.Resource.CORE, true)).map(GcpUnitPrice::skuId)
                .hasValue("CORE-S");
        assertThat(prices.find("n2", "us-central1", GcpUnitPrice.Resource.RAM, true)).isEmpty();
    }

    @Test
    void aTypesHourlyPriceIsItsVcpusAndGibAtTheUnitPricesOrUnknown() {
        assertThat(prices.hourlyPrice("n2", "us-central1", false, BigDecimal.valueOf(4), BigDecimal.valueOf(16)))
                .hasValue(new BigDecimal("0.194236"));
        // No spot RAM price: the spot price is unknown rather than the core alone.
        assertThat(prices.hourlyPrice("n2", "us-central1", true, BigDecimal.ONE, BigDecimal.ONE)).isEmpty();
        assertThat(prices.hourlyPrice("e2", "europe-west1", false, BigDecimal.ONE, BigDecimal.ONE)).isEmpty();
    }

    @Test
    void refusesTwoPricesForOneThingOrOneSkuForTwo() {
        assertThatThrownBy(() -> GcpUnitPrices.of(List.of(
                price("n2", "us-central1", GcpUnitPrice.Resource.CORE, false, "0.03", "A"),
                price("n2", "us-central1", GcpUnitPrice.Resource.CORE, false, "0.04", "B"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two prices");
        assertThatThrownBy(() -> GcpUnitPrices.of(List.of(
                price("n2", "us-central1", GcpUnitPrice.Resource.CORE, false, "0.03", "A"),
                price("n2", "us-east4", GcpUnitPrice.Resource.CORE, false, "0.04", "A"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SKU A");
        assertThatThrownBy(() -> GcpUnitPrices.of(List.of(
                price("n2", "us-central1", GcpUnitPrice.Resource.CORE, false, "0.03", "A"),
                price("n2", "us-central1", GcpUnitPrice.Resource.RAM, false, "0.03", "A"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SKU A");
        // As Google's "Americas" SKUs do, one SKU may be the same price in several regions.
        assertThat(GcpUnitPrices.of(List.of(
                price("n2", "us-central1", GcpUnitPrice.Resource.CORE, false, "0.03", "A"),
                price("n2", "us-east1", GcpUnitPrice.Resource.CORE, false, "0.030", "A"))).regions())
                .containsExactly("us-central1", "us-east1");
        assertThatThrownBy(() -> price("n2", "us-central1", GcpUnitPrice.Resource.CORE, false, "0", "A"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GcpUnitPrices.of(List.of())).isSameAs(GcpUnitPrices.empty());
    }
}
