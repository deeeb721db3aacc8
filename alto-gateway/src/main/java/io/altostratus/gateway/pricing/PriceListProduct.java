package io.altostratus.gateway.pricing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One EC2 product of the price list: its attributes (what GetProducts' TERM_MATCH filters compare) and its quoted
 * on-demand hourly price, rendered as the JSON document AWS puts, as a string, in each {@code PriceList} entry:
 * {@code product} ({@code sku}, {@code productFamily}, {@code attributes}), {@code serviceCode}, {@code terms.OnDemand}
 * with one offer whose one price dimension is per {@code Hrs} in {@code pricePerUnit.USD}, {@code version} and
 * {@code publicationDate} (the layout of the Price List Query API reference).
 *
 * @param attributes the product's attributes, by AWS's attribute names
 * @param usdPerHour the quoted price as a decimal string
 * @param quotedAt   when the price's source took it
 */
record PriceListProduct(Map<String, String> attributes, String usdPerHour, Instant quotedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** AWS's offer term code of on-demand offers. */
    static final String ON_DEMAND_TERM = "JRTCKXETXF";
    /** AWS's rate code suffix of on-demand hourly price dimensions. */
    static final String HOURLY_RATE = "6YS6EN2CT7";
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    PriceListProduct {
        attributes = Map.copyOf(attributes);
    }

    /** A stable SKU derived from the attributes that make the product (16 characters of AWS's alphabet). */
    String sku() {
        String key = attributes.get("regionCode") + "|" + attributes.get("instanceType") + "|"
                + attributes.get("operatingSystem") + "|" + attributes.get("tenancy");
        UUID id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        String hex = (Long.toHexString(id.getMostSignificantBits()) + Long.toHexString(id.getLeastSignificantBits()))
                .toUpperCase(Locale.ROOT);
        StringBuilder sku = new StringBuilder(16);
        for (int i = 0; i < hex.length() && sku.length() < 16; i++) {
            char c = hex.charAt(i);
            // AWS's SKUs are upper-case letters and digits without the look-alikes 0/O and 1/I.
            sku.append(c == '0' ? 'Z' : c == '1' ? 'Y' : c);
        }
        return sku.toString();
    }

    /** The {@code PriceList} entry. */
    String document() {
        String sku = sku();
        String effective = DateTimeFormatter.ISO_INSTANT.format(quotedAt);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode product = root.putObject("product");
        product.put("productFamily", "Compute Instance");
        ObjectNode attrs = product.putObject("attributes");
        new java.util.TreeMap<>(attributes).forEach(attrs::put);
        product.put("sku", sku);
        root.put("serviceCode", PriceListProducts.SERVICE_CODE);
        ObjectNode offer = root.putObject("terms").putObject("OnDemand").putObject(sku + "." + ON_DEMAND_TERM);
        ObjectNode dimension = offer.putObject("priceDimensions")
                .putObject(sku + "." + ON_DEMAND_TERM + "." + HOURLY_RATE);
        dimension.putArray("appliesTo");
        dimension.put("beginRange", "0");
        dimension.put("description", "$" + usdPerHour + " per On Demand Linux " + attributes.get("instanceType")
                + " Instance Hour");
        dimension.put("endRange", "Inf");
        dimension.putObject("pricePerUnit").put("USD", usdPerHour);
        dimension.put("rateCode", sku + "." + ON_DEMAND_TERM + "." + HOURLY_RATE);
        dimension.put("unit", "Hrs");
        offer.put("effectiveDate", effective);
        offer.put("offerTermCode", ON_DEMAND_TERM);
        offer.put("sku", sku);
        offer.putObject("termAttributes");
        root.put("version", VERSION.format(quotedAt));
        root.put("publicationDate", effective);
        return root.toString();
    }
}
