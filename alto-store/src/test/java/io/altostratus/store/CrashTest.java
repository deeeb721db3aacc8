package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.store.CrashWriter.Entry;
import io.altostratus.store.CrashWriter.Ledger;
import io.altostratus.store.CrashWriter.Twin;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real writer process with SIGKILL in the middle of its work and checks that the store opens again with
 * every acknowledged write, and nothing half-written.
 */
class CrashTest {

    private static final int ROUNDS = 3;
    private static final long ACKS_BEFORE_KILL = 150;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aKilledWriterLosesNoAcknowledgedWriteAndLeavesNoHalfWrite() throws Exception {
        long acknowledged = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            long before = acknowledged;
            acknowledged = runAndKill(acknowledged);
            assertThat(acknowledged).as("round %d acknowledged writes", round).isGreaterThan(before);

            try (StateStore store = StateStores.open(dir)) {
                long stored = acknowledged;
                long entries = store.read(v -> {
                    long ledger = v.get("ledger", "acct", "ledger", Ledger.class).orElseThrow().entries();
                    // The write in flight when the process died may be there, whole, or not at all.
                    assertThat(ledger).isBetween(stored, stored + 1);
                    assertThat(v.get("twin", "acct", "left", Twin.class)).contains(new Twin(ledger));
                    assertThat(v.get("twin", "acct", "right", Twin.class)).contains(new Twin(ledger));
                    List<Entry> all = v.list("entry", "acct", Entry.class);
                    assertThat(all).extracting(Entry::number)
                            .containsExactlyElementsOf(java.util.stream.LongStream.range(0, ledger).boxed().toList());
                    assertThat(v.revision()).isEqualTo(ledger);
                    return ledger;
                });
                acknowledged = entries;
            }
        }
    }

    /** Starts a writer, kills it after some acknowledged writes, returns the highest count it acknowledged. */
    private long runAndKill(long alreadyStored) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path errors = dir.resolve("writer-stderr.txt");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString()));
        Process writer = new ProcessBuilder(command)
                .redirectError(errors.toFile())
                .start();
        long last = alreadyStored;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean killed = false;
            while ((line = out.readLine()) != null) {
                last = Long.parseLong(line.trim());
                if (!killed && last >= alreadyStored + ACKS_BEFORE_KILL) {
                    // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe,
                    // and the acknowledgements already in it must still be read.
                    writer.toHandle().destroyForcibly();
                    killed = true;
                }
            }
            // Lines already in the pipe when the kill landed were acknowledged too; they were read above.
            assertThat(killed).as("writer exited before being killed; stderr: %s", read(errors.toFile())).isTrue();
        } finally {
            writer.destroyForcibly();
            writer.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(writer.exitValue()).as("killed by a signal").isNotZero();
        return last;
    }

    private static String read(File file) throws IOException {
        return file.exists() ? Files.readString(file.toPath()) : "";
    }
}
