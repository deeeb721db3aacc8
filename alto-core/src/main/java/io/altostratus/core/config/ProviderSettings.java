package io.altostratus.core.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Typed reads of one provider's settings (its {@code alto.toml} table overlaid with {@code ALTO_<PROVIDER>_<KEY>},
 * as strings): a missing or blank value reads as the fallback, a malformed one fails with the error the provider
 * reports bad settings with.
 */
public final class ProviderSettings {
    private final Map<String, String> values;
    private final Function<String, ? extends RuntimeException> invalid;

    /**
     * @param values  the provider's settings
     * @param invalid the error for a malformed value, from a message such as "max_attempts must be a whole number,
     *                got 'many'"
     */
    public ProviderSettings(Map<String, String> values, Function<String, ? extends RuntimeException> invalid) {
        this.values = Objects.requireNonNull(values, "values");
        this.invalid = Objects.requireNonNull(invalid, "invalid");
    }

    public int integer(String key, int fallback) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw invalid.apply(key + " must be a whole number, got '" + v + "'");
        }
    }

    /** {@code true}, {@code yes}, {@code on} or {@code 1}; {@code false}, {@code no}, {@code off} or {@code 0}. */
    public boolean bool(String key, boolean fallback) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid.apply(key + " must be true or false, got '" + v + "'");
        };
    }
}
