package io.altostratus.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Catalog snapshots on disk: one gzip'd JSON file per provider ({@code aws.json.gz}) in a directory, by default the
 * user's cache ({@code $XDG_CACHE_HOME/alto/catalog}, else {@code ~/.cache/alto/catalog}).
 *
 * <p>A snapshot is written to a temporary file beside its final name, flushed to disk, and only then renamed over
 * the old one in a single atomic step, so a reader sees either the previous snapshot or the new one, never a part;
 * a refresh that fails or is killed half-way leaves the previous snapshot as it was.
 */
public final class SnapshotStore {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new InstantText())
                    .addDeserializer(Instant.class, new InstantParser()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path directory;

    public SnapshotStore(Path directory) {
        this.directory = directory;
    }

    /** The user's cache directory for catalogs, from {@code XDG_CACHE_HOME} or {@code HOME} in {@code env}. */
    public static SnapshotStore userCache(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base;
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            base = Path.of(home, ".cache");
        }
        return new SnapshotStore(base.resolve("alto").resolve("catalog"));
    }

    public Path directory() {
        return directory;
    }

    /** Where a provider's snapshot lives. */
    public Path file(String provider) {
        return directory.resolve(provider + ".json.gz");
    }

    /**
     * The provider's snapshot, or empty when there is none.
     *
     * @throws UncheckedIOException when the file exists but cannot be read or parsed, or has a newer format
     */
    public Optional<CatalogSnapshot> read(String provider) {
        Path file = file(provider);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return Optional.of(read(in));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the snapshot atomically over the provider's previous one; returns the file. */
    public Path write(CatalogSnapshot snapshot) {
        return write(snapshot, UnaryOperator.identity());
    }

    /**
     * Like {@link #write(CatalogSnapshot)}, with the byte stream passed through {@code decorator} on its way to the
     * temporary file (tests inject a failure there to check the previous snapshot survives).
     */
    public Path write(CatalogSnapshot snapshot, UnaryOperator<OutputStream> decorator) {
        Path target = file(snapshot.provider());
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, "." + snapshot.provider() + "-", ".tmp");
            try (OutputStream raw = Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream gzip = new GZIPOutputStream(decorator.apply(raw), 1 << 16)) {
                write(snapshot, gzip);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write catalog snapshot " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The temporary name starts with a dot and never shadows the real snapshot.
                }
            }
        }
    }

    /** A snapshot as JSON (uncompressed) to a stream the caller closes. */
    public static void write(CatalogSnapshot snapshot, OutputStream out) throws IOException {
        JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, snapshot);
    }

    /** A snapshot from JSON; refuses a format newer than this code understands. */
    public static CatalogSnapshot read(InputStream in) throws IOException {
        JsonNode tree = JSON.readTree(in);
        int format = tree.path("format").asInt(0);
        if (format < 1 || format > CatalogSnapshot.FORMAT) {
            throw new IOException("catalog snapshot format " + format + " is not one this alto reads (1.."
                    + CatalogSnapshot.FORMAT + ")");
        }
        return JSON.treeToValue(tree, CatalogSnapshot.class);
    }

    private static final class InstantText extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantParser extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Instant.parse(p.getValueAsString());
        }
    }
}
