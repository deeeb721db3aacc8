package io.altostratus.gateway.arm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer: status, extra headers and a JSON body (null for none). */
public record Reply(int status, Map<String, String> headers, JsonNode body) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply ok(JsonNode body) {
        return new Reply(200, Map.of(), body);
    }

    public static Reply of(int status, JsonNode body) {
        return new Reply(status, Map.of(), body);
    }

    public static Reply empty(int status) {
        return new Reply(status, Map.of(), null);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, more, body);
    }
}
