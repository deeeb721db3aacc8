package io.altostratus.cloudinit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The independent programs the tests check against (cloud-init, isoinfo, xorriso, Python). A test that needs one
 * skips itself where it is missing, so developer machines without them pass; CI installs them (.ci/run).
 */
final class Tools {
    private Tools() {
    }

    /** What a program printed and how it exited. */
    record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        Result ok() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + "\n--- stdout\n" + out() + "\n--- stderr\n" + stderr);
            }
            return this;
        }
    }

    static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/sbin:/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path require(String name) {
        Optional<Path> found = find(name);
        assumeTrue(found.isPresent(), name + " is not installed; CI installs it (.ci/run)");
        return found.get();
    }

    /** A Python 3 that has cloud-init's modules (Debian's, whatever python3 is first on PATH). */
    static Path cloudInitPython() {
        require("cloud-init");
        Path debian = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(debian) && run(List.of(debian.toString(), "-c", "import cloudinit"), null).exit() == 0,
                "cloud-init's Python modules are not importable");
        return debian;
    }

    static Result run(List<String> command, byte[] stdin) {
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result run(String... command) {
        return run(new ArrayList<>(List.of(command)), null);
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
