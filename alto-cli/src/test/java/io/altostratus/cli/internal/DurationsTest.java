package io.altostratus.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @Test
    void unitsPeopleType() {
        assertThat(Durations.parse("100ms")).isEqualTo(Duration.ofMillis(100));
        assertThat(Durations.parse("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Durations.parse("7ns")).isEqualTo(Duration.ofNanos(7));
        assertThat(Durations.parse(" 20 MS ")).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void zeroNeedsNoUnit() {
        assertThat(Durations.parse("0")).isZero();
        assertThat(Durations.parse("0.0")).isZero();
        assertThat(Durations.parse("0ms")).isZero();
    }

    @Test
    void isoEightySixZeroOneIsAccepted() {
        assertThat(Durations.parse("PT0.1S")).isEqualTo(Duration.ofMillis(100));
        assertThat(Durations.parse("pt2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"100", "-1s", "1 sec", "ms", "", "1.s", "PT-1S", "P", "1d", "99999999999999h"})
    void anythingElseIsAUsageErrorNamingTheForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(UsageException.class)
                .hasMessageContaining(text.strip().isEmpty() ? "duration" : text.strip());
    }
}
