package io.altostratus.store.internal;

/**
 * One live document in memory: its JSON and insertion sequence, plus the last value it was decoded into, so
 * repeated reads as the same class cost nothing. Immutable apart from that cache; a change makes a new Doc.
 */
final class Doc {

    private record Decoded(Class<?> type, Object value) {
    }

    private final Key key;
    private final long seq;
    private final String json;
    // Racing threads may both decode; either result is equal and the last one written is kept.
    private volatile Decoded decoded;

    Doc(Key key, long seq, String json) {
        this.key = key;
        this.seq = seq;
        this.json = json;
    }

    /**
     * A document whose JSON was just encoded from {@code value}. A record (immutable by design, and decoded from its
     * JSON back into an equal record) is kept as the already-decoded value of its own class, so reading back what
     * this process wrote skips the JSON decode: the index filing it at commit, and every read after. Any other
     * object may still change after it was put, so only its JSON, the snapshot taken at put, is kept.
     */
    Doc(Key key, long seq, String json, Object value) {
        this(key, seq, json);
        if (value != null && value.getClass().isRecord()) {
            decoded = new Decoded(value.getClass(), value);
        }
    }

    Key key() {
        return key;
    }

    long seq() {
        return seq;
    }

    String json() {
        return json;
    }

    /** The value this document was made from, when it is kept (see the constructor), else null. */
    Object keptValue() {
        Decoded cached = decoded;
        return cached == null ? null : cached.value();
    }

    <T> T as(Class<T> type) {
        Decoded cached = decoded;
        if (cached != null && cached.type() == type) {
            return type.cast(cached.value());
        }
        T value = DocumentCodec.INSTANCE.decode(key, json, type);
        decoded = new Decoded(type, value);
        return value;
    }
}
