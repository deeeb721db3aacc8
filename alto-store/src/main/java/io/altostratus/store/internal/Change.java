package io.altostratus.store.internal;

/**
 * The final state of one document after a write transaction: its JSON, or {@code null} when it was deleted.
 * {@code seq} is its insertion sequence (which orders {@code list}); 0 while not yet assigned. {@code value} is the
 * object this process put, when it may stand for its JSON (see {@link Doc#Doc(Key, long, String, Object)}); null for
 * changes read back from disk, which only have their JSON.
 */
record Change(Key key, long seq, String json, Object value) {

    Change(Key key, long seq, String json) {
        this(key, seq, json, null);
    }

    boolean deleted() {
        return json == null;
    }

    /** The same change with its insertion sequence assigned. */
    Change withSeq(long newSeq) {
        return new Change(key, newSeq, json, value);
    }
}
