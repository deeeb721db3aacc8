package io.altostratus.gcp.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.cloud.billing.v1.Sku;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The billing side's faults and paging, with a WireMock stub answering {@code skus.list} beside the real Compute
 * Engine front: a rate limit is retried (and counted as an attempt, not a call), pages are followed one after another
 * (the critical path grows with them), a 5xx that does not go away aborts the refresh after the attempt bound, and a
 * 403 is a source without prices.
 */
class GcpCatalogRefreshFaultTest {
    private static final String SKUS = "/v1/services/6F81-5844-456A/skus";
    private static final int MAX_ATTEMPTS = 3;
    private static final Sleeper NO_SLEEP = duration -> {
    };
    /** The client sends an empty {@code pageToken} for the first page; without one is the first page too. */
    private static final StringValuePattern FIRST_PAGE = absent().or(equalTo(""));
    private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

    private static RefreshFronts compute;
    private WireMockServer billing;

    @BeforeAll
    static void startCompute() {
        compute = new RefreshFronts(false, Duration.ZERO);
    }

    @AfterAll
    static void stopCompute() {
        compute.close();
    }

    @BeforeEach
    void startBilling() {
        billing = new WireMockServer(wireMockConfig().dynamicPort());
        billing.start();
    }

    @AfterEach
    void stopBilling() {
        billing.stop();
    }

    private GcpCatalogRefresh.Builder refresh() {
        return GcpCatalogRefresh.builder().endpoint(compute.endpoint())
                .billingEndpoint("http://127.0.0.1:" + billing.port()).project("test-project")
                .regions(List.of("us-central1")).carryOver(false).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .retries(MAX_ATTEMPTS, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 2.0, false), NO_SLEEP);
    }

    private static String page(String nextToken, Sku... skus) throws InvalidProtocolBufferException {
        return JsonFormat.printer().print(ListSkusResponse.newBuilder().addAllSkus(List.of(skus))
                .setNextPageToken(nextToken).build());
    }

    private static String error(int code, String status, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
    }

    @Test
    void aRateLimitIsRetriedAndThreePagesAreFollowedInTurn() throws Exception {
        billing.stubFor(get(urlPathEqualTo(SKUS)).withQueryParam("pageToken", FIRST_PAGE)
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(error(429, "RESOURCE_EXHAUSTED", "Quota exceeded")))
                .willSetStateTo("answered"));
        billing.stubFor(get(urlPathEqualTo(SKUS)).withQueryParam("pageToken", FIRST_PAGE)
                .inScenario("throttle").whenScenarioStateIs("answered")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page("p2",
                        SkuPricesTest.sku("AAAA-0000-0001", "N2 Instance Core running in Americas", "OnDemand", "h",
                                0, 50_000_000, "us-central1")))));
        billing.stubFor(get(urlPathEqualTo(SKUS)).withQueryParam("pageToken", equalTo("p2"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page("p3",
                        SkuPricesTest.sku("AAAA-0000-0002", "N2 Instance Ram running in Americas", "OnDemand",
                                "GiBy.h", 0, 6_000_000, "us-central1")))));
        billing.stubFor(get(urlPathEqualTo(SKUS)).withQueryParam("pageToken", equalTo("p3"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(""))));
        List<String> retried = new ArrayList<>();

        CatalogRefresher.Result r = refresh().retryListener((operation, code, attempt, delay) ->
                retried.add(operation + " " + code + " " + attempt)).build().run();

        billing.verify(4, getRequestedFor(urlPathEqualTo(SKUS)));
        assertThat(retried).containsExactly("skus.list RESOURCE_EXHAUSTED 1");
        CatalogRefresher.Stats s = r.stats();
        assertThat(s.attempts()).isEqualTo(s.calls() + 1);
        assertThat(s.criticalPath()).isEqualTo(3);
        Catalog refreshed = r.snapshot().catalog();
        // 4 x 0.05 + 16 x 0.006, from the stub's two SKUs.
        assertThat(refreshed.instanceType("us-central1", "n2-standard-4").orElseThrow().pricePerHour())
                .isEqualTo(0.296);
        assertThat(refreshed.instanceType("us-central1", "e2-small").orElseThrow().pricePerHour()).isNull();
        assertThat(refreshed.spotPricePerHour("us-central1", "n2-standard-4")).isEmpty();
        assertThat(r.snapshot().notes()).anySatisfy(n -> assertThat(n)
                .startsWith("on-demand and spot prices assembled from 2 unit prices of the Cloud Billing Catalog "
                        + "(2 SKUs of services/6F81-5844-456A); ")
                .contains("of families without unit prices there: ").contains("e2, "));
    }

    @Test
    void aServerErrorThatLastsAbortsTheRefreshAfterTheAttemptBound() {
        billing.stubFor(get(urlPathEqualTo(SKUS)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody(error(503, "UNAVAILABLE", "The service is currently unavailable."))));

        AltoException failed = catchThrowableOfType(AltoException.class, () -> refresh().build().run());

        assertThat(failed.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(failed.getMessage()).startsWith("skus.list");
        billing.verify(MAX_ATTEMPTS, getRequestedFor(urlPathEqualTo(SKUS)));
    }

    @Test
    void aProjectWithoutTheBillingApiGetsThePricesOfTheFallback() {
        billing.stubFor(get(urlPathEqualTo(SKUS)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody(error(403, "PERMISSION_DENIED", "Cloud Billing API has not been used in project "
                        + "test-project before or it is disabled."))));

        CatalogRefresher.Result r = refresh().fallback(Catalogs.gcp()).build().run();

        billing.verify(1, getRequestedFor(urlPathEqualTo(SKUS)));
        assertThat(r.snapshot().catalog().instanceType("us-central1", "n2-standard-4").orElseThrow().pricePerHour())
                .isEqualTo(Catalogs.gcp().instanceType("us-central1", "n2-standard-4").orElseThrow().pricePerHour());
        assertThat(r.snapshot().notes()).anySatisfy(n -> assertThat(n)
                .contains("did not list services/6F81-5844-456A SKUs (PERMISSION_DENIED)"));
    }

    /**
     * Regression: Google's client over REST sends an unset time range as startTime=endTime=1970-01-01T00:00:00Z, which
     * asks for 1970's prices; the refresh asks for the prices of a minute ago instead.
     */
    @Test
    void listSkusAsksForCurrentPricesNotThoseOf1970() throws Exception {
        billing.stubFor(get(urlPathEqualTo(SKUS)).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody(page(""))));

        refresh().build().run();

        billing.verify(1, getRequestedFor(urlPathEqualTo(SKUS))
                .withQueryParam("startTime", equalTo("2026-12-07T01:59:00Z"))
                .withQueryParam("endTime", equalTo("2026-12-07T01:59:00Z"))
                .withQueryParam("currencyCode", equalTo("USD")));
    }
}
