package io.altostratus.aws.clusters;

import io.altostratus.aws.AwsProviderFactory;
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
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.gateway.eks.EksFront;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.altostratus.testkit.clusters.ClustersFixture;
import io.altostratus.testkit.clusters.ClustersProviderContract;
import io.altostratus.testkit.clusters.FactoryClustersFixture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;

/**
 * The clusters contract for the {@code aws} provider's EKS side, the whole way it runs against a real endpoint:
 * {@link EksClusters} through the AWS SDK's EKS client over HTTP, signed with one access key per account, to alto's
 * EKS front on an in-process gateway (strict signatures) over the local cloud in memory, with EC2 served beside
 * it, where the provider finds the pools' nodes by their tags. Clusters take 10 s of the
 * fixture's manual clock to change, which the backend and the provider's waits share.
 */
class EksGatewayContractTest implements ClustersProviderContract {
    private static final ManualClock CLOCK = new ManualClock();
    private static final StateStore STORE = StateStores.inMemory();
    private static final ProviderContext BACKEND = new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT,
            null, null, Map.of("cluster_transition_ms", "10000", "transition_ms", "0"), CLOCK);
    private static final EksFront FRONT = EksFront.builder(LocalProviderFactory.withStore(STORE, Catalogs.aws()))
            .context(BACKEND).stateStore(STORE).build();
    /** EC2 beside EKS on one gateway: the provider finds the pools' nodes there, and the kit looks at them. */
    private static final Gateway GATEWAY = FRONT.mountOn(Gateway.builder().port(0).stateStore(STORE)
            .authMode(AuthMode.STRICT).dispatcher(new Ec2Dispatcher(
                    new Backend(LocalProviderFactory.withStore(STORE, Catalogs.aws()), BACKEND), Ec2Actions.all())))
            .start();
    private static final Map<String, AccessKey> KEYS = new ConcurrentHashMap<>();

    private static final FactoryClustersFixture FIXTURE = FactoryClustersFixture.builder(keyed(
                    new AwsProviderFactory(CLOCK, Retrier.Listener.NONE)))
            .region("us-east-1")
            .endpoint(GATEWAY.endpoint().toString())
            .clock(CLOCK)
            .nodeInstanceType("t3.medium")
            .nodesAreInstances(true)
            .setting("ssm", "false")
            .setting("eks_cluster_role_arn", "arn:aws:iam::000000000000:role/eks-cluster")
            .setting("eks_node_role_arn", "arn:aws:iam::000000000000:role/eks-nodes")
            .build();

    /** The aws factory, with the access key of the context's account (made on first use) put into its settings. */
    private static ProviderFactory keyed(AwsProviderFactory aws) {
        return new ProviderFactory() {
            @Override
            public String name() {
                return "aws";
            }

            @Override
            public String description() {
                return "aws over alto's EKS front";
            }

            @Override
            public ComputeProvider open(ProviderContext context) {
                return aws.open(withKey(context));
            }

            @Override
            public <S extends ProviderService> Optional<S> service(Class<S> type, ProviderContext context) {
                return aws.service(type, withKey(context));
            }

            private ProviderContext withKey(ProviderContext context) {
                AccessKey key = KEYS.computeIfAbsent(context.account(), a -> GATEWAY.accessKeys().create(a));
                Map<String, String> settings = new LinkedHashMap<>(context.settings());
                settings.put("access_key_id", key.accessKeyId());
                settings.put("secret_access_key", key.secretAccessKey());
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
