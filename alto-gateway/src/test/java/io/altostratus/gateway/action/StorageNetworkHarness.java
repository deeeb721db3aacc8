package io.altostratus.gateway.action;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.Cloud;
import io.altostratus.core.model.Instance;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Like {@link GatewayHarness} (a real gateway over a fresh in-memory local cloud with instant transitions, SDK
 * clients for the default account and for account 111111111111), plus what the storage and addressing tests need
 * besides the gateway: the default account's {@link Cloud} session, to launch instances and make images through the
 * core API without depending on other action groups, and the raw XML of the last answer, to check that EC2's
 * always-present lists are on the wire.
 */
public final class StorageNetworkHarness implements BeforeEachCallback, AfterEachCallback {
    public static final String OTHER_ACCOUNT = "111111111111";

    private StateStore store;
    private Backend backend;
    private Gateway gateway;
    private Ec2Client client;
    private Ec2Client other;
    private volatile String lastBody;

    @Override
    public void beforeEach(ExtensionContext context) {
        store = StateStores.inMemory();
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "0"), null);
        backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template);
        gateway = Gateway.builder().port(0).stateStore(store)
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start();
        AccessKey otherKey = gateway.accessKeys().create(OTHER_ACCOUNT);
        client = client("test", "test");
        other = client(otherKey.accessKeyId(), otherKey.secretAccessKey());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        other.close();
        gateway.close();
        backend.close();
        store.close();
    }

    /** The default account in us-east-1. */
    public Ec2Client client() {
        return client;
    }

    /** Another account, which must never see the default account's resources. */
    public Ec2Client otherAccount() {
        return other;
    }

    /** The default account's session in us-east-1, the one the gateway serves {@link #client()} from. */
    public Cloud cloud() {
        return backend.cloud(ProviderContext.DEFAULT_ACCOUNT, "us-east-1");
    }

    /** The default account's id as the gateway reports it in owner fields. */
    public String account() {
        return ProviderContext.DEFAULT_ACCOUNT;
    }

    /** A running instance in the given zone of the default VPC, launched through the core API. */
    public Instance launch(String zone) {
        return cloud().launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").zone(zone).build())
                .get(0);
    }

    /** The body of the last answer {@link #client()} or {@link #otherAccount()} received. */
    public String lastBody() {
        return lastBody;
    }

    private Ec2Client client(String accessKey, String secret) {
        return Ec2Client.builder()
                .endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new BodyRecorder()))
                .build();
    }

    /** Keeps a copy of each response body and hands the SDK an identical stream. */
    private final class BodyRecorder implements ExecutionInterceptor {
        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                               ExecutionAttributes attributes) {
            Optional<InputStream> body = context.responseBody();
            if (body.isEmpty()) {
                return body;
            }
            try (InputStream in = body.get()) {
                byte[] bytes = in.readAllBytes();
                lastBody = new String(bytes, StandardCharsets.UTF_8);
                return Optional.of(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
