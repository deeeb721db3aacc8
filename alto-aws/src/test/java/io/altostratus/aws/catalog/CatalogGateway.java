package io.altostratus.aws.catalog;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.decorate.Latency;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The EC2 gateway in-process on a free loopback port, over a fresh in-memory local cloud that serves the shipped
 * AWS catalog, optionally with a fixed latency before every backend call (what {@code alto serve --latency} adds).
 */
final class CatalogGateway implements AutoCloseable {
    private final StateStore store;
    private final Backend backend;
    private final Gateway gateway;

    CatalogGateway(Duration latency) {
        store = StateStores.inMemory();
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "0"), null);
        backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template,
                Latency.decorator(latency, Sleeper.SYSTEM));
        gateway = Gateway.builder().port(0).stateStore(store)
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start();
    }

    URI endpoint() {
        return URI.create(gateway.endpoint().toString());
    }

    @Override
    public void close() {
        gateway.close();
        backend.close();
        store.close();
    }
}
