package io.altostratus.aws.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;

/**
 * One entry of a GetProducts answer's {@code PriceList}: a JSON document given as a string, holding a product (its
 * {@code attributes}: {@code instanceType}, {@code regionCode}, ...) and its {@code terms}; the on-demand price is under
 * {@code terms.OnDemand.<offer>.priceDimensions.<rate>}, per {@code unit} ({@code Hrs}) in {@code pricePerUnit.USD},
 * a decimal string. This is the layout AWS documents for the Price List Query API (Billing and Cost Management user
 * guide, "Reading the price list files"; GetProducts in the AWS Price List Service API reference).
 *
 * @param instanceType the product's instance type
 * @param regionCode   the product's region
 * @param usdPerHour   the on-demand USD per hour
 */
record PriceListItem(String instanceType, String regionCode, double usdPerHour) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The on-demand hourly USD price of one price-list document, or null when it has none: a product that is not an
     * instance type, a non-hourly or zero price (a zero is no price), or a product sold other than on demand.
     *
     * @throws IllegalArgumentException when the string is not JSON
     */
    static PriceListItem parse(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a PriceList entry is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode attributes = root.path("product").path("attributes");
        String type = attributes.path("instanceType").asText("");
        if (type.isEmpty()) {
            return null;
        }
        // Newer price lists also list capacity blocks and the like beside on-demand; only on demand is wanted.
        String market = attributes.path("marketoption").asText("OnDemand");
        if (!"OnDemand".equals(market)) {
            return null;
        }
        double best = Double.NaN;
        for (Iterator<JsonNode> offers = root.path("terms").path("OnDemand").elements(); offers.hasNext(); ) {
            for (Iterator<JsonNode> dims = offers.next().path("priceDimensions").elements(); dims.hasNext(); ) {
                JsonNode dim = dims.next();
                if (!"Hrs".equals(dim.path("unit").asText())) {
                    continue;
                }
                double usd;
                try {
                    usd = Double.parseDouble(dim.path("pricePerUnit").path("USD").asText(""));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (usd > 0 && (Double.isNaN(best) || usd < best)) {
                    best = usd;
                }
            }
        }
        return Double.isNaN(best) ? null
                : new PriceListItem(type, attributes.path("regionCode").asText(""), best);
    }
}
