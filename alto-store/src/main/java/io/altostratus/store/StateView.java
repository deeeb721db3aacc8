package io.altostratus.store;

import io.altostratus.store.internal.ReadAhead;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A consistent read of the state: every document is a value (a record or other Jackson-mappable type) stored under
 * (kind, account, id). Documents handed out are decoded once, cached and shared between threads, so they must be
 * immutable: a record's collection components must be copied to unmodifiable ones in its constructor.
 */
public interface StateView {

    /** The document, decoded as {@code type}, or empty. */
    <T> Optional<T> get(String kind, String account, String id, Class<T> type);

    /**
     * The documents of a kind and account under {@code ids}, decoded as {@code type}, in the order of {@code ids}; an
     * id with no document is left out. A store on a database reads them in a few queries rather than one per id, which
     * is what a short-lived process answering from the database waits for when an index names a hundred documents.
     */
    default <T> List<T> getAll(String kind, String account, Collection<String> ids, Class<T> type) {
        List<T> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            get(kind, account, id, type).ifPresent(found::add);
        }
        return found;
    }

    /**
     * The documents under the ids {@code ids} gives, in its order, read as the caller goes a growing chunk at a time
     * with {@link #getAll}; ids with no document are skipped. What a page walks after an index lookup: valid only
     * inside the function this view was given to.
     */
    default <T> Iterator<T> getEach(String kind, String account, Iterator<String> ids, Class<T> type) {
        return new ReadAhead<>(this, kind, account, ids, type);
    }

    /** Every document of a kind for an account, decoded as {@code type}, in the order they were first written. */
    <T> List<T> list(String kind, String account, Class<T> type);

    /**
     * The ids of the documents of a kind and account that the index {@code index} (see {@link StateStore#index})
     * files under {@code key}, in the order {@link #list} gives them; empty when there are none.
     *
     * @throws IllegalArgumentException when no index of that name is registered for the kind
     */
    default List<String> lookup(String kind, String account, String index, String key) {
        return lookupAny(kind, account, index, List.of(key));
    }

    /**
     * Like {@link #lookup(String, String, String, String)} for several keys at once: the documents filed under any of
     * {@code keys}, each once, in the order {@link #list} gives them.
     */
    List<String> lookupAny(String kind, String account, String index, Collection<String> keys);

    /**
     * The documents of a kind and account in id order (ids compared as strings), from the first whose id comes after
     * {@code afterId} (from the first of all when null). The iterator decodes lazily, so a caller that stops after a
     * page reads only that page whatever the number of documents: this is how listings are paged. It is valid only
     * inside the function this view was given to.
     */
    <T> Iterator<T> scan(String kind, String account, Class<T> type, String afterId);

    /**
     * The ids of the documents the index {@code index} files under any of {@code keys}, each once, in id order from
     * the first after {@code afterId} (from the first when null), read only as far as the caller goes: a page of a
     * filtered listing walks this. Valid only inside the function this view was given to.
     *
     * @throws IllegalArgumentException when no index of that name is registered for the kind
     */
    Iterator<String> lookupFrom(String kind, String account, String index, Collection<String> keys, String afterId);

    /**
     * At most how many documents {@link #lookupAny} would give for {@code keys} (exact for one key), without listing
     * them: what a query uses to pick its narrowest criterion.
     *
     * @throws IllegalArgumentException when no index of that name is registered for the kind
     */
    int lookupSize(String kind, String account, String index, Collection<String> keys);

    /** How many documents of a kind an account has. */
    int count(String kind, String account);

    /**
     * The store's revision this view reflects: it grows by one for every committed write transaction. Inside a write,
     * it is the committed revision the transaction builds on; its commit will be this plus one.
     */
    long revision();
}
