package io.altostratus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server JVM's heap, read from outside with the JDK's {@code jcmd} (the server's metrics show no JVM figures): in
 * use now, and live after a full collection, which is what the fleet itself holds (memory per instance).
 */
final class JvmHeap {
    /** One line per generation in {@code GC.heap_info}: "DefNew total 22144K, used 16735K [...". */
    private static final Pattern GENERATION = Pattern.compile("^\\S.*\\btotal (\\d+)K, used (\\d+)K", Pattern.MULTILINE);

    private JvmHeap() {
    }

    /** Heap in use (live and garbage not yet collected), MiB; empty when jcmd cannot attach. */
    static OptionalDouble usedMiB(long pid) {
        try {
            return used(jcmd(pid, "GC.heap_info"));
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    /** Heap in use right after a full collection ({@code GC.run}), MiB: it collects in the server, so call it last. */
    static OptionalDouble liveMiB(long pid) {
        try {
            jcmd(pid, "GC.run");
            return used(jcmd(pid, "GC.heap_info"));
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    private static OptionalDouble used(String heapInfo) {
        Matcher m = GENERATION.matcher(heapInfo);
        long kib = 0;
        boolean any = false;
        while (m.find()) {
            kib += Long.parseLong(m.group(2));
            any = true;
        }
        return any ? OptionalDouble.of(kib / 1024.0) : OptionalDouble.empty();
    }

    private static String jcmd(long pid, String command) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new IOException("no jcmd in " + jcmd.getParent());
        }
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
