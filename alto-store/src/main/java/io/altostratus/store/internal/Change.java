package io.altostratus.store.internal;

/**
 * The final state of one document after a write transaction: its JSON, or {@code null} when it was deleted.
 * {@code seq} is its insertion sequence (which orders {@code list}); 0 while not yet assigned.
 */
record Change(Key key, long seq, String json) {

    boolean deleted() {
        return json == null;
    }
}
