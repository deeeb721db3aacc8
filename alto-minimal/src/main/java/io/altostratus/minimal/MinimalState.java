package io.altostratus.minimal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Tags;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the minimal cloud remembers for one account in one region: its instances, the images it made and a counter.
 * Kept in memory, or in one JSON file that every change rewrites whole (a temporary file moved over the old one, so
 * a reader or a crash never sees half a document). Every read of a file-backed state reads the file, so sessions and
 * processes on one state directory see each other's changes; changes are serialised by a lock (a monitor within the
 * process, and across processes a lock on a {@code .lock} file beside the document).
 */
final class MinimalState {

    /**
     * An instance as stored. {@code state} is what the last call set; a transitional state becomes its successor once
     * the clock passes {@code settlesAt}, so nothing has to run in the background.
     */
    record Vm(String id, String zone, String imageId, String instanceType, Architecture architecture,
              String privateIp, InstanceState state, Instant settlesAt, Instant launchTime, String clientToken,
              Map<String, String> tags) {
        Vm {
            tags = Tags.copy(tags);
        }

        Vm withState(InstanceState newState, Instant newSettlesAt) {
            return new Vm(id, zone, imageId, instanceType, architecture, privateIp, newState, newSettlesAt,
                    launchTime, clientToken, tags);
        }

        Vm withTags(Map<String, String> newTags) {
            return new Vm(id, zone, imageId, instanceType, architecture, privateIp, state, settlesAt, launchTime,
                    clientToken, newTags);
        }
    }

    /** An image made from an instance; it is pending until {@code availableAt}. */
    record MadeImage(String id, String name, String description, String sourceInstanceId, String distro,
                     String release, Architecture architecture, Instant created, Instant availableAt,
                     Map<String, String> tags) {
        MadeImage {
            tags = Tags.copy(tags);
        }

        MadeImage withTags(Map<String, String> newTags) {
            return new MadeImage(id, name, description, sourceInstanceId, distro, release, architecture, created,
                    availableAt, newTags);
        }
    }

    /** The document: what one JSON file holds. Maps keep launch order, which is the listing order. */
    static final class Data {
        public long launched;
        public Map<String, Vm> instances = new LinkedHashMap<>();
        public Map<String, MadeImage> images = new LinkedHashMap<>();
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** One monitor per file in this process: a JVM cannot take the same file lock twice. */
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path file;
    private final Data memory;

    private MinimalState(Path file, Data memory) {
        this.file = file;
        this.memory = memory;
    }

    static MinimalState inMemory() {
        return new MinimalState(null, new Data());
    }

    static MinimalState inFile(Path file) {
        return new MinimalState(file.toAbsolutePath().normalize(), null);
    }

    /** Answers from the state as it is now; {@code query} must not change it. */
    <T> T read(Function<Data, T> query) {
        if (file == null) {
            synchronized (memory) {
                return query.apply(memory);
            }
        }
        return query.apply(load());
    }

    /**
     * Changes the state and keeps the change. {@code change} checks everything before it changes anything: when it
     * throws, nothing is kept.
     */
    <T> T update(Function<Data, T> change) {
        if (file == null) {
            synchronized (memory) {
                return change.apply(memory);
            }
        }
        synchronized (MONITORS.computeIfAbsent(file, f -> new Object())) {
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw failure("cannot create " + file.getParent(), e);
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Data data = load();
                T result = change.apply(data);
                store(data);
                return result;
            } catch (IOException e) {
                throw failure("cannot update " + file, e);
            }
        }
    }

    private Data load() {
        try {
            return Files.exists(file) ? JSON.readValue(file.toFile(), Data.class) : new Data();
        } catch (IOException e) {
            throw failure("cannot read " + file, e);
        }
    }

    private void store(Data data) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(temp.toFile(), data);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static AltoException failure(String what, IOException e) {
        return new AltoException(ErrorCode.PROVIDER_ERROR, "StateFileError", what + ": " + e.getMessage(), e);
    }
}
