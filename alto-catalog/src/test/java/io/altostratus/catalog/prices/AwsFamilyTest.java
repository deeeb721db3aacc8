package io.altostratus.catalog.prices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsFamilyTest {

    @Test
    void namesSplitIntoClassGenerationAndAttributes() {
        assertThat(AwsFamily.ofType("m7i-flex.large")).isEqualTo(new AwsFamily("m7i-flex", "m", 7, "i-flex"));
        assertThat(AwsFamily.ofType("inf2.xlarge")).isEqualTo(new AwsFamily("inf2", "inf", 2, ""));
        assertThat(AwsFamily.ofType("mac-m4.metal").generation()).isZero();
        assertThat(AwsFamily.size("c8gb.metal-24xl")).isEqualTo("metal-24xl");
    }

    @Test
    void intelFamiliesFollowTheirLetterlessPredecessors() {
        assertThat(AwsFamily.of("m6i").predecessors()).startsWith("m5i", "m5", "m4i", "m4");
        assertThat(AwsFamily.of("r6id").predecessors()).startsWith("r5id", "r5d");
        assertThat(AwsFamily.of("m8g").predecessors()).startsWith("m7g", "m6g");
        assertThat(AwsFamily.of("mac-m4").predecessors()).isEmpty();
    }

    @Test
    void variantsDropTheirOptionThenTrailingLettersButNotTheProcessor() {
        assertThat(AwsFamily.of("c7i-flex").variantOf()).containsExactly("c7i");
        assertThat(AwsFamily.of("m8ine").variantOf()).containsExactly("m8in", "m8i");
        assertThat(AwsFamily.of("g6e").variantOf()).containsExactly("g6");
        assertThat(AwsFamily.of("m8g").variantOf()).isEmpty();
        assertThat(AwsFamily.of("m5n").variantOf()).containsExactly("m5");
        assertThat(AwsFamily.of("m5n").suffixOver("m5")).isEqualTo("n");
    }
}
