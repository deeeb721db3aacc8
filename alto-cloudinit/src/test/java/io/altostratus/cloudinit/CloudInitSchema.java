package io.altostratus.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** cloud-init's own schema check, through its command line and, for many documents at once, its Python API. */
final class CloudInitSchema {
    private CloudInitSchema() {
    }

    /** {@code cloud-init schema --config-file F}: what it printed and how it exited. */
    static Tools.Result check(Path dir, String document) {
        Path cloudInit = Tools.require("cloud-init");
        try {
            Path file = Files.createTempFile(dir, "user-data", ".yaml");
            Files.writeString(file, document, StandardCharsets.UTF_8);
            return Tools.run(cloudInit.toString(), "schema", "--config-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertValid(Path dir, String document) {
        Tools.Result r = check(dir, document);
        assertThat(r.exit()).as("cloud-init schema on\n%s\n%s%s", document, r.out(), r.stderr()).isZero();
        assertThat(r.out()).contains("Valid cloud-config");
    }

    /**
     * Validates many documents in one Python process with cloud-init's strict schema validation, after checking
     * each starts with the #cloud-config line; returns each document as PyYAML loaded it (as JSON values).
     */
    static List<Object> validateAll(List<String> documents) {
        Path python = Tools.cloudInitPython();
        String script = String.join("\n",
                "import json, sys, yaml",
                "from cloudinit.config.schema import validate_cloudconfig_schema, get_schema",
                "schema = get_schema()",
                "out = []",
                "for doc in json.load(sys.stdin):",
                "    assert doc.startswith('#cloud-config\\n'), doc[:40]",
                "    config = yaml.safe_load(doc)",
                "    try:",
                "        validate_cloudconfig_schema(config, schema, strict=True)",
                "    except Exception as e:",
                "        print('INVALID', e, '\\n', doc, file=sys.stderr)",
                "        sys.exit(3)",
                "    out.append(config)",
                "print(json.dumps(out))");
        try {
            byte[] input = new ObjectMapper().writeValueAsBytes(documents);
            Tools.Result r = Tools.run(List.of(python.toString(), "-c", script), input).ok();
            return new ObjectMapper().readValue(r.stdout(), List.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
