package io.altostratus.store.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Decodes the strings of stored documents through a small cache, so that documents read back from the store share
 * one copy of each value they repeat (a zone, an instance type, a VPC, subnet or image id, a tag key) the way
 * documents made by requests do. Read one by one, a hundred thousand instances each held their own copies of some
 * twenty such values, a kilobyte per instance more than a server that launched them. The cache is direct-mapped
 * (a value takes its hash's slot and evicts what was there): ids seen once pass through without growing it, and a
 * value repeated from document to document is found again before anything evicts it.
 */
final class SharedStrings {

    private static final int SLOTS = 4096; // a power of two
    private static final int LONGEST = 64; // longer values are seldom repeated: descriptions, user data, JSON

    private final String[] slots = new String[SLOTS];

    /** The module that makes a mapper decode strings, and map keys, through {@code strings}. */
    static SimpleModule module(SharedStrings strings) {
        SimpleModule module = new SimpleModule("alto-shared-strings");
        module.addDeserializer(String.class, new Values(strings));
        module.addKeyDeserializer(String.class, new Keys(strings));
        return module;
    }

    /** {@code value}, or an equal string decoded before it. */
    String share(String value) {
        if (value == null || value.length() > LONGEST) {
            return value;
        }
        int slot = value.hashCode() & (SLOTS - 1);
        // Racy on purpose: a String is immutable and safely published, so a thread sees either slot content whole.
        String known = slots[slot];
        if (value.equals(known)) {
            return known;
        }
        slots[slot] = value;
        return value;
    }

    private static final class Values extends StdScalarDeserializer<String> {
        private final transient SharedStrings strings;

        Values(SharedStrings strings) {
            super(String.class);
            this.strings = strings;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                return strings.share(p.getText());
            }
            // Numbers, booleans, embedded objects: coerced as Jackson's own string deserializer does.
            return strings.share(StringDeserializer.instance.deserialize(p, ctxt));
        }
    }

    private static final class Keys extends KeyDeserializer {
        private final SharedStrings strings;

        Keys(SharedStrings strings) {
            this.strings = strings;
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            return strings.share(key);
        }
    }
}
