package io.altostratus.bench;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.auth.AccessKeys;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The gateway in this JVM over an in-memory local cloud, wired as {@code alto serve --ephemeral} wires it (store shared
 * by access keys and resources, one backend session per account and region).
 */
final class InProcessTarget implements Target {
    private final StateStore store;
    private final Backend backend;
    private final Gateway gateway;
    private final long startupMillis;

    InProcessTarget() {
        long started = System.nanoTime();
        store = StateStores.inMemory();
        ProviderContext template = new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "0"), null);
        backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template);
        gateway = Gateway.builder().port(0).stateStore(store)
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start();
        startupMillis = (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public String label() {
        return "alto (in-process, local backend in memory)";
    }

    @Override
    public URI endpoint() {
        return gateway.endpoint();
    }

    @Override
    public String accessKey() {
        return AccessKeys.DEFAULT_ACCESS_KEY_ID;
    }

    @Override
    public String secretKey() {
        return AccessKeys.DEFAULT_SECRET;
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(ProcessHandle.current().pid());
    }

    @Override
    public boolean sharesThisProcess() {
        return true;
    }

    @Override
    public long startupMillis() {
        return startupMillis;
    }

    @Override
    public void close() {
        gateway.close();
        backend.close();
        store.close();
    }
}
