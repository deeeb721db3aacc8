package io.altostratus.ssh;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server ({@code /usr/sbin/sshd -D -e}) on a loopback port, with its own config, host key and
 * authorized_keys in a directory of the test's, running as the current user. Tests that need it skip themselves
 * when sshd is not installed.
 */
final class OpenSshServer implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final Path SFTP_SERVER = Path.of("/usr/lib/openssh/sftp-server");

    final Path dir;
    final int port;
    final Path binDir;
    private Process process;
    private final List<String> log = new ArrayList<>();

    /** Prepares (does not start) a server: config, an ed25519 host key, an empty authorized_keys. */
    OpenSshServer(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.port = freePort();
        this.binDir = Files.createDirectories(dir.resolve("bin"));
        newHostKey();
        Files.writeString(dir.resolve("authorized_keys"), "");
        // sshd ignores the environment it was started with; SetEnv puts the test's bin first on the sessions' PATH.
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "PermitRootLogin yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "AllowTcpForwarding yes",
                "SetEnv PATH=" + binDir + ":/usr/local/bin:/usr/bin:/bin",
                "Subsystem sftp " + SFTP_SERVER,
                "LogLevel INFO",
                ""));
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(SSHD) && Files.isExecutable(SFTP_SERVER)
                        && Files.isExecutable(Path.of("/usr/bin/ssh-keygen")),
                "OpenSSH (openssh-server) is not installed");
    }

    static String user() {
        return System.getProperty("user.name");
    }

    /** Changes one line of the config (takes effect at the next start). */
    void setOption(String name, String value) throws IOException {
        Path config = dir.resolve("sshd_config");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(config)) {
            lines.add(line.startsWith(name + " ") ? name + " " + value : line);
        }
        Files.write(config, lines);
    }

    /** Replaces the host key: the next start presents a different one. */
    void newHostKey() throws IOException, InterruptedException {
        Files.deleteIfExists(dir.resolve("host_key"));
        Files.deleteIfExists(dir.resolve("host_key.pub"));
        keygen("-t", "ed25519", "-f", dir.resolve("host_key").toString());
    }

    /** Makes a client key pair ({@code -m PEM} for the old PEM format) and authorizes its public half. */
    Path authorize(String name, String... keygenArgs) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of(keygenArgs));
        args.addAll(List.of("-f", key.toString()));
        keygen(args.toArray(String[]::new));
        Files.writeString(dir.resolve("authorized_keys"),
                Files.readString(dir.resolve(name + ".pub")), java.nio.file.StandardOpenOption.APPEND);
        return key;
    }

    static void keygen(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/ssh-keygen", "-q", "-N", "", "-C", "alto-test"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + out);
        }
    }

    /** Places an executable script in the directory first on the sessions' PATH. */
    void script(String name, String body) throws IOException {
        Path file = binDir.resolve(name);
        Files.writeString(file, body);
        file.toFile().setExecutable(true, false);
    }

    /**
     * Starts sshd and returns once it says it is listening (read from its log, so no polling). As root, sshd
     * insists on its privilege separation directory, which the package only creates when its service starts.
     */
    OpenSshServer start() throws IOException {
        if ("root".equals(user())) {
            Files.createDirectories(Path.of("/run/sshd"));
        }
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            log.add(line);
            if (line.contains("Server listening on")) {
                Thread drain = new Thread(() -> {
                    try {
                        reader.lines().forEach(this::remember);
                    } catch (java.io.UncheckedIOException stopped) {
                        // The server was stopped: its log simply ends.
                    }
                }, "sshd-log-" + port);
                drain.setDaemon(true);
                drain.start();
                return this;
            }
        }
        throw new IOException("sshd did not start: " + String.join("\n", log));
    }

    private synchronized void remember(String line) {
        log.add(line);
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    SshTarget target(Path key) {
        return new SshTarget("127.0.0.1", port, user(), null, List.of(key), false, null);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
