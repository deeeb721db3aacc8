package io.altostratus.azure.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Linux on-demand and Spot hourly prices of one location, read from the Retail Prices API's items: Consumption
 * rows metered per hour; Windows products, Low Priority meters and rows without an ARM size are skipped; a
 * {@code "... Spot"} meter is the size's Spot price. Rows of a meter's non-primary region (which api-version
 * 2023-01-01-preview lists besides the primary ones) are skipped, so each meter counts once. Where a size has several
 * rows of one kind, the one that took effect last wins (a price change leaves the old row behind), the lower one on a
 * tie.
 */
final class RetailPrices {
    private final Map<String, Row> onDemand = new HashMap<>();
    private final Map<String, Row> spot = new HashMap<>();
    private int rowsRead;

    private record Row(double price, String effective) {
    }

    /** Reads one page's {@code Items}. */
    void read(JsonNode items) {
        for (JsonNode item : items) {
            rowsRead++;
            String size = text(item, "armSkuName");
            String product = text(item, "productName");
            String meter = text(item, "meterName");
            String sku = text(item, "skuName");
            if (size.isEmpty() || !"Consumption".equals(text(item, "type"))
                    || !"1 Hour".equals(text(item, "unitOfMeasure"))
                    || product.toLowerCase(Locale.ROOT).contains("windows")
                    || meter.contains("Low Priority") || sku.contains("Low Priority")
                    || !item.path("retailPrice").isNumber()
                    || !item.path("isPrimaryMeterRegion").asBoolean(true)) {
                continue;
            }
            boolean isSpot = meter.endsWith(" Spot") || sku.endsWith(" Spot");
            Row row = new Row(item.get("retailPrice").asDouble(), text(item, "effectiveStartDate"));
            (isSpot ? spot : onDemand).merge(size, row, RetailPrices::newer);
        }
    }

    Double onDemand(String size) {
        Row row = onDemand.get(size);
        return row == null ? null : row.price();
    }

    Double spot(String size) {
        Row row = spot.get(size);
        return row == null ? null : row.price();
    }

    int rowsRead() {
        return rowsRead;
    }

    int sizesPriced() {
        return onDemand.size();
    }

    private static Row newer(Row a, Row b) {
        int byDate = a.effective().compareTo(b.effective());
        if (byDate != 0) {
            return byDate > 0 ? a : b;
        }
        return a.price() <= b.price() ? a : b;
    }

    private static String text(JsonNode item, String field) {
        JsonNode node = item.get(field);
        return node == null || node.isNull() ? "" : node.asText();
    }
}
