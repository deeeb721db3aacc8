package io.altostratus.qemu.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the peer programs (qemu-img, mmdebstrap, mke2fs, QEMU itself) and turns their failures into errors. */
public final class Commands {
    private Commands() {
    }

    /**
     * What a finished command printed.
     *
     * @param exitCode its exit status
     * @param stdout   standard output
     * @param stderr   standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs {@code argv} to its end (or kills it after {@code timeout}) and returns what it printed.
     *
     * @throws AltoException PROVIDER_ERROR (CommandFailed) for a non-zero exit, TIMEOUT when it ran too long,
     *         UNSUPPORTED (ProgramMissing) when the program cannot be started
     */
    public static Result run(List<String> argv, Path workDir, Duration timeout) {
        Result r = runAllowingFailure(argv, workDir, timeout);
        if (r.exitCode() != 0) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "CommandFailed", argv.get(0) + " failed (exit "
                    + r.exitCode() + "): " + tail(r.stderr().isBlank() ? r.stdout() : r.stderr()));
        }
        return r;
    }

    /** As {@link #run} but a non-zero exit is returned, not thrown. */
    public static Result runAllowingFailure(List<String> argv, Path workDir, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AltoException(ErrorCode.UNSUPPORTED, "ProgramMissing", "cannot run " + argv.get(0) + ": "
                    + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AltoException(ErrorCode.TIMEOUT, "CommandTimedOut", argv.get(0) + " did not finish in "
                        + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "Interrupted", argv.get(0) + " was interrupted", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
    }

    /** The last lines of a program's output, enough to say why it failed in one message. */
    public static String tail(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    /** The program on the PATH (or the path as given when it has a slash), if it is there. */
    public static Optional<Path> which(String program) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, program);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
