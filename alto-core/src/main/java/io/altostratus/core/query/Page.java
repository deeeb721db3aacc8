package io.altostratus.core.query;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing and where the next one starts.
 *
 * @param items      this page's items, in the listing's stable order
 * @param nextCursor what to pass as {@link PageRequest#cursor()} for the next page, or null when this is the last
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }

    /** The same page with each item turned into another (the cursor is kept). */
    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }

    /**
     * A page taken from items that come in id order from after the request's cursor (a walk of an ordered index):
     * at most {@code limit} of them, and one more read only to learn whether a next page exists.
     */
    public static <T> Page<T> take(java.util.Iterator<T> items, PageRequest request, Function<T, String> id) {
        List<T> page = new java.util.ArrayList<>(Math.min(request.limit(), 1024));
        while (items.hasNext()) {
            T item = items.next();
            if (page.size() == request.limit()) {
                return new Page<>(page, id.apply(page.get(page.size() - 1)));
            }
            page.add(item);
        }
        return new Page<>(page, null);
    }

    /**
     * A page of the items {@code keep} accepts, read from the pages {@code source} gives in id order: pages are read
     * until {@code limit} items are kept or the listing ends, so the page holds what a filtered listing would, at
     * the cost of reading what it skips. For providers without an index of what {@code keep} asks for.
     */
    public static <T> Page<T> filtered(Function<PageRequest, Page<T>> source, PageRequest request,
                                       java.util.function.Predicate<T> keep, Function<T, String> id) {
        List<T> kept = new java.util.ArrayList<>();
        PageRequest next = request;
        while (true) {
            Page<T> page = source.apply(next);
            for (T item : page.items()) {
                if (!keep.test(item)) {
                    continue;
                }
                if (kept.size() == request.limit()) {
                    return new Page<>(kept, id.apply(kept.get(kept.size() - 1)));
                }
                kept.add(item);
            }
            if (!page.hasNext()) {
                return new Page<>(kept, null);
            }
            next = next.next(page.nextCursor());
        }
    }

    /**
     * A page cut from a full listing (for providers that cannot page at the source), in id order. The cursor is
     * the last id given, and the next page starts after it in that order, so items deleted or added between calls
     * never make a page repeat or skip one that stayed.
     *
     * @param id how an item is named (its stable, unique id)
     */
    public static <T> Page<T> of(List<T> all, PageRequest request, Function<T, String> id) {
        List<T> sorted = new java.util.ArrayList<>(all);
        sorted.sort(java.util.Comparator.comparing(id));
        int start = 0;
        if (request.cursor() != null) {
            while (start < sorted.size() && id.apply(sorted.get(start)).compareTo(request.cursor()) <= 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + request.limit());
        List<T> items = sorted.subList(start, end);
        String next = end < sorted.size() ? id.apply(items.get(items.size() - 1)) : null;
        return new Page<>(items, next);
    }
}
