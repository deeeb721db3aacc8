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

    Key key() {
        return key;
    }

    long seq() {
        return seq;
    }

    String json() {
        return json;
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
