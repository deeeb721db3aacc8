package io.altostratus.azure.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Which Retail Prices API rows become a size's Linux on-demand and Spot prices. */
class RetailPricesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode row(ArrayNode items, String size, String meter, String product, double price,
                                  String effective) {
        ObjectNode item = items.addObject();
        item.put("currencyCode", "USD").put("retailPrice", price).put("unitPrice", price)
                .put("armRegionName", "eastus").put("effectiveStartDate", effective).put("meterName", meter)
                .put("skuName", meter).put("productName", product).put("serviceName", "Virtual Machines")
                .put("unitOfMeasure", "1 Hour").put("type", "Consumption").put("isPrimaryMeterRegion", true)
                .put("armSkuName", size);
        return item;
    }

    @Test
    void linuxConsumptionRowsArePricesAndEverythingElseIsSkipped() {
        ArrayNode items = JSON.createArrayNode();
        row(items, "Standard_D2s_v3", "D2s v3", "Virtual Machines DSv3 Series", 0.096, "2021-01-01T00:00:00Z");
        row(items, "Standard_D2s_v3", "D2s v3 Spot", "Virtual Machines DSv3 Series", 0.019, "2021-01-01T00:00:00Z");
        row(items, "Standard_D2s_v3", "D2s v3", "Virtual Machines DSv3 Series Windows", 0.188,
                "2021-01-01T00:00:00Z");
        row(items, "Standard_D2s_v3", "D2s v3 Spot", "Virtual Machines DSv3 Series Windows", 0.05,
                "2021-01-01T00:00:00Z");
        row(items, "Standard_D2s_v3", "D2s v3 Low Priority", "Virtual Machines DSv3 Series", 0.01,
                "2021-01-01T00:00:00Z");
        row(items, "Standard_D2s_v3", "D2s v3", "Virtual Machines DSv3 Series", 0.001, "2021-01-01T00:00:00Z")
                .put("isPrimaryMeterRegion", false);
        row(items, "Standard_D2s_v3", "D2s v3", "Virtual Machines DSv3 Series", 50.0, "2021-01-01T00:00:00Z")
                .put("type", "Reservation");
        row(items, "Standard_D2s_v3", "D2s v3", "Virtual Machines DSv3 Series", 0.002, "2021-01-01T00:00:00Z")
                .put("type", "DevTestConsumption");
        row(items, "", "Something", "Virtual Machines DSv3 Series", 1.0, "2021-01-01T00:00:00Z");

        RetailPrices prices = new RetailPrices();
        prices.read(items);
        assertThat(prices.onDemand("Standard_D2s_v3")).isEqualTo(0.096);
        assertThat(prices.spot("Standard_D2s_v3")).isEqualTo(0.019);
        assertThat(prices.rowsRead()).isEqualTo(9);
        assertThat(prices.sizesPriced()).isEqualTo(1);
        assertThat(prices.onDemand("Standard_B2s")).isNull();
    }

    @Test
    void theRowThatTookEffectLastWins() {
        ArrayNode items = JSON.createArrayNode();
        row(items, "Standard_B2s", "B2s", "Virtual Machines BS Series", 0.0416, "2023-05-01T00:00:00Z");
        row(items, "Standard_B2s", "B2s", "Virtual Machines BS Series", 0.05, "2020-01-01T00:00:00Z");
        RetailPrices prices = new RetailPrices();
        prices.read(items);
        assertThat(prices.onDemand("Standard_B2s")).isEqualTo(0.0416);
    }
}
