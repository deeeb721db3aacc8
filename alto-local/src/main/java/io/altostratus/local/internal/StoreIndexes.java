package io.altostratus.local.internal;

import io.altostratus.store.StateStore;

/** Every store index the local cloud reads through, registered at once by whatever opens a session on a store. */
public final class StoreIndexes {
    private StoreIndexes() {
    }

    /** Registers the indexes on a store; cheap when a session on the same store already did. */
    public static void register(StateStore store) {
        InstanceIndex.register(store);
        TaggedIndex.register(store);
    }
}
