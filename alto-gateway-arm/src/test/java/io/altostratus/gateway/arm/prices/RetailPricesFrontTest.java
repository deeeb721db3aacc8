package io.altostratus.gateway.arm.prices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.model.InstanceType;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Retail Prices front driven by the JDK HTTP client, as a price refresh or a script reads Microsoft's. */
class RetailPricesFrontTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Catalog AZURE = Catalogs.azure();
    private static final List<String> ITEM_FIELDS = List.of("currencyCode", "tierMinimumUnits", "retailPrice",
            "unitPrice", "armRegionName", "location", "effectiveStartDate", "meterId", "meterName", "productId",
            "skuId", "availabilityId", "productName", "skuName", "serviceName", "serviceId", "serviceFamily",
            "unitOfMeasure", "type", "isPrimaryMeterRegion", "armSkuName");

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String start(RetailPricesFront front) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(RetailPricesFront.PATH, front.handler());
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String query(String filter) {
        return "/api/retail/prices?api-version=2023-01-01-preview&$filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode page(String url) throws Exception {
        HttpResponse<String> response = get(url);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void oneSizeInOneLocationHasItsOnDemandAndSpotItemsWithMicrosoftsFields() throws Exception {
        String base = start(RetailPricesFront.builder().build());
        JsonNode body = page(base + query("serviceName eq 'Virtual Machines' and armRegionName eq 'eastus'"
                + " and armSkuName eq 'Standard_A2_v2' and priceType eq 'Consumption'"));

        List<String> envelope = new ArrayList<>();
        body.fieldNames().forEachRemaining(envelope::add);
        assertThat(envelope).containsExactly("BillingCurrency", "CustomerEntityId", "CustomerEntityType", "Items",
                "NextPageLink", "Count");
        assertThat(body.get("BillingCurrency").asText()).isEqualTo("USD");
        assertThat(body.get("Count").asInt()).isEqualTo(2);
        assertThat(body.get("NextPageLink").isNull()).isTrue();

        JsonNode onDemand = body.get("Items").get(0);
        JsonNode spot = body.get("Items").get(1);
        List<String> fields = new ArrayList<>();
        onDemand.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyElementsOf(ITEM_FIELDS);

        double price = AZURE.instanceType("eastus", "Standard_A2_v2").map(InstanceType::pricePerHour).orElseThrow();
        double spotPrice = AZURE.spotPricePerHour("eastus", "Standard_A2_v2").orElseThrow();
        assertThat(onDemand.get("retailPrice").asDouble()).isEqualTo(price);
        assertThat(onDemand.get("unitPrice").asDouble()).isEqualTo(price);
        assertThat(onDemand.get("meterName").asText()).isEqualTo("A2 v2");
        assertThat(onDemand.get("skuName").asText()).isEqualTo("A2 v2");
        assertThat(onDemand.get("armSkuName").asText()).isEqualTo("Standard_A2_v2");
        assertThat(onDemand.get("productName").asText()).isEqualTo("Virtual Machines Av2 Series");
        assertThat(onDemand.get("serviceName").asText()).isEqualTo("Virtual Machines");
        assertThat(onDemand.get("serviceFamily").asText()).isEqualTo("Compute");
        assertThat(onDemand.get("unitOfMeasure").asText()).isEqualTo("1 Hour");
        assertThat(onDemand.get("type").asText()).isEqualTo("Consumption");
        assertThat(onDemand.get("location").asText()).isEqualTo("US East");
        assertThat(onDemand.get("isPrimaryMeterRegion").asBoolean()).isTrue();
        assertThat(onDemand.get("tierMinimumUnits").asDouble()).isZero();
        assertThat(onDemand.get("availabilityId").isNull()).isTrue();
        assertThat(onDemand.get("effectiveStartDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT00:00:00Z");
        assertThat(onDemand.get("skuId").asText()).startsWith(onDemand.get("productId").asText() + "/");
        assertThat(onDemand.get("meterId").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                + "[0-9a-f]{12}");

        assertThat(spot.get("meterName").asText()).isEqualTo("A2 v2 Spot");
        assertThat(spot.get("skuName").asText()).isEqualTo("A2 v2 Spot");
        assertThat(spot.get("armSkuName").asText()).isEqualTo("Standard_A2_v2");
        assertThat(spot.get("retailPrice").asDouble()).isEqualTo(spotPrice);
        assertThat(spot.get("meterId").asText()).isNotEqualTo(onDemand.get("meterId").asText());

        // Ids are derived, not random: asking again gives the same ones.
        JsonNode again = page(base + query("armRegionName eq 'eastus' and armSkuName eq 'Standard_A2_v2'"));
        assertThat(again.get("Items").get(0).get("meterId")).isEqualTo(onDemand.get("meterId"));
    }

    @Test
    void containsSpotSelectsTheSpotItemsOfALocation() throws Exception {
        String base = start(RetailPricesFront.builder().build());
        JsonNode body = page(base + query("armRegionName eq 'westeurope' and contains(meterName,'Spot')"));
        long expected = AZURE.instanceTypes("westeurope").stream()
                .filter(t -> AZURE.spotPricePerHour("westeurope", t.name()).isPresent()).count();
        assertThat(expected).isPositive();
        assertThat(body.get("Count").asLong()).isEqualTo(expected);
        body.get("Items").forEach(item -> {
            assertThat(item.get("meterName").asText()).endsWith(" Spot");
            assertThat(item.get("armRegionName").asText()).isEqualTo("westeurope");
        });

        JsonNode notSpot = page(base + query("armRegionName eq 'westeurope' and contains(meterName,'Spot') eq false"));
        assertThat(notSpot.get("Count").asLong()).isEqualTo(AZURE.instanceTypes("westeurope").stream()
                .filter(t -> t.pricePerHour() != null).count());
    }

    @Test
    void orAndParenthesesCombineSizes() throws Exception {
        String base = start(RetailPricesFront.builder().build());
        JsonNode body = page(base + query("armRegionName eq 'eastus' and (armSkuName eq 'Standard_A2_v2'"
                + " or armSkuName eq 'Standard_D2s_v3') and priceType eq 'Consumption'"));
        Set<String> sizes = new HashSet<>();
        body.get("Items").forEach(i -> sizes.add(i.get("armSkuName").asText()));
        assertThat(sizes).containsExactlyInAnyOrder("Standard_A2_v2", "Standard_D2s_v3");
        assertThat(body.get("Count").asInt()).isEqualTo(4);
    }

    @Test
    void nextPageLinksWalkEveryItemOnceInPagesOfTheConfiguredSize() throws Exception {
        String base = start(RetailPricesFront.builder().pageSize(50).build());
        String url = base + query("serviceName eq 'Virtual Machines' and armRegionName eq 'eastus'");
        List<String> seen = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        while (url != null) {
            JsonNode body = page(url);
            counts.add(body.get("Count").asInt());
            body.get("Items").forEach(i -> seen.add(i.get("meterId").asText()));
            url = body.get("NextPageLink").isNull() ? null : body.get("NextPageLink").asText();
        }
        long expected = AZURE.instanceTypes("eastus").stream().filter(t -> t.pricePerHour() != null).count()
                + AZURE.instanceTypes("eastus").stream()
                .filter(t -> AZURE.spotPricePerHour("eastus", t.name()).isPresent()).count();
        assertThat(expected).isGreaterThan(100);
        assertThat(seen).hasSize((int) expected).doesNotHaveDuplicates();
        assertThat(counts.subList(0, counts.size() - 1)).allMatch(c -> c == 50);
        assertThat(counts.get(counts.size() - 1)).isBetween(1, 50);
    }

    @Test
    void productNamesFollowMicrosoftsSeriesNames() {
        assertThat(RetailPriceItems.productName("Standard_D2s_v3")).isEqualTo("Virtual Machines DSv3 Series");
        assertThat(RetailPriceItems.productName("Standard_B2s")).isEqualTo("Virtual Machines BS Series");
        assertThat(RetailPriceItems.productName("Standard_A2m_v2")).isEqualTo("Virtual Machines Av2 Series");
        assertThat(RetailPriceItems.productName("Standard_E4ds_v4")).isEqualTo("Virtual Machines Edsv4 Series");
        assertThat(RetailPriceItems.meterName("Standard_E64-32ds_v4")).isEqualTo("E64-32ds v4");
    }

    @Test
    void microsoftsPageOfAThousandIsTheDefault() throws Exception {
        String base = start(RetailPricesFront.builder().build());
        JsonNode body = page(base + "/api/retail/prices");
        assertThat(body.get("Count").asInt()).isEqualTo(1000);
        assertThat(body.get("NextPageLink").asText()).isEqualTo(base + "/api/retail/prices?$skip=1000");
        JsonNode second = page(body.get("NextPageLink").asText());
        assertThat(second.get("Items").get(0).get("meterId")).isNotEqualTo(body.get("Items").get(0).get("meterId"));
    }

    @Test
    void valuesCompareExactlyFromThe2023PreviewAndIgnoringCaseBefore() throws Exception {
        String base = start(RetailPricesFront.builder().build());
        String filter = URLEncoder.encode("armRegionName eq 'eastus' and armSkuName eq 'standard_a2_v2'",
                StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(page(base + "/api/retail/prices?api-version=2023-01-01-preview&$filter=" + filter)
                .get("Count").asInt()).isZero();
        assertThat(page(base + "/api/retail/prices?$filter=" + filter).get("Count").asInt()).isEqualTo(2);
    }

    @Test
    void aConfiguredCurrencyIsServedAtItsRate() throws Exception {
        String base = start(RetailPricesFront.builder().currency("EUR", new BigDecimal("0.5")).build());
        String filter = query("armRegionName eq 'eastus' and armSkuName eq 'Standard_A2_v2'");
        JsonNode body = page(base + filter + "&currencyCode='EUR'");
        double price = AZURE.instanceType("eastus", "Standard_A2_v2").map(InstanceType::pricePerHour).orElseThrow();
        assertThat(body.get("BillingCurrency").asText()).isEqualTo("EUR");
        assertThat(body.get("Items").get(0).get("currencyCode").asText()).isEqualTo("EUR");
        assertThat(body.get("Items").get(0).get("retailPrice").asDouble()).isEqualTo(price / 2);

        HttpResponse<String> unknown = get(base + filter + "&currencyCode='JPY'");
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    @Test
    void filtersOutsideTheSubsetAndBadParametersAreRefusedWithTheServicesErrorShape() throws Exception {
        String base = start(RetailPricesFront.builder().build());
        List<String> bad = List.of(
                query("serviceName eq Virtual"),
                query("noSuchField eq 'x'"),
                query("not(contains(productName,'Windows'))"),
                query("armSkuName in ('Standard_B2s','Standard_B1s')"),
                query("(armRegionName eq 'eastus'"),
                query("armRegionName eq 'eastus"),
                "/api/retail/prices?$skip=-1",
                "/api/retail/prices?$skip=ten",
                "/api/retail/prices?api-version=1999-01-01");
        for (String path : bad) {
            HttpResponse<String> response = get(base + path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body()).get("Error");
            assertThat(error.get("Code").asText()).as(path).isEqualTo("BadRequest");
            assertThat(error.get("Message").asText()).as(path).isEqualTo("Invalid OData parameters supplied");
        }

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/api/retail/prices"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(post.body()).get("Error").get("Code").asText()).isEqualTo("MethodNotAllowed");

        HttpResponse<String> elsewhere = get(base + "/api/retail/pricesX");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    @Test
    void aFrontServesTheCatalogItIsGivenAndLinksPagesToItsPublicUrl() throws Exception {
        Catalog eastusOnly = io.altostratus.catalog.CatalogSnapshot.of(AZURE, List.of(), List.of("eastus")).catalog();
        String base = start(RetailPricesFront.builder().catalog(eastusOnly).pageSize(1000)
                .publicUrl("https://prices.example.test/").build());
        JsonNode body = page(base + "/api/retail/prices");
        Set<String> regions = new HashSet<>();
        body.get("Items").forEach(i -> regions.add(i.get("armRegionName").asText()));
        assertThat(regions).containsExactly("eastus");

        String paged = start2(RetailPricesFront.builder().catalog(eastusOnly).pageSize(1)
                .publicUrl("https://prices.example.test/").build());
        JsonNode first = page(paged + query("armRegionName eq 'eastus'"));
        assertThat(first.get("NextPageLink").asText()).startsWith("https://prices.example.test/api/retail/prices?")
                .endsWith("&$skip=1");
    }

    private String start2(RetailPricesFront front) throws IOException {
        stop();
        return start(front);
    }
}
