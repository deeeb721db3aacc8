package io.altostratus.qemu.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code qemu-img}: what a disk image file is, conversions, overlays and internal snapshots. */
public final class QemuImg {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The formats an import takes. */
    public static final Set<String> IMPORTABLE = Set.of("qcow2", "raw", "vmdk");
    private static final Duration QUICK = Duration.ofMinutes(2);
    private static final Duration COPY = Duration.ofMinutes(30);

    private final String program;

    public QemuImg(String program) {
        this.program = program;
    }

    /**
     * What {@code qemu-img info --output=json} says of a file.
     *
     * @param format       the format qemu-img detected ({@code qcow2}, {@code raw}, {@code vmdk}, ...)
     * @param virtualSize  the disk's size as the guest sees it, in bytes
     * @param actualSize   the bytes the file takes on the host, or -1 when not reported
     * @param backingFile  the file it is an overlay on, or null
     */
    public record Info(String format, long virtualSize, long actualSize, String backingFile) {
    }

    /** Parses {@code qemu-img info --output=json}. */
    public static Info parseInfo(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "QemuImgOutput", "qemu-img info printed no JSON: "
                    + Commands.tail(json));
        }
        if (node == null || !node.hasNonNull("format") || !node.hasNonNull("virtual-size")) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "QemuImgOutput",
                    "qemu-img info names no format or virtual size: " + Commands.tail(json));
        }
        String backing = node.hasNonNull("full-backing-filename") ? node.get("full-backing-filename").asText()
                : node.hasNonNull("backing-filename") ? node.get("backing-filename").asText() : null;
        return new Info(node.get("format").asText().toLowerCase(Locale.ROOT), node.get("virtual-size").asLong(),
                node.path("actual-size").asLong(-1), backing);
    }

    public Info info(Path file) {
        // -U: the file may be open in a running QEMU; info only reads its header
        return parseInfo(Commands.run(List.of(program, "info", "-U", "--output=json", file.toString()), null, QUICK)
                .stdout());
    }

    /** Converts (and flattens any backing chain of) {@code source} into a new {@code qcow2} file. */
    public void convertToQcow2(Path source, String sourceFormat, Path target) {
        List<String> argv = new ArrayList<>(List.of(program, "convert", "-p", "-O", "qcow2"));
        if (sourceFormat != null) {
            argv.addAll(List.of("-f", sourceFormat));
        }
        argv.addAll(List.of(source.toString(), target.toString()));
        Commands.run(argv, null, COPY);
    }

    /** A new qcow2 overlay on {@code base} (qcow2), grown to {@code sizeBytes} when that is larger (0 keeps it). */
    public void createOverlay(Path base, Path overlay, long sizeBytes) {
        List<String> argv = new ArrayList<>(List.of(program, "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                base.toAbsolutePath().toString(), overlay.toString()));
        if (sizeBytes > 0) {
            argv.add(Long.toString(sizeBytes));
        }
        Commands.run(argv, null, QUICK);
    }

    /** An empty qcow2 disk of that size. */
    public void createEmpty(Path file, long sizeBytes) {
        Commands.run(List.of(program, "create", "-q", "-f", "qcow2", file.toString(), Long.toString(sizeBytes)),
                null, QUICK);
    }

    /** Takes ({@code -c}), applies ({@code -a}) or deletes ({@code -d}) an internal snapshot of a qcow2 file. */
    public void snapshot(String operation, String name, Path file) {
        Commands.run(List.of(program, "snapshot", operation, name, file.toString()), null, QUICK);
    }

    /** Resizes a disk image to {@code sizeBytes}. */
    public void resize(Path file, long sizeBytes) {
        Commands.run(List.of(program, "resize", "-q", file.toString(), Long.toString(sizeBytes)), null, QUICK);
    }
}
