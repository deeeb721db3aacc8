package io.altostratus.cli.internal;

import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.TagFilter;
import io.altostratus.core.spec.DiskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parsers for the values verbs take: tags, disks, sizes, states, and files given as FILE, @FILE or -. */
public final class Args {
    private Args() {
    }

    /** One {@code key=value} tag. */
    public record Tag(String key, String value) {
    }

    /** {@code key=value}: the key is required and at most 128 characters, the value may be empty (EC2's limits). */
    public static final class TagConverter implements ITypeConverter<Tag> {
        @Override
        public Tag convert(String text) {
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw new TypeConversionException("expected KEY=VALUE, got '" + text + "'");
            }
            String key = text.substring(0, eq).strip();
            String value = text.substring(eq + 1);
            if (key.isEmpty()) {
                throw new TypeConversionException("a tag needs a key before '=', got '" + text + "'");
            }
            if (key.length() > 128 || value.length() > 256) {
                throw new TypeConversionException("tag keys are at most 128 and values 256 characters: '" + text + "'");
            }
            return new Tag(key, value);
        }
    }

    /** A tag filter: {@code key=value} (wildcards allowed) or a bare {@code key} for "has this tag". */
    public static final class TagFilterConverter implements ITypeConverter<TagFilter> {
        @Override
        public TagFilter convert(String text) {
            if (text.isBlank() || text.startsWith("=")) {
                throw new TypeConversionException("expected KEY or KEY=VALUE, got '" + text + "'");
            }
            return TagFilter.parse(text);
        }
    }

    /** {@code SIZE[:TYPE]}, size in GiB with an optional G/GB/GiB suffix: {@code 20}, {@code 100G:io2}. */
    public static final class DiskConverter implements ITypeConverter<DiskSpec> {
        private static final Pattern DISK = Pattern.compile("(\\d+)\\s*(?:g|gb|gib)?(?::([A-Za-z0-9._-]+))?",
                Pattern.CASE_INSENSITIVE);

        @Override
        public DiskSpec convert(String text) {
            Matcher m = DISK.matcher(text.strip());
            if (!m.matches()) {
                throw new TypeConversionException("expected SIZE[:TYPE] such as 20 or 100:gp3, got '" + text + "'");
            }
            int size;
            try {
                size = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("disk size is too large: '" + text + "'");
            }
            if (size < 1 || size > 65536) {
                throw new TypeConversionException("disk size must be 1 to 65536 GiB, got '" + text + "'");
            }
            return new DiskSpec(null, size, m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT), 0, null,
                    true);
        }
    }

    /** An instance state by its portable name; EC2's {@code shutting-down} reads as {@code terminating}. */
    public static final class StateConverter implements ITypeConverter<InstanceState> {
        @Override
        public InstanceState convert(String text) {
            try {
                return InstanceState.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(t.key(), t.value()));
        }
        return map;
    }

    /** Splits comma-separated values in repeatable options: {@code --state running,stopped}. */
    public static List<String> splitCommas(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    /** GiB given as a decimal ({@code 0.5}) to whole MiB. */
    public static long gibToMib(Double gib) {
        if (gib == null) {
            return 0;
        }
        if (gib < 0 || gib.isNaN() || gib.isInfinite()) {
            throw new UsageException("memory must be a positive number of GiB, got " + gib);
        }
        return (long) Math.ceil(gib * 1024);
    }

    /**
     * Why a file operation failed, in words: the JDK's file exceptions carry only the path as their message, which
     * after "cannot write X: " reads as the path twice and says nothing.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory (" + e.getMessage() + ")";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT) + " (" + fs.getFile() + ")";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * An endpoint override as the AWS SDK needs it: an absolute http or https URL (the SDK's own check of anything
     * else is a NullPointerException, which would read as an internal error).
     */
    public static URI endpointUrl(String text) {
        URI uri = null;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            // reported below, with the value as given
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new UsageException("the endpoint must be an http:// or https:// URL such as http://127.0.0.1:8773, not '"
                    + text + "'");
        }
        return uri;
    }

    /** Reads {@code FILE}, {@code @FILE} or {@code -} (stdin) as UTF-8 text. */
    public static String readText(String source, InputStream stdin, String what) {
        try {
            if ("-".equals(source)) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            Path file = Path.of(source.startsWith("@") ? source.substring(1) : source);
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException(what + " file not found: " + e.getFile());
        } catch (IOException e) {
            throw new UsageException("cannot read " + what + " from " + source + ": " + reason(e), e);
        }
    }
}
