package io.altostratus.gcp.clusters;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.ProviderService;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Retrier;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.gateway.gke.GkeFront;
import io.altostratus.gcp.GcpProviderFactory;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.altostratus.testkit.ProviderFixture.Account;
import io.altostratus.testkit.clusters.ClustersFixture;
import io.altostratus.testkit.clusters.ClustersProviderContract;
import io.altostratus.testkit.clusters.FactoryClustersFixture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;

/**
 * The clusters contract for the {@code gcp} provider's GKE side, the whole way it runs against a real endpoint:
 * {@link GkeClusters} through Google's ClusterManagerClient over HTTP/JSON, with one bearer token per project (the
 * session's {@code access_token}), to alto's GKE front on an in-process gateway (strict tokens) over the local cloud
 * in memory on the GCP catalog. Clusters take 10 s of the fixture's manual clock to change, which the backend, the
 * front's operations and the provider's waits share. Pool nodes are not looked at as instances: the gcp provider
 * finds no node ids through GKE.
 */
class GkeGatewayContractTest implements ClustersProviderContract {
    private static final ManualClock CLOCK = new ManualClock();
    private static final StateStore STORE = StateStores.inMemory();
    private static final ProviderContext BACKEND = new ProviderContext("us-central1",
            ProviderContext.DEFAULT_ACCOUNT, null, null,
            Map.of("cluster_transition_ms", "10000", "transition_ms", "0"), CLOCK);
    private static final GkeFront FRONT = GkeFront.builder(LocalProviderFactory.withStore(STORE, Catalogs.gcp()))
            .context(BACKEND).stateStore(STORE).authMode(AuthMode.STRICT).build();
    /** A gateway needs an EC2 dispatcher; the GKE front is mounted beside it. */
    private static final Gateway GATEWAY = FRONT.mountOn(Gateway.builder().port(0).stateStore(STORE)
            .dispatcher(new Ec2Dispatcher(new Backend(LocalProviderFactory.withStore(STORE, Catalogs.gcp()),
                    BACKEND), Ec2Actions.all())))
            .start();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private static final FactoryClustersFixture FIXTURE = FactoryClustersFixture.builder(withToken(
                    new GcpProviderFactory(CLOCK, Retrier.Listener.NONE, Map.of())))
            .region("us-central1")
            .endpoint(GATEWAY.endpoint().toString())
            .clock(CLOCK)
            .account(Account.A, "alto-project-a")
            .account(Account.B, "alto-project-b")
            .nodeInstanceType("e2-standard-2")
            .nodesAreInstances(false)
            .build();

    /** The gcp factory, with a bearer token of the front for the context's project (made on first use). */
    private static ProviderFactory withToken(GcpProviderFactory gcp) {
        return new ProviderFactory() {
            @Override
            public String name() {
                return "gcp";
            }

            @Override
            public String description() {
                return "gcp over alto's GKE front";
            }

            @Override
            public ComputeProvider open(ProviderContext context) {
                return gcp.open(withToken(context));
            }

            @Override
            public <S extends ProviderService> Optional<S> service(Class<S> type, ProviderContext context) {
                return gcp.service(type, withToken(context));
            }

            private ProviderContext withToken(ProviderContext context) {
                String token = TOKENS.computeIfAbsent(context.account(), a -> FRONT.tokens().create(a));
                Map<String, String> settings = new LinkedHashMap<>(context.settings());
                settings.put("access_token", token);
                return new ProviderContext(context.region(), context.account(), context.endpoint(),
                        context.stateDir(), settings, context.clock());
            }
        };
    }

    @AfterAll
    static void stop() {
        GATEWAY.close();
        FRONT.close();
        STORE.close();
    }

    @Override
    public ClustersFixture clustersFixture() {
        return FIXTURE;
    }
}
