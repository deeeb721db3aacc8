package io.altostratus.local;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Local clouds for tests: a manual clock, one store per test, instant transitions unless told otherwise. */
final class TestClouds implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    static final String OTHER_ACCOUNT = "210987654321";

    final ManualClock clock = new ManualClock();
    final StateStore store;
    private final Map<String, String> settings = new LinkedHashMap<>(Map.of("transition_ms", "0"));

    TestClouds() {
        this(StateStores.inMemory());
    }

    TestClouds(StateStore store) {
        this.store = store;
    }

    TestClouds setting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    LocalCloud open() {
        return open(ACCOUNT, "us-east-1");
    }

    LocalCloud open(String account, String region) {
        return (LocalCloud) LocalProviderFactory.withStore(store, Catalogs.aws()).open(context(account, region, null));
    }

    ProviderContext context(String account, String region, Path stateDir) {
        return new ProviderContext(region, account, null, stateDir, settings, clock);
    }

    @Override
    public void close() {
        store.close();
    }
}
