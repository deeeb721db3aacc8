package io.altostratus.gateway.arm.internal;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonSerializable;
import com.azure.json.JsonWriter;
import com.azure.json.ReadValueCallback;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON in and out through the SDK's own models: request bodies are read with the model's {@code fromJson} (unknown
 * fields ignored, as the model does) and responses written with its {@code toJson}. The models do not write the
 * fields ARM marks read-only (id, name, type, provisioningState, vmId, instanceView...), so the answer is the
 * model's output as a tree and {@link #put} adds exactly those fields afterwards.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The model's own JSON as a tree. */
    public static ObjectNode tree(JsonSerializable<?> model) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = JsonProviders.createWriter(out)) {
            model.toJson(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            JsonNode node = MAPPER.readTree(out.toString());
            return node instanceof ObjectNode object ? object : MAPPER.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a model from JSON text with the model's own reader; malformed JSON is ARM's InvalidRequestContent. */
    public static <T> T parse(String json, ReadValueCallback<JsonReader, T> reader) {
        try (JsonReader r = JsonProviders.createReader(json)) {
            T value = reader.read(r);
            if (value == null) {
                throw new ArmException(400, "InvalidRequestContent", "The request content was invalid and could "
                        + "not be deserialized: the body is empty or not an object.");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ArmException arm) {
                throw arm;
            }
            throw new ArmException(400, "InvalidRequestContent", "The request content was invalid and could not be "
                    + "deserialized: '" + e.getMessage() + "'.");
        }
    }

    /** A model written and read back: the normal form kept in the store. */
    public static String text(JsonSerializable<?> model) {
        return tree(model).toString();
    }

    public static ObjectNode readTree(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return node instanceof ObjectNode object ? object : MAPPER.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code properties} object of a resource, made when absent. */
    public static ObjectNode properties(ObjectNode resource) {
        JsonNode existing = resource.get("properties");
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return resource.putObject("properties");
    }

    /** Adds the read-only identity fields ARM puts first on every resource. */
    public static ObjectNode identify(ObjectNode model, String id, String name, String type) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("name", name);
        out.put("id", id);
        if (type != null) {
            out.put("type", type);
        }
        out.setAll(model);
        return out;
    }

    /** An object as an array element list (a missing or non-array field is an empty array, not stored). */
    public static ArrayNode array(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        return node instanceof ArrayNode array ? array : MAPPER.createArrayNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
