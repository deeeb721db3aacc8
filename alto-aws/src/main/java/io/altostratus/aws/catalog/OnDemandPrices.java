package io.altostratus.aws.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;

/**
 * On-demand Linux prices of one region from the AWS Price List Query API: GetProducts for {@code AmazonEC2} with term
 * filters on the region, Linux without pre-installed software, shared tenancy and capacity in use (the price of a
 * running instance rather than of a reservation), every {@code NextToken} followed.
 */
final class OnDemandPrices {
    static final String SERVICE = "AmazonEC2";
    static final int PAGE = 100;

    /** Makes one API call at a depth in its chain of calls (the refresh counts and limits calls with it). */
    @FunctionalInterface
    interface Caller {
        GetProductsResponse call(int depth, java.util.function.Supplier<GetProductsResponse> call);
    }

    private OnDemandPrices() {
    }

    /** The filters of one region's query. */
    static List<Filter> filters(String region) {
        return List.of(term("regionCode", region), term("operatingSystem", "Linux"), term("preInstalledSw", "NA"),
                term("tenancy", "Shared"), term("capacitystatus", "Used"));
    }

    /**
     * The region's prices by instance type (the lowest where a type has several products) and the depth of the last
     * page's call.
     */
    static Result fetch(PricingClient pricing, String region, int depth, Caller caller) {
        Map<String, Double> prices = new HashMap<>();
        String token = null;
        int d = depth;
        List<Filter> filters = filters(region);
        do {
            String page = token;
            GetProductsResponse r = caller.call(++d, () -> pricing.getProducts(q -> q.serviceCode(SERVICE)
                    .formatVersion("aws_v1").filters(filters).maxResults(PAGE).nextToken(page)));
            for (String document : r.priceList()) {
                PriceListItem item = PriceListItem.parse(document);
                if (item != null && (item.regionCode().isEmpty() || item.regionCode().equals(region))) {
                    prices.merge(item.instanceType(), item.usdPerHour(), Math::min);
                }
            }
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
        return new Result(Map.copyOf(prices), d);
    }

    record Result(Map<String, Double> prices, int depth) {
    }

    private static Filter term(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }
}
