package io.altostratus.gcp;

import io.altostratus.gcp.internal.GceCalls;
import io.altostratus.gcp.internal.GceClients;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

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
}
