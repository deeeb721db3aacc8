package io.altostratus.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {
    private static ProviderSettings settings(Map<String, String> values) {
        return new ProviderSettings(values, message -> new IllegalStateException("[test] " + message));
    }

    @Test
    void missingOrBlankValuesReadAsTheFallback() {
        ProviderSettings s = settings(Map.of("blank", " "));
        assertThat(s.integer("absent", 6)).isEqualTo(6);
        assertThat(s.integer("blank", 7)).isEqualTo(7);
        assertThat(s.bool("absent", true)).isTrue();
        assertThat(s.bool("blank", false)).isFalse();
    }

    @Test
    void valuesAreReadTrimmedAndBooleansInTheUsualSpellings() {
        ProviderSettings s = settings(Map.of("n", " 42 ", "yes", "YES", "on", "on", "one", "1", "off", "Off",
                "zero", "0", "no", "no"));
        assertThat(s.integer("n", 0)).isEqualTo(42);
        assertThat(s.bool("yes", false)).isTrue();
        assertThat(s.bool("on", false)).isTrue();
        assertThat(s.bool("one", false)).isTrue();
        assertThat(s.bool("off", true)).isFalse();
        assertThat(s.bool("zero", true)).isFalse();
        assertThat(s.bool("no", true)).isFalse();
    }

    @Test
    void malformedValuesFailWithTheProvidersError() {
        ProviderSettings s = settings(Map.of("max_attempts", "many", "ssm", "maybe"));
        assertThatThrownBy(() -> s.integer("max_attempts", 6)).isInstanceOf(IllegalStateException.class)
                .hasMessage("[test] max_attempts must be a whole number, got 'many'");
        assertThatThrownBy(() -> s.bool("ssm", true)).isInstanceOf(IllegalStateException.class)
                .hasMessage("[test] ssm must be true or false, got 'maybe'");
    }
}
