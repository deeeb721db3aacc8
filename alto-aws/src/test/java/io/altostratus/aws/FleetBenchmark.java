package io.altostratus.aws;

import io.altostratus.core.Cloud;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fleet benchmark (a main, never a timed unit test): launches a fleet through the {@code aws} provider, the real
 * SDK and HTTP, against the gateway in this process whose backend pays a fixed latency before every call, and
 * prints the wall time next to the naive bound (one sequential call per instance).
 *
 * <pre>{@code java ... io.altostratus.aws.FleetBenchmark [instances=1000] [latencyMs=100] [batch=100] [parallelism=8]}</pre>
 */
public final class FleetBenchmark {
    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 100);
        String batch = args.length > 2 ? args[2] : "100";
        String parallelism = args.length > 3 ? args[3] : "8";
        Path keys = Files.createTempDirectory("alto-fleet-keys");
        try (GatewayCloud gateway = new GatewayCloud(latency)) {
            var factory = gateway.factory(Sleeper.SYSTEM, null, keys, Map.of("batch_size", batch,
                    "parallelism", parallelism, "ssm", "false"));
            try (Cloud cloud = new Cloud(factory.open(new ProviderContext("us-east-1",
                    ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of(), null)))) {
                // One warm-up call so that connection set-up and class loading are not in the figure.
                cloud.zones();
                long start = System.nanoTime();
                List<Instance> fleet = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04")
                        .instanceType("t3.micro").count(count).tag("fleet", "bench").build());
                long launched = System.nanoTime();
                List<Instance> running = cloud.instances(InstanceQuery.builder().tag("fleet", "bench")
                        .state(InstanceState.RUNNING).build());
                long listed = System.nanoTime();
                if (fleet.size() != count) {
                    throw new IllegalStateException("launched " + fleet.size() + " of " + count);
                }
                double naive = count * latency.toMillis() / 1000.0;
                System.out.printf("fleet: %d instances, backend latency %d ms, batches of %s, %s in flight%n", count,
                        latency.toMillis(), batch, parallelism);
                System.out.printf("  launch:            %.2f s  (naive bound: %d sequential calls = %.0f s)%n",
                        (launched - start) / 1e9, count, naive);
                System.out.printf("  + list running:    %.2f s  (%d of %d running)%n", (listed - start) / 1e9,
                        running.size(), count);
            }
        }
    }
}
