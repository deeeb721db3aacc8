package io.altostratus.gateway.eks;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.altostratus.core.wait.ManualClock;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * The EKS front over the local cloud (shipped AWS catalog, clusters settling after {@code transitionMs}) on an
 * in-process gateway in strict mode, whose default key is {@code test}/{@code test}; EC2 is not served.
 */
final class EksEndpoint implements AutoCloseable {
    final StateStore store = StateStores.inMemory();
    final EksFront front;
    final Gateway gateway;

    /** The backend's clock: clusters change state only when a test moves it. */
    final ManualClock clock = new ManualClock(Instant.now());

    EksEndpoint(long transitionMs) {
        front = EksFront.builder(LocalProviderFactory.withStore(store, Catalogs.aws()))
                .context(new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("cluster_transition_ms", Long.toString(transitionMs)), clock))
                .stateStore(store).build();
        gateway = front.mountOn(Gateway.builder().port(0).stateStore(store).authMode(AuthMode.STRICT)
                .dispatcher(call -> {
                    throw new IllegalStateException("no EC2 calls here");
                })).start();
    }

    URI endpoint() {
        return gateway.endpoint();
    }

    EksClient client() {
        return EksClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @Override
    public void close() {
        gateway.close();
        front.close();
        store.close();
    }
}
