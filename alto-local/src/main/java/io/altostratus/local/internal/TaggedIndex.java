package io.altostratus.local.internal;

import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Volume;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateView;
import java.util.Iterator;
import java.util.List;

/**
 * The store index of which volumes and network interfaces carry a tag. A fleet has one of each per instance and
 * seldom tags them, and a listing of tags visits interfaces ({@code eni-}) before instances ({@code i-}) in id order:
 * without it, every first page of DescribeTags read every interface of the account to find none tagged.
 */
public final class TaggedIndex {
    /** The index's name on {@link Docs#VOLUME} and {@link Docs#INTERFACE} documents. */
    public static final String NAME = "tagged";
    private static final List<String> TAGGED = List.of("tagged");

    private TaggedIndex() {
    }

    /** Registers the index on a store; cheap when a session on the same store already did. */
    static void register(StateStore store) {
        store.index(Docs.VOLUME, NAME, Volume.class, v -> v.tags().isEmpty() ? List.of() : TAGGED);
        store.index(Docs.INTERFACE, NAME, NetworkInterface.class, n -> n.tags().isEmpty() ? List.of() : TAGGED);
    }

    /** The tagged documents of {@code kind} in id order after {@code afterId}, read a chunk at a time as it goes. */
    static <T> Iterator<T> walk(StateView view, String kind, String scope, Class<T> type, String afterId) {
        // An id the index still holds may name a document deleted in this transaction: getEach skips it.
        return view.getEach(kind, scope, view.lookupFrom(kind, scope, NAME, TAGGED, afterId), type);
    }
}
