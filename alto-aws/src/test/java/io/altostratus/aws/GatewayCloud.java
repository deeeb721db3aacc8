package io.altostratus.aws;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.decorate.Latency;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole path the {@code aws} provider takes in production, in one process: a real gateway on a free loopback
 * port over a fresh in-memory local cloud (optionally with latency added before every backend call), and a
 * {@link ProviderFactory} whose sessions reach it through the real SDK over HTTP, with one access key per account.
 */
final class GatewayCloud implements AutoCloseable {
    private final StateStore store;
    private final Backend backend;
    private final Gateway gateway;
    private final Map<String, AccessKey> keys = new ConcurrentHashMap<>();

    GatewayCloud(Duration latency) {
        store = StateStores.inMemory();
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "0"), null);
        backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template,
                Latency.decorator(latency, Sleeper.SYSTEM));
        gateway = Gateway.builder().port(0).stateStore(store)
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start();
    }

    GatewayCloud() {
        this(Duration.ZERO);
    }

    String endpoint() {
        return gateway.endpoint().toString();
    }

    /** A key for the account, made on first use. */
    AccessKey key(String account) {
        return keys.computeIfAbsent(account, a -> gateway.accessKeys().create(a));
    }

    /**
     * A factory whose sessions act as the context's account over this gateway: the aws factory with that account's
     * access key and the gateway's endpoint added to the context.
     */
    ProviderFactory factory(Sleeper sleeper, Retrier.Listener listener, Path keyDir, Map<String, String> extra) {
        AwsProviderFactory aws = new AwsProviderFactory(sleeper, listener);
        return new ProviderFactory() {
            @Override
            public String name() {
                return "aws";
            }

            @Override
            public String description() {
                return "aws over an in-process gateway";
            }

            @Override
            public ComputeProvider open(ProviderContext context) {
                AccessKey key = key(context.account());
                Map<String, String> settings = new LinkedHashMap<>(context.settings());
                settings.put("access_key_id", key.accessKeyId());
                settings.put("secret_access_key", key.secretAccessKey());
                settings.put("key_dir", keyDir.toString());
                settings.putAll(extra);
                return aws.open(new ProviderContext(context.region() == null ? "us-east-1" : context.region(),
                        context.account(), endpoint(), context.stateDir(), settings, context.clock()));
            }
        };
    }

    @Override
    public void close() {
        gateway.close();
        backend.close();
        store.close();
    }
}
