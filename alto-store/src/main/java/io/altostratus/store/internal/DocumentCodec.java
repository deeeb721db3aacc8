package io.altostratus.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;

/** Turns documents into the JSON the store keeps, and back. */
final class DocumentCodec {

    // Unknown properties are ignored so that a document written by a newer build that added a field still reads
    // in an older one; incompatible changes are what the schema version is for. Offsets are kept as written.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(SharedStrings.module(new SharedStrings()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    static final DocumentCodec INSTANCE = new DocumentCodec();

    private DocumentCodec() {
    }

    String encode(Key key, Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "StateDocumentInvalid",
                    "cannot store " + key + " (" + document.getClass().getName() + ") as JSON: "
                            + e.getOriginalMessage(), e);
        }
    }

    <T> T decode(Key key, String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "StateDocumentInvalid",
                    "stored document " + key + " cannot be read as " + type.getName() + ": "
                            + e.getOriginalMessage(), e);
        }
    }
}
