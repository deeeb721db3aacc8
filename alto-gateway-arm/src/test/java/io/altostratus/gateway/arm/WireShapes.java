package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Compares our responses with the recorded ARM responses in the shared wire folder: every field our answer carries
 * that the recording also has must have the same JSON type there (object, array, string, number, boolean), and the
 * fields the test names as key must be present in ours. Tests skip, saying why, when the folder is absent.
 */
final class WireShapes {
    static final Path DIR = Path.of("/work/shared/data/wire/azure");

    private WireShapes() {
    }

    /** The recorded response (status, headers, body) of a recording file. */
    static JsonNode recording(String file) {
        Path path = DIR.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(path), "recording " + path + " is absent: wire check skipped");
        try {
            return Http.JSON.readTree(Files.readString(path)).path("response");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The type mismatches between ours and the recorded body, as "path: ours vs recorded". */
    static List<String> mismatches(JsonNode ours, JsonNode recorded) {
        List<String> out = new ArrayList<>();
        walk("", ours, recorded, out);
        return out;
    }

    private static void walk(String path, JsonNode ours, JsonNode recorded, List<String> out) {
        if (recorded == null || recorded.isMissingNode() || recorded.isNull() || ours.isNull()) {
            return;
        }
        if (kind(ours) != kind(recorded)) {
            out.add(path + ": " + kind(ours) + " vs " + kind(recorded));
            return;
        }
        if (ours.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ours.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(path + "/" + e.getKey(), e.getValue(), recorded.get(e.getKey()), out);
            }
        } else if (ours.isArray() && !ours.isEmpty() && !recorded.isEmpty()) {
            for (JsonNode element : ours) {
                walk(path + "/0", element, recorded.get(0), out);
            }
        }
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return "string";
    }

    /** Asserts the type agreement and that each key pointer present in the recording is present in ours. */
    static void check(JsonNode ours, String file, String... keys) {
        JsonNode recorded = recording(file).path("body");
        assertThat(mismatches(ours, recorded)).as("field types against " + file).isEmpty();
        for (String key : keys) {
            assertThat(recorded.at(key).isMissingNode()).as("the recording " + file + " has " + key).isFalse();
            assertThat(ours.at(key).isMissingNode()).as("our answer has " + key + " as " + file + " does").isFalse();
        }
    }
}
