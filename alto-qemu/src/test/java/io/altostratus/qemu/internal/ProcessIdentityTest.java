package io.altostratus.qemu.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessIdentityTest {
    private static final String STAT = "4242 (qemu-system-x86) S 1 4241 4241 0 -1 4194624 1234 0 0 0 50 20 0 0 20 0 "
            + "3 0 987654 1234567890 1000 18446744073709551615 1 1 0 0 0 0 0 4096 16963 0 0 0 17 1 0 0 0 0 0";

    @TempDir
    Path proc;

    @Test
    void readsTheStartTimeAfterACommandNameWithSpacesAndParentheses() {
        String odd = STAT.replace("(qemu-system-x86)", "(alto (qvm) x)");
        assertThat(ProcessIdentity.parseStat(4242, odd)).contains(new ProcessIdentity(4242, 987654));
    }

    @Test
    void aZombieIsNotAlive() {
        assertThat(ProcessIdentity.parseStat(4242, STAT.replace(") S ", ") Z "))).isEmpty();
    }

    @Test
    void aPidReusedByAnotherProcessIsNotTheSameProcess() throws Exception {
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/stat"), STAT);
        ProcessIdentity qemu = ProcessIdentity.of(4242, proc).orElseThrow();
        assertThat(qemu.alive(proc)).isTrue();
        Files.writeString(proc.resolve("4242/stat"), STAT.replace(" 987654 ", " 999999 "));
        assertThat(qemu.alive(proc)).isFalse();
        Files.delete(proc.resolve("4242/stat"));
        assertThat(qemu.alive(proc)).isFalse();
    }

    @Test
    void aRealProcessIsAliveUntilItIsKilled() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "600").start();
        try {
            ProcessIdentity identity = ProcessIdentity.of(sleeper.pid()).orElseThrow();
            assertThat(identity.alive()).isTrue();
            sleeper.destroyForcibly();
            assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(identity.alive()).isFalse();
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
