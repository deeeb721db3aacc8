package io.altostratus.core.query;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Matches resources by one tag: the key must be present and, when values are given, its value must match one
 * of them (EC2 wildcards allowed). Several filters in a query must all match.
 */
public record TagFilter(String key, List<String> values) {
    public TagFilter {
        Objects.requireNonNull(key, "key");
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static TagFilter exists(String key) {
        return new TagFilter(key, List.of());
    }

    public static TagFilter equals(String key, String value) {
        return new TagFilter(key, List.of(value));
    }

    /** Parses {@code key=value} or a bare {@code key} (presence only). */
    public static TagFilter parse(String text) {
        int eq = text.indexOf('=');
        if (eq == 0) {
            throw new IllegalArgumentException("tag filter needs a key: " + text);
        }
        return eq < 0 ? exists(text) : equals(text.substring(0, eq), text.substring(eq + 1));
    }

    public boolean matches(Map<String, String> tags) {
        String value = tags.get(key);
        if (value == null) {
            return false;
        }
        if (values.isEmpty()) {
            return true;
        }
        for (String candidate : values) {
            if (Glob.matches(candidate, value)) {
                return true;
            }
        }
        return false;
    }
}
