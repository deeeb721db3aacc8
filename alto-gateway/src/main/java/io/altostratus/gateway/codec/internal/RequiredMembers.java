package io.altostratus.gateway.codec.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which members the EC2 model requires, per input shape. The SDK v2 classes do not carry "required", so these facts
 * are extracted from the EC2 model JSON at development time into {@value #RESOURCE}: one line per shape, the SDK
 * class's simple name followed by the required member names, separated by spaces; {@code #} starts a comment.
 */
public final class RequiredMembers {
    /** The resource, relative to this class. */
    public static final String RESOURCE = "ec2-required-members.txt";

    private RequiredMembers() {
    }

    /** The required member names of a shape (by the SDK's member names), empty when none or unknown. */
    public static Set<String> of(String shapeName) {
        return Holder.TABLE.getOrDefault(shapeName, Set.of());
    }

    /** The whole table, for tests. */
    public static Map<String, Set<String>> table() {
        return Holder.TABLE;
    }

    /** Parses the resource format. */
    public static Map<String, Set<String>> parse(BufferedReader reader) throws IOException {
        Map<String, Set<String>> table = new HashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split(" +");
            table.put(words[0], Set.of(java.util.Arrays.copyOfRange(words, 1, words.length)));
        }
        return Map.copyOf(table);
    }

    private static final class Holder {
        static final Map<String, Set<String>> TABLE = load();

        private static Map<String, Set<String>> load() {
            try (InputStream in = RequiredMembers.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
