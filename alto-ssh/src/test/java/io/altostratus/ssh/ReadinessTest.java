package io.altostratus.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Waiter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness stages against a real sshd whose sessions find a scripted {@code cloud-init} first on the PATH. */
class ReadinessTest {
    static final String DONE = """
            status: done
            extended_status: done
            boot_status_code: enabled-by-generator
            detail: DataSourceNoCloud [seed=/dev/vdb][dsmode=net]
            errors: []
            recoverable_errors: {}
            """;
    static final String ERROR = """
            status: error
            extended_status: error - done
            boot_status_code: enabled-by-generator
            detail: DataSourceNoCloud [seed=/dev/vdb][dsmode=net]
            errors:
            \t- ('scripts_user', RuntimeError('Runparts: 1 failures (runcmd) in 1 attempted commands'))
            recoverable_errors: {}
            """;

    @TempDir
    Path dir;

    OpenSshServer server;
    Path key;
    Ssh ssh;
    ManualClock clock = new ManualClock();
    AtomicReference<Instance> instance = new AtomicReference<>();

    @BeforeEach
    void setUp() throws Exception {
        OpenSshServer.assumeInstalled();
        server = new OpenSshServer(dir.resolve("sshd"));
        key = server.authorize("id", "-t", "ed25519");
        ssh = Ssh.builder().knownHosts(new KnownHosts(dir.resolve("known_hosts"))).build();
        instance.set(Instance.builder().id("i-0aaaaaaaaaaaaaaa1").state(InstanceState.RUNNING)
                .privateIp("127.0.0.1").build());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** cloud-init as the guest has it: prints the dots of --wait, then the status, with the given exit code. */
    private void cloudInit(String output, int exit) throws Exception {
        Files.writeString(dir.resolve("ci-output"), output);
        server.script("cloud-init", "#!/bin/sh\n"
                + "[ \"$1 $2\" = \"status --wait\" ] || { echo \"unexpected: $*\" >&2; exit 64; }\n"
                + "printf '...\\n'\n"
                + "cat " + dir.resolve("ci-output") + "\n"
                + "exit " + exit + "\n");
    }

    private Readiness readiness(Duration timeout) {
        Waiter.Builder waiters = Waiter.builder().clock(clock).sleeper(clock)
                .backoff(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 2.0, false));
        Readiness.Instances instances = (id, condition, waiter) -> waiter.until(id + " to be " + condition,
                instance::get, condition::judge, i -> i.state().wireName());
        return new Readiness(ssh, instances, i -> new SshTarget(i.privateIp(), server.port, OpenSshServer.user(),
                i.id(), List.of(key), false, null), waiters, timeout);
    }

    @Test
    void readyWhenCloudInitIsDoneWithTheBootIdRecorded() throws Exception {
        cloudInit(DONE, 0);
        server.start();
        Readiness.Result r = readiness(Duration.ofMinutes(5)).await("i-0aaaaaaaaaaaaaaa1");
        assertThat(r.cloudInitStatus()).isEqualTo("done");
        assertThat(r.degraded()).isFalse();
        assertThat(r.rebooted()).isFalse();
        // The guest here is this machine, so its boot id is ours.
        assertThat(r.bootId()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip());
        assertThat(r.cloudInitOutput()).startsWith("status: done").doesNotContain("...");
    }

    @Test
    void recoverableErrorsAreReadyButDegraded() throws Exception {
        cloudInit(DONE.replace("recoverable_errors: {}", "recoverable_errors:\n  WARNING:\n  - bad key"), 2);
        server.start();
        Readiness.Result r = readiness(Duration.ofMinutes(5)).await("i-0aaaaaaaaaaaaaaa1");
        assertThat(r.degraded()).isTrue();
        assertThat(r.cloudInitOutput()).contains("bad key");
    }

    @Test
    void aCloudInitErrorIsReportedWithItsStatusOutput() throws Exception {
        cloudInit(ERROR, 1);
        server.start();
        assertThatThrownBy(() -> readiness(Duration.ofMinutes(5)).await("i-0aaaaaaaaaaaaaaa1"))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.providerCode()).isEqualTo("CloudInitFailed");
                    assertThat(e.getMessage()).contains("status 'error'", "exit 1",
                            "Runparts: 1 failures (runcmd)");
                });
    }

    @Test
    void aGuestWithoutCloudInitIsUnsupportedNotReady() throws Exception {
        // Only cat on the PATH (a real cloud-init may be installed in /usr/bin on this machine).
        Path onlyCat = Files.createDirectories(dir.resolve("only-cat"));
        Files.createSymbolicLink(onlyCat.resolve("cat"), Path.of("/bin/cat"));
        server.setOption("SetEnv", "PATH=" + onlyCat);
        server.start();
        assertThatThrownBy(() -> readiness(Duration.ofMinutes(5)).await("i-0aaaaaaaaaaaaaaa1"))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("no cloud-init");
                });
    }

    @Test
    void anInstanceThatNeverRunsTimesOutInTheRunningStage() throws Exception {
        instance.set(instance.get().toBuilder().state(InstanceState.PENDING).build());
        assertThatThrownBy(() -> readiness(Duration.ofMinutes(2)).await("i-0aaaaaaaaaaaaaaa1"))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).contains("stage 'running'");
                });
    }

    @Test
    void anInstanceWithoutAnAddressTimesOutInTheAddressStage() throws Exception {
        instance.set(instance.get().toBuilder().privateIp(null).build());
        assertThatThrownBy(() -> readiness(Duration.ofMinutes(2)).await("i-0aaaaaaaaaaaaaaa1"))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.getMessage()).contains("stage 'address'"));
    }

    @Test
    void sshThatNeverAnswersTimesOutInTheSshStage() {
        // The server is never started.
        assertThatThrownBy(() -> readiness(Duration.ofMinutes(2)).await("i-0aaaaaaaaaaaaaaa1"))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).contains("stage 'ssh'").containsIgnoringCase("connection refused");
                });
    }

    @Test
    void cloudInitThatNeverFinishesTimesOutInTheCloudInitStage() throws Exception {
        server.script("cloud-init", "#!/bin/sh\nexec sleep 30\n");
        server.start();
        // The budget left for the blocking 'status --wait' is real time: one second here.
        assertThatThrownBy(() -> readiness(Duration.ofSeconds(1)).await("i-0aaaaaaaaaaaaaaa1"))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).contains("stage 'cloud-init'");
                });
    }

    @Test
    void statusWordIsReadFromTheStatusLine() {
        assertThat(Readiness.statusWord("...\nstatus: done\nextended_status: done")).isEqualTo("done");
        assertThat(Readiness.statusWord("nothing")).isEmpty();
    }
}
