package io.altostratus.catalog.internal.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.catalog.prices.PriceGaps;
import io.altostratus.core.model.InstanceType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gap rule on the real rows it is applied to: Libcloud's Aug-2023 prices and moto's offerings. The rule is
 * checked where the truth is known, by hiding quoted prices and comparing what the rule makes of the gap with the
 * hidden figure; the accuracy per step is printed.
 */
class PriceGapRuleTest {
    private static final Path SOURCE = Path.of(System.getProperty("alto.catalog.source", "/work/shared/data"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant LIBCLOUD_DATE = Instant.parse("2023-08-06T15:34:36Z");

    private static Map<String, Set<String>> offered;
    private static Map<String, InstanceType> sizes;
    private static Map<String, Map<String, Price>> quoted;
    private static JsonNode linux;

    @BeforeAll
    static void read() throws IOException {
        assumeThat(Files.isRegularFile(SOURCE.resolve("pricing.json.gz"))).as("reference data at " + SOURCE).isTrue();
        linux = json(SOURCE.resolve("pricing.json.gz")).at("/compute/ec2_linux");
        offered = new TreeMap<>();
        try (Stream<Path> files = Files.list(SOURCE.resolve("aws/offerings/region"))) {
            for (Path f : files.sorted().toList()) {
                String region = f.getFileName().toString().replace(".json.gz", "");
                Set<String> names = new TreeSet<>();
                for (JsonNode o : json(f)) {
                    names.add(o.get("InstanceType").asText());
                }
                offered.put(region, names);
            }
        }
        sizes = AwsCatalogBuilder.sizes(json(SOURCE.resolve("aws/instance_types.json.gz")), offered);
        quoted = AwsCatalogBuilder.quoted(offered, linux, LIBCLOUD_DATE);
    }

    @Test
    void m5XlargeInUsEast1IsALibcloudZeroPricedFromItsNearestSibling() {
        // The real rows: libcloud says 0.0 for m5.xlarge in us-east-1 and 0.384 for m5.2xlarge (16 and 32 GiB).
        assertThat(linux.at("/m5.xlarge/us-east-1").asDouble()).isZero();
        assertThat(linux.at("/m5.2xlarge/us-east-1").asDouble()).isEqualTo(0.384);
        assertThat(quoted.get("us-east-1")).doesNotContainKey("m5.xlarge");

        Price p = PriceGaps.fill(sizes, offered, quoted).get("us-east-1").get("m5.xlarge");
        assertThat(p.perHour()).isCloseTo(0.192, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.source()).isEqualTo(new PriceSource(PriceSource.LIBCLOUD, LIBCLOUD_DATE, "sibling m5.2xlarge"));
    }

    @Test
    void quotedPricesAreKeptAsTheyAreAndEveryOtherIsMarked() {
        Map<String, Map<String, Price>> filled = PriceGaps.fill(sizes, offered, quoted);
        int estimated = 0;
        for (Map.Entry<String, Map<String, Price>> region : filled.entrySet()) {
            Map<String, Price> q = quoted.get(region.getKey());
            for (Map.Entry<String, Price> e : region.getValue().entrySet()) {
                Price own = q.get(e.getKey());
                if (own != null) {
                    assertThat(e.getValue()).isEqualTo(own);
                } else {
                    assertThat(e.getValue().estimated()).as(e.getKey() + " in " + region.getKey()).isTrue();
                    assertThat(e.getValue().perHour()).isPositive();
                    estimated++;
                }
            }
        }
        assertThat(estimated).isPositive();
    }

    @Test
    void previousGenerationAndVariantStepsMarkWhatTheyStandOn() {
        Map<String, Price> east = PriceGaps.fill(sizes, offered, quoted).get("us-east-1");
        // No m8g, m7a or c7i-flex price at all in the 2023 data: they stand on m7g, m6a and c7i.
        assertThat(quoted.values().stream().anyMatch(q -> q.containsKey("m8g.xlarge"))).isFalse();
        assertThat(east.get("m8g.xlarge").source().estimatedFrom()).startsWith("previous generation m7g.xlarge x");
        assertThat(east.get("m7a.xlarge").source().estimatedFrom()).startsWith("previous generation m6a.xlarge x");
        assertThat(east.get("c7i-flex.2xlarge").source().estimatedFrom()).startsWith("variant of c7i.2xlarge x");
    }

    /**
     * Hides quoted prices ten folds at a time, fills, and compares each hidden price with the rule's figure: single
     * types (what the sibling step meets), whole families in one region (the other-region step) and whole families in
     * every region (the previous-generation and variant steps). Libcloud's own rows are noisy (its m5.large is 0.102
     * where m5.2xlarge is 0.384 and m5.4xlarge 0.815), so a few percent off is the data's spread, not only the rule's.
     */
    @Test
    void hiddenQuotedPricesAreRecoveredClosely() {
        Map<String, List<Double>> errors = new TreeMap<>();
        for (String region : List.of("us-east-1", "eu-west-1")) {
            List<String> names = new ArrayList<>(new TreeSet<>(quoted.get(region).keySet()));
            for (int fold = 0; fold < 10; fold++) {
                Set<String> held = new TreeSet<>();
                for (int i = fold; i < names.size(); i += 10) {
                    held.add(names.get(i));
                }
                compare(hide(held, Set.of(region)), region, held, errors);
            }
        }
        List<String> families = quoted.get("us-east-1").keySet().stream().map(PriceGapRuleTest::family).distinct()
                .sorted().toList();
        for (int fold = 0; fold < 10; fold++) {
            Set<String> held = held(families, fold);
            compare(hide(held, Set.of("us-east-1")), "us-east-1", held, errors);
            compare(hide(held, offered.keySet()), "us-east-1", held, errors);
        }
        errors.forEach((step, e) -> System.out.printf(Locale.ROOT,
                "gap rule, step %-26s %5d hidden prices: median error %5.1f%%, within 10%%: %5.1f%%, within 25%%:"
                        + " %5.1f%%%n", step, e.size(), 100 * quantile(e, 0.5), 100 * within(e, 0.10),
                100 * within(e, 0.25)));
        assertThat(within(errors.get("sibling"), 0.10)).isGreaterThan(0.90);
        assertThat(quantile(errors.get("other region"), 0.5)).isLessThan(0.05);
        assertThat(within(errors.get("other region"), 0.10)).isGreaterThan(0.75);
        assertThat(quantile(errors.get("previous generation"), 0.5)).isLessThan(0.15);
        assertThat(quantile(errors.get("variant"), 0.5)).isLessThan(0.25);
    }

    /** The us-east-1 quoted types of every tenth family, starting at {@code fold}. */
    private static Set<String> held(List<String> families, int fold) {
        Set<String> chosen = new TreeSet<>();
        for (int i = fold; i < families.size(); i += 10) {
            chosen.add(families.get(i));
        }
        Set<String> out = new TreeSet<>();
        for (String type : quoted.get("us-east-1").keySet()) {
            if (chosen.contains(family(type))) {
                out.add(type);
            }
        }
        return out;
    }

    private static String family(String type) {
        return type.substring(0, type.indexOf('.'));
    }

    /** The quoted prices without {@code types} in {@code regions}. */
    private static Map<String, Map<String, Price>> hide(Set<String> types, Set<String> regions) {
        Map<String, Map<String, Price>> out = new HashMap<>(quoted);
        for (String region : regions) {
            Map<String, Price> kept = new HashMap<>(quoted.get(region));
            kept.keySet().removeAll(types);
            out.put(region, kept);
        }
        return out;
    }

    private static void compare(Map<String, Map<String, Price>> hidden, String region, Set<String> held,
                                Map<String, List<Double>> errors) {
        Map<String, Price> filled = PriceGaps.fill(sizes, offered, hidden).get(region);
        for (String type : held) {
            Price p = filled.get(type);
            String step = p == null ? "unpriced" : step(p.source().estimatedFrom())
                    + (sizes.get(type).gpus() > 0 ? " (GPU)" : "");
            double truth = quoted.get(region).get(type).perHour();
            errors.computeIfAbsent(step, k -> new ArrayList<>())
                    .add(p == null ? Double.NaN : Math.abs(p.perHour() / truth - 1));
        }
    }

    private static String step(String basis) {
        if (basis.startsWith("sibling")) {
            return "sibling";
        }
        if (basis.startsWith("previous generation")) {
            return "previous generation";
        }
        if (basis.startsWith("variant")) {
            return "variant";
        }
        return "other region";
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size()));
    }

    private static double within(List<Double> values, double bound) {
        return values.stream().filter(v -> v <= bound + 1e-9).count() / (double) values.size();
    }

    private static JsonNode json(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return JSON.readTree(in);
        }
    }
}
