package io.altostratus.store.internal;

import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
        Doc doc = mirror.get(new Key(kind, account, id));
        return doc == null ? Optional.empty() : Optional.of(doc.as(type));
    }

    @Override
    public <T> List<T> list(String kind, String account, Class<T> type) {
        ensureOpen();
        Collection<Doc> docs = mirror.list(kind, account);
        List<T> values = new ArrayList<>(docs.size());
        for (Doc doc : docs) {
            values.add(doc.as(type));
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public List<String> lookup(String kind, String account, String index, String key) {
        ensureOpen();
        return mirror.index(kind, index).lookup(account, key);
    }

    @Override
    public List<String> lookupAny(String kind, String account, String index, Collection<String> keys) {
        ensureOpen();
        return mirror.index(kind, index).lookupAny(account, keys);
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
