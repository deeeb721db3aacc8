package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.Price;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alto catalog}: offline answers from the shipped data, and a refresh that the queries then use. */
class CatalogCommandTest {
    @TempDir
    Path home;

    private CliRun alto;

    @BeforeEach
    void setUp() {
        alto = new CliRun(home);
        alto.env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    }

    @Test
    void offlineRegionsListEveryShippedRegion() {
        CliRun.Result r = alto.run("catalog", "regions", "--provider", "aws", "-o", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().size()).isGreaterThanOrEqualTo(30);
        assertThat(r.json().get(0).get("name").asText()).isEqualTo("af-south-1");
    }

    @Test
    void typesAnswersPricedTypesCheapestFirstWithTheContractFields() {
        CliRun.Result r = alto.run("catalog", "types", "--provider", "aws", "--region", "us-east-1",
                "--min-vcpus", "4", "--min-memory", "16", "-o", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode list = r.json();
        double cheapest = Catalogs.aws().instanceTypes("us-east-1").stream()
                .filter(t -> t.vcpus() >= 4 && t.memoryMiB() >= 16384 && t.pricePerHour() != null)
                .mapToDouble(InstanceType::pricePerHour).min().orElseThrow();
        assertThat(list.get(0).get("pricePerHour").asDouble()).isEqualTo(cheapest);
        List<String> fields = new ArrayList<>();
        list.get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("name", "vcpus", "memoryMiB", "gpus", "architectures", "pricePerHour",
                "priceSource");
        double last = 0;
        for (JsonNode t : list) {
            if (t.get("pricePerHour").isNull()) {
                break;
            }
            assertThat(t.get("pricePerHour").asDouble()).isGreaterThanOrEqualTo(last);
            last = t.get("pricePerHour").asDouble();
            assertThat(t.get("vcpus").asInt()).isGreaterThanOrEqualTo(4);
        }

        CliRun.Result gpu = alto.run("catalog", "types", "--gpu", "--arch", "x86_64", "--max-price", "1", "-o",
                "json");
        assertThat(gpu.exit()).as(gpu.toString()).isZero();
        assertThat(gpu.json()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.get("gpus").asInt()).isPositive();
            assertThat(t.get("pricePerHour").asDouble()).isLessThanOrEqualTo(1.0);
        });
    }

    @Test
    void typesMarksTheCatalogsEstimatesAndSaysWhereEachPriceComesFrom() {
        Price estimate = Catalogs.aws().onDemandPrice("us-east-1", "m5.xlarge").orElseThrow();
        assertThat(estimate.estimated()).isTrue();

        CliRun.Result table = alto.run("catalog", "types", "--provider", "aws", "--region", "us-east-1",
                "--min-vcpus", "4", "--min-memory", "8");
        assertThat(table.exit()).as(table.toString()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).contains("USD/HOUR", "PRICE-SOURCE");
        assertThat(row(lines, "m5.xlarge")).contains("~" + plain(estimate.perHour()),
                "estimated: " + estimate.source().estimatedFrom() + " (libcloud 2023-08-06)");
        assertThat(row(lines, "c5.xlarge")).contains(" " + plain(Catalogs.aws().onDemandPrice("us-east-1",
                "c5.xlarge").orElseThrow().perHour()) + " ", "libcloud 2023-08-06").doesNotContain("~", "estimated");

        CliRun.Result json = alto.run("catalog", "types", "--provider", "aws", "--region", "us-east-1",
                "--min-vcpus", "4", "--min-memory", "8", "-o", "json");
        JsonNode m5 = null;
        for (JsonNode t : json.json()) {
            if (t.get("name").asText().equals("m5.xlarge")) {
                m5 = t;
            }
            assertThat(t.get("priceSource").isNull()).as(t.toString()).isEqualTo(t.get("pricePerHour").isNull());
        }
        assertThat(m5).isNotNull();
        assertThat(m5.at("/priceSource/name").asText()).isEqualTo("libcloud");
        assertThat(m5.at("/priceSource/estimatedFrom").asText()).isEqualTo(estimate.source().estimatedFrom());
    }

    private static String row(List<String> lines, String type) {
        return lines.stream().filter(l -> l.startsWith(type + " ")).findFirst().orElseThrow();
    }

    private static String plain(double price) {
        return java.math.BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
    }

    @Test
    void statusSaysShippedUntilARefreshThenCacheAndQueriesUseTheRefresh() {
        CliRun.Result before = alto.run("catalog", "status", "-o", "json");
        assertThat(before.json().get("inUse").asText()).isEqualTo("shipped");
        assertThat(before.json().get("reason").asText()).contains("no refreshed snapshot");

        StateStore store = StateStores.inMemory();
        Backend backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()),
                new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of("transition_ms", "0"),
                        null));
        try (Gateway gateway = Gateway.builder().port(0).stateStore(store)
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start()) {
            alto.terminal = true;
            CliRun.Result refresh = alto.run("catalog", "refresh", "--provider", "aws", "--regions",
                    "eu-north-1,us-east-1", "--endpoint", gateway.endpoint().toString(), "-o", "json");
            assertThat(refresh.exit()).as(refresh.toString()).isZero();
            assertThat(refresh.json().get("regions").asInt()).isEqualTo(2);
            assertThat(refresh.json().get("types").asInt()).isPositive();
            // On a terminal a progress line is drawn on stderr and erased before the command ends.
            assertThat(refresh.err()).contains("refreshing the aws catalog: ").endsWith("\r\u001b[K");
            alto.terminal = false;
        } finally {
            backend.close();
            store.close();
        }
        alto.clock.advance(java.time.Duration.ofHours(1));
        CliRun.Result after = alto.run("catalog", "status", "-o", "json");
        assertThat(after.json().get("inUse").asText()).as(after.toString()).isEqualTo("cache");
        assertThat(after.json().get("source").asText()).contains("EC2 API at http://");
        assertThat(after.json().get("regions").asInt()).isEqualTo(Catalogs.aws().regions().size());

        assertThat(after.json().get("ageHours").asInt()).isEqualTo(1);

        CliRun.Result zones = alto.run("catalog", "zones", "--region", "eu-north-1", "-o", "json");
        assertThat(zones.json().size()).isEqualTo(Catalogs.aws().zones("eu-north-1").size());

        // Past the TTL the shipped data answers again.
        alto.clock.advance(java.time.Duration.ofDays(7));
        CliRun.Result stale = alto.run("catalog", "status", "-o", "json");
        assertThat(stale.json().get("inUse").asText()).isEqualTo("shipped");
        assertThat(stale.json().get("reason").asText()).contains("older than the TTL");
    }

    @Test
    void exportWritesCsvAndKconfig() throws Exception {
        CliRun.Result csv = alto.run("catalog", "export", "--format", "csv", "--this-region", "--region",
                "eu-north-1");
        assertThat(csv.exit()).as(csv.toString()).isZero();
        assertThat(csv.out().lines().count()).isEqualTo(Catalogs.aws().instanceTypes("eu-north-1").size() + 1);

        Path file = home.resolve("Kconfig.aws");
        CliRun.Result kconfig = alto.run("catalog", "export", "--format", "kconfig", "--region", "eu-north-1",
                "--file", file.toString());
        assertThat(kconfig.exit()).as(kconfig.toString()).isZero();
        assertThat(Files.readString(file)).contains("default TERRAFORM_AWS_REGION_EU_NORTH_1");
    }

    @Test
    void everyShippedCatalogAnswersOfflineWithItsProvidersDefaultRegionOrANamedOne() {
        CliRun.Result gcp = alto.run("catalog", "types", "--provider", "gcp", "--min-vcpus", "4", "--min-memory", "16",
                "-o", "json");
        assertThat(gcp.exit()).as(gcp.toString()).isZero();
        assertThat(gcp.json().get(0).get("name").asText()).isEqualTo("e2-standard-4");

        // The azure provider is installed: its default location (eastus) answers without --region.
        CliRun.Result azureUnnamed = alto.run("catalog", "types", "--provider", "azure", "-o", "json");
        assertThat(azureUnnamed.exit()).as(azureUnnamed.toString()).isZero();
        assertThat(azureUnnamed.json().findValuesAsText("name")).contains("Standard_B2s");
        CliRun.Result azure = alto.run("catalog", "types", "--provider", "azure", "--region", "eastus",
                "--min-vcpus", "2", "-o", "json");
        assertThat(azure.exit()).as(azure.toString()).isZero();
        assertThat(azure.json().findValuesAsText("name")).contains("Standard_B2s");
    }

    @Test
    void freezeWithoutASnapshotIsAUsageError() {
        CliRun.Result r = alto.run("catalog", "freeze", "--into", home.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("alto catalog refresh");
    }

    @Test
    void refreshOfAProviderThatOffersNoneIsAOneLineUsageError() {
        CliRun.Result r = alto.run("catalog", "refresh", "--provider", "fake", "--out", home.resolve("out").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.errLines()).singleElement().asString().contains("provider 'fake' offers no catalog refresh");
        assertThat(home.resolve("out")).doesNotExist();
    }
}
