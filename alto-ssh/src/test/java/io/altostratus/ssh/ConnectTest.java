package io.altostratus.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Waiter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting: retries, host keys, jump hosts and the agent, against real OpenSSH servers. */
class ConnectTest {
    @TempDir
    Path dir;

    KnownHosts knownHosts;

    @BeforeEach
    void setUp() {
        OpenSshServer.assumeInstalled();
        knownHosts = new KnownHosts(dir.resolve("state/known_hosts"));
    }

    private Ssh ssh() {
        return Ssh.builder().knownHosts(knownHosts).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static Waiter waiter(ManualClock clock, Duration timeout, java.util.function.IntConsumer onSleep) {
        AtomicInteger sleeps = new AtomicInteger();
        return Waiter.builder().timeout(timeout).clock(clock)
                .backoff(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, false))
                .sleeper(d -> {
                    clock.advance(d);
                    onSleep.accept(sleeps.incrementAndGet());
                }).build();
    }

    @Test
    void aServerThatComesUpLateIsWaitedFor() throws Exception {
        try (OpenSshServer server = new OpenSshServer(dir.resolve("late")); Ssh ssh = ssh()) {
            Path key = server.authorize("id", "-t", "ed25519");
            ManualClock clock = new ManualClock();
            AtomicInteger attemptsBeforeStart = new AtomicInteger();
            Waiter waiter = waiter(clock, Duration.ofMinutes(2), sleeps -> {
                if (sleeps == 3) {
                    attemptsBeforeStart.set(sleeps);
                    try {
                        server.start();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            try (SshConnection c = ssh.connectWhenReady(server.target(key), waiter)) {
                assertThat(c.run("echo up", Duration.ofSeconds(20)).stdoutText()).isEqualTo("up\n");
            }
            // Three refused attempts, backing off 1 + 2 + 4 s of the manual clock, then the fourth connects.
            assertThat(attemptsBeforeStart.get()).isEqualTo(3);
            assertThat(clock.instant()).isEqualTo(new ManualClock().instant().plusSeconds(7));
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutNamingTheLastError() throws Exception {
        int port = OpenSshServer.freePort();
        Path key = dir.resolve("id");
        OpenSshServer.keygen("-t", "ed25519", "-f", key.toString());
        SshTarget target = new SshTarget("127.0.0.1", port, "nobody", null, List.of(key), false, null);
        ManualClock clock = new ManualClock();
        try (Ssh ssh = ssh()) {
            assertThatThrownBy(() -> ssh.connectWhenReady(target, waiter(clock, Duration.ofSeconds(30), s -> { })))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                        assertThat(e.getMessage()).contains("SSH on nobody@127.0.0.1:" + port)
                                .containsIgnoringCase("connection refused");
                    });
        }
    }

    @Test
    void theFirstHostKeyIsRecordedAndAChangedOneIsRefusedNamingBothFingerprints() throws Exception {
        try (OpenSshServer server = new OpenSshServer(dir.resolve("rekey")); Ssh ssh = ssh()) {
            Path key = server.authorize("id", "-t", "ed25519");
            String first = fingerprintOf(server.dir.resolve("host_key.pub"));
            SshTarget target = server.target(key).withHostKeyId("i-0123456789abcdef0");
            server.start();
            try (SshConnection c = ssh.connect(target)) {
                assertThat(c.run("true", Duration.ofSeconds(20)).result().succeeded()).isTrue();
            }
            assertThat(knownHosts.fingerprints("i-0123456789abcdef0")).containsExactly(first);
            // Same key again: accepted, nothing new recorded.
            ssh.connect(target).close();
            assertThat(Files.readAllLines(knownHosts.file())).hasSize(1);

            server.stop();
            server.newHostKey();
            String second = fingerprintOf(server.dir.resolve("host_key.pub"));
            server.start();
            assertThatThrownBy(() -> ssh.connect(target))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
                        assertThat(e.providerCode()).isEqualTo("HostKeyChanged");
                        assertThat(e.getMessage()).contains("i-0123456789abcdef0", first, second);
                    });
            // Not retried either: a changed key ends a wait at once.
            ManualClock clock = new ManualClock();
            assertThatThrownBy(() -> ssh.connectWhenReady(target, waiter(clock, Duration.ofMinutes(5), s -> { })))
                    .isInstanceOfSatisfying(AltoException.class,
                            e -> assertThat(e.providerCode()).isEqualTo("HostKeyChanged"));
            assertThat(clock.instant()).isEqualTo(new ManualClock().instant());
            assertThat(knownHosts.fingerprints("i-0123456789abcdef0")).containsExactly(first);

            // Knowingly forgetting the host lets the new key in.
            assertThat(knownHosts.forget("i-0123456789abcdef0")).isEqualTo(1);
            ssh.connect(target).close();
            assertThat(knownHosts.fingerprints("i-0123456789abcdef0")).containsExactly(second);
        }
    }

    @Test
    void aJumpHostTunnelsToASecondServer() throws Exception {
        try (OpenSshServer bastion = new OpenSshServer(dir.resolve("bastion"));
             OpenSshServer inner = new OpenSshServer(dir.resolve("inner"));
             Ssh ssh = ssh()) {
            Path bastionKey = bastion.authorize("id_bastion", "-t", "ed25519");
            Path innerKey = inner.authorize("id_inner", "-t", "rsa", "-b", "2048");
            bastion.start();
            inner.start();
            SshTarget target = inner.target(innerKey).withHostKeyId("inner").withJump(
                    bastion.target(bastionKey).withHostKeyId("bastion"));
            try (SshConnection c = ssh.connect(target)) {
                // The inner server's own config path proves the command ran there.
                Captured r = c.run("echo $SSH_CONNECTION", Duration.ofSeconds(20));
                assertThat(r.stdoutText().trim()).endsWith("127.0.0.1 " + inner.port);
            }
            assertThat(knownHosts.fingerprints("bastion"))
                    .containsExactly(fingerprintOf(bastion.dir.resolve("host_key.pub")));
            assertThat(knownHosts.fingerprints("inner"))
                    .containsExactly(fingerprintOf(inner.dir.resolve("host_key.pub")));

            // A bastion that refuses to forward stops the connection: the tunnel really goes through it.
            bastion.stop();
            bastion.setOption("AllowTcpForwarding", "no");
            bastion.start();
            assertThatThrownBy(() -> ssh.connect(target))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.providerCode()).isEqualTo("SshConnectFailed");
                        assertThat(e.getMessage()).contains(inner.port + "");
                    });
        }
    }

    @Test
    void keysFromTheAgentAuthenticate() throws Exception {
        Path agentKeygen = Path.of("/usr/bin/ssh-agent");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(agentKeygen), "no ssh-agent");
        try (OpenSshServer server = new OpenSshServer(dir.resolve("agent"))) {
            Path ed = server.authorize("id_agent_ed", "-t", "ed25519");
            Path rsa = server.authorize("id_agent_rsa", "-t", "rsa", "-b", "2048");
            server.start();
            Path socket = dir.resolve("agent.sock");
            Process agent = new ProcessBuilder(agentKeygen.toString(), "-D", "-a", socket.toString())
                    .redirectErrorStream(true).start();
            try {
                // ssh-agent -D prints its environment lines once the socket is bound.
                new String(agent.getInputStream().readNBytes(20), StandardCharsets.UTF_8);
                for (Path key : List.of(ed, rsa)) {
                    ProcessBuilder add = new ProcessBuilder("/usr/bin/ssh-add", key.toString()).redirectErrorStream(true);
                    add.environment().put("SSH_AUTH_SOCK", socket.toString());
                    Process p = add.start();
                    p.getInputStream().readAllBytes();
                    assertThat(p.waitFor()).isZero();
                }
                Files.delete(ed);
                Files.delete(rsa);
                try (Ssh ssh = Ssh.builder().knownHosts(knownHosts).agentSocket(socket).build()) {
                    SshTarget viaAgent = new SshTarget("127.0.0.1", server.port, OpenSshServer.user(), null,
                            List.of(), true, null);
                    try (SshConnection c = ssh.connect(viaAgent)) {
                        assertThat(c.run("echo agent", Duration.ofSeconds(20)).stdoutText()).isEqualTo("agent\n");
                    }
                    // Without the agent the same target has nothing to offer.
                    assertThatThrownBy(() -> ssh.connect(viaAgent.withAgent(false)))
                            .isInstanceOfSatisfying(AltoException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE));
                }
            } finally {
                agent.destroy();
                agent.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static String fingerprintOf(Path publicKeyFile) throws IOException {
        return KnownHosts.fingerprint(Files.readString(publicKeyFile).trim().split("\\s+")[1]);
    }
}
