package io.altostratus.minimal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code minimal} provider, found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.altostratus.core.spi.ProviderFactory}. Each account's instances and images in the region
 * live in {@code minimal-<account>-<region>.json} under {@link ProviderContext#stateDir()}, so they survive a restart;
 * without a state directory they live in memory for as long as this factory does, shared by its sessions.
 *
 * <p>Settings: {@code transition_ms}, how long instances stay pending, stopping or terminating and made images
 * pending (default 1500).
 */
public final class MinimalProviderFactory implements ProviderFactory {
    private final Map<String, MinimalState> inMemory = new ConcurrentHashMap<>();

    /** Its one region. */
    @Override
    public String defaultRegion() {
        return MinimalCatalog.REGION;
    }

    @Override
    public String name() {
        return MinimalCloud.NAME;
    }

    @Override
    public String description() {
        return "a minimal made-up cloud with only the core (instances, images, tags): the example for provider authors";
    }

    @Override
    public ComputeProvider open(ProviderContext context) {
        String region = context.region() == null ? MinimalCatalog.REGION : context.region();
        if (!region.equals(MinimalCatalog.REGION)) {
            throw AltoException.invalid("UnknownRegion", "the minimal cloud has one region, " + MinimalCatalog.REGION
                    + ", not " + region);
        }
        Duration transition = Duration.ofMillis(parseMillis(context.setting("transition_ms", "1500")));
        String key = context.account() + "-" + region;
        MinimalState state = context.stateDir() == null
                ? inMemory.computeIfAbsent(key, k -> MinimalState.inMemory())
                : MinimalState.inFile(context.stateDir().resolve("minimal-" + safe(key) + ".json"));
        return new MinimalCloud(context.account(), context.clock(), transition, state);
    }

    private static long parseMillis(String text) {
        try {
            long ms = Long.parseLong(text.trim());
            if (ms >= 0) {
                return ms;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw AltoException.invalid("InvalidSetting", "transition_ms must be a number of milliseconds: " + text);
    }

    /** Account names come from users; keep only characters every file system takes. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
