package io.altostratus.cli.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * Write load on one replica: threads that each launch an instance (a unique client token per call), then describe
 * it, over and over, recording every id the server acknowledged and every failure with when it happened. A thread
 * stops at its first failure when asked to (a killed replica), or keeps going (a database restart it must ride out).
 */
final class LaunchLoad implements AutoCloseable {

    /** A call that failed: when (System.nanoTime), and the exception the client saw. */
    record Failure(long atNanos, Exception error) {
    }

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong lastSuccessNanos = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    LaunchLoad(String name, Ec2Client ec2, String image, int threadCount, boolean stopOnFailure) {
        for (int t = 0; t < threadCount; t++) {
            String prefix = name + "-" + t + "-";
            threads.add(Thread.ofPlatform().daemon().name("load-" + prefix).start(() -> {
                long n = 0;
                while (!stopping.get()) {
                    String token = prefix + n++;
                    try {
                        Instance made = ec2.runInstances(r -> r.imageId(image).instanceType(InstanceType.T3_MICRO)
                                .minCount(1).maxCount(1).clientToken(token)).instances().getFirst();
                        // Acknowledged: the server answered the launch, so it must survive whatever happens next.
                        acknowledged.add(made.instanceId());
                        ec2.describeInstances(r -> r.filters(f -> f.name("instance-id").values(made.instanceId())));
                        lastSuccessNanos.set(System.nanoTime());
                    } catch (RuntimeException e) {
                        failures.add(new Failure(System.nanoTime(), e));
                        if (stopOnFailure) {
                            return;
                        }
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException interrupted) {
                            return;
                        }
                    }
                }
            }));
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** When a launch and its describe last both succeeded (System.nanoTime), 0 before the first. */
    long lastSuccessNanos() {
        return lastSuccessNanos.get();
    }

    /** Waits until at least {@code count} launches were acknowledged; false on timeout. */
    boolean awaitAcknowledged(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Stops the threads and waits for their calls in flight (each bounded by the client's call timeout). */
    @Override
    public void close() throws InterruptedException {
        stopping.set(true);
        for (Thread thread : threads) {
            thread.join(120_000);
        }
    }
}
