package io.altostratus.gateway.filter;

import io.altostratus.core.query.Glob;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.WireError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The filters one Describe action understands, and EC2's semantics for applying them: several filters AND, the
 * values of one filter OR, {@code *} and {@code ?} wildcards in values, {@code tag:Key}, {@code tag-key} and
 * {@code tag-value} on any taggable resource. An unknown filter name is an error ({@code InvalidParameterValue}),
 * as in EC2, so a typo never reads as "nothing matched".
 *
 * @param <T> the SDK item type the action returns (e.g. {@code software.amazon.awssdk.services.ec2.model.Instance})
 */
public final class FilterSet<T> {
    private final Map<String, Function<T, ?>> fields;
    private final Function<T, Map<String, String>> tags;

    private FilterSet(Map<String, Function<T, ?>> fields, Function<T, Map<String, String>> tags) {
        this.fields = Map.copyOf(fields);
        this.tags = tags;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** The items every filter matches; the list itself when there are no filters. */
    public List<T> apply(List<T> items, List<Filter> filters) {
        if (filters == null || filters.isEmpty()) {
            return items;
        }
        List<Compiled<T>> compiled = new ArrayList<>(filters.size());
        for (Filter f : filters) {
            compiled.add(compile(f));
        }
        List<T> out = new ArrayList<>();
        for (T item : items) {
            boolean all = true;
            for (Compiled<T> c : compiled) {
                if (!c.matches(item)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                out.add(item);
            }
        }
        return out;
    }

    /** Whether a filter name is understood (for handlers that push some filters down to the provider). */
    public boolean knows(String name) {
        return fields.containsKey(name) || (tags != null && (name.startsWith("tag:") || name.equals("tag-key")
                || name.equals("tag-value")));
    }

    private Compiled<T> compile(Filter f) {
        String name = f.name();
        if (name == null || name.isEmpty()) {
            throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, "The filter name must not be empty");
        }
        List<String> values = f.hasValues() ? f.values() : List.of();
        if (tags != null && name.startsWith("tag:")) {
            String key = name.substring(4);
            return item -> {
                String v = tags.apply(item).get(key);
                return v != null && anyMatches(values, v);
            };
        }
        if (tags != null && name.equals("tag-key")) {
            return item -> tags.apply(item).keySet().stream().anyMatch(k -> anyMatches(values, k));
        }
        if (tags != null && name.equals("tag-value")) {
            return item -> tags.apply(item).values().stream().anyMatch(v -> anyMatches(values, v));
        }
        Function<T, ?> field = fields.get(name);
        if (field == null) {
            throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, "The filter '" + name + "' is invalid");
        }
        return item -> matchesValue(values, field.apply(item));
    }

    private static boolean matchesValue(List<String> wanted, Object actual) {
        if (actual == null) {
            return false;
        }
        if (actual instanceof Collection<?> many) {
            for (Object one : many) {
                if (one != null && anyMatches(wanted, String.valueOf(one))) {
                    return true;
                }
            }
            return false;
        }
        return anyMatches(wanted, String.valueOf(actual));
    }

    private static boolean anyMatches(List<String> wanted, String actual) {
        // A filter given without values matches nothing, as in EC2.
        for (String w : wanted) {
            if (Glob.matches(w, actual)) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface Compiled<T> {
        boolean matches(T item);
    }

    /** Declares filter names and how to read each from an item (a value, or a collection of values). */
    public static final class Builder<T> {
        private final Map<String, Function<T, ?>> fields = new LinkedHashMap<>();
        private Function<T, Map<String, String>> tags;

        /** A filter on a value of the item: a String, number, boolean or enum, or a collection of them. */
        public Builder<T> field(String name, Function<T, ?> reader) {
            if (fields.putIfAbsent(name, reader) != null) {
                throw new IllegalStateException("filter declared twice: " + name);
            }
            return this;
        }

        /** Enables {@code tag:Key}, {@code tag-key} and {@code tag-value} with the item's tags. */
        public Builder<T> tags(Function<T, Map<String, String>> reader) {
            this.tags = reader;
            return this;
        }

        public FilterSet<T> build() {
            return new FilterSet<>(fields, tags);
        }
    }
}
