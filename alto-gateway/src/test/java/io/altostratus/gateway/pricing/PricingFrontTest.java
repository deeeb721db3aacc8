package io.altostratus.gateway.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.Price;
import io.altostratus.core.model.InstanceType;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AccessKeys;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;
import software.amazon.awssdk.services.pricing.model.InvalidNextTokenException;
import software.amazon.awssdk.services.pricing.model.InvalidParameterException;
import software.amazon.awssdk.services.pricing.model.NotFoundException;
import software.amazon.awssdk.services.pricing.model.PricingException;

/**
 * The Price List API front on a gateway's {@code POST /}, driven by the AWS SDK's {@link PricingClient} over the
 * shipped AWS catalog: the quoted prices and only those, the documented product layout, paging, errors in the JSON
 * protocol's shape, and EC2's Query protocol on the same path untouched.
 */
class PricingFrontTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Catalog AWS = Catalogs.aws();
    private static final AtomicInteger EC2_CALLS = new AtomicInteger();
    private static StateStore store;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        store = StateStores.inMemory();
        Gateway.Builder builder = Gateway.builder().port(0).stateStore(store).dispatcher(call -> {
            EC2_CALLS.incrementAndGet();
            throw new Ec2WireException(400, "InvalidAction", "only counted here: " + call.action());
        });
        PricingFront.builder().catalog(AWS).accessKeys(new AccessKeys(store)).build().mountOn(builder);
        gateway = builder.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static PricingClient pricing(String secret) {
        return PricingClient.builder().endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", secret)))
                .build();
    }

    private static Filter term(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }

    /** The refresh's own query: Linux, no software, shared, capacity used, one region. */
    private static List<Filter> refreshFilters(String region) {
        return List.of(term("regionCode", region), term("operatingSystem", "Linux"), term("preInstalledSw", "NA"),
                term("tenancy", "Shared"), term("capacitystatus", "Used"));
    }

    private static Map<String, Double> hourlyPrices(List<String> documents) throws Exception {
        Map<String, Double> out = new HashMap<>();
        for (String d : documents) {
            JsonNode root = JSON.readTree(d);
            String type = root.path("product").path("attributes").path("instanceType").asText();
            JsonNode offer = root.path("terms").path("OnDemand").elements().next();
            JsonNode dimension = offer.path("priceDimensions").elements().next();
            assertThat(dimension.path("unit").asText()).isEqualTo("Hrs");
            assertThat(out.put(type, Double.parseDouble(dimension.path("pricePerUnit").path("USD").asText())))
                    .as("one product per type").isNull();
        }
        return out;
    }

    @Test
    void everyQuotedPriceOfARegionIsServedAcrossPagesAndNoEstimate() throws Exception {
        List<String> documents = new ArrayList<>();
        int pages = 0;
        try (PricingClient client = pricing("test")) {
            for (GetProductsResponse page : client.getProductsPaginator(r -> r.serviceCode("AmazonEC2")
                    .formatVersion("aws_v1").filters(refreshFilters("us-east-1")).maxResults(100))) {
                assertThat(page.formatVersion()).isEqualTo("aws_v1");
                assertThat(page.priceList()).hasSizeLessThanOrEqualTo(100);
                documents.addAll(page.priceList());
                pages++;
            }
        }
        Map<String, Double> served = hourlyPrices(documents);
        Map<String, Double> quoted = new HashMap<>();
        int estimated = 0;
        for (InstanceType t : AWS.instanceTypes("us-east-1")) {
            Price p = AWS.onDemandPrice("us-east-1", t.name()).orElse(null);
            if (p != null && !p.estimated()) {
                quoted.put(t.name(), p.perHour());
            } else if (p != null) {
                estimated++;
            }
        }
        assertThat(estimated).as("the shipped catalog estimates some us-east-1 prices").isPositive();
        assertThat(served.keySet()).isEqualTo(quoted.keySet());
        quoted.forEach((type, usd) -> assertThat(served.get(type)).as(type)
                .isCloseTo(usd, org.assertj.core.data.Offset.offset(1e-9)));
        // m5.xlarge's shipped price is an estimate from its siblings: AWS never quoted it, so it is not served.
        assertThat(AWS.onDemandPrice("us-east-1", "m5.xlarge").orElseThrow().estimated()).isTrue();
        assertThat(served).doesNotContainKey("m5.xlarge");
        assertThat(pages).isEqualTo((quoted.size() + 99) / 100);
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    void oneProductHasTheDocumentedLayout() throws Exception {
        try (PricingClient client = pricing("test")) {
            GetProductsResponse r = client.getProducts(q -> q.serviceCode("AmazonEC2").filters(
                    term("instanceType", "m5.2xlarge"), term("location", "US East (N. Virginia)"),
                    term("operatingSystem", "Linux"), term("tenancy", "Shared")));
            assertThat(r.priceList()).hasSize(1);
            assertThat(r.nextToken()).isNull();
            JsonNode root = JSON.readTree(r.priceList().get(0));
            JsonNode a = root.path("product").path("attributes");
            assertThat(a.path("regionCode").asText()).isEqualTo("us-east-1");
            assertThat(a.path("vcpu").asText()).isEqualTo("8");
            assertThat(a.path("memory").asText()).isEqualTo("32 GiB");
            assertThat(root.path("serviceCode").asText()).isEqualTo("AmazonEC2");
            String sku = root.path("product").path("sku").asText();
            JsonNode offer = root.path("terms").path("OnDemand").path(sku + ".JRTCKXETXF");
            JsonNode usd = offer.path("priceDimensions").path(sku + ".JRTCKXETXF.6YS6EN2CT7").path("pricePerUnit");
            assertThat(Double.parseDouble(usd.path("USD").asText()))
                    .isEqualTo(AWS.onDemandPrice("us-east-1", "m5.2xlarge").orElseThrow().perHour());
        }
    }

    @Test
    void describeServicesAndAttributeValuesAnswer() {
        try (PricingClient client = pricing("test")) {
            var services = client.describeServices(r -> r.serviceCode("AmazonEC2")).services();
            assertThat(services).hasSize(1);
            assertThat(services.get(0).attributeNames()).contains("instanceType", "regionCode", "location");
            List<String> regions = new ArrayList<>();
            client.getAttributeValuesPaginator(r -> r.serviceCode("AmazonEC2").attributeName("regionCode")
                    .maxResults(5)).forEach(p -> p.attributeValues().forEach(v -> regions.add(v.value())));
            assertThat(regions).contains("us-east-1", "eu-west-1").doesNotHaveDuplicates();
        }
    }

    @Test
    void badRequestsGetTheApisOwnErrors() {
        try (PricingClient client = pricing("test")) {
            assertThatThrownBy(() -> client.getProducts(r -> r.serviceCode("AmazonS4")))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("AmazonS4");
            assertThatThrownBy(() -> client.getProducts(r -> r.serviceCode("AmazonEC2").maxResults(101)))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("MaxResults");
            assertThatThrownBy(() -> client.getProducts(r -> r.serviceCode("AmazonEC2").formatVersion("aws_v9")))
                    .isInstanceOf(InvalidParameterException.class);
            assertThatThrownBy(() -> client.getProducts(r -> r.serviceCode("AmazonEC2").nextToken("garbage")))
                    .isInstanceOf(InvalidNextTokenException.class);
            assertThatThrownBy(() -> client.getAttributeValues(r -> r.serviceCode("AmazonEC2")
                    .attributeName("colour"))).isInstanceOf(NotFoundException.class);
            // A token is bound to its query: another query's token is refused, not used to page the wrong list.
            String token = client.getProducts(r -> r.serviceCode("AmazonEC2").filters(refreshFilters("us-east-1"))
                    .maxResults(1)).nextToken();
            assertThat(token).isNotNull();
            assertThatThrownBy(() -> client.getProducts(r -> r.serviceCode("AmazonEC2")
                    .filters(refreshFilters("eu-west-1")).nextToken(token)))
                    .isInstanceOf(InvalidNextTokenException.class);
        }
        try (PricingClient wrong = pricing("wrong")) {
            assertThatThrownBy(() -> wrong.describeServices(r -> r.serviceCode("AmazonEC2")))
                    .isInstanceOfSatisfying(PricingException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
        }
    }

    @Test
    void ec2QueryRequestsOnTheSamePathStillReachEc2() {
        int before = EC2_CALLS.get();
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("test", "test"))).build()) {
            assertThatThrownBy(ec2::describeRegions).isInstanceOfSatisfying(Ec2Exception.class, e ->
                    assertThat(e.awsErrorDetails().errorMessage()).contains("DescribeRegions"));
        }
        assertThat(EC2_CALLS.get()).isGreaterThan(before);
    }

    @Test
    void theAwsCliGetsProductsAndTheApisErrors() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.util.Arrays.stream(
                        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, "aws"))),
                "the AWS CLI is not on the PATH");
        String out = awsCli("pricing", "get-products", "--service-code", "AmazonEC2", "--filters",
                "Type=TERM_MATCH,Field=instanceType,Value=m5.2xlarge",
                "Type=TERM_MATCH,Field=regionCode,Value=us-east-1", "--output", "json");
        JsonNode list = JSON.readTree(out).path("PriceList");
        assertThat(list).hasSize(1);
        assertThat(hourlyPrices(List.of(list.get(0).asText())))
                .containsEntry("m5.2xlarge", AWS.onDemandPrice("us-east-1", "m5.2xlarge").orElseThrow().perHour());
        assertThat(awsCli("pricing", "get-products", "--service-code", "AmazonS3"))
                .contains("(NotFoundException)", "AmazonS3");
    }

    private static String awsCli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", gateway.endpoint().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
