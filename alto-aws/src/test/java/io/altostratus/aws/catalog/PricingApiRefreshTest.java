package io.altostratus.aws.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.catalog.refresh.CatalogRefresher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The refresh's on-demand prices from the Price List Query API, against {@link FakePricingApi} (EC2 from the gateway
 * in-process): paged answers followed, throttling retried, a region the API refuses reported while the others keep
 * their fetched prices, and the calls counted.
 */
class PricingApiRefreshTest {
    private static final StaticCredentialsProvider TEST_KEY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static final Catalog SHIPPED = Catalogs.aws();
    private static final Instant NOW = Instant.parse("2026-12-07T09:30:00Z");
    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1", "us-east-2");

    private static CatalogGateway gateway;
    private static FakePricingApi pricing;
    private static CatalogRefresher.Result withPrices;
    private static CatalogRefresher.Result without;

    @BeforeAll
    static void refresh() throws Exception {
        gateway = new CatalogGateway(Duration.ZERO);
        pricing = new FakePricingApi()
                .product("us-east-1", "m5.xlarge", "0.1920000000")
                .product("us-east-1", "m5.large", "0.0960000000")
                .product("us-east-1", "c5.xlarge", "0.1700000000")
                .product("us-east-1", "m8g.large", "0.0897600000")
                .product("us-east-1", "m6a.xlarge", "0.1728000000")
                .product("us-east-1", "t3.micro", "0.0104000000")
                // A zero is no price: it must not become one.
                .product("us-east-1", "m7a.xlarge", "0.0000000000")
                .product("us-east-2", "m5.xlarge", "0.1920000000")
                .product("us-east-2", "c5.xlarge", "0.1700000000")
                .throttle("us-east-2", 2)
                .refuse("eu-west-1", "InvalidParameterException");
        long t0 = System.nanoTime();
        withPrices = builder().pricingEndpoint(pricing.endpoint()).build().run();
        long t1 = System.nanoTime();
        without = builder().build().run();
        System.out.printf("refresh with the Pricing API %d ms (its own wall %d ms), without %d ms%n",
                (t1 - t0) / 1_000_000, withPrices.stats().wall().toMillis(), (System.nanoTime() - t1) / 1_000_000);
    }

    private static AwsCatalogRefresh.Builder builder() {
        return AwsCatalogRefresh.builder().endpoint(gateway.endpoint()).credentials(TEST_KEY).fallback(SHIPPED)
                .regions(REGIONS).clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        if (pricing != null) {
            pricing.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static final Map<CatalogRefresher.Result, Catalog> CATALOGS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Price price(CatalogRefresher.Result r, String region, String type) {
        // One catalog per snapshot: building its indexes for every lookup would take minutes.
        return CATALOGS.computeIfAbsent(r, k -> k.snapshot().catalog()).onDemandPrice(region, type).orElse(null);
    }

    @Test
    void fetchedPricesReplaceTheFallbacksAndSayWhenTheyWereFetched() {
        PriceSource api = PriceSource.quoted(PriceSource.AWS_PRICING_API, NOW);
        // m5.xlarge and m6a.xlarge were estimated in the shipped catalog; now they are quoted by the API.
        assertThat(SHIPPED.onDemandPrice("us-east-1", "m5.xlarge").orElseThrow().estimated()).isTrue();
        assertThat(price(withPrices, "us-east-1", "m5.xlarge")).isEqualTo(new Price(0.192, api));
        assertThat(price(withPrices, "us-east-1", "m6a.xlarge")).isEqualTo(new Price(0.1728, api));
        assertThat(price(withPrices, "us-east-2", "c5.xlarge")).isEqualTo(new Price(0.17, api));
        // Not in the API's answer: the fallback's quoted price, with the fallback's source and date.
        assertThat(price(withPrices, "us-east-1", "m5.2xlarge"))
                .isEqualTo(SHIPPED.onDemandPrice("us-east-1", "m5.2xlarge").orElseThrow());
        // Gaps are estimated again from the freshest base: m8g.xlarge from the fetched m8g.large.
        Price m8g = price(withPrices, "us-east-1", "m8g.xlarge");
        assertThat(m8g.source()).isEqualTo(api.estimate("sibling m8g.large"));
        assertThat(m8g.perHour()).isCloseTo(0.17952, org.assertj.core.data.Offset.offset(1e-9));
        // The API's zero for m7a.xlarge is a gap: estimated, and not from the zero.
        Price m7a = price(withPrices, "us-east-1", "m7a.xlarge");
        assertThat(m7a.estimated()).isTrue();
        assertThat(m7a.perHour()).isPositive();
        // Spot prices carry their own source and date.
        assertThat(CATALOGS.computeIfAbsent(withPrices, k -> k.snapshot().catalog()).spotPrice("us-east-1", "m5.xlarge").orElseThrow().source())
                .isEqualTo(PriceSource.quoted(PriceSource.SPOT, NOW));
    }

    @Test
    void everyPageIsFollowedWithTheDocumentedFilters() {
        assertThat(pricing.requests("us-east-1")).isEqualTo(pricing.pages("us-east-1")).isEqualTo(3);
        for (JsonNode body : pricing.bodies) {
            assertThat(body.path("ServiceCode").asText()).isEqualTo("AmazonEC2");
            assertThat(body.path("FormatVersion").asText()).isEqualTo("aws_v1");
            Map<String, String> filters = new TreeMap<>();
            body.path("Filters").forEach(f -> {
                assertThat(f.path("Type").asText()).isEqualTo("TERM_MATCH");
                filters.put(f.path("Field").asText(), f.path("Value").asText());
            });
            assertThat(filters).containsEntry("operatingSystem", "Linux").containsEntry("preInstalledSw", "NA")
                    .containsEntry("tenancy", "Shared").containsEntry("capacitystatus", "Used")
                    .containsKey("regionCode").hasSize(5);
        }
        assertThat(pricing.askedRegions()).containsAll(REGIONS);
    }

    @Test
    void throttlingIsRetriedAndTheRegionStillPriced() {
        // Two throttled answers, then the one page.
        assertThat(pricing.requests("us-east-2")).isEqualTo(3);
        assertThat(price(withPrices, "us-east-2", "m5.xlarge").source().name()).isEqualTo(PriceSource.AWS_PRICING_API);
    }

    @Test
    void aRegionTheApiRefusesIsReportedAndKeepsTheFallbacksPricesWhileTheOthersKeepTheirs() {
        assertThat(withPrices.snapshot().notes())
                .anyMatch(n -> n.equals("the Pricing API failed for eu-west-1 (InvalidParameterException): its "
                        + "on-demand prices are the fallback's"));
        // Its quoted prices are the fallback's; its estimates are made again (the rule also reads the fetched
        // prices of other regions), and stay estimates.
        CatalogSnapshot.RegionData west = withPrices.snapshot().region("eu-west-1");
        for (CatalogSnapshot.Offer o : west.offers()) {
            Price shipped = SHIPPED.onDemandPrice("eu-west-1", o.type()).orElse(null);
            Price refreshed = price(withPrices, "eu-west-1", o.type());
            if (shipped != null && !shipped.estimated()) {
                assertThat(refreshed).as(o.type()).isEqualTo(shipped);
            } else if (shipped != null) {
                assertThat(refreshed.estimated()).as(o.type()).isTrue();
            }
        }
        assertThat(price(withPrices, "us-east-1", "c5.xlarge").source().name()).isEqualTo(PriceSource.AWS_PRICING_API);
        assertThat(withPrices.snapshot().notes()).noneMatch(n -> n.contains("not queried"));
    }

    @Test
    void callsCountOneGetProductsPerPageAndAttemptsCountTheRetries() {
        long pages = pricing.pages("us-east-1") + pricing.pages("us-east-2") + 1; // eu-west-1: one refused call
        long requests = pricing.requests("us-east-1") + pricing.requests("us-east-2") + pricing.requests("eu-west-1");
        System.out.printf("refresh of %s: %d calls (%d attempts) with the Pricing API, %d calls (%d attempts) "
                        + "without; the fake answered %d GetProducts requests%n", REGIONS, withPrices.stats().calls(),
                withPrices.stats().attempts(), without.stats().calls(), without.stats().attempts(), requests);
        assertThat(withPrices.stats().calls() - without.stats().calls()).isEqualTo(pages);
        assertThat(withPrices.stats().attempts() - without.stats().attempts()).isEqualTo(requests);
        assertThat(requests).isEqualTo(pages + 2);
    }

    @Test
    void withoutAPricingEndpointAnEmulatorRefreshDoesNotAskAwsAndSaysSo() {
        assertThat(without.snapshot().notes()).anyMatch(n -> n.startsWith("the Pricing API was not queried"));
        List<String> sources = new ArrayList<>();
        for (CatalogSnapshot.Offer o : without.snapshot().region("us-east-1").offers()) {
            Price p = price(without, "us-east-1", o.type());
            if (p != null) {
                assertThat(p).as(o.type()).isEqualTo(SHIPPED.onDemandPrice("us-east-1", o.type()).orElseThrow());
                sources.add(p.source().name());
            }
        }
        assertThat(sources).isNotEmpty().allMatch(PriceSource.LIBCLOUD::equals);
    }
}
