package io.altostratus.store.internal;

import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The documents under the ids a walk gives, read with {@link StateView#getAll} a chunk at a time: the first chunk is
 * small, so a caller that stops after a few reads a few, and each next one twice the last up to {@link #MOST}, so a
 * page of a thousand costs a handful of queries on a database instead of a thousand. Ids whose document is gone are
 * skipped.
 */
public final class ReadAhead<T> implements Iterator<T> {

    static final int FIRST = 16;
    static final int MOST = 256;

    private final StateView view;
    private final String kind;
    private final String account;
    private final Iterator<String> ids;
    private final Class<T> type;
    private Iterator<T> chunk = Collections.emptyIterator();
    private int size = FIRST;

    public ReadAhead(StateView view, String kind, String account, Iterator<String> ids, Class<T> type) {
        this.view = view;
        this.kind = kind;
        this.account = account;
        this.ids = ids;
        this.type = type;
    }

    @Override
    public boolean hasNext() {
        while (!chunk.hasNext() && ids.hasNext()) {
            List<String> next = new ArrayList<>(size);
            while (next.size() < size && ids.hasNext()) {
                next.add(ids.next());
            }
            chunk = view.getAll(kind, account, next, type).iterator();
            size = Math.min(MOST, size * 2);
        }
        return chunk.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk.next();
    }
}
