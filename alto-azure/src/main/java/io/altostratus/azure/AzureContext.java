package io.altostratus.azure;

import io.altostratus.azure.internal.ArmCalls;
import io.altostratus.azure.internal.ArmClients;
import io.altostratus.catalog.Catalog;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

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
}
