package io.altostratus.gateway.gce;

import io.altostratus.gateway.auth.BearerTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.billing.v1.CloudCatalogClient;
import com.google.cloud.billing.v1.CloudCatalogSettings;
import com.google.cloud.billing.v1.GeoTaxonomy;
import com.google.cloud.billing.v1.ListSkusRequest;
import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.Service;
import com.google.cloud.billing.v1.Sku;
import com.google.type.Money;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.gcp.GcpSkuWording;
import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.local.LocalProviderFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Google's own Cloud Billing client ({@code CloudCatalogClient} over HTTP/JSON), in-process, against the billing
 * front mounted beside the Compute Engine front on one server, serving the shipped GCP catalog's unit prices.
 */
class BillingCatalogClientTest {
    private static final String COMPUTE = "services/6F81-5844-456A";
    private static final Catalog GCP = Catalogs.gcp();
    private static final GcpUnitPrices PRICES = Catalogs.gcpUnitPrices();

    private static GceFront gce;
    private static Gateway gateway;
    private static CloudCatalogClient client;
    private static List<Sku> allSkus;

    @BeforeAll
    static void start() throws IOException {
        gce = GceFront.builder(LocalProviderFactory.withCatalog(new TestGcpCatalog()))
                .context(new ProviderContext(TestGcpCatalog.REGION, ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of(), null))
                .authMode(AuthMode.PERMISSIVE).build();
        BillingFront billing = BillingFront.builder().authMode(AuthMode.PERMISSIVE)
                .currency("EUR", new BigDecimal("0.9")).currency("KRW", new BigDecimal("1300")).build();
        ActionDispatcher noEc2 = call -> {
            throw new IllegalStateException("no EC2 calls in these tests");
        };
        gateway = billing.mountOn(gce.mountOn(Gateway.builder().port(0).dispatcher(noEc2)
                .authMode(AuthMode.PERMISSIVE))).start();
        client = client(NoCredentialsProvider.create());
        ListSkusRequest request = ListSkusRequest.newBuilder().setParent(COMPUTE).setPageSize(100).build();
        allSkus = new ArrayList<>();
        client.listSkus(request).iterateAll().forEach(allSkus::add);
    }

    /** What the gcp catalog refresher builds: the HTTP/JSON transport (gRPC is the default) on our endpoint. */
    private static CloudCatalogClient client(com.google.api.gax.core.CredentialsProvider credentials)
            throws IOException {
        return CloudCatalogClient.create(CloudCatalogSettings.newHttpJsonBuilder()
                .setEndpoint("http://127.0.0.1:" + gateway.port())
                .setCredentialsProvider(credentials)
                .build());
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        gce.close();
    }

    @Test
    void listsTheComputeEngineService() {
        List<Service> services = StreamSupport.stream(client.listServices().iterateAll().spliterator(), false)
                .toList();
        assertThat(services).hasSize(1);
        Service compute = services.get(0);
        assertThat(compute.getName()).isEqualTo(COMPUTE);
        assertThat(compute.getServiceId()).isEqualTo("6F81-5844-456A");
        assertThat(compute.getDisplayName()).isEqualTo("Compute Engine");
        assertThat(compute.getBusinessEntityName()).isEqualTo("businessEntities/GCP");
    }

    @Test
    void pagesThroughOneSkuPerUnitPriceOfTheCatalog() {
        assertThat(allSkus).hasSize(PRICES.all().size()).hasSizeGreaterThan(500);
        Set<String> ids = new HashSet<>();
        for (Sku sku : allSkus) {
            assertThat(ids.add(sku.getSkuId())).as("SKU listed twice: " + sku.getSkuId()).isTrue();
            assertThat(sku.getName()).isEqualTo(COMPUTE + "/skus/" + sku.getSkuId());
        }
        assertThat(ids).isEqualTo(PRICES.all().stream().map(GcpUnitPrice::skuId)
                .collect(java.util.stream.Collectors.toSet()));
        assertThat(allSkus).extracting(Sku::getSkuId).isSorted();
        // What the catalog's reading of SKU descriptions (for the refresher) makes of each one is the price it serves.
        for (Sku sku : allSkus) {
            GcpUnitPrice served = PRICES.all().stream().filter(p -> p.skuId().equals(sku.getSkuId())).findFirst()
                    .orElseThrow();
            assertThat(GcpSkuWording.parse(sku.getDescription())).as(sku.getDescription())
                    .hasValue(new GcpSkuWording.Meaning(served.family(), served.resource(), served.spot()));
            assertThat(sku.getServiceRegionsList()).containsExactly(served.region());
        }
        // pageSize 100 over 580 SKUs: the client followed nextPageToken through six pages.
        long pages = StreamSupport.stream(client.listSkus(ListSkusRequest.newBuilder().setParent(COMPUTE)
                .setPageSize(100).build()).iteratePages().spliterator(), false).count();
        assertThat(pages).isEqualTo((PRICES.all().size() + 99) / 100);
        // Without a page size, one page of up to 5000 holds them all.
        assertThat(client.listSkus(COMPUTE).getPage().getResponse().getSkusCount()).isEqualTo(allSkus.size());
    }

    @Test
    void aSkuIsShapedAsGooglesCatalogShapesIt() {
        GcpUnitPrice n2Core = PRICES.find("n2", "us-central1", GcpUnitPrice.Resource.CORE, false).orElseThrow();
        Sku core = byId(n2Core.skuId());
        assertThat(core.getDescription()).isEqualTo("N2 Instance Core running in Americas");
        assertThat(core.getCategory().getServiceDisplayName()).isEqualTo("Compute Engine");
        assertThat(core.getCategory().getResourceFamily()).isEqualTo("Compute");
        assertThat(core.getCategory().getResourceGroup()).isEqualTo("CPU");
        assertThat(core.getCategory().getUsageType()).isEqualTo("OnDemand");
        assertThat(core.getServiceRegionsList()).containsExactly("us-central1");
        assertThat(core.getServiceProviderName()).isEqualTo("Google");
        assertThat(core.getGeoTaxonomy().getType()).isEqualTo(GeoTaxonomy.Type.REGIONAL);
        assertThat(core.getGeoTaxonomy().getRegionsList()).containsExactly("us-central1");
        assertThat(core.getPricingInfoCount()).isEqualTo(1);
        assertThat(core.getPricingInfo(0).getEffectiveTime().getSeconds())
                .isEqualTo(GCP.source().takenAt().getEpochSecond());
        assertThat(core.getPricingInfo(0).getCurrencyConversionRate()).isEqualTo(1.0);
        PricingExpression perVcpu = core.getPricingInfo(0).getPricingExpression();
        assertThat(perVcpu.getUsageUnit()).isEqualTo("h");
        assertThat(perVcpu.getUsageUnitDescription()).isEqualTo("hour");
        assertThat(perVcpu.getBaseUnit()).isEqualTo("s");
        assertThat(perVcpu.getBaseUnitConversionFactor()).isEqualTo(3600.0);
        assertThat(perVcpu.getTieredRatesCount()).isEqualTo(1);
        Money unit = perVcpu.getTieredRates(0).getUnitPrice();
        assertThat(unit.getCurrencyCode()).isEqualTo("USD");
        assertThat(unit.getUnits()).isZero();
        assertThat(usd(unit)).isEqualByComparingTo(n2Core.usdPerHour());

        Sku spotRam = byId(PRICES.find("e2", "europe-west1", GcpUnitPrice.Resource.RAM, true).orElseThrow().skuId());
        assertThat(spotRam.getDescription()).isEqualTo("Spot Preemptible E2 Instance Ram running in EMEA");
        assertThat(spotRam.getCategory().getResourceGroup()).isEqualTo("RAM");
        assertThat(spotRam.getCategory().getUsageType()).isEqualTo("Preemptible");
        PricingExpression perGib = spotRam.getPricingInfo(0).getPricingExpression();
        assertThat(perGib.getUsageUnit()).isEqualTo("GiBy.h");
        assertThat(perGib.getUsageUnitDescription()).isEqualTo("gibibyte hour");
        assertThat(perGib.getBaseUnit()).isEqualTo("By.s");
        assertThat(perGib.getBaseUnitConversionFactor()).isEqualTo(3865470566400.0);

        Sku micro = byId(PRICES.find("f1", "us-east4", GcpUnitPrice.Resource.INSTANCE, false).orElseThrow().skuId());
        assertThat(micro.getDescription()).isEqualTo("Micro Instance with burstable CPU running in Virginia");
        assertThat(micro.getCategory().getResourceGroup()).isEqualTo("F1Micro");
        assertThat(micro.getPricingInfo(0).getPricingExpression().getUsageUnit()).isEqualTo("h");
        assertThat(byId(PRICES.find("n1", "asia-northeast1", GcpUnitPrice.Resource.CORE, false).orElseThrow()
                .skuId()).getDescription()).isEqualTo("N1 Predefined Instance Core running in Japan");
    }

    /** The refresher's job, done from the served SKUs alone: n2-standard-4 in us-central1 = 4 x core + 16 x RAM. */
    @Test
    void n2Standard4InUsCentral1IsReassembledFromTheServedSkus() {
        Map<String, BigDecimal> central = unitPricesFromSkus("us-central1");
        BigDecimal onDemand = BigDecimal.valueOf(4).multiply(central.get("n2 core OnDemand"))
                .add(BigDecimal.valueOf(16).multiply(central.get("n2 ram OnDemand")));
        assertThat(onDemand.doubleValue()).isEqualTo(GCP.instanceType("us-central1", "n2-standard-4").orElseThrow()
                .pricePerHour());
        BigDecimal spot = BigDecimal.valueOf(4).multiply(central.get("n2 core Preemptible"))
                .add(BigDecimal.valueOf(16).multiply(central.get("n2 ram Preemptible")));
        assertThat(Optional.of(spot.doubleValue())).isEqualTo(GCP.spotPricePerHour("us-central1", "n2-standard-4"));
        // The shared-core e2-small is billed for half a vCPU; f1-micro per instance.
        BigDecimal e2Small = new BigDecimal("0.5").multiply(central.get("e2 core OnDemand"))
                .add(BigDecimal.valueOf(2).multiply(central.get("e2 ram OnDemand")));
        assertThat(e2Small.doubleValue()).isEqualTo(GCP.instanceType("us-central1", "e2-small").orElseThrow()
                .pricePerHour());
        assertThat(central.get("f1 instance OnDemand").doubleValue())
                .isEqualTo(GCP.instanceType("us-central1", "f1-micro").orElseThrow().pricePerHour());
    }

    /** Every priced dedicated-core type of every region, from the served SKUs, is the catalog's price. */
    @Test
    void everyPricedTypeIsReassembledFromTheServedSkus() {
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (Region region : GCP.regions()) {
            Map<String, BigDecimal> units = unitPricesFromSkus(region.name());
            for (InstanceType t : GCP.instanceTypes(region.name())) {
                if (t.pricePerHour() == null || t.burstable()) {
                    continue;
                }
                String family = t.name().substring(0, t.name().indexOf('-'));
                BigDecimal core = units.get(family + " core OnDemand");
                BigDecimal ram = units.get(family + " ram OnDemand");
                assertThat(core).as(family + " core in " + region.name()).isNotNull();
                assertThat(ram).as(family + " ram in " + region.name()).isNotNull();
                BigDecimal gib = BigDecimal.valueOf(t.memoryMiB()).divide(BigDecimal.valueOf(1024), 9,
                        RoundingMode.HALF_EVEN);
                double assembled = BigDecimal.valueOf(t.vcpus()).multiply(core).add(gib.multiply(ram)).doubleValue();
                // GCE's memoryMb rounds the documented GiB the bill is on: within half a MiB of RAM.
                if (Math.abs(assembled - t.pricePerHour()) > ram.doubleValue() / 2048 + 1e-12) {
                    wrong.add(t.name() + " in " + region.name() + ": " + assembled + " != " + t.pricePerHour());
                }
                checked++;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(1500);
    }

    @Test
    void aConfiguredCurrencyIsConvertedAndAnotherIsRefused() {
        GcpUnitPrice n2Core = PRICES.find("n2", "us-central1", GcpUnitPrice.Resource.CORE, false).orElseThrow();
        Sku inEuro = StreamSupport.stream(client.listSkus(ListSkusRequest.newBuilder().setParent(COMPUTE)
                        .setCurrencyCode("EUR").build()).iterateAll().spliterator(), false)
                .filter(s -> s.getSkuId().equals(n2Core.skuId())).findFirst().orElseThrow();
        Money euro = inEuro.getPricingInfo(0).getPricingExpression().getTieredRates(0).getUnitPrice();
        assertThat(euro.getCurrencyCode()).isEqualTo("EUR");
        assertThat(usd(euro)).isEqualByComparingTo(n2Core.usdPerHour().multiply(new BigDecimal("0.9"))
                .setScale(9, RoundingMode.HALF_EVEN));
        assertThat(inEuro.getPricingInfo(0).getCurrencyConversionRate()).isEqualTo(0.9);

        // Whole units and nanos: 0.031611 USD x 1300 = 41.0943 KRW.
        Sku inWon = StreamSupport.stream(client.listSkus(ListSkusRequest.newBuilder().setParent(COMPUTE)
                        .setCurrencyCode("KRW").build()).iterateAll().spliterator(), false)
                .filter(s -> s.getSkuId().equals(n2Core.skuId())).findFirst().orElseThrow();
        Money won = inWon.getPricingInfo(0).getPricingExpression().getTieredRates(0).getUnitPrice();
        assertThat(won.getUnits()).isEqualTo(n2Core.usdPerHour().multiply(BigDecimal.valueOf(1300)).longValue())
                .isPositive();
        assertThat(usd(won)).isEqualByComparingTo(n2Core.usdPerHour().multiply(BigDecimal.valueOf(1300)));

        assertThatThrownBy(() -> client.listSkus(ListSkusRequest.newBuilder().setParent(COMPUTE)
                .setCurrencyCode("JPY").build()).iterateAll().iterator().next())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode().getCode())
                        .isEqualTo(StatusCode.Code.INVALID_ARGUMENT));
    }

    @Test
    void anUnknownServiceIsNotFound() {
        assertThatThrownBy(() -> client.listSkus("services/0000-0000-0000").iterateAll().iterator().next())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode().getCode())
                        .isEqualTo(StatusCode.Code.NOT_FOUND));
    }

    @Test
    void errorsAreGooglesErrorDocumentsAndTheComputeFrontStillAnswersBeside() throws Exception {
        String base = "http://127.0.0.1:" + gateway.port();
        Http.Answer badToken = Http.call("GET", base + "/v1/services/6F81-5844-456A/skus?pageToken=bm9wZQ", null,
                null);
        assertThat(badToken.status()).isEqualTo(400);
        assertThat(badToken.json().at("/error/code").asInt()).isEqualTo(400);
        assertThat(badToken.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(badToken.json().at("/error/message").asText()).contains("page token");
        assertThat(Http.call("GET", base + "/v1/services/6F81-5844-456A/skus?pageSize=-1", null, null).status())
                .isEqualTo(400);
        assertThat(Http.call("GET", base + "/v1/services/6F81-5844-456A/skus?startTime=2999-01-01T00:00:00Z",
                null, null).status()).isEqualTo(400);
        assertThat(Http.call("GET", base + "/v1/servicesX", null, null).json().at("/error/status").asText())
                .isEqualTo("NOT_FOUND");
        assertThat(Http.call("POST", base + "/v1/services", "{}", null).status()).isEqualTo(404);

        // Enums by name by default, by number when the client asks as Google's Java client does.
        Http.Answer page = Http.call("GET", base + "/v1/services/6F81-5844-456A/skus?pageSize=2", null, null);
        assertThat(page.json().at("/skus/0/geoTaxonomy/type").asText()).isEqualTo("REGIONAL");
        assertThat(page.json().at("/skus").size()).isEqualTo(2);
        assertThat(page.json().at("/nextPageToken").asText()).isNotEmpty();
        // Fields at their defaults are printed, as Google's catalog prints them.
        assertThat(page.json().at("/skus/0/pricingInfo/0/summary").isTextual()).isTrue();
        assertThat(page.json().at("/skus/0/pricingInfo/0/pricingExpression/tieredRates/0/unitPrice/units").asText())
                .isEqualTo("0");
        assertThat(page.json().at("/skus/0/pricingInfo/0/pricingExpression/tieredRates/0/startUsageAmount")
                .isNumber()).isTrue();
        Http.Answer ints = Http.call("GET", base + "/v1/services/6F81-5844-456A/skus?pageSize=1"
                + "&%24alt=json%3Benum-encoding%3Dint", null, null);
        assertThat(ints.json().at("/skus/0/geoTaxonomy/type").asInt()).isEqualTo(2);

        assertThat(Http.call("GET", base + "/compute/v1/projects/test-project/regions", null, null).json()
                .at("/items/0/name").asText()).isEqualTo("us-central1");
    }

    @Test
    void strictModeWantsARegisteredBearerTokenOfAnyProject() throws Exception {
        BearerTokens tokens = gce.tokens();
        String token = tokens.create("some-other-project");
        BillingFront strict = BillingFront.builder().tokens(tokens).build();
        ActionDispatcher noEc2 = call -> {
            throw new IllegalStateException("no EC2 calls in these tests");
        };
        try (Gateway strictGateway = strict.mountOn(Gateway.builder().port(0).dispatcher(noEc2)
                .authMode(AuthMode.PERMISSIVE)).start()) {
            String url = "http://127.0.0.1:" + strictGateway.port() + "/v1/services";
            Http.Answer none = Http.call("GET", url, null, null);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.json().at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(Http.call("GET", url, null, "ya29.not-registered").status()).isEqualTo(401);
            assertThat(Http.call("GET", url, null, token).status()).isEqualTo(200);

            GoogleCredentials credentials = GoogleCredentials.create(new AccessToken(token, null));
            try (CloudCatalogClient withToken = CloudCatalogClient.create(CloudCatalogSettings.newHttpJsonBuilder()
                    .setEndpoint("http://127.0.0.1:" + strictGateway.port())
                    .setCredentialsProvider(FixedCredentialsProvider.create(credentials)).build());
                 CloudCatalogClient anonymous = CloudCatalogClient.create(CloudCatalogSettings.newHttpJsonBuilder()
                    .setEndpoint("http://127.0.0.1:" + strictGateway.port())
                    .setCredentialsProvider(NoCredentialsProvider.create()).build())) {
                assertThat(withToken.listSkus(COMPUTE).getPage().getResponse().getSkusCount())
                        .isEqualTo(PRICES.all().size());
                assertThatThrownBy(() -> anonymous.listServices().iterateAll().iterator().next())
                        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode().getCode())
                                .isEqualTo(StatusCode.Code.UNAUTHENTICATED));
            }
        } finally {
            tokens.revoke(token);
        }
        assertThatThrownBy(() -> BillingFront.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneSkuForSeveralRegionsIsServedOnceWithAllOfThem() throws Exception {
        java.time.Instant asOf = java.time.Instant.parse("2026-11-01T08:00:00Z");
        GcpUnitPrices shared = GcpUnitPrices.of(List.of(
                new GcpUnitPrice("n2", "us-east1", GcpUnitPrice.Resource.CORE, false, new BigDecimal("0.031611"),
                        "AAAA-0000-0001"),
                new GcpUnitPrice("n2", "us-central1", GcpUnitPrice.Resource.CORE, false, new BigDecimal("0.031611"),
                        "AAAA-0000-0001"),
                new GcpUnitPrice("n2", "us-east4", GcpUnitPrice.Resource.CORE, false, new BigDecimal("0.035605"),
                        "AAAA-0000-0002")));
        BillingFront front = BillingFront.builder().authMode(AuthMode.PERMISSIVE).unitPrices(shared, asOf).build();
        ActionDispatcher noEc2 = call -> {
            throw new IllegalStateException("no EC2 calls in these tests");
        };
        try (Gateway own = front.mountOn(Gateway.builder().port(0).dispatcher(noEc2)
                .authMode(AuthMode.PERMISSIVE)).start();
             CloudCatalogClient ownClient = CloudCatalogClient.create(CloudCatalogSettings.newHttpJsonBuilder()
                     .setEndpoint("http://127.0.0.1:" + own.port())
                     .setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            List<Sku> skus = StreamSupport.stream(ownClient.listSkus(COMPUTE).iterateAll().spliterator(), false)
                    .toList();
            assertThat(skus).extracting(Sku::getSkuId).containsExactly("AAAA-0000-0001", "AAAA-0000-0002");
            assertThat(skus.get(0).getServiceRegionsList()).containsExactly("us-central1", "us-east1");
            assertThat(skus.get(0).getDescription()).isEqualTo("N2 Instance Core running in Americas");
            assertThat(skus.get(0).getGeoTaxonomy().getType()).isEqualTo(GeoTaxonomy.Type.MULTI_REGIONAL);
            assertThat(skus.get(1).getDescription()).isEqualTo("N2 Instance Core running in Virginia");
            assertThat(skus.get(1).getGeoTaxonomy().getType()).isEqualTo(GeoTaxonomy.Type.REGIONAL);
            assertThat(skus.get(1).getPricingInfo(0).getEffectiveTime().getSeconds())
                    .isEqualTo(asOf.getEpochSecond());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Sku byId(String skuId) {
        return allSkus.stream().filter(s -> s.getSkuId().equals(skuId)).findFirst()
                .orElseThrow(() -> new AssertionError("no SKU " + skuId));
    }

    private static BigDecimal usd(Money money) {
        return BigDecimal.valueOf(money.getUnits()).add(BigDecimal.valueOf(money.getNanos(), 9));
    }

    // How Google's catalog names each family's unit-price SKUs (the part before " running in").
    private static final Map<String, String> FAMILIES = Map.of(
            "E2 Instance", "e2", "N1 Predefined Instance", "n1", "N2 Instance", "n2", "N2D AMD Instance", "n2d",
            "Memory-optimized Instance", "m1", "Compute optimized", "c2");
    private static final Pattern UNIT_SKU = Pattern.compile("(?:Spot Preemptible )?(.+) (Core|Ram) running in .+");

    /**
     * The unit prices of one region as a refresher reads them from the SKUs: the family from the description, the
     * resource from its last word and the usage type from the category; keys like {@code "n2 core OnDemand"}.
     */
    private static Map<String, BigDecimal> unitPricesFromSkus(String region) {
        Map<String, BigDecimal> out = new HashMap<>();
        for (Sku sku : allSkus) {
            if (!sku.getServiceRegionsList().contains(region)) {
                continue;
            }
            String usage = sku.getCategory().getUsageType();
            BigDecimal price = usd(sku.getPricingInfo(0).getPricingExpression().getTieredRates(0).getUnitPrice());
            Matcher m = UNIT_SKU.matcher(sku.getDescription());
            String key;
            if (m.matches() && FAMILIES.containsKey(m.group(1))) {
                key = FAMILIES.get(m.group(1)) + " " + (m.group(2).equals("Core") ? "core" : "ram");
            } else if (sku.getDescription().contains("Micro Instance with burstable CPU")) {
                key = "f1 instance";
            } else if (sku.getDescription().contains("Small Instance with 1 VCPU")) {
                key = "g1 instance";
            } else {
                throw new AssertionError("a SKU the refresher would not understand: " + sku.getDescription());
            }
            assertThat(out.put(key + " " + usage, price)).as("two SKUs for " + key + " " + usage + " in " + region)
                    .isNull();
        }
        return out;
    }
}
