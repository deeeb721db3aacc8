package io.altostratus.catalog.internal.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * The reference data the shipped catalog was converted from, read independently of the converter so that tests
 * compare the catalog with the source rather than with itself. Absent on machines without {@code /work/shared}.
 */
final class SourceData {
    static final Path ROOT = Path.of(System.getProperty("alto.catalog.source", "/work/shared/data"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceData() {
    }

    static boolean present() {
        return Files.isRegularFile(ROOT.resolve("pricing.json.gz"))
                && Files.isDirectory(ROOT.resolve("aws/offerings/region"));
    }

    static JsonNode json(String relative) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ROOT.resolve(relative)))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An offerings file as location -> offered type names. */
    static Map<String, Set<String>> offerings(String kind, String region) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (JsonNode o : json("aws/offerings/" + kind + "/" + region + ".json.gz")) {
            out.computeIfAbsent(o.get("Location").asText(), k -> new TreeSet<>()).add(o.get("InstanceType").asText());
        }
        return out;
    }
}
