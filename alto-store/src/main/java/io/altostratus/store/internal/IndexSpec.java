package io.altostratus.store.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * What one index files: for the documents of one kind, decoded as a type, the keys a pure function gives. The name
 * and version say which function it is, so that keys persisted by one build are only trusted by builds that file
 * the same way.
 */
final class IndexSpec {

    private final String kind;
    private final String name;
    private final int version;
    private final Class<?> type;
    private final Function<Object, ? extends Collection<String>> keyFunction;

    @SuppressWarnings("unchecked")
    <T> IndexSpec(String kind, String name, int version, Class<T> type,
                  Function<? super T, ? extends Collection<String>> keys) {
        this.kind = kind;
        this.name = name;
        this.version = version;
        this.type = type;
        this.keyFunction = (Function<Object, ? extends Collection<String>>) keys;
    }

    String kind() {
        return kind;
    }

    String name() {
        return name;
    }

    int version() {
        return version;
    }

    /**
     * The keys {@code doc} is filed under. A document that does not decode as the index's type, or that the key
     * function fails on, has none: an index must never stop a committed change from being stored.
     */
    Set<String> keysOf(String account, Doc doc) {
        Object value;
        try {
            value = doc.as(new Key(kind, account, doc.id()), type);
        } catch (RuntimeException unreadable) {
            return Set.of();
        }
        return keysOfValue(value);
    }

    /** The keys of a document already decoded as the index's type (or of another type, which has none). */
    Set<String> keysOfValue(Object value) {
        if (!type.isInstance(value)) {
            return Set.of();
        }
        Collection<String> keys;
        try {
            keys = keyFunction.apply(value);
        } catch (RuntimeException unreadable) {
            return Set.of();
        }
        if (keys == null || keys.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String key : keys) {
            if (key != null) {
                out.add(key);
            }
        }
        return out;
    }

    /** Decodes {@code json} as the index's type; null when it does not decode. */
    Object decode(Key key, String json) {
        try {
            return DocumentCodec.INSTANCE.decode(key, json, type);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
