package io.altostratus.azure;

import io.altostratus.azure.internal.ArmCalls;
import io.altostratus.azure.internal.ArmClients;
import io.altostratus.catalog.Catalog;
import io.altostratus.core.spi.Fan;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * What every part of one {@code azure} session shares: the location (the session's region), the resource group,
 * the lazily made clients, the call policy, the settings, the catalog that prices sizes and names public images,
 * the factory's memory of deleted VMs, and the threads per-VM calls fan out on (virtual, bounded by
 * {@code parallelism}).
 */
record AzureContext(String location, String group, ArmClients clients, ArmCalls calls, AzureSettings settings,
                    Catalog catalog, Tombstones tombstones, ExecutorService fanOut, Semaphore inFlight) {

    static AzureContext of(String location, ArmClients clients, ArmCalls calls, AzureSettings settings,
                           Catalog catalog, Tombstones tombstones) {
        return new AzureContext(location, settings.resourceGroup(), clients, calls, settings, catalog, tombstones,
                Executors.newVirtualThreadPerTaskExecutor(), new Semaphore(settings.parallelism()));
    }

    String subscription() {
        return clients.subscription();
    }

    Clock clock() {
        return calls.clock();
    }

    /**
     * One call per item on the session's threads, at most {@code parallelism} at once (ARM has no batch form of VM
     * start, deallocate or delete); the answers in item order.
     *
     * @throws io.altostratus.core.error.AltoException the first failure in item order, after every call finished
     */
    <I, O> List<O> inParallel(List<I> items, Function<I, O> call) {
        return Fan.out(fanOut, inFlight, items, call);
    }

    /** As {@link #inParallel}, with what each call came to (its answer or its failure). */
    <I, O> List<Fan.Outcome<O>> eachInParallel(List<I> items, Function<I, O> call) {
        return Fan.each(fanOut, inFlight, items, call);
    }
}
