package io.altostratus.core.query;

/**
 * Which page of a listing to return.
 *
 * @param limit  at most this many items (1 or more)
 * @param cursor where the previous page ended ({@link Page#nextCursor()}), or null for the first page
 */
public record PageRequest(int limit, String cursor) {
    public PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least 1 item, got " + limit);
        }
        if (cursor != null && cursor.isEmpty()) {
            cursor = null;
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    public PageRequest next(String nextCursor) {
        return new PageRequest(limit, nextCursor);
    }
}
