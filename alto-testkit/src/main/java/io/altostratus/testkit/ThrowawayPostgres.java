package io.altostratus.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own for one test class: {@code initdb} into a fresh temporary directory, the server on
 * a free loopback port with its Unix socket in that directory (no system service, nothing shared with a PostgreSQL
 * the machine may run), stopped and deleted by {@link #close()} (and by a shutdown hook if the test JVM exits first).
 *
 * <p>The binaries are found in {@code -Dalto.pg.bin} or {@code $ALTO_PG_BIN}, else in the newest
 * {@code /usr/lib/postgresql/N/bin} (Debian's layout), else through {@code pg_config --bindir} on the PATH. When none
 * is there, {@link #start()} aborts the calling test (a JUnit assumption) saying what to install. Run as root, the
 * server runs as the {@code postgres} user, since {@code initdb} refuses root.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    /** The superuser initdb creates; trusted on loopback, so URLs carry no password. */
    public static final String USER = "alto";
    private static final String SERVICE_ACCOUNT = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;
    private final boolean asServiceAccount;
    private final Thread cleanup;
    private boolean running;

    private ThrowawayPostgres(Path bin, Path root, int port, boolean asServiceAccount) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        this.asServiceAccount = asServiceAccount;
        this.cleanup = new Thread(this::destroy, "throwaway-postgres-cleanup");
    }

    /** Where the PostgreSQL server binaries are, if anywhere. */
    public static Optional<Path> binaries() {
        String configured = System.getProperty("alto.pg.bin", System.getenv("ALTO_PG_BIN"));
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            return hasServer(dir) ? Optional.of(dir) : Optional.empty();
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin")).filter(ThrowawayPostgres::hasServer)
                        .max(Comparator.comparing(ThrowawayPostgres::majorVersion));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                // Fall through to the PATH.
            }
        }
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && hasServer(Path.of(out))) {
                return Optional.of(Path.of(out));
            }
        } catch (IOException | InterruptedException e) {
            // pg_config absent: no PostgreSQL.
        }
        return Optional.empty();
    }

    /**
     * Creates and starts a cluster; aborts the calling test when PostgreSQL is not installed.
     *
     * @throws IllegalStateException when the binaries are there but the cluster does not start (its log is quoted)
     */
    public static ThrowawayPostgres start() {
        Optional<Path> bin = binaries();
        assumeTrue(bin.isPresent(), "PostgreSQL server binaries not found (install Debian's 'postgresql' package, or "
                + "point -Dalto.pg.bin / ALTO_PG_BIN at a directory holding initdb, pg_ctl and postgres)");
        return start(bin.get());
    }

    /**
     * Creates and starts a cluster with the server binaries in {@code bin}, outside JUnit too (the benchmarks).
     *
     * @throws IllegalStateException when the cluster does not start (its log is quoted)
     */
    public static ThrowawayPostgres start(Path bin) {
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("alto-pg-");
            ThrowawayPostgres pg = new ThrowawayPostgres(bin, dir, freePort(), root);
            Runtime.getRuntime().addShutdownHook(pg.cleanup);
            try {
                pg.initdb();
                pg.startServer();
            } catch (RuntimeException e) {
                pg.destroy();
                throw e;
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a throwaway PostgreSQL cluster", e);
        }
    }

    public int port() {
        return port;
    }

    /** The bin directory the cluster runs from. */
    public Path bin() {
        return bin;
    }

    /** A fresh, empty database in this cluster; returns its name. */
    public String createDatabase() {
        String name = "alto_test_" + DATABASES.incrementAndGet();
        run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER,
                name), "createdb " + name);
        return name;
    }

    /** The URL {@code StateStores.open} and {@code alto serve --store} take for {@code database}. */
    public String url(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    /** Runs SQL through psql as the superuser, for tests that need to look behind the store; returns its output. */
    public String psql(String database, String sql) {
        return run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER,
                "-d", database, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql), "psql");
    }

    /** Stops the server (fast shutdown: open sessions are cut, committed data stays). */
    public synchronized void stop() {
        if (running) {
            pgCtl("stop", "-m", "fast", "-w", "-t", "60");
            running = false;
        }
    }

    /**
     * Stops the server the way a crash does (immediate shutdown: no checkpoint, whatever is only in its memory is
     * lost); the next {@link #restart()} replays the write-ahead log.
     */
    public synchronized void crash() {
        if (running) {
            pgCtl("stop", "-m", "immediate", "-w", "-t", "60");
            running = false;
        }
    }

    /** Starts the server again on the same port and data after {@link #stop()} or {@link #crash()}. */
    public synchronized void restart() {
        if (!running) {
            startServer();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or will run: it does the same.
        }
        destroy();
    }

    private synchronized void destroy() {
        if (running) {
            try {
                pgCtl("stop", "-m", "immediate", "-w", "-t", "30");
            } catch (RuntimeException e) {
                // Deleting the directory below still removes the cluster; a stray server would die with its files.
            }
            running = false;
        }
        deleteTree(root);
    }

    private void initdb() {
        try {
            Files.createDirectory(data);
            if (asServiceAccount) {
                UserPrincipal owner = root.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(SERVICE_ACCOUNT);
                Files.setOwner(root, owner);
                Files.setOwner(data, owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + data + " for initdb (as root, the '" + SERVICE_ACCOUNT
                    + "' user must exist)", e);
        }
        // --no-sync: the cluster is thrown away, so its creation need not survive a power cut; the server itself still
        // syncs every commit (fsync and synchronous_commit stay on), which the durability tests rely on.
        run(asUser(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--locale=C", "--no-sync"), "initdb");
    }

    private void startServer() {
        String options = "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=on"
                + " -c max_connections=100 -c shared_buffers=16MB";
        pgCtl("start", "-w", "-t", "60", "-l", root.resolve("server.log").toString(), "-o", options);
        running = true;
    }

    private void pgCtl(String... args) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString()));
        command.addAll(List.of(args));
        try {
            run(asUser(command.toArray(String[]::new)), "pg_ctl " + args[0]);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\nserver log:\n" + serverLog(), e);
        }
    }

    private String serverLog() {
        try {
            return Files.readString(root.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log)";
        }
    }

    private List<String> asUser(String... command) {
        List<String> full = new ArrayList<>();
        if (asServiceAccount) {
            full.addAll(List.of("runuser", "-u", SERVICE_ACCOUNT, "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private String run(List<String> command, String what) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("PGCONNECT_TIMEOUT", "10");
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within 120 s:\n" + out);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "):\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }

    private static boolean hasServer(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))
                && Files.isExecutable(dir.resolve("postgres"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp directory is untidy, not wrong.
        }
    }
}
