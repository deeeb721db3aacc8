package io.altostratus.local.clusters;

import io.altostratus.core.clusters.ClusterCondition;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.local.LocalProviderFactory;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints the figure: create + wait + delete of a cluster with three node pools (two nodes each) on the local
 * backend, as wall time and service calls (waits' polls included). Not a test (nothing here is timed against a
 * limit): run it with
 * {@code java -cp <alto-local test class path> io.altostratus.local.clusters.ClusterLifecycleFigure [rounds]}.
 *
 * <p>Three settings: changes that settle at once on the system clock (the cost of the implementation, on SQLite as
 * the CLI uses it, and in memory, which leaves out the disk's syncs), and the default timings (clusters 10 s, instances 1.5 s) on a manual clock whose waits advance
 * it, which shows how many polls the waiter's backoff makes over a realistic life.
 */
public final class ClusterLifecycleFigure {
    private ClusterLifecycleFigure() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        // A state directory each: the two clocks disagree about when earlier deletions finished.
        run("settling at once, system clock, SQLite", rounds, Files.createTempDirectory("alto-cluster-figure"),
                Clock.systemUTC(), Map.of("cluster_transition_ms", "0", "transition_ms", "0"));
        run("settling at once, system clock, in memory", rounds, null, Clock.systemUTC(),
                Map.of("cluster_transition_ms", "0", "transition_ms", "0"));
        run("default timings, manual clock, SQLite", rounds, Files.createTempDirectory("alto-cluster-figure"),
                new ManualClock(), Map.of());
    }

    private static void run(String title, int rounds, Path dir, Clock clock, Map<String, String> settings) {
        ProviderContext context = new ProviderContext("us-east-1", "000000000042", null, dir, settings, clock);
        AtomicInteger calls = new AtomicInteger();
        List<Double> millis = new ArrayList<>();
        List<Integer> perRound = new ArrayList<>();
        try (Clusters real = new LocalProviderFactory().service(Clusters.class, context).orElseThrow()) {
            Clusters counted = counting(real, calls);
            for (int i = -3; i < rounds; i++) { // three rounds of warm-up, not reported
                calls.set(0);
                long t0 = System.nanoTime();
                lifecycle(counted, "fig-" + (i + 3), clock);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (i >= 0) {
                    millis.add(ms);
                    perRound.add(calls.get());
                }
            }
        }
        Collections.sort(millis);
        System.out.printf("%s: %d rounds, wall time median %.1f ms (min %.1f, max %.1f), calls per round %s%n",
                title, rounds, millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1),
                perRound.stream().distinct().sorted().toList());
    }

    private static void lifecycle(Clusters c, String name, Clock clock) {
        Duration timeout = Duration.ofMinutes(30);
        ClusterSpec.Builder spec = ClusterSpec.builder(name);
        for (String pool : List.of("a", "b", "c")) {
            spec.nodePool(NodePoolSpec.of(pool, "t3.medium", 2));
        }
        c.create(spec.build());
        c.waitFor(name, ClusterCondition.ACTIVE, timeout);
        for (String pool : List.of("a", "b", "c")) {
            c.waitForNodePool(name, pool, ClusterCondition.ACTIVE, timeout);
        }
        for (String pool : List.of("a", "b", "c")) {
            c.deleteNodePool(name, pool);
        }
        for (String pool : List.of("a", "b", "c")) {
            c.waitForNodePool(name, pool, ClusterCondition.DELETED, timeout);
        }
        c.delete(name);
        c.waitFor(name, ClusterCondition.DELETED, timeout);
    }

    /** The service with every call counted, including those its own waiting methods make. */
    private static Clusters counting(Clusters real, AtomicInteger calls) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (!method.getName().equals("clock")) {
                calls.incrementAndGet();
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Clusters) Proxy.newProxyInstance(Clusters.class.getClassLoader(), new Class<?>[] {Clusters.class},
                handler);
    }
}
