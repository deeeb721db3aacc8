package io.altostratus.catalog.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.core.model.InstanceType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The steps of the gap rule one at a time, on small tables whose answers can be worked out by hand. */
class PriceGapsTest {
    private static final PriceSource SRC = PriceSource.quoted("test", Instant.parse("2023-08-06T00:00:00Z"));
    private final Map<String, InstanceType> types = new HashMap<>();

    private void type(String name, int vcpus, long memGiB, int gpus) {
        types.put(name, new InstanceType(name, vcpus, memGiB * 1024, gpus, null, List.of(), null, false, true,
                null, 0));
    }

    private static Price p(double perHour) {
        return new Price(perHour, SRC);
    }

    @Test
    void siblingsScaleByMemorySoBurstableSizesWithEqualVcpusDiffer() {
        type("t3.micro", 2, 1, 0);
        type("t3.small", 2, 2, 0);
        type("t3.large", 2, 8, 0);
        Map<String, Price> out = PriceGaps.fill(types, Map.of("r", Set.of("t3.micro", "t3.small", "t3.large")),
                Map.of("r", Map.of("t3.micro", p(0.0104)))).get("r");
        assertThat(out.get("t3.micro")).isEqualTo(p(0.0104));
        assertThat(out.get("t3.small").perHour()).isCloseTo(0.0208, offset(1e-12));
        assertThat(out.get("t3.large").perHour()).isCloseTo(0.0832, offset(1e-12));
        assertThat(out.get("t3.large").source().estimatedFrom()).isEqualTo("sibling t3.micro");
    }

    @Test
    void gpuTypesTakeTheSameTypeElsewhereBeforeASiblingAndNeverOneWithOtherGpuCounts() {
        type("g5.xlarge", 4, 16, 1);
        type("g5.12xlarge", 48, 192, 4);
        type("g5.2xlarge", 8, 32, 1);
        Map<String, Map<String, Price>> quoted = new HashMap<>();
        Map<String, Price> a = new HashMap<>();
        Map<String, Price> b = new HashMap<>();
        // Five shared types put region b at twice region a's price level.
        for (int i = 0; i < 5; i++) {
            type("m5.s" + i, 2, 8, 0);
            a.put("m5.s" + i, p(0.1 + i));
            b.put("m5.s" + i, p(2 * (0.1 + i)));
        }
        a.put("g5.12xlarge", p(5.672));
        b.put("g5.xlarge", p(2.0));
        b.put("g5.12xlarge", p(11.344));
        quoted.put("a", a);
        quoted.put("b", b);
        Set<String> all = types.keySet();
        Map<String, Price> out = PriceGaps.fill(types, Map.of("a", all, "b", all), quoted).get("a");
        assertThat(out.get("g5.xlarge").perHour()).isCloseTo(1.0, offset(1e-9));
        assertThat(out.get("g5.xlarge").source().estimatedFrom()).isEqualTo("g5.xlarge in b x0.500");
        // g5.2xlarge is quoted nowhere, and its only quoted sibling in a has 4 GPUs, not 1: it is priced in b from
        // b's quoted 1-GPU g5.xlarge, then brought over at b's price level.
        assertThat(out.get("g5.2xlarge").perHour()).isCloseTo(2.0, offset(1e-9));
        assertThat(out.get("g5.2xlarge").source().estimatedFrom())
                .isEqualTo("g5.2xlarge in b x0.500 (itself estimated from sibling g5.xlarge)");
    }

    @Test
    void previousGenerationsChainAndAnUnreachableTypeStaysUnpricedNotZero() {
        type("m6a.large", 2, 8, 0);
        type("m7a.large", 2, 8, 0);
        type("m8a.xlarge", 4, 16, 0);
        type("mac-m4.metal", 10, 24, 0);
        Map<String, Map<String, Price>> quoted = Map.of("r", Map.of("m6a.large", p(0.1)));
        Map<String, Price> out = PriceGaps.fill(types, Map.of("r", types.keySet()), quoted).get("r");
        // No generation pair is quoted, so the measured step is 1.0.
        assertThat(out.get("m7a.large").perHour()).isCloseTo(0.1, offset(1e-12));
        assertThat(out.get("m8a.xlarge").perHour()).isCloseTo(0.2, offset(1e-12));
        assertThat(out.get("m8a.xlarge").source().estimatedFrom())
                .isEqualTo("previous generation m7a.large x1.000 (itself estimated)");
        assertThat(out).doesNotContainKey("mac-m4.metal");
    }

    @Test
    void theGenerationStepIsTheMedianOfQuotedConsecutiveGenerations() {
        type("m5.large", 2, 8, 0);
        type("m6i.large", 2, 8, 0);
        type("c5.large", 2, 4, 0);
        type("c6i.large", 2, 4, 0);
        type("r5.large", 2, 16, 0);
        type("r6i.large", 2, 16, 0);
        Map<String, Map<String, Price>> quoted = Map.of("r", Map.of("m5.large", p(0.1), "m6i.large", p(0.105),
                "c5.large", p(0.1), "c6i.large", p(0.110), "r5.large", p(0.1), "r6i.large", p(0.2)));
        assertThat(PriceGaps.generationStep(types, Map.of("r", types.keySet()), quoted)).isCloseTo(1.1,
                offset(1e-9));
    }
}
