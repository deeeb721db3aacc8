package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.testkit.ThrowawayPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * Two {@code alto serve} processes on one PostgreSQL database (each with its own, separate state directory, so only
 * the database connects them): what one acknowledges the other shows at once, a client token launches once across
 * both, a replica killed with SIGKILL loses no acknowledged launch while the other keeps serving, and a database
 * restart costs EC2 errors for its duration, never a hang, and no gateway restart.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PostgresReplicasTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(40);
    private static ThrowawayPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() {
        pg = ThrowawayPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    /** Replica A is given the URL with --store, replica B through [store] url in its alto.toml. */
    private List<ServeProcess> replicas(String url) throws Exception {
        ServeProcess a = ServeProcess.start("replica-a", dir.resolve("a"),
                List.of("--store", url, "--state-dir", dir.resolve("a/state").toString()), Map.of());
        try {
            Path config = dir.resolve("b/alto.toml");
            Files.createDirectories(config.getParent());
            Files.writeString(config, "[store]\nurl = \"" + url + "\"\n");
            ServeProcess b = ServeProcess.start("replica-b", dir.resolve("b"),
                    List.of("--state-dir", dir.resolve("b/state").toString()),
                    Map.of("ALTO_CONFIG", config.toString()));
            return List.of(a, b);
        } catch (Exception e) {
            a.close();
            throw e;
        }
    }

    @Test
    void aLaunchThroughOneReplicaIsDescribedByTheOtherAtOnce() throws Exception {
        List<ServeProcess> both = replicas(pg.url(pg.createDatabase()));
        try (ServeProcess a = both.get(0); ServeProcess b = both.get(1);
             Ec2Client ea = a.ec2(CALL_TIMEOUT); Ec2Client eb = b.ec2(CALL_TIMEOUT)) {
            String image = anImage(ea);
            // Each replica's first DescribeInstances pays for class loading and JIT, which is not what is measured.
            eb.describeInstances();
            int launches = 30;
            int foundFirstTime = 0;
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < launches; i++) {
                String id = launch(ea, image, null);
                long acknowledged = System.nanoTime();
                int attempts = 0;
                while (true) {
                    attempts++;
                    List<String> seen = ids(eb.describeInstances(r -> r.filters(f -> f.name("instance-id").values(id)))
                            .reservations());
                    if (seen.contains(id)) {
                        break;
                    }
                    assertThat(System.nanoTime() - acknowledged).as("ns until replica B shows %s", id)
                            .isLessThan(5_000_000_000L);
                }
                micros.add((System.nanoTime() - acknowledged) / 1_000);
                if (attempts == 1) {
                    foundFirstTime++;
                }
            }
            Collections.sort(micros);
            System.out.printf("replica visibility: RunInstances acknowledged by A -> DescribeInstances through B shows "
                            + "it: %d launches, %d found by the first describe; time to B's answer min %.1f ms, "
                            + "median %.1f ms, max %.1f ms%n", launches, foundFirstTime, micros.getFirst() / 1000.0,
                    micros.get(launches / 2) / 1000.0, micros.getLast() / 1000.0);
            // A read sees every write committed before it started, whichever replica made it.
            assertThat(foundFirstTime).isEqualTo(launches);
        }
    }

    @Test
    void bothReplicasLaunchingWithOneClientTokenAtOnceMakeOneInstance() throws Exception {
        List<ServeProcess> both = replicas(pg.url(pg.createDatabase()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ServeProcess a = both.get(0); ServeProcess b = both.get(1);
             Ec2Client ea = a.ec2(CALL_TIMEOUT); Ec2Client eb = b.ec2(CALL_TIMEOUT)) {
            String image = anImage(ea);
            int tokens = 20;
            for (int i = 0; i < tokens; i++) {
                String token = "same-token-" + i;
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<String> viaA = CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return launch(ea, image, token);
                }, pool);
                CompletableFuture<String> viaB = CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return launch(eb, image, token);
                }, pool);
                go.countDown();
                assertThat(viaA.get(60, TimeUnit.SECONDS)).as("token %s", token)
                        .isEqualTo(viaB.get(60, TimeUnit.SECONDS));
            }
            for (Ec2Client each : List.of(ea, eb)) {
                List<Instance> all = allInstances(each);
                assertThat(all).hasSize(tokens);
                assertThat(all.stream().map(Instance::clientToken).distinct()).hasSize(tokens);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReplicaKilledUnderWriteLoadLosesNoAcknowledgedLaunchAndTheOtherKeepsServing() throws Exception {
        String url = pg.url(pg.createDatabase());
        List<ServeProcess> both = replicas(url);
        try (ServeProcess a = both.get(0); ServeProcess b = both.get(1);
             Ec2Client ea = a.ec2(CALL_TIMEOUT); Ec2Client eb = b.ec2(CALL_TIMEOUT)) {
            String image = anImage(ea);
            Set<String> acknowledged = new HashSet<>();
            long killedAt;
            try (LaunchLoad onA = new LaunchLoad("a", ea, image, 3, true);
                 LaunchLoad onB = new LaunchLoad("b", eb, image, 3, true)) {
                assertThat(onA.awaitAcknowledged(40, 120_000)).as("launches through A").isTrue();
                killedAt = System.nanoTime();
                a.kill9();
                int bAtKill = onB.acknowledgedCount();
                assertThat(onB.awaitAcknowledged(bAtKill + 30, 60_000)).as("B keeps launching after A died: %s",
                        onB.failures()).isTrue();
                onA.close();
                onB.close();
                assertThat(onB.failures()).as("B's failures").isEmpty();
                assertThat(onA.failures()).as("A failed only once killed")
                        .allSatisfy(f -> assertThat(f.atNanos()).isGreaterThan(killedAt));
                acknowledged.addAll(onA.acknowledged());
                acknowledged.addAll(onB.acknowledged());
                System.out.printf("kill -9 of replica A under load: %d launches acknowledged by A, %d by B%n",
                        onA.acknowledgedCount(), onB.acknowledgedCount());
            }
            Set<String> stored = new HashSet<>(ids(eb.describeInstances().reservations()));
            assertThat(stored).containsAll(acknowledged);
            // A fresh replica on the database sees them all too (B's view is not just its own memory).
            try (ServeProcess again = ServeProcess.start("replica-a2", dir.resolve("a2"),
                    List.of("--store", url, "--state-dir", dir.resolve("a2/state").toString()),
                    Map.of());
                 Ec2Client e2 = again.ec2(CALL_TIMEOUT)) {
                assertThat(new HashSet<>(ids(e2.describeInstances().reservations()))).containsAll(acknowledged);
            }
        }
    }

    @Test
    void aDatabaseRestartUnderLoadGivesEc2ErrorsNeverHangsAndRecoversWithoutAGatewayRestart() throws Exception {
        List<ServeProcess> both = replicas(pg.url(pg.createDatabase()));
        try (ServeProcess a = both.get(0); ServeProcess b = both.get(1);
             Ec2Client ea = a.ec2(CALL_TIMEOUT); Ec2Client eb = b.ec2(CALL_TIMEOUT)) {
            String image = anImage(ea);
            Set<String> acknowledged = new HashSet<>();
            try (LaunchLoad onA = new LaunchLoad("a", ea, image, 2, false);
                 LaunchLoad onB = new LaunchLoad("b", eb, image, 2, false)) {
                assertThat(onA.awaitAcknowledged(10, 120_000)).isTrue();
                assertThat(onB.awaitAcknowledged(10, 120_000)).isTrue();
                pg.stop();
                long stopped = System.nanoTime();
                Thread.sleep(2_000);
                pg.restart();
                long restarted = System.nanoTime();
                long deadline = restarted + 60_000_000_000L;
                while ((onA.lastSuccessNanos() < restarted || onB.lastSuccessNanos() < restarted)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                long recoveredA = onA.lastSuccessNanos() - restarted;
                long recoveredB = onB.lastSuccessNanos() - restarted;
                onA.close();
                onB.close();
                assertThat(recoveredA).as("A served again after the restart").isPositive();
                assertThat(recoveredB).as("B served again after the restart").isPositive();
                List<LaunchLoad.Failure> failures = new ArrayList<>(onA.failures());
                failures.addAll(onB.failures());
                System.out.printf("PostgreSQL down %.1f s under load: %d failed calls (all EC2 error XML), first "
                                + "success after the restart: A %.0f ms, B %.0f ms%n",
                        (restarted - stopped) / 1e9, failures.size(), recoveredA / 1e6, recoveredB / 1e6);
                assertThat(failures).as("calls failed while the database was down").isNotEmpty();
                assertThat(failures).allSatisfy(f -> {
                    assertThat(f.error()).as("an error the server answered, not a hang or a dropped connection")
                            .isInstanceOf(AwsServiceException.class);
                    AwsServiceException e = (AwsServiceException) f.error();
                    assertThat(e.awsErrorDetails().errorCode()).isIn("InternalError", "ServiceUnavailable",
                            "Unavailable");
                    assertThat(e.statusCode()).isIn(500, 503);
                    String body = e.awsErrorDetails().rawResponse().asUtf8String();
                    assertThat(body).contains("<Errors>").contains("<RequestID>")
                            .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("postgresql://");
                });
                acknowledged.addAll(onA.acknowledged());
                acknowledged.addAll(onB.acknowledged());
            }
            assertThat(new HashSet<>(ids(ea.describeInstances().reservations()))).containsAll(acknowledged);
            assertThat(new HashSet<>(ids(eb.describeInstances().reservations()))).containsAll(acknowledged);
            assertThat(a.isAlive()).isTrue();
            assertThat(b.isAlive()).isTrue();
        }
    }

    static String anImage(Ec2Client ec2) {
        return ec2.describeImages().images().stream()
                .filter(i -> "x86_64".equals(i.architectureAsString()) && "available".equals(i.stateAsString()))
                .map(Image::imageId).findFirst().orElseThrow();
    }

    static String launch(Ec2Client ec2, String image, String token) {
        return ec2.runInstances(r -> r.imageId(image).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1)
                .clientToken(token)).instances().getFirst().instanceId();
    }

    static List<String> ids(List<Reservation> reservations) {
        return reservations.stream().map(Reservation::instances).flatMap(List::stream).map(Instance::instanceId)
                .toList();
    }

    static List<Instance> allInstances(Ec2Client ec2) {
        return ec2.describeInstancesPaginator().reservations().stream().map(Reservation::instances)
                .flatMap(List::stream).toList();
    }

    private static void await(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
