package io.altostratus.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** A server the bench starts as a separate process ({@code alto serve} or {@code moto_server}) on a free port. */
final class ProcessTarget implements Target {
    private static final java.util.Set<String> KEPT_ENVIRONMENT = java.util.Set.of("ALTO_JAVA_OPTS", "ALTO_TARGET");
    private final String label;
    private final Process process;
    private final URI endpoint;
    private final long startedNanos;
    private final long listenMillis;
    private final long startupMillis;
    private final Path log;

    private ProcessTarget(String label, Process process, URI endpoint, long startedNanos, long listenMillis,
                          long startupMillis, Path log) {
        this.label = label;
        this.process = process;
        this.endpoint = endpoint;
        this.startedNanos = startedNanos;
        this.listenMillis = listenMillis;
        this.startupMillis = startupMillis;
        this.log = log;
    }

    /**
     * {@code alto serve} through the given launcher (normally {@code bin/alto}): {@code --ephemeral} (state in memory,
     * like moto) when {@code stateDir} is null, else {@code --state-dir stateDir} (SQLite, each write durable before it
     * is acknowledged).
     */
    static ProcessTarget alto(Path launcher, Path stateDir) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "serve"));
        if (stateDir == null) {
            command.add("--ephemeral");
        } else {
            command.addAll(List.of("--state-dir", stateDir.toString()));
        }
        command.addAll(List.of("--port", Integer.toString(port)));
        String label = stateDir == null ? "alto serve --ephemeral (separate process, state in memory like moto)"
                : "alto serve --state-dir (separate process, persistent: SQLite, durable writes)";
        return start(label, command, Map.of("ALTO_LOCAL_TRANSITION_MS", "0"), port, "/_alto/health");
    }

    /**
     * {@code alto serve --store storeUrl}: one replica of a PostgreSQL-backed state, with its own state directory
     * (what backends keep in files) and the given label.
     */
    static ProcessTarget altoReplica(Path launcher, Path stateDir, String storeUrl, String label) throws IOException {
        int port = freePort();
        List<String> command = List.of(launcher.toString(), "serve", "--state-dir", stateDir.toString(), "--store",
                storeUrl, "--port", Integer.toString(port));
        return start(label, command, Map.of("ALTO_LOCAL_TRANSITION_MS", "0"), port, "/_alto/health");
    }

    /**
     * {@code alto serve} for the fleet lane: {@code --ephemeral} when {@code stateDir} is null, else on
     * {@code stateDir}, and on the shared store {@code storeUrl} when not null; {@code settings} are extra
     * environment (e.g. {@code ALTO_LOCAL_MAX_INSTANCES}). A large state may take minutes to load on a restart, so
     * the server gets {@code readyWithin} to answer.
     */
    static ProcessTarget altoFleet(Path launcher, Path stateDir, String storeUrl, Map<String, String> settings,
                                   Duration readyWithin) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "serve"));
        if (stateDir == null) {
            command.add("--ephemeral");
        } else {
            command.addAll(List.of("--state-dir", stateDir.toString()));
        }
        if (storeUrl != null) {
            command.addAll(List.of("--store", storeUrl));
        }
        command.addAll(List.of("--port", Integer.toString(port)));
        Map<String, String> env = new java.util.HashMap<>(Map.of("ALTO_LOCAL_TRANSITION_MS", "0"));
        env.putAll(settings);
        String label = "alto serve " + String.join(" ", command.subList(2, command.size() - 2));
        return start(label, command, env, port, "/_alto/health", readyWithin);
    }

    /** moto's server, as its users run it. */
    static ProcessTarget moto(String executable) throws IOException {
        int port = freePort();
        return start("moto_server (separate process)", List.of(executable, "-p", Integer.toString(port)), Map.of(),
                port, "/moto-api/data.json");
    }

    private static ProcessTarget start(String label, List<String> command, Map<String, String> env, int port,
                                       String readyPath) throws IOException {
        return start(label, command, env, port, readyPath, Duration.ofSeconds(120));
    }

    private static ProcessTarget start(String label, List<String> command, Map<String, String> env, int port,
                                       String readyPath, Duration readyWithin) throws IOException {
        Path log = Files.createTempFile("alto-bench-server", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The user's alto settings must not change what is measured; JVM options (e.g. a heap cap) are theirs to try,
        // and ALTO_TARGET says which build bin/alto runs (the one bin/bench itself was started from).
        pb.environment().keySet().removeIf(k -> k.startsWith("ALTO_") && !KEPT_ENVIRONMENT.contains(k));
        pb.environment().putAll(env);
        long started = System.nanoTime();
        Process process = pb.start();
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/");
        long listenMillis = -1;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpRequest ready = HttpRequest.newBuilder(endpoint.resolve(readyPath)).timeout(Duration.ofSeconds(2))
                    .GET().build();
            long deadline = started + readyWithin.toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException(label + " exited with " + process.exitValue() + ": " + Files.readString(log));
                }
                if (listenMillis < 0 && accepts(port)) {
                    listenMillis = (System.nanoTime() - started) / 1_000_000;
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException(label + " did not answer " + readyPath + " within "
                            + readyWithin.toSeconds() + " s: " + Files.readString(log));
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + label, e);
        }
        long startupMillis = (System.nanoTime() - started) / 1_000_000;
        return new ProcessTarget(label, process, endpoint, started, listenMillis < 0 ? startupMillis : listenMillis,
                startupMillis, log);
    }

    /** Whether something accepts TCP connections on the loopback port (listening, whether or not ready). */
    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String accessKey() {
        return "test";
    }

    @Override
    public String secretKey() {
        return "test";
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(process.pid());
    }

    @Override
    public long startupMillis() {
        return startupMillis;
    }

    /** {@link System#nanoTime()} when the process was started: to time its first answers from its start. */
    long startedNanos() {
        return startedNanos;
    }

    /** Milliseconds from starting the process to its port accepting connections (at the latest, to ready). */
    long listenMillis() {
        return listenMillis;
    }

    /** What the server wrote so far (its standard output and error). */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        // SIGTERM first: alto serve's shutdown hook closes its store; then make sure it is gone.
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        family.forEach(ProcessHandle::destroyForcibly);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // A leftover temp file is harmless.
        }
    }
}
