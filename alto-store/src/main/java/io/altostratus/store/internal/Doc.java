package io.altostratus.store.internal;

/**
 * One live document in memory: its id, insertion sequence and body. The body is whichever single copy serves reads:
 * the JSON as stored until the document is first read, then, for a record, the record alone (a record decodes back
 * from its JSON into an equal record, so its JSON can be written again whenever it is needed, which in a mirror is
 * almost never). A document of any other type keeps its JSON beside the value it was last decoded into, since such a
 * value may not stand for it. Keeping one copy is most of a large fleet's memory: a JSON string costs about as
 * much as the record it holds.
 */
final class Doc {

    /** A non-record value with the JSON it came from. */
    private record Decoded(Class<?> type, Object value, String json) {
    }

    private final String id;
    private final long seq;
    // String (JSON), a record, or Decoded. Racing threads may both decode; either result is equal.
    private volatile Object body;

    /**
     * @param json  the document's JSON
     * @param value the object it was encoded from by this process, or null; a record is kept instead of the JSON
     */
    Doc(String id, long seq, String json, Object value) {
        this.id = id;
        this.seq = seq;
        this.body = value != null && value.getClass().isRecord() ? value : json;
    }

    String id() {
        return id;
    }

    long seq() {
        return seq;
    }

    /** The document's JSON, written again from its record when only the record is kept. */
    String json(Key key) {
        Object current = body;
        if (current instanceof String json) {
            return json;
        }
        if (current instanceof Decoded decoded) {
            return decoded.json();
        }
        return DocumentCodec.INSTANCE.encode(key, current);
    }

    /** The record this document holds, when it holds one (put by this process or already read), else null. */
    Object keptValue() {
        Object current = body;
        return current instanceof String || current instanceof Decoded ? null : current;
    }

    /** The document as {@code type}; {@code key} only names it in an error. */
    <T> T as(Key key, Class<T> type) {
        Object current = body;
        if (type.isInstance(current) && !(current instanceof String) && !(current instanceof Decoded)) {
            return type.cast(current);
        }
        if (current instanceof Decoded decoded && decoded.type() == type) {
            return type.cast(decoded.value());
        }
        String json = json(key);
        T value = DocumentCodec.INSTANCE.decode(key, json, type);
        if (type.isRecord()) {
            if (!(current instanceof Decoded) && keptValue() == null) {
                body = value;
            }
        } else {
            body = new Decoded(type, value, json);
        }
        return value;
    }
}
