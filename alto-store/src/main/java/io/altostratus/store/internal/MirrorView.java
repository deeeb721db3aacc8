package io.altostratus.store.internal;

import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The view handed to a reader: the mirror itself, valid while the reader holds the mirror's read lock. */
final class MirrorView implements StateView {

    private final Mirror mirror;
    private final long revision;
    private boolean open = true;

    MirrorView(Mirror mirror) {
        this.mirror = mirror;
        this.revision = mirror.revision();
    }

    @Override
    public <T> Optional<T> get(String kind, String account, String id, Class<T> type) {
        ensureOpen();
        Key key = new Key(kind, account, id);
        Doc doc = mirror.get(key);
        return doc == null ? Optional.empty() : Optional.of(doc.as(key, type));
    }

    @Override
    public <T> List<T> list(String kind, String account, Class<T> type) {
        ensureOpen();
        List<Doc> docs = mirror.list(kind, account);
        List<T> values = new ArrayList<>(docs.size());
        for (Doc doc : docs) {
            values.add(doc.as(new Key(kind, account, doc.id()), type));
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public List<String> lookupAny(String kind, String account, String index, Collection<String> keys) {
        ensureOpen();
        return Collections.unmodifiableList(mirror.inInsertionOrder(kind, account,
                mirror.index(kind, index).lookupAny(account, keys)));
    }

    @Override
    public <T> Iterator<T> scan(String kind, String account, Class<T> type, String afterId) {
        ensureOpen();
        Iterator<Doc> docs = mirror.scan(kind, account, afterId);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                ensureOpen();
                return docs.hasNext();
            }

            @Override
            public T next() {
                ensureOpen();
                Doc doc = docs.next();
                return doc.as(new Key(kind, account, doc.id()), type);
            }
        };
    }

    @Override
    public Iterator<String> lookupFrom(String kind, String account, String index, Collection<String> keys,
                                       String afterId) {
        ensureOpen();
        return mirror.index(kind, index).walk(account, keys, afterId);
    }

    @Override
    public int lookupSize(String kind, String account, String index, Collection<String> keys) {
        ensureOpen();
        return mirror.index(kind, index).estimate(account, keys);
    }

    @Override
    public int count(String kind, String account) {
        ensureOpen();
        return mirror.count(kind, account);
    }

    @Override
    public long revision() {
        return revision;
    }

    void close() {
        open = false;
    }

    private void ensureOpen() {
        if (!open) {
            throw new IllegalStateException("a StateView is only valid inside the read function it was given to");
        }
    }
}
