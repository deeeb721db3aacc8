package io.altostratus.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exec and SFTP against a real OpenSSH server. */
class ExecAndCopyTest {
    static OpenSshServer server;
    static Path ed25519;
    static Path rsaPem;
    static Ssh ssh;
    static SshConnection connection;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        OpenSshServer.assumeInstalled();
        server = new OpenSshServer(dir.resolve("sshd"));
        ed25519 = server.authorize("id_ed25519", "-t", "ed25519");
        rsaPem = server.authorize("id_rsa_pem", "-t", "rsa", "-b", "2048", "-m", "PEM");
        server.start();
        ssh = Ssh.builder().knownHosts(new KnownHosts(dir.resolve("known_hosts"))).build();
        try {
            connection = ssh.connect(server.target(ed25519));
        } catch (RuntimeException e) {
            throw new AssertionError("sshd said: " + server.log(), e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (ssh != null) {
            ssh.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void stdoutStderrAndExitCodeAreKeptApart() {
        Captured c = connection.run("echo out; echo err >&2; exit 3", Duration.ofSeconds(20));
        assertThat(c.stdoutText()).isEqualTo("out\n");
        assertThat(c.stderrText()).isEqualTo("err\n");
        assertThat(c.result().exitStatus()).isEqualTo(3);
        assertThat(c.result().shellStatus()).isEqualTo(3);
        assertThat(connection.run("true", Duration.ofSeconds(20)).result().succeeded()).isTrue();
    }

    @Test
    void deathBySignalIsReportedAsTheSignal() {
        ExecResult r = connection.run("kill -KILL $$", Duration.ofSeconds(20)).result();
        assertThat(r.exitStatus()).isNull();
        assertThat(r.signal()).isEqualTo("KILL");
        assertThat(r.shellStatus()).isEqualTo(137);
    }

    @Test
    void largeBinaryOutputArrivesByteForByte() throws Exception {
        // 8 MiB of every byte value, through a pipe that would mangle any text decoding.
        Captured c = connection.run("head -c 8388608 /dev/urandom | tee /tmp/alto-ssh-test-" + server.port
                + " | sha256sum | cut -c1-64 >&2; cat /tmp/alto-ssh-test-" + server.port + "; rm -f /tmp/alto-ssh-test-"
                + server.port, Duration.ofSeconds(60));
        assertThat(c.result().exitStatus()).isZero();
        assertThat(c.stdout()).hasSize(8 * 1024 * 1024);
        String local = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.stdout()));
        assertThat(c.stderrText().strip()).isEqualTo(local);
    }

    @Test
    void stdinIsSentAndClosed() {
        byte[] input = new byte[300_000];
        new Random(7).nextBytes(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecResult r = connection.exec("cat; echo done >&2", new ByteArrayInputStream(input), out,
                OutputStream(), Duration.ofSeconds(30));
        assertThat(r.exitStatus()).isZero();
        assertThat(out.toByteArray()).isEqualTo(input);
    }

    @Test
    void withoutStdinTheCommandSeesEndOfFile() {
        Captured c = connection.run("wc -c", Duration.ofSeconds(20));
        assertThat(c.stdoutText().strip()).isEqualTo("0");
    }

    @Test
    void outputStreamsWhileTheCommandRuns() {
        // The second line is written only after the first has been received: a sink that buffers until the end
        // would deadlock here, and the command timeout would fail the test.
        Path fifo = dir.resolve("fifo-" + System.nanoTime());
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        java.io.OutputStream sink = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                seen.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                seen.write(b, off, len);
                if (new String(seen.toByteArray(), StandardCharsets.UTF_8).equals("first\n")) {
                    try {
                        Files.writeString(fifo.resolveSibling(fifo.getFileName() + ".go"), "go");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        String go = fifo + ".go";
        ExecResult r = connection.exec("echo first; while [ ! -e " + go + " ]; do sleep 0.05; done; echo second",
                null, sink, OutputStream(), Duration.ofSeconds(20));
        assertThat(r.exitStatus()).isZero();
        assertThat(seen.toString(StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsATimeout() {
        assertThatThrownBy(() -> connection.run("sleep 30", Duration.ofMillis(300)))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).contains("sleep 30");
                });
    }

    @Test
    void pemRsaKeysAuthenticateToo() {
        try (SshConnection rsa = ssh.connect(server.target(rsaPem))) {
            assertThat(rsa.run("echo rsa", Duration.ofSeconds(20)).stdoutText()).isEqualTo("rsa\n");
        }
    }

    @Test
    void anUnauthorizedKeyIsAnAuthFailureNamingTheKey() throws Exception {
        Path stranger = dir.resolve("stranger");
        OpenSshServer.keygen("-t", "ed25519", "-f", stranger.toString());
        assertThatThrownBy(() -> ssh.connect(server.target(stranger)))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
                    assertThat(e.providerCode()).isEqualTo("SshAuthFailed");
                    assertThat(e.getMessage()).contains(stranger.toString());
                });
    }

    @Test
    void aMissingKeyFileIsInvalidBeforeAnyConnection() {
        assertThatThrownBy(() -> ssh.connect(server.target(dir.resolve("no-such-key"))))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).contains("no-such-key");
                });
    }

    @Test
    void pushAndPullKeepBytesAndPermissions() throws Exception {
        Path local = dir.resolve("script.sh");
        byte[] bytes = new byte[200_000];
        new Random(11).nextBytes(bytes);
        Files.write(local, bytes);
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwxr-x---"));
        Path remoteDir = Files.createDirectories(dir.resolve("remote"));
        String remote = remoteDir.resolve("copied.sh").toString();

        assertThat(connection.push(local, remote)).isEqualTo(bytes.length);
        // Checked by the server's own tools, not by our SFTP reading it back.
        Captured stat = connection.run("stat -c %a " + remote + "; sha256sum " + remote + " | cut -c1-64",
                Duration.ofSeconds(20));
        assertThat(stat.stdoutText().lines().toList()).containsExactly("750",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));

        connection.run("chmod 640 " + remote, Duration.ofSeconds(20));
        Path back = dir.resolve("back.bin");
        assertThat(connection.pull(remote, back)).isEqualTo(bytes.length);
        assertThat(Files.readAllBytes(back)).isEqualTo(bytes);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back))).isEqualTo("rw-r-----");
    }

    @Test
    void pullingAMissingFileIsNotFound() {
        assertThatThrownBy(() -> connection.pull(dir.resolve("nope").toString(), dir.resolve("x")))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(dir.resolve("x")).doesNotExist();
    }

    private static java.io.OutputStream OutputStream() {
        return new ByteArrayOutputStream();
    }

    static List<String> lines(Captured c) {
        return c.stdoutText().lines().toList();
    }
}
