package io.altostratus.gateway.action;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.Cloud;
import io.altostratus.core.model.Instance;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
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
import java.util.function.UnaryOperator;
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
 * A real gateway on a free loopback port over a fresh in-memory local cloud (transitions take no time), and real
 * SDK clients for it: {@code client()} acts as the default account with key {@code test}/{@code test},
 * {@code otherAccount()} as account 111111111111. Besides the wire, tests get the default account's {@link Cloud}
 * session (the one the gateway's handlers call), to set up state through the core API without depending on other
 * action groups, and the raw XML of the last answer, to check what is on the wire. Register with
 * {@code @RegisterExtension}; give a decorator (type mapping, latency) to serve through it as {@code alto serve} does.
 */
public final class GatewayHarness implements BeforeEachCallback, AfterEachCallback {
    public static final String OTHER_ACCOUNT = "111111111111";

    private final UnaryOperator<ComputeProvider> decorator;
    private StateStore store;
    private Backend backend;
    private Gateway gateway;
    private Ec2Client client;
    private Ec2Client other;
    private volatile String lastBody;

    public GatewayHarness() {
        this(UnaryOperator.identity());
    }

    /** A harness whose backend wraps each session's provider with {@code decorator}, as Backend does for serve. */
    public GatewayHarness(UnaryOperator<ComputeProvider> decorator) {
        this.decorator = decorator;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        store = StateStores.inMemory();
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "0"), null);
        backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template, decorator);
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

    /** A new client with the given credentials and region, recording bodies like the others; the caller closes it. */
    public Ec2Client client(String accessKey, String secret, String region) {
        return Ec2Client.builder()
                .endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new BodyRecorder()))
                .build();
    }

    public Gateway gateway() {
        return gateway;
    }

    /** The default account's session in us-east-1: the very one the gateway serves {@link #client()} from. */
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

    /** The body of the last answer any of this harness's clients received. */
    public String lastBody() {
        return lastBody;
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
