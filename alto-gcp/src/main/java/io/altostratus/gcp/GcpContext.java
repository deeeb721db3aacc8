package io.altostratus.gcp;

import io.altostratus.core.spi.Fan;
import io.altostratus.gcp.internal.GceCalls;
import io.altostratus.gcp.internal.GceClients;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * What every part of one {@code gcp} session shares: the project and region, the lazily made clients, the call
 * policy, the settings, the factory's memory of deleted instances, and the threads per-instance calls fan out on
 * (virtual, bounded by {@code parallelism}).
 */
record GcpContext(String project, String region, GceClients clients, GceCalls calls, GcpSettings settings,
                  Tombstones tombstones, ExecutorService fanOut, Semaphore inFlight) {

    static GcpContext of(String project, String region, GceClients clients, GceCalls calls, GcpSettings settings,
                         Tombstones tombstones) {
        return new GcpContext(project, region, clients, calls, settings, tombstones,
                Executors.newVirtualThreadPerTaskExecutor(), new Semaphore(settings.parallelism()));
    }

    Clock clock() {
        return calls.clock();
    }

    /**
     * One call per item on the session's threads, at most {@code parallelism} at once, answers in the items' order.
     * GCE has no batch form of most calls (stop, start, delete, get are per instance, lists are per zone), so a call
     * over many is many calls in parallel.
     *
     * @throws io.altostratus.core.error.AltoException the first failure in item order, after every call has finished
     */
    <I, O> List<O> inParallel(List<I> items, Function<I, O> call) {
        return Fan.out(fanOut, inFlight, items, call);
    }
}
