package io.altostratus.store.internal;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An id-ordered walk over SQL rows fetched a chunk at a time ({@code ... WHERE id > ? ORDER BY id LIMIT n}), so a
 * caller that stops after a page reads about a page, and no cursor stays open between chunks.
 */
final class ChunkedWalk<T> implements Iterator<T> {

    private final BiFunction<String, Integer, List<T>> fetch;
    private final Function<T, String> idOf;
    private final int chunkSize;
    private List<T> chunk = List.of();
    private int next;
    private String last;
    private boolean exhausted;

    /**
     * @param fetch   gives up to {@code size} rows whose id comes after {@code afterId} ("" for the first), in id order
     * @param idOf    a row's id
     * @param afterId where the walk starts (null for the beginning)
     */
    ChunkedWalk(BiFunction<String, Integer, List<T>> fetch, Function<T, String> idOf, String afterId, int chunkSize) {
        this.fetch = fetch;
        this.idOf = idOf;
        this.chunkSize = chunkSize;
        this.last = afterId == null ? "" : afterId;
    }

    @Override
    public boolean hasNext() {
        if (next < chunk.size()) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        chunk = fetch.apply(last, chunkSize);
        next = 0;
        exhausted = chunk.size() < chunkSize;
        return !chunk.isEmpty();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T row = chunk.get(next++);
        last = idOf.apply(row);
        return row;
    }
}
