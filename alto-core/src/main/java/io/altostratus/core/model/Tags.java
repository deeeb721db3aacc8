package io.altostratus.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for the tag maps every resource carries. */
public final class Tags {
    /** The tag that holds a resource's display name on every provider. */
    public static final String NAME = "Name";

    private Tags() {
    }

    /** An unmodifiable copy that keeps insertion order (so output is stable) and never holds null. */
    public static Map<String, String> copy(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** {@code base} with {@code changes} applied; later keys win. */
    public static Map<String, String> merge(Map<String, String> base, Map<String, String> changes) {
        LinkedHashMap<String, String> merged = new LinkedHashMap<>(base == null ? Map.of() : base);
        if (changes != null) {
            merged.putAll(changes);
        }
        return copy(merged);
    }
}
