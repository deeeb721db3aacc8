package io.altostratus.gateway.gce.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * {@code maxResults}/{@code pageToken} paging over a listing sorted by name. The token is the last name given
 * (encoded), and the next page starts after it, so resources added or deleted between calls never make a page repeat
 * or skip one that stayed.
 */
public final class Pages {
    /** Google's default and largest page. */
    public static final int MAX_RESULTS = 500;

    public record Slice<T>(List<T> items, String nextPageToken) {
    }

    private Pages() {
    }

    public static <T> Slice<T> slice(List<T> sortedByName, Function<T, String> name, Request req) {
        int max = MAX_RESULTS;
        String maxText = req.param("maxResults");
        if (maxText != null) {
            try {
                max = Integer.parseInt(maxText);
            } catch (NumberFormatException e) {
                throw GceException.invalid("Invalid value for field 'maxResults': '" + maxText + "'");
            }
            if (max < 0 || max > MAX_RESULTS) {
                throw GceException.invalid("Invalid value for field 'maxResults': " + max
                        + ". Must be in the range [0, 500].");
            }
            if (max == 0) {
                max = MAX_RESULTS;
            }
        }
        String after = null;
        String token = req.param("pageToken");
        if (token != null && !token.isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw GceException.invalid("Invalid value for field 'pageToken': '" + token + "'");
            }
        }
        int start = 0;
        if (after != null) {
            while (start < sortedByName.size() && name.apply(sortedByName.get(start)).compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(sortedByName.size(), start + max);
        List<T> items = sortedByName.subList(start, end);
        String next = end < sortedByName.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                        name.apply(items.get(items.size() - 1)).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Slice<>(List.copyOf(items), next);
    }
}
