package io.altostratus.cli.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders command results as aligned tables for people, or as JSON or YAML for programs. JSON and YAML share
 * one rule: every field of a value is printed, a missing value as {@code null}; times are ISO-8601.
 */
public final class Output {

    /** The {@code -o} choices. */
    public enum Format {
        TABLE, JSON, YAML;

        public static Format parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "table", "text" -> TABLE;
                case "json" -> JSON;
                case "yaml", "yml" -> YAML;
                default -> throw new UsageException("unknown output format '" + text + "' (expected table, json or yaml)");
            };
        }
    }

    /**
     * The mappers are built on first use, each in its own holder class: a table needs neither (a mapper costs tens
     * of milliseconds of start-up), and JSON output does not need the YAML one. A provider's details are its own
     * types; one that carries no fields prints as {} rather than failing the command.
     */
    private static final class JsonHolder {
        static final ObjectMapper JSON = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
        static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    }

    private static final class YamlHolder {
        static final ObjectMapper YAML = YAMLMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
    }

    private final Format format;
    private final PrintWriter out;
    private Runnable beforeWrite = () -> { };

    public Output(Format format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    /**
     * Runs before anything is printed: a progress line on the same terminal must be erased first, or the data
     * would start in the middle of it.
     */
    public Output beforeWrite(Runnable hook) {
        this.beforeWrite = hook;
        return this;
    }

    public Format format() {
        return format;
    }

    public boolean isTable() {
        return format == Format.TABLE;
    }

    /** A listing: a table, or an array of views. */
    public <T> void list(List<T> items, Function<? super T, ?> view, Table<T> table) {
        beforeWrite.run();
        if (format == Format.TABLE) {
            table.render(items, out);
        } else if (format == Format.JSON) {
            // One element at a time: a listing of a large fleet never holds its whole text, or every view, at once.
            try (JsonGenerator json = JsonHolder.JSON.writer(JsonHolder.PRETTY)
                    .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
                json.writeStartArray();
                int written = 0;
                for (T item : items) {
                    json.writeObject(view.apply(item));
                    // A reader that has gone (`| head`) shows as an error on the stream: stop making what nobody reads.
                    if (++written % 1000 == 0 && out.checkError()) {
                        return;
                    }
                }
                json.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        } else {
            List<Object> views = new ArrayList<>(items.size());
            items.forEach(i -> views.add(view.apply(i)));
            structured(views);
        }
        out.flush();
    }

    /** One value: "field: value" lines, or one object. */
    public void object(Object view) {
        beforeWrite.run();
        if (format == Format.TABLE) {
            details(JsonHolder.JSON.valueToTree(view));
        } else {
            structured(view);
        }
        out.flush();
    }

    /** The view as JSON or YAML text, exactly as it would be printed. */
    public void structured(Object value) {
        beforeWrite.run();
        try {
            if (format == Format.YAML) {
                out.print(YamlHolder.YAML.writeValueAsString(value));
            } else {
                out.println(JsonHolder.JSON.writer(JsonHolder.PRETTY).writeValueAsString(value));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plain text for table mode (a private key, a version line). */
    public void text(String text) {
        beforeWrite.run();
        out.println(text);
        out.flush();
    }

    private void details(JsonNode node) {
        int width = 0;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            width = Math.max(width, names.next().length());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            out.println(String.format("%-" + (width + 1) + "s %s", field.getKey() + ":", inline(field.getValue())));
        }
    }

    /** One cell or detail value: scalars as text, flat lists and maps as short lists, the rest as JSON. */
    static String inline(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        boolean flat = true;
        for (JsonNode child : value) {
            flat &= child.isValueNode();
        }
        if (flat && value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.asText()));
            return parts.isEmpty() ? "-" : String.join(", ", parts);
        }
        if (flat && value.isObject()) {
            List<String> parts = new ArrayList<>();
            value.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
            return parts.isEmpty() ? "-" : String.join(", ", parts);
        }
        return value.toString();
    }
}
