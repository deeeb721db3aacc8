package io.altostratus.catalog.internal.shipped;

import io.altostratus.catalog.Catalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The files of one shipped catalog (the AWS and the GCP layouts), read by their path relative to the catalog's folder,
 * from the class path or from a directory such as a builder's output. What the layouts share is here: the
 * {@value #SOURCE} and {@value #REGIONS} names, the {@value #REGION_DIR} folder, tab-separated lines (gzip where a
 * name ends in {@code .gz}) in which an empty field stands for "unknown" (null).
 *
 * <p>The files are tab-separated text rather than JSON: a CLI call starts a fresh JVM, and splitting a few thousand
 * short lines costs a few milliseconds where warming up a JSON mapper costs far more.
 */
public final class ShippedFiles {
    /** {@code key=value} lines: description, takenAt (and whatever else a builder records). */
    public static final String SOURCE = "source.properties";
    /** One line per region, its name first. */
    public static final String REGIONS = "regions.tsv";
    /** The folder of the per-region files. */
    public static final String REGION_DIR = "regions/";
    public static final char SEPARATOR = '\t';

    private final String base;
    private final Opener opener;
    // Racy but idempotent: two threads may both parse the tiny source file and publish equal values.
    private volatile Catalog.Source source;
    private volatile Map<String, String> properties;

    @FunctionalInterface
    private interface Opener {
        InputStream open(String relativePath) throws IOException;
    }

    private ShippedFiles(String base, Opener opener) {
        this.base = base;
        this.opener = opener;
    }

    /** The files under the class-path folder {@code base}, as shipped in this jar. */
    public static ShippedFiles onClasspath(String base) {
        ClassLoader loader = ShippedFiles.class.getClassLoader();
        return new ShippedFiles(base, path -> {
            InputStream in = loader.getResourceAsStream(base + path);
            if (in == null) {
                throw new NoSuchFileException(base + path);
            }
            return in;
        });
    }

    /** The files under {@code root}/{@code base}. */
    public static ShippedFiles inDirectory(Path root, String base) {
        Path folder = root.resolve(base);
        return new ShippedFiles(base, path -> Files.newInputStream(folder.resolve(path)));
    }

    /** What {@value #SOURCE} says, read once. */
    public Catalog.Source source() {
        Catalog.Source local = source;
        if (local == null) {
            Map<String, String> props = properties();
            local = new Catalog.Source(props.get("description"), Instant.parse(props.get("takenAt")));
            source = local;
        }
        return local;
    }

    /** Every {@code key=value} line of {@value #SOURCE}, read once. */
    public Map<String, String> properties() {
        Map<String, String> local = properties;
        if (local == null) {
            Map<String, String> props = new HashMap<>();
            for (String line : lines(SOURCE)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    props.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            local = Map.copyOf(props);
            properties = local;
        }
        return local;
    }

    /** The non-empty lines of one file. */
    public List<String> lines(String path) {
        // Plain loops rather than callbacks here: in a fresh JVM every lambda shape costs time to spin up.
        List<String> lines = new ArrayList<>(2048);
        try (InputStream raw = opener.open(path);
             InputStream in = path.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 15) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 15)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped catalog file " + base + path, e);
        }
        return lines;
    }

    /** Splits one line on tabs, keeping empty fields (String.split would drop trailing ones). */
    public static List<String> fields(String line) {
        List<String> out = new ArrayList<>(16);
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == SEPARATOR) {
                out.add(line.substring(start, i));
                start = i + 1;
            }
        }
        out.add(line.substring(start));
        return out;
    }

    public static String emptyToNull(String field) {
        return field.isEmpty() ? null : field;
    }

    /** {@code yyyy-MM-dd} at 00:00 UTC, without warming up java.time's parsers for a few dozen dates. */
    public static Instant startOfDay(String isoDate) {
        LocalDate date = LocalDate.of(Integer.parseInt(isoDate.substring(0, 4)),
                Integer.parseInt(isoDate.substring(5, 7)), Integer.parseInt(isoDate.substring(8, 10)));
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400L);
    }
}
