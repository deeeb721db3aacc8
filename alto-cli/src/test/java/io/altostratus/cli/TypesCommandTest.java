package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.spi.Providers;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alto types} on the local cloud, offline, over the shipped AWS catalog: every price with its source and date,
 * estimated ones marked, and how old the prices are in the last line.
 */
class TypesCommandTest {
    private static final Pattern FOOTER = Pattern.compile("prices from (.+); (\\d+) of (\\d+) types priced, (\\d+) of "
            + "them estimated \\(~\\), (\\d+) without a price");

    @TempDir
    Path dir;

    CliRun cli;

    @BeforeEach
    void setUp() {
        assumeTrue(Providers.available().stream().anyMatch(f -> f.name().equals("local")),
                "the local provider is not on the class path");
        cli = new CliRun(dir);
    }

    private CliRun.Result types(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("types", "--min-vcpus", "4", "--min-memory", "16",
                "--region", "us-east-1", "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(more));
        CliRun.Result r = cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void theTableMarksEstimatesSaysEachSourceAndEndsWithTheDataAge() {
        List<String> lines = types().out().lines().toList();
        assertThat(lines.get(0)).contains("USD/HOUR", "PRICE-SOURCE");
        // m5.xlarge: libcloud's 0.0 is a gap, priced from m5.2xlarge (0.384, twice its memory).
        assertThat(row(lines, "m5.xlarge")).contains("~0.1920", "estimated: sibling m5.2xlarge");
        assertThat(row(lines, "c5.2xlarge")).contains(" 0.3400 ", "libcloud 2023-08-06").doesNotContain("~");

        Matcher footer = FOOTER.matcher(lines.get(lines.size() - 1));
        assertThat(footer.matches()).as(lines.get(lines.size() - 1)).isTrue();
        assertThat(footer.group(1)).startsWith("libcloud dated 2023-08-06 (");
        int priced = Integer.parseInt(footer.group(2));
        int listed = Integer.parseInt(footer.group(3));
        assertThat(listed).isEqualTo(lines.size() - 2);
        assertThat(priced + Integer.parseInt(footer.group(5))).isEqualTo(listed);
        double fraction = (double) priced / listed;
        System.out.printf(Locale.ROOT, "alto types --min-vcpus 4 --min-memory 16 (us-east-1, offline): %d of %d "
                + "priced (%.1f%%), %s estimated%n", priced, listed, 100 * fraction, footer.group(4));
        assertThat(fraction).isGreaterThanOrEqualTo(0.95);
        long marked = lines.stream().filter(l -> l.contains(" ~")).count();
        assertThat(marked).isEqualTo(Long.parseLong(footer.group(4)));
    }

    @Test
    void jsonCarriesThePriceSourceOfEveryPricedType() {
        JsonNode all = types("-o", "json").json();
        int priced = 0;
        for (JsonNode t : all) {
            if (t.get("pricePerHour").isNull()) {
                assertThat(t.get("priceSource").isNull()).as(t.toString()).isTrue();
                continue;
            }
            priced++;
            assertThat(t.get("priceSource").get("name").asText()).isEqualTo("libcloud");
            assertThat(t.get("priceSource").get("date").asText()).isEqualTo("2023-08-06T15:34:36Z");
        }
        assertThat(priced).isPositive();
        JsonNode m5 = find(all, "m5.xlarge");
        assertThat(m5.get("pricePerHour").asDouble()).isEqualTo(0.192);
        assertThat(m5.get("priceSource").get("estimatedFrom").asText()).isEqualTo("sibling m5.2xlarge");
        assertThat(find(all, "c5.2xlarge").get("priceSource").get("estimatedFrom").isNull()).isTrue();
    }

    private CliRun.Result across(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("types", "--min-vcpus", "4", "--min-memory", "16"));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    /** The cheapest fitting on-demand price across the shipped catalogs, worked out here without Candidates. */
    private static double cheapestFit(List<String> clouds) {
        double best = Double.MAX_VALUE;
        for (String cloud : clouds) {
            io.altostratus.catalog.Catalog c = io.altostratus.catalog.Catalogs.shipped(cloud);
            for (io.altostratus.core.model.Region region : c.regions()) {
                for (io.altostratus.core.model.InstanceType t : c.instanceTypes(region.name())) {
                    if (t.vcpus() < 4 || t.memoryMiB() < 16 * 1024) {
                        continue;
                    }
                    var price = c.onDemandPrice(region.name(), t.name());
                    if (price.isEmpty() || price.get().perHour() >= best) {
                        continue;
                    }
                    var zones = c.zones(region.name());
                    boolean offered = zones.isEmpty() || zones.stream().anyMatch(z -> {
                        var types = c.typesOfferedInZone(z.name());
                        return types.isEmpty() || types.contains(t.name());
                    });
                    if (offered) {
                        best = price.get().perHour();
                    }
                }
            }
        }
        return best;
    }

    @Test
    void acrossCloudsTheCheapestFitComesFirstWithItsPriceSource() {
        CliRun.Result r = across("--clouds", "aws,gcp,azure", "--limit", "300", "-o", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode rows = r.json();
        assertThat(rows).hasSize(300);
        assertThat(rows.get(0).get("pricePerHour").asDouble()).isEqualTo(cheapestFit(List.of("aws", "gcp", "azure")));
        double last = 0;
        java.util.Set<String> places = new java.util.HashSet<>();
        for (JsonNode row : rows) {
            assertThat(row.get("vcpus").asInt()).isGreaterThanOrEqualTo(4);
            assertThat(row.get("memoryMiB").asLong()).isGreaterThanOrEqualTo(16 * 1024);
            double price = row.get("pricePerHour").asDouble();
            assertThat(price).isGreaterThanOrEqualTo(last);
            last = price;
            assertThat(row.get("priceSource").get("name").asText()).isNotEmpty();
            assertThat(places.add(row.get("cloud").asText() + " " + row.get("zone").asText() + " "
                    + row.get("type").asText())).as("each place once").isTrue();
            var catalogPrice = io.altostratus.catalog.Catalogs.shipped(row.get("cloud").asText())
                    .onDemandPrice(row.get("region").asText(), row.get("type").asText()).orElseThrow();
            assertThat(price).isEqualTo(catalogPrice.perHour());
        }
        List<String> table = across("--clouds", "aws,gcp,azure", "--limit", "3").out().lines().toList();
        assertThat(table.get(0)).contains("CLOUD", "REGION", "ZONE", "TYPE", "USD/HOUR", "PRICE-SOURCE");
        assertThat(table).hasSize(5);
        assertThat(table.get(4)).startsWith("on-demand prices; catalogs: aws shipped data of ");
    }

    @Test
    void acrossCloudsRegionFiltersGpusAndSpotNarrowTheList() {
        JsonNode eu = across("--clouds", "aws,gcp,azure", "--region-filter", "eu-*,europe-*", "--limit", "0",
                "-o", "json").json();
        java.util.Set<String> clouds = new java.util.TreeSet<>();
        for (JsonNode row : eu) {
            assertThat(row.get("region").asText()).matches("(eu|europe)-.*");
            clouds.add(row.get("cloud").asText());
        }
        assertThat(clouds).containsExactly("aws", "gcp");

        JsonNode gpu = across("--clouds", "aws,gcp,azure", "--gpu", "A100:1", "-o", "json").json();
        assertThat(gpu).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("gpus").asInt()).isPositive();
            assertThat(row.get("gpuModel").asText()).contains("A100");
        });

        JsonNode spot = across("--clouds", "aws,gcp", "--spot", "--limit", "50", "-o", "json").json();
        assertThat(spot).hasSize(50).allSatisfy(row -> {
            var price = io.altostratus.catalog.Catalogs.shipped(row.get("cloud").asText())
                    .spotPrice(row.get("region").asText(), row.get("type").asText()).orElseThrow();
            assertThat(row.get("pricePerHour").asDouble()).isEqualTo(price.perHour());
            assertThat(row.get("priceSource").get("name").asText()).isEqualTo(price.source().name());
        });
    }

    @Test
    void acrossCloudsBadInputIsOneLineWithExitTwo() {
        for (String[] args : List.of(new String[] {"--clouds", "aws,ibm"},
                new String[] {"--clouds", "aws", "--gpu", "A100:x"},
                new String[] {"--spot"},
                new String[] {"--clouds", ","})) {
            CliRun.Result r = across(args);
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
            assertThat(r.errLines()).as(String.join(" ", args)).singleElement().asString().startsWith("alto: error: ");
        }
        CliRun.Result typo = across("--clouds", "aws,gcp", "--region-filter", "eu-wset-1");
        assertThat(typo.exit()).isNotZero();
        assertThat(typo.errLines()).singleElement().asString().contains("no region 'eu-wset-1'");
    }

    private static String row(List<String> lines, String type) {
        return lines.stream().filter(l -> l.startsWith(type + " ")).findFirst().orElseThrow();
    }

    private static JsonNode find(JsonNode all, String name) {
        for (JsonNode t : all) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError(name + " not listed");
    }
}
