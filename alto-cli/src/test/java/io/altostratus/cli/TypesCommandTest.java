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
