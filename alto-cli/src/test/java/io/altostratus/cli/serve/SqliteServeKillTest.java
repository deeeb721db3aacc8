package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code alto serve} on its default SQLite store, killed with SIGKILL under write load: the next process on the same
 * state directory has every launch the killed one acknowledged.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SqliteServeKillTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    @Test
    void aServeKilledUnderWriteLoadLosesNoAcknowledgedLaunch() throws Exception {
        Path state = dir.resolve("state");
        Set<String> acknowledged = new HashSet<>();
        try (ServeProcess serve = ServeProcess.start("sqlite-serve", dir.resolve("first"),
                List.of("--state-dir", state.toString()), Map.of());
             Ec2Client ec2 = serve.ec2(CALL_TIMEOUT)) {
            String image = PostgresReplicasTest.anImage(ec2);
            long killedAt;
            try (LaunchLoad load = new LaunchLoad("s", ec2, image, 4, true)) {
                assertThat(load.awaitAcknowledged(60, 120_000)).as("launches before the kill").isTrue();
                killedAt = System.nanoTime();
                serve.kill9();
                load.close();
                assertThat(load.failures()).as("failures only once killed")
                        .allSatisfy(f -> assertThat(f.atNanos()).isGreaterThan(killedAt));
                acknowledged.addAll(load.acknowledged());
            }
        }
        try (ServeProcess again = ServeProcess.start("sqlite-serve-again", dir.resolve("second"),
                List.of("--state-dir", state.toString()), Map.of());
             Ec2Client ec2 = again.ec2(CALL_TIMEOUT)) {
            Set<String> stored = new HashSet<>(PostgresReplicasTest.ids(ec2.describeInstances().reservations()));
            System.out.printf("kill -9 of alto serve on SQLite under load: %d launches acknowledged, %d instances "
                    + "after restart%n", acknowledged.size(), stored.size());
            assertThat(stored).containsAll(acknowledged);
        }
    }
}
