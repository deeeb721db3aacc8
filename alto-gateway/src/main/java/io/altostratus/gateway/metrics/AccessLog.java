package io.altostratus.gateway.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Where the gateway writes one line per answered request ({@link AccessLogEntry#toJson()}): off unless given to
 * {@code Gateway.Builder.accessLog}. The gateway closes the log it was given when it closes.
 */
public interface AccessLog extends AutoCloseable {

    void record(AccessLogEntry entry);

    @Override
    default void close() {
    }

    /**
     * Lines written to {@code out} and flushed one by one (so {@code tail -f} sees each request as it ends); the
     * writer is not closed with the log, so {@code System.err} can be given. A write that fails is dropped: a full
     * disk must not fail the requests themselves.
     */
    static AccessLog to(Writer out) {
        Objects.requireNonNull(out, "out");
        return entry -> {
            String line = entry.toJson() + System.lineSeparator();
            synchronized (out) {
                try {
                    out.write(line);
                    out.flush();
                } catch (IOException e) {
                    // Dropped on purpose: see above.
                }
            }
        };
    }

    /** Lines appended to {@code file} (made if absent), closed with the log. */
    static AccessLog toFile(Path file) {
        Writer out;
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the access log " + file + ": " + e.getMessage(), e);
        }
        AccessLog lines = to(out);
        return new AccessLog() {
            @Override
            public void record(AccessLogEntry entry) {
                lines.record(entry);
            }

            @Override
            public void close() {
                try {
                    synchronized (out) {
                        out.close();
                    }
                } catch (IOException e) {
                    // Everything written was flushed line by line already.
                }
            }
        };
    }

    /**
     * Lines logged at INFO on the JDK's {@link System.Logger} {@code io.altostratus.gateway.access}, which reaches
     * SLF4J (or any other backend) through whatever {@code System.LoggerFinder} the application installs.
     */
    static AccessLog toLogger() {
        System.Logger logger = System.getLogger("io.altostratus.gateway.access");
        return entry -> logger.log(System.Logger.Level.INFO, entry.toJson());
    }
}
