package io.altostratus.gateway.filter;

import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.WireError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * EC2's MaxResults/NextToken pagination over an already filtered, stably ordered list. The token is opaque to
 * clients; it carries the offset and a fingerprint of the query, so a token replayed with other filters is refused
 * instead of silently skipping items.
 */
public final class Paging {
    private Paging() {
    }

    /** One page and the token for the next, or null when this is the last page. */
    public record Page<T>(List<T> items, String nextToken) {
    }

    /**
     * @param items      the whole ordered result
     * @param maxResults the caller's MaxResults, or null for everything
     * @param nextToken  the caller's NextToken, or null for the first page
     * @param min        the smallest MaxResults the action allows
     * @param max        the largest MaxResults the action allows
     * @param queryKey   anything that identifies the query (filters, ids), for the fingerprint
     */
    public static <T> Page<T> page(List<T> items, Integer maxResults, String nextToken, int min, int max,
                                   String queryKey) {
        if (maxResults != null && (maxResults < min || maxResults > max)) {
            throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, "Value ( " + maxResults
                    + " ) for parameter maxResults is invalid. Expecting a value between " + min + " and " + max + ".");
        }
        int from = nextToken == null || nextToken.isEmpty() ? 0 : offset(nextToken, queryKey);
        if (from > items.size()) {
            from = items.size();
        }
        if (maxResults == null && nextToken == null) {
            return new Page<>(items, null);
        }
        int size = maxResults == null ? max : maxResults;
        int to = (int) Math.min((long) from + size, items.size());
        String next = to < items.size() ? token(to, queryKey) : null;
        return new Page<>(items.subList(from, to), next);
    }

    /** Whether a Describe asks for pages (MaxResults or a NextToken given) rather than for everything. */
    public static boolean paged(Integer maxResults, String nextToken) {
        return maxResults != null || (nextToken != null && !nextToken.isEmpty());
    }

    /**
     * The page size a Describe asks for: its MaxResults checked against the action's bounds, or {@code max} when it
     * gives none.
     */
    public static int limit(Integer maxResults, int min, int max) {
        if (maxResults != null && (maxResults < min || maxResults > max)) {
            throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, "Value ( " + maxResults
                    + " ) for parameter maxResults is invalid. Expecting a value between " + min + " and " + max + ".");
        }
        return maxResults == null ? max : maxResults;
    }

    /**
     * A NextToken for a page that walks a stable order: where the page ended ({@code position}, e.g. the last id
     * given) and the query's fingerprint. Unlike an offset, a position stays right when items before it go or come
     * between calls, and the next page starts there without counting what came before.
     */
    public static String positionToken(String position, String queryKey) {
        String raw = "@" + Integer.toHexString(queryKey == null ? 0 : queryKey.hashCode()) + ":" + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a {@link #positionToken} carries, or null for the first page (no token).
     *
     * @throws Ec2WireException InvalidParameterValue for a token that is not ours or was made for another query
     */
    public static String position(String token, String queryKey) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            String fingerprint = Integer.toHexString(queryKey == null ? 0 : queryKey.hashCode());
            if (!raw.startsWith("@") || colon < 0 || !raw.substring(1, colon).equals(fingerprint)
                    || colon == raw.length() - 1) {
                throw new IllegalArgumentException("token for another query");
            }
            return raw.substring(colon + 1);
        } catch (RuntimeException e) {
            throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, "Invalid NextToken value: " + token);
        }
    }

    /**
     * A fingerprint of a Describe request for its paging token: the action and every member but NextToken and
     * MaxResults, so a token is honoured only for the same query (ids, filters, owners, ...) of the same action.
     */
    public static String queryKey(SdkPojo request) {
        StringBuilder key = new StringBuilder(request.getClass().getSimpleName());
        for (SdkField<?> field : request.sdkFields()) {
            String member = field.memberName();
            if (!member.equals("NextToken") && !member.equals("MaxResults")) {
                key.append('\u0000').append(member).append('=').append(field.getValueOrDefault(request));
            }
        }
        return key.toString();
    }

    static String token(int offset, String queryKey) {
        String raw = offset + ":" + Integer.toHexString(queryKey == null ? 0 : queryKey.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static int offset(String token, String queryKey) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            int offset = Integer.parseInt(raw.substring(0, colon));
            String fingerprint = Integer.toHexString(queryKey == null ? 0 : queryKey.hashCode());
            if (offset < 0 || !raw.substring(colon + 1).equals(fingerprint)) {
                throw new IllegalArgumentException("token for another query");
            }
            return offset;
        } catch (RuntimeException e) {
            throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, "Invalid NextToken value: " + token);
        }
    }
}
