package io.altostratus.gateway.arm.prices;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One price of the Retail Prices API, with the API's field names in its order: a meter of a VM size in a location,
 * priced per hour for Linux, on demand or Spot. {@code availabilityId} is null, as Microsoft sends it for VM
 * meters.
 */
@JsonPropertyOrder({"currencyCode", "tierMinimumUnits", "retailPrice", "unitPrice", "armRegionName", "location",
        "effectiveStartDate", "meterId", "meterName", "productId", "skuId", "availabilityId", "productName",
        "skuName", "serviceName", "serviceId", "serviceFamily", "unitOfMeasure", "type", "isPrimaryMeterRegion",
        "armSkuName"})
record RetailPriceItem(String currencyCode, double tierMinimumUnits, double retailPrice, double unitPrice,
                       String armRegionName, String location, String effectiveStartDate, String meterId,
                       String meterName, String productId, String skuId, String availabilityId, String productName,
                       String skuName, String serviceName, String serviceId, String serviceFamily,
                       String unitOfMeasure, String type, boolean isPrimaryMeterRegion, String armSkuName) {

    /** The same item in another currency, {@code unitsPerUsd} to the dollar. */
    RetailPriceItem in(String currency, BigDecimal unitsPerUsd) {
        if (currency.equals(currencyCode)) {
            return this;
        }
        double price = BigDecimal.valueOf(retailPrice).multiply(unitsPerUsd)
                .setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().doubleValue();
        return new RetailPriceItem(currency, tierMinimumUnits, price, price, armRegionName, location,
                effectiveStartDate, meterId, meterName, productId, skuId, availabilityId, productName, skuName,
                serviceName, serviceId, serviceFamily, unitOfMeasure, type, isPrimaryMeterRegion, armSkuName);
    }

    /** A field's value by its filter name; {@code priceType} is the filter's name for {@code type}. */
    Object field(String name) {
        return switch (name) {
            case "currencyCode" -> currencyCode;
            case "armRegionName" -> armRegionName;
            case "location" -> location;
            case "meterId" -> meterId;
            case "meterName" -> meterName;
            case "productId" -> productId;
            case "skuId" -> skuId;
            case "productName" -> productName;
            case "skuName" -> skuName;
            case "serviceName" -> serviceName;
            case "serviceId" -> serviceId;
            case "serviceFamily" -> serviceFamily;
            case "unitOfMeasure" -> unitOfMeasure;
            case "type", "priceType" -> type;
            case "armSkuName" -> armSkuName;
            case "isPrimaryMeterRegion" -> isPrimaryMeterRegion;
            case "effectiveStartDate" -> effectiveStartDate;
            case "retailPrice" -> retailPrice;
            case "unitPrice" -> unitPrice;
            case "tierMinimumUnits" -> tierMinimumUnits;
            default -> throw new IllegalArgumentException("not a field: " + name);
        };
    }

    /** Whether {@link #field} knows the name. */
    static boolean isField(String name) {
        return switch (name) {
            case "currencyCode", "armRegionName", "location", "meterId", "meterName", "productId", "skuId",
                 "productName", "skuName", "serviceName", "serviceId", "serviceFamily", "unitOfMeasure", "type",
                 "priceType", "armSkuName", "isPrimaryMeterRegion", "effectiveStartDate", "retailPrice",
                 "unitPrice", "tierMinimumUnits" -> true;
            default -> false;
        };
    }
}
