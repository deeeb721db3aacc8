package io.altostratus.catalog.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcpSkuWordingTest {
    private static GcpUnitPrice price(String family, String region, GcpUnitPrice.Resource resource, boolean spot) {
        return new GcpUnitPrice(family, region, resource, spot, BigDecimal.ONE, "SKU");
    }

    @Test
    void describesUnitPricesAsGooglesCatalogDoes() {
        assertThat(GcpSkuWording.description(price("n2", "us-central1", GcpUnitPrice.Resource.CORE, false)))
                .isEqualTo("N2 Instance Core running in Americas");
        assertThat(GcpSkuWording.description(price("n1", "europe-west6", GcpUnitPrice.Resource.RAM, false)))
                .isEqualTo("N1 Predefined Instance Ram running in Zurich");
        assertThat(GcpSkuWording.description(price("c2", "northamerica-northeast1", GcpUnitPrice.Resource.RAM,
                true))).isEqualTo("Spot Preemptible Compute optimized Ram running in Montreal");
        assertThat(GcpSkuWording.description(price("n2d", "us-west4", GcpUnitPrice.Resource.CORE, false)))
                .isEqualTo("N2D AMD Instance Core running in Las Vegas");
        assertThat(GcpSkuWording.description(price("g1", "asia-northeast1", GcpUnitPrice.Resource.INSTANCE, false)))
                .isEqualTo("Small Instance with 1 VCPU running in Japan");
        assertThat(GcpSkuWording.resourceGroup(price("n1", "us-central1", GcpUnitPrice.Resource.CORE, false)))
                .isEqualTo("N1Standard");
        assertThat(GcpSkuWording.resourceGroup(price("e2", "us-central1", GcpUnitPrice.Resource.RAM, true)))
                .isEqualTo("RAM");
        assertThat(GcpSkuWording.resourceGroup(price("f1", "us-central1", GcpUnitPrice.Resource.INSTANCE, true)))
                .isEqualTo("F1Micro");
        assertThat(GcpSkuWording.usageType(true)).isEqualTo("Preemptible");
    }

    @Test
    void readsBackEveryShippedUnitPricesDescription() {
        List<String> wrong = new ArrayList<>();
        for (GcpUnitPrice p : Catalogs.gcpUnitPrices().all()) {
            String description = GcpSkuWording.description(p);
            GcpSkuWording.Meaning expected = new GcpSkuWording.Meaning(p.family(), p.resource(), p.spot());
            if (!GcpSkuWording.parse(description).equals(java.util.Optional.of(expected))) {
                wrong.add(description + " -> " + GcpSkuWording.parse(description));
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(Catalogs.gcpUnitPrices().all()).isNotEmpty();
    }

    @Test
    void readsGooglesOlderSpotWordingAndIgnoresEveryOtherSku() {
        assertThat(GcpSkuWording.parse("Preemptible Compute optimized Ram running in Montreal")).hasValue(
                new GcpSkuWording.Meaning("c2", GcpUnitPrice.Resource.RAM, true));
        assertThat(GcpSkuWording.parse("Micro Instance with burstable CPU running in Sydney")).hasValue(
                new GcpSkuWording.Meaning("f1", GcpUnitPrice.Resource.INSTANCE, false));
        assertThat(GcpSkuWording.parse("N2 Custom Instance Core running in Americas")).isEmpty();
        assertThat(GcpSkuWording.parse("N2D AMD Instance Core running in Americas")).hasValue(
                new GcpSkuWording.Meaning("n2d", GcpUnitPrice.Resource.CORE, false));
        assertThat(GcpSkuWording.parse("N2 Sole Tenancy Instance Core running in Americas")).isEmpty();
        assertThat(GcpSkuWording.parse("Commitment v1: N2 Cpu in Americas for 1 Year")).isEmpty();
        assertThat(GcpSkuWording.parse("Licensing Fee for Debian 10 Buster (RAM cost)")).isEmpty();
        assertThat(GcpSkuWording.parse("Storage PD Capacity")).isEmpty();
        assertThat(GcpSkuWording.parse(null)).isEmpty();
    }
}
