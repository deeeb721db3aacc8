package io.altostratus.gateway.gce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares our JSON with a recording of the real service: every field both carry has the same JSON type (string,
 * number, boolean, object, array), recursively; map-like objects ({@code items} of aggregated lists, keyed by
 * scope) are compared entry against entry of the recording.
 */
final class WireShapes {
    static final Path RECORDINGS = Path.of("/work/shared/data/wire/gce");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WireShapes() {
    }

    static boolean recordingsPresent() {
        return Files.isDirectory(RECORDINGS);
    }

    static JsonNode recording(String file) throws IOException {
        return MAPPER.readTree(RECORDINGS.resolve(file).toFile());
    }

    static JsonNode parse(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** Type disagreements, as {@code path: ours vs recorded}; empty when the shapes agree. */
    static List<String> typeMismatches(JsonNode ours, JsonNode recorded) {
        List<String> out = new ArrayList<>();
        compare("$", ours, recorded, out, false);
        return out;
    }

    private static void compare(String path, JsonNode ours, JsonNode recorded, List<String> out, boolean keyedMap) {
        if (type(ours) != type(recorded)) {
            out.add(path + ": " + type(ours) + " vs " + type(recorded));
            return;
        }
        if (ours.isObject()) {
            if (keyedMap) {
                // Compare each of our entries with the recording's first entry of the same inner shape.
                Iterator<Map.Entry<String, JsonNode>> ourEntries = ours.properties().iterator();
                while (ourEntries.hasNext()) {
                    Map.Entry<String, JsonNode> mine = ourEntries.next();
                    for (Map.Entry<String, JsonNode> theirs : recorded.properties()) {
                        compare(path + "." + mine.getKey(), mine.getValue(), theirs.getValue(), out, false);
                    }
                }
                return;
            }
            for (Map.Entry<String, JsonNode> field : ours.properties()) {
                JsonNode theirs = recorded.get(field.getKey());
                if (theirs != null) {
                    compare(path + "." + field.getKey(), field.getValue(), theirs, out,
                            field.getKey().equals("items") && field.getValue().isObject());
                }
            }
        } else if (ours.isArray() && !recorded.isEmpty()) {
            for (int i = 0; i < ours.size(); i++) {
                compare(path + "[" + i + "]", ours.get(i), recorded.get(Math.min(i, recorded.size() - 1)), out,
                        false);
            }
        }
    }

    /** Fields of {@code keys} (dotted paths) the recording has and ours lacks. */
    static List<String> missing(JsonNode ours, JsonNode recorded, List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            if (!at(recorded, key).isMissingNode() && at(ours, key).isMissingNode()) {
                out.add(key);
            }
        }
        return out;
    }

    private static JsonNode at(JsonNode node, String dotted) {
        JsonNode current = node;
        for (String part : dotted.split("\\.")) {
            current = current.isArray() ? current.path(Integer.parseInt(part)) : current.path(part);
        }
        return current;
    }

    private static String type(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case OBJECT -> "object";
            case ARRAY -> "array";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
