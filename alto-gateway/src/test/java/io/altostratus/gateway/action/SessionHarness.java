package io.altostratus.gateway.action;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.Cloud;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@link GatewayHarness} plus the backend session the gateway itself uses for the default account in us-east-1, so
 * that tests of images, tags and key pairs can make instances, volumes and networks through the core API without
 * depending on other action groups, and can compare the gateway's answers with the backend's own data.
 */
public final class SessionHarness implements BeforeEachCallback, AfterEachCallback {
    public static final String OTHER_ACCOUNT = GatewayHarness.OTHER_ACCOUNT;

    private StateStore store;
    private Backend backend;
    private Gateway gateway;
    private Ec2Client client;
    private Ec2Client other;

    @Override
    public void beforeEach(ExtensionContext context) {
        store = StateStores.inMemory();
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "0"), null);
        backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template);
        gateway = Gateway.builder().port(0).stateStore(store)
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start();
        AccessKey otherKey = gateway.accessKeys().create(OTHER_ACCOUNT);
        client = client("test", "test", "us-east-1");
        other = client(otherKey.accessKeyId(), otherKey.secretAccessKey(), "us-east-1");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        other.close();
        gateway.close();
        backend.close();
        store.close();
    }

    /** A client for the default account in us-east-1. */
    public Ec2Client client() {
        return client;
    }

    /** A client for another account, which must never see the default account's resources. */
    public Ec2Client otherAccount() {
        return other;
    }

    /** The default account's session in us-east-1: the very one the gateway's handlers call. */
    public Cloud cloud() {
        return backend.cloud(ProviderContext.DEFAULT_ACCOUNT, "us-east-1");
    }

    /** The default account's id. */
    public String account() {
        return ProviderContext.DEFAULT_ACCOUNT;
    }

    /** A new client with the given credentials and region; the caller closes it. */
    public Ec2Client client(String accessKey, String secret, String region) {
        return Ec2Client.builder()
                .endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .build();
    }
}
