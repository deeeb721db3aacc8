package io.altostratus.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings from {@code alto.toml} and the environment, merged. Command-line flags win over both; the environment
 * wins over the file. The file has top-level defaults and a table per provider:
 *
 * <pre>
 * provider = "local"
 * region = "us-east-1"
 * output = "table"
 * state_dir = "/var/lib/alto"
 *
 * [local]
 * transition_ms = 2000
 *
 * [aws]
 * profile = "lab"
 * endpoint = "http://127.0.0.1:8773"
 * </pre>
 *
 * Environment: {@code ALTO_PROVIDER}, {@code ALTO_REGION}, {@code ALTO_OUTPUT}, {@code ALTO_STATE_DIR},
 * {@code ALTO_ENDPOINT}, {@code ALTO_CONFIG} (the file), and {@code ALTO_<PROVIDER>_<KEY>} for a provider setting.
 */
public final class AltoConfig {
    private final Path source;
    private final Map<String, String> top;
    private final Map<String, Map<String, String>> sections;
    private final Map<String, String> env;

    private AltoConfig(Path source, Map<String, String> top, Map<String, Map<String, String>> sections,
                       Map<String, String> env) {
        this.source = source;
        this.top = top;
        this.sections = sections;
        this.env = env;
    }

    /** No file, no environment: only built-in defaults. */
    public static AltoConfig empty() {
        return new AltoConfig(null, Map.of(), Map.of(), Map.of());
    }

    /**
     * Loads the file named by {@code explicit}, else {@code ALTO_CONFIG}, else {@code ./alto.toml}, else
     * {@code $XDG_CONFIG_HOME/alto/alto.toml} ({@code ~/.config/alto/alto.toml}). A missing default file is fine;
     * a missing explicit file or a malformed one is an {@code INVALID_PARAMETER} error.
     */
    public static AltoConfig load(Path explicit, Map<String, String> env) {
        Path file = explicit;
        if (file == null && env.get("ALTO_CONFIG") != null) {
            file = Path.of(env.get("ALTO_CONFIG"));
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "ConfigNotFound", "config file not found: " + file);
        }
        if (file == null) {
            for (Path candidate : new Path[] {Path.of("alto.toml"), configHome(env).resolve("alto/alto.toml")}) {
                if (Files.isRegularFile(candidate)) {
                    file = candidate;
                    break;
                }
            }
        }
        Map<String, String> top = new LinkedHashMap<>();
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        if (file != null) {
            JsonNode root;
            try {
                root = new TomlMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "ConfigMalformed",
                        "cannot read config " + file + ": " + firstLine(e.getMessage()), e);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isObject()) {
                    Map<String, String> section = new LinkedHashMap<>();
                    field.getValue().fields().forEachRemaining(e -> section.put(e.getKey(), text(e.getValue())));
                    sections.put(field.getKey().toLowerCase(Locale.ROOT), section);
                } else {
                    top.put(field.getKey(), text(field.getValue()));
                }
            }
        }
        return new AltoConfig(file, top, sections, Map.copyOf(env));
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed TOML";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Path home(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home);
    }

    private static Path configHome(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : home(env).resolve(".config");
    }

    /** The file the settings came from, if any. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** A top-level setting: the environment's {@code ALTO_<KEY>} first, then the file. */
    public Optional<String> get(String key) {
        String fromEnv = env.get("ALTO_" + key.toUpperCase(Locale.ROOT));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv);
        }
        return Optional.ofNullable(top.get(key));
    }

    /** A provider's settings: its table in the file, overlaid with {@code ALTO_<PROVIDER>_<KEY>} variables. */
    public Map<String, String> section(String provider) {
        String p = provider.toLowerCase(Locale.ROOT);
        Map<String, String> merged = new LinkedHashMap<>(sections.getOrDefault(p, Map.of()));
        String prefix = "ALTO_" + p.toUpperCase(Locale.ROOT) + "_";
        env.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                merged.put(k.substring(prefix.length()).toLowerCase(Locale.ROOT), v);
            }
        });
        return merged;
    }

    /**
     * The default state directory for providers that keep local state: {@code state_dir} if set, else
     * {@code $XDG_STATE_HOME/alto}, else {@code ~/.local/state/alto}.
     */
    public Path defaultStateDir() {
        Optional<String> configured = get("state_dir");
        if (configured.isPresent()) {
            return Path.of(configured.get());
        }
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home(env).resolve(".local/state");
        return base.resolve("alto");
    }
}
