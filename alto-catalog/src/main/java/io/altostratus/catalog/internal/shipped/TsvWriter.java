package io.altostratus.catalog.internal.shipped;

import io.altostratus.catalog.CatalogSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writes the files {@link ShippedFiles} reads: tab-separated lines, gzip where a name ends in {@code .gz}. */
public final class TsvWriter {
    private TsvWriter() {
    }

    /** Appends one line of {@code fields}; a tab or line break inside a field becomes a space. */
    public static void line(StringBuilder text, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (breaksLine(f)) {
                // A tab or line break would split the field; the layout has no escaping, so flatten it.
                f = f.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
            }
            if (i > 0) {
                text.append(ShippedFiles.SEPARATOR);
            }
            text.append(f);
        }
        text.append('\n');
    }

    /** Whether {@code field} holds a tab or a line break, which would split it when written as is. */
    public static boolean breaksLine(String field) {
        return field.indexOf(ShippedFiles.SEPARATOR) >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
    }

    /** An unknown (null) text as the empty field. */
    public static String empty(String s) {
        return s == null ? "" : s;
    }

    /** A price as the shortest plain decimal, an unknown one as the empty field. */
    public static String price(Double p) {
        return p == null ? "" : BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }

    /** The {@value ShippedFiles#SOURCE} of a snapshot: its description, with its notes, on one line and its date. */
    public static String source(CatalogSnapshot snapshot) {
        String description = snapshot.source().description();
        if (!snapshot.notes().isEmpty()) {
            description += " (" + String.join("; ", snapshot.notes()) + ")";
        }
        return "description=" + description.replace('\n', ' ') + "\n"
                + "takenAt=" + snapshot.source().takenAt() + "\n";
    }

    /**
     * Writes {@code text} to {@code file} (gzipped where its name ends in {@code .gz}) beside its final name and
     * renames it over that, so a reader never sees half a file.
     *
     * @return the bytes written
     */
    public static long write(Path file, String text) throws IOException {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (OutputStream out = file.getFileName().toString().endsWith(".gz") ? new BestGzip(buffer) : buffer) {
            out.write(raw);
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temp, buffer.toByteArray());
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return buffer.size();
    }

    /** Deletes the files in {@code folder} other than {@code kept}: region files of regions a snapshot lacks. */
    public static void deleteAllBut(Path folder, Set<Path> kept) throws IOException {
        try (Stream<Path> old = Files.list(folder)) {
            for (Path p : old.toList()) {
                if (!kept.contains(p)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** GZIP at the best level; the JDK writes a zero timestamp, so the output depends on the content only. */
    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
