package io.altostratus.bench;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Network;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.auth.AccessKeys;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * How a tag-filtered DescribeInstances (ten matching instances) behaves as the fleet grows: 1,000 and 10,000
 * instances, and with {@code --scale N} on to N (e.g. 100,000), through the SDK against the gateway in this JVM over an
 * in-memory local cloud. The fleet grows through the provider API in launches of 1,000 into /16 subnets of VPCs made
 * for it (the SDK's RunInstances would only add HTTP time to the set-up); every measured call goes through the SDK and
 * the gateway. The figure should stay
 * about flat; a scan would grow with the fleet. Also prints the heap in use after a GC and the process's RSS.
 *
 * <pre>
 * java -cp alto-bench.jar:lib/* io.altostratus.bench.FleetScaleBench [--scale N] [--repeats N]
 * </pre>
 */
public final class FleetScaleBench {
    private static final PrintStream OUT = System.out;
    private static final int LAUNCH_BATCH = 1000;
    private static final int NEEDLES = 10;
    private static final int SUBNET_CAPACITY = 60_000;

    private FleetScaleBench() {
    }

    public static void main(String[] args) {
        int scale = 10_000;
        int repeats = 15;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: FleetScaleBench [--scale N] [--repeats N]");
                    System.exit(2);
                }
            }
        }
        List<Integer> sizes = new ArrayList<>();
        for (int size = 1000; size < scale; size *= 10) {
            sizes.add(size);
        }
        sizes.add(scale);

        StateStore store = StateStores.inMemory();
        ProviderContext template = new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "0", "max_instances", Integer.toString(scale + 10 * NEEDLES * sizes.size())),
                null);
        Backend backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template);
        Gateway gateway = Gateway.builder().port(0).stateStore(store)
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start();
        try (Ec2Client ec2 = Workload.client(gateway.endpoint(), AccessKeys.DEFAULT_ACCESS_KEY_ID,
                AccessKeys.DEFAULT_SECRET)) {
            Cloud cloud = backend.cloud(ProviderContext.DEFAULT_ACCOUNT, "us-east-1");
            Networks networks = cloud.require(Networks.class);
            OUT.printf(Locale.ROOT, "fleet-scale: tag-filtered DescribeInstances (%d matching) through the SDK, "
                    + "in-process gateway, JDK %s, %d cores, %d timed calls per size%n", NEEDLES, Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), repeats);
            OUT.printf(Locale.ROOT, "%12s %12s %10s %10s %12s %12s%n", "instances", "grow s", "median ms", "min ms",
                    "heap MiB", "RSS MiB");
            // The default subnets (/20 each) hold some 24,000 instances; /16 subnets of their own VPCs hold more.
            List<String> subnets = new ArrayList<>();
            String[] zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
            for (int k = 0; k * SUBNET_CAPACITY < scale + NEEDLES * sizes.size(); k++) {
                Network vpc = networks.createNetwork(new NetworkSpec("fleet-" + k, "10." + k + ".0.0/16", Map.of()));
                subnets.add(networks.createSubnet(new SubnetSpec(vpc.id(), "10." + k + ".0.0/16",
                        zones[k % zones.length], "fleet-" + k, false, Map.of())).id());
            }
            int fleet = 0;
            int batch = 0;
            for (int size : sizes) {
                long growStart = System.nanoTime();
                while (fleet < size) {
                    int count = Math.min(LAUNCH_BATCH, size - fleet);
                    fleet += cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                            .subnetId(subnets.get(fleet / SUBNET_CAPACITY)).count(count).tag("bench", "fleet")
                            .tag("batch", Integer.toString(batch++)).build()).size();
                }
                String needle = "needle-" + size;
                fleet += cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                        .subnetId(subnets.get(fleet / SUBNET_CAPACITY)).count(NEEDLES).tag("needle", needle)
                        .build()).size();
                System.gc(); // the growth's garbage is not what the calls below should pay for
                double growSeconds = (System.nanoTime() - growStart) / 1e9;

                DescribeInstancesRequest request = DescribeInstancesRequest.builder()
                        .filters(Filter.builder().name("tag:needle").values(needle).build()).build();
                for (int w = 0; w < repeats; w++) {
                    describe(ec2, request); // warm-up: the JIT's first compilations are not what is measured
                }
                Stats stats = new Stats();
                for (int r = 0; r < repeats; r++) {
                    long start = System.nanoTime();
                    describe(ec2, request);
                    stats.add(System.nanoTime() - start);
                }
                OUT.printf(Locale.ROOT, "%,12d %12.1f %10.2f %10.2f %12.0f %12s%n", fleet, growSeconds,
                        stats.medianMs(), stats.minMs(), heapAfterGcMiB(), rssMiB());
            }
        } finally {
            gateway.close();
            backend.close();
            store.close();
        }
    }

    private static void describe(Ec2Client ec2, DescribeInstancesRequest request) {
        int seen = 0;
        for (Reservation reservation : ec2.describeInstancesPaginator(request).reservations()) {
            seen += reservation.instances().size();
        }
        if (seen != NEEDLES) {
            throw new IllegalStateException("the tag filter matched " + seen + " instances, not " + NEEDLES);
        }
    }

    private static double heapAfterGcMiB() {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed() / (1024.0 * 1024.0);
    }

    private static String rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.substring(6).replace("kB", "").strip());
                    return String.format(Locale.ROOT, "%.0f", kib / 1024.0);
                }
            }
        } catch (Exception unreadable) {
            // Not Linux: the heap figure still says something.
        }
        return "?";
    }
}
