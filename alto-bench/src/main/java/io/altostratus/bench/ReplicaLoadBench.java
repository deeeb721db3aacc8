package io.altostratus.bench;

import io.altostratus.testkit.ThrowawayPostgres;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Sustained mixed EC2 traffic against {@code alto serve} as a team would run it: {@code --clients} threads (8 by
 * default) each looping RunInstances (one t3.micro), DescribeInstances of that id, DescribeInstances filtered by
 * state, TerminateInstances, for {@code --seconds} (30 by default) after a short warm-up; once against one replica on
 * SQLite and once against two replicas on one PostgreSQL, the clients spread over both. Prints throughput (calls per
 * second) and p50/p99 latency per action and overall, and the errors seen (there should be none).
 *
 * <pre>
 * bin/bench replica-load [--clients N] [--seconds N] [--pg-url postgresql://...]
 * </pre>
 *
 * Without {@code --pg-url} a throwaway PostgreSQL cluster is made (Debian's {@code postgresql} binaries).
 */
public final class ReplicaLoadBench {
    private static final PrintStream OUT = System.out;
    private static final List<String> ACTIONS = List.of("RunInstances", "DescribeInstances(id)",
            "DescribeInstances(state)", "TerminateInstances");

    private ReplicaLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int clients = 8;
        int seconds = 30;
        String pgUrl = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--pg-url" -> pgUrl = args[++i];
                default -> {
                    System.err.println("replica-load: unknown argument " + args[i]
                            + " (options: --clients N, --seconds N, --pg-url URL)");
                    System.exit(2);
                }
            }
        }
        Path launcher = Path.of(System.getProperty("alto.repo", ".")).resolve("bin/alto");
        OUT.printf("replica-load: %d clients, %d s each, mixed run/describe(id)/describe(state)/terminate%n",
                clients, seconds);

        Path sqliteDir = Files.createTempDirectory("alto-bench-sqlite");
        try (ProcessTarget one = ProcessTarget.alto(launcher, sqliteDir)) {
            report("one replica, SQLite", run(List.of(one.endpoint()), clients, seconds));
        }

        if (pgUrl == null && ThrowawayPostgres.binaries().isEmpty()) {
            OUT.println("two replicas, PostgreSQL: skipped: no PostgreSQL server binaries (Debian's 'postgresql'), "
                    + "and no --pg-url");
            return;
        }
        ThrowawayPostgres pg = null;
        try {
            if (pgUrl == null) {
                pg = ThrowawayPostgres.start(ThrowawayPostgres.binaries().orElseThrow());
                pgUrl = pg.url(pg.createDatabase());
            }
            try (ProcessTarget a = ProcessTarget.altoReplica(launcher, Files.createTempDirectory("alto-bench-a"),
                    pgUrl, "replica A");
                 ProcessTarget b = ProcessTarget.altoReplica(launcher, Files.createTempDirectory("alto-bench-b"),
                         pgUrl, "replica B")) {
                report("two replicas, PostgreSQL", run(List.of(a.endpoint(), b.endpoint()), clients, seconds));
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private record Result(Map<String, List<Long>> nanos, long errors, List<String> firstErrors, double seconds) {
    }

    private static Result run(List<URI> endpoints, int clients, int seconds) throws Exception {
        Map<String, List<Long>> nanos = new ConcurrentHashMap<>();
        ACTIONS.forEach(a -> nanos.put(a, Collections.synchronizedList(new ArrayList<>())));
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        String image;
        try (Ec2Client probe = client(endpoints.get(0))) {
            image = probe.describeImages(r -> r.owners("099720109477")).images().stream()
                    .filter(i -> "x86_64".equals(i.architectureAsString())).map(Image::imageId).findFirst()
                    .orElseThrow();
        }
        long warmUpEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        long end = warmUpEnd + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            URI endpoint = endpoints.get(c % endpoints.size());
            Thread.ofPlatform().start(() -> {
                try (Ec2Client ec2 = client(endpoint)) {
                    while (System.nanoTime() < end) {
                        boolean measured = System.nanoTime() > warmUpEnd;
                        try {
                            long t0 = System.nanoTime();
                            String id = ec2.runInstances(r -> r.imageId(image).instanceType("t3.micro").minCount(1)
                                    .maxCount(1)).instances().get(0).instanceId();
                            long t1 = System.nanoTime();
                            ec2.describeInstances(r -> r.instanceIds(id));
                            long t2 = System.nanoTime();
                            ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name")
                                    .values("pending", "running").build()).maxResults(100));
                            long t3 = System.nanoTime();
                            ec2.terminateInstances(r -> r.instanceIds(id));
                            long t4 = System.nanoTime();
                            if (measured) {
                                nanos.get(ACTIONS.get(0)).add(t1 - t0);
                                nanos.get(ACTIONS.get(1)).add(t2 - t1);
                                nanos.get(ACTIONS.get(2)).add(t3 - t2);
                                nanos.get(ACTIONS.get(3)).add(t4 - t3);
                            }
                        } catch (RuntimeException e) {
                            if (measured) {
                                errors.incrementAndGet();
                                if (firstErrors.size() < 3) {
                                    firstErrors.add(e.getMessage());
                                }
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return new Result(nanos, errors.get(), List.copyOf(firstErrors), seconds);
    }

    private static Ec2Client client(URI endpoint) {
        return Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(4))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private static void report(String label, Result result) {
        List<Long> all = new ArrayList<>();
        result.nanos().values().forEach(all::addAll);
        OUT.printf("%n%s: %d calls in %.0f s = %.0f calls/s, p50 %.1f ms, p99 %.1f ms, %d errors%n", label, all.size(),
                result.seconds(), all.size() / result.seconds(), percentile(all, 50), percentile(all, 99),
                result.errors());
        for (String action : ACTIONS) {
            List<Long> n = result.nanos().get(action);
            OUT.printf("  %-26s %7d  p50 %7.1f ms  p99 %7.1f ms%n", action, n.size(), percentile(n, 50),
                    percentile(n, 99));
        }
        result.firstErrors().forEach(e -> OUT.println("  error: " + e));
    }

    private static double percentile(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
