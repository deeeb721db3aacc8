package io.altostratus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command line (a {@code bin/alto} command) as a shell would, timing it from start to exit and reading its
 * peak resident memory with GNU time ({@code /usr/bin/time -f %M}): Java's process API gives no child's rusage. The
 * child's environment has no {@code ALTO_*} variable of the caller's but {@code ALTO_TARGET} (which build runs).
 */
final class CliTimer {
    static final Path GNU_TIME = Path.of("/usr/bin/time");

    /** One run: wall seconds, peak RSS in MiB (NaN without GNU time), exit code, and the lines it printed. */
    record Run(double seconds, double peakMiB, int exit, List<String> lines, String errors) {
    }

    private CliTimer() {
    }

    /**
     * Runs {@code command} with {@code env} added; reads at most {@code keepLines} lines of its output and then
     * closes the pipe, as {@code | head} does (negative: all of it).
     */
    static Run run(List<String> command, Map<String, String> env, int keepLines) throws IOException {
        Path timeOut = Files.createTempFile("alto-bench-time", ".txt");
        Path errors = Files.createTempFile("alto-bench-cli", ".err");
        try {
            List<String> full = new ArrayList<>();
            boolean gnuTime = Files.isExecutable(GNU_TIME);
            if (gnuTime) {
                full.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", timeOut.toString()));
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full).redirectError(errors.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("ALTO_") && !k.equals("ALTO_TARGET"));
            pb.environment().putAll(env);
            long start = System.nanoTime();
            Process process = pb.start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null && (keepLines < 0 || lines.size() < keepLines);
                        line = out.readLine()) {
                    lines.add(line);
                }
            }
            boolean done;
            try {
                done = process.waitFor(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 10 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double peakMiB = gnuTime ? peakMiB(timeOut) : Double.NaN;
            return new Run(seconds, peakMiB, process.exitValue(), lines, Files.readString(errors).strip());
        } finally {
            Files.deleteIfExists(timeOut);
            Files.deleteIfExists(errors);
        }
    }

    /** GNU time's %M (KiB), on the last line of its output (a first line says when the command failed). */
    private static double peakMiB(Path timeOut) throws IOException {
        List<String> lines = Files.readAllLines(timeOut);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.matches("\\d+")) {
                return Long.parseLong(line) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
