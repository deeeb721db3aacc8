package io.altostratus.gateway.faults;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.core.spi.decorate.Faults;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.gateway.metrics.AccessLog;
import io.altostratus.gateway.metrics.GatewayMetrics;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The gateway as {@code alto serve} wires it for faults and metrics, in-process: a fresh in-memory local cloud whose
 * sessions are metered (innermost) and then put under one {@link Faults} plan, the gateway serving
 * {@code /_alto/faults} and {@code /_alto/metrics}, and an SDK client whose every attempt is recorded (status and EC2
 * error code), so a test counts the retries the SDK made. The SDK retries as its standard strategy does (4 attempts
 * here) but without waiting between attempts, so nothing sleeps.
 */
final class ObservedGateway implements AutoCloseable {
    static final int MAX_ATTEMPTS = 4;
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");

    final ManualClock clock = new ManualClock();
    final Faults faults;
    final GatewayMetrics metrics = new GatewayMetrics();
    final StateStore store;
    final Backend backend;
    final Gateway gateway;
    final Ec2Client ec2;
    /** One entry per HTTP attempt the client made: "200", or "503 RequestLimitExceeded". */
    final List<String> attempts = new CopyOnWriteArrayList<>();

    ObservedGateway(long seed, AccessLog accessLog) {
        faults = Faults.create(FaultPlan.NONE, seed, clock);
        store = metrics.meteredStore(StateStores.inMemory());
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "0"), null);
        backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template,
                provider -> faults.wrap(metrics.backendDecorator().apply(provider)));
        Gateway.Builder builder = Gateway.builder().port(0).stateStore(store).metrics(metrics).faults(faults)
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all()));
        if (accessLog != null) {
            builder.accessLog(accessLog);
        }
        gateway = builder.start();
        ec2 = Ec2Client.builder()
                .endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS)
                                .backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                                .circuitBreakerEnabled(false)
                                .build())
                        .addExecutionInterceptor(new AttemptRecorder()))
                .build();
    }

    ObservedGateway(long seed) {
        this(seed, null);
    }

    void plan(String spec) {
        faults.replace(FaultPlan.parse(spec));
    }

    long count(String attempt) {
        return attempts.stream().filter(attempt::equals).count();
    }

    @Override
    public void close() {
        ec2.close();
        gateway.close();
        backend.close();
        store.close();
    }

    /** Records each attempt's status and, for errors, the EC2 code in the body it hands on unchanged. */
    private final class AttemptRecorder implements ExecutionInterceptor {
        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                               ExecutionAttributes attributes) {
            int status = context.httpResponse().statusCode();
            Optional<InputStream> body = context.responseBody();
            if (status < 300 || body.isEmpty()) {
                attempts.add(Integer.toString(status));
                return body;
            }
            try (InputStream in = body.get()) {
                byte[] bytes = in.readAllBytes();
                Matcher code = CODE.matcher(new String(bytes, StandardCharsets.UTF_8));
                attempts.add(status + (code.find() ? " " + code.group(1) : ""));
                return Optional.of(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
