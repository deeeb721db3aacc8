package io.altostratus.gateway.filter;

import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a Describe that walks a backend's own pages (in id order, from a cursor) and keeps what passes the
 * request's filters, until it holds {@code limit} items: a page costs what it reads, however large the account,
 * and its position (the last item's id) stays right when items come and go between calls.
 */
public final class PageWalk {
    private PageWalk() {
    }

    /** The page and the position the next one starts after, or null when nothing is left. */
    public record Result<T>(List<T> items, String next) {
    }

    /**
     * @param source  the backend's page for a request
     * @param keep    the request's filters (and any conversion to the answer's items), applied to each backend page
     * @param limit   how many items the page holds at most
     * @param cursor  where the previous page ended, or null
     * @param id      an answer item's id, the position a full page ends at
     */
    public static <S, T> Result<T> walk(Function<PageRequest, Page<S>> source, Function<List<S>, List<T>> keep,
                                        int limit, String cursor, Function<T, String> id) {
        List<T> out = new ArrayList<>(Math.min(limit, 1024));
        PageRequest request = new PageRequest(limit, cursor);
        while (true) {
            Page<S> page = source.apply(request);
            for (T item : keep.apply(page.items())) {
                if (out.size() == limit) {
                    return new Result<>(out, id.apply(out.get(out.size() - 1)));
                }
                out.add(item);
            }
            if (!page.hasNext()) {
                return new Result<>(out, null);
            }
            if (out.size() == limit) {
                return new Result<>(out, id.apply(out.get(out.size() - 1)));
            }
            request = request.next(page.nextCursor());
        }
    }
}
