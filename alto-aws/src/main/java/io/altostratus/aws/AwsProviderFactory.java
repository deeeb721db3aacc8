package io.altostratus.aws;

import io.altostratus.aws.clusters.EksClusters;
import io.altostratus.aws.clusters.EksTokens;
import io.altostratus.aws.internal.Ec2Errors;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubeTokens;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.ProviderService;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

/**
 * Opens {@code aws} sessions, and the aws catalog refresh as a {@link CatalogRefresher} service. Credentials come
 * the way the AWS CLI finds them: static keys from {@code [aws]} when given (for EC2-compatible endpoints), else the
 * named {@code profile}, else the SDK's default chain (environment, {@code ~/.aws} profiles and SSO, container and
 * instance metadata). The region is the context's, else the SDK's default chain ({@code AWS_REGION}, the profile),
 * else us-east-1. An endpoint points both EC2 and SSM at any EC2-compatible API.
 */
public final class AwsProviderFactory implements ProviderFactory {
    /** The access key and secret EC2 emulators (alto's gateway, LocalStack, moto) take when given no others. */
    static final String ENDPOINT_DEFAULT_KEY = "test";

    private final Sleeper sleeper;
    private final Retrier.Listener listener;
    private final Map<String, String> environment;

    /** The factory {@link java.util.ServiceLoader} finds: real sleeps, no retry listener, the process environment. */
    public AwsProviderFactory() {
        this(Sleeper.SYSTEM, Retrier.Listener.NONE);
    }

    /** A factory whose sessions back off through {@code sleeper} and report retries to {@code listener}. */
    public AwsProviderFactory(Sleeper sleeper, Retrier.Listener listener) {
        this(sleeper, listener, System.getenv());
    }

    /** As {@link #AwsProviderFactory(Sleeper, Retrier.Listener)}, reading access keys from {@code environment}. */
    AwsProviderFactory(Sleeper sleeper, Retrier.Listener listener, Map<String, String> environment) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener == null ? Retrier.Listener.NONE : listener;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public String description() {
        return "Amazon EC2 through the AWS SDK for Java v2, or any EC2-compatible endpoint (--endpoint)";
    }

    @Override
    public ComputeProvider open(ProviderContext context) {
        URI endpoint = context.endpointUrl();
        AwsSettings settings = AwsSettings.from(context);
        Region region = region(context, settings);
        AwsCredentialsProvider credentials = credentials(settings);
        Ec2ClientBuilder ec2 = Ec2Client.builder().region(region).credentialsProvider(credentials)
                // The provider's Retrier is the one place that retries, so that its counts and delays are the truth.
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        SsmClientBuilder ssm = SsmClient.builder().region(region).credentialsProvider(credentials)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (endpoint != null) {
            ec2.endpointOverride(endpoint);
            ssm.endpointOverride(endpoint);
        }
        Retrier retrier = new Retrier(settings.maxAttempts(), Ec2Errors.FAILURES,
                new Backoff(settings.baseDelay(), settings.maxDelay(), 2.0, true), sleeper, context.clock(),
                new SecureRandom(), listener);
        return new AwsProvider(ec2.build(), settings.useSsm() ? ssm.build() : null, region.id(), settings, retrier,
                Catalogs.aws());
    }

    /**
     * The aws provider's services: {@link Clusters} on EKS ({@link EksClusters}) and {@link KubeTokens} ({@link EksTokens}: the
     * {@code k8s-aws-v1.} tokens of its kubeconfigs), in the session's region; and {@link CatalogRefresher}, the
     * catalog refresh over the EC2 API and the Price List Query API ({@code [aws] pricing_endpoint} overrides where
     * that is asked). All against the context's endpoint (AWS's regional endpoints without one) and as whom
     * {@link #refreshCredentials} says.
     *
     * @throws AltoException INVALID_PARAMETER (InvalidEndpoint) for an endpoint that is not an http(s) URL
     */
    @Override
    public <S extends ProviderService> Optional<S> service(Class<S> type, ProviderContext context) {
        if (type == Clusters.class || type == KubeTokens.class) {
            // EKS and its tokens: the session's region, and whom a refresh calls as (test keys for an emulator).
            AwsSettings settings = AwsSettings.from(context);
            Region region = region(context, settings);
            AwsCredentialsProvider credentials = refreshCredentials(settings, context.endpointUrl() != null,
                    environment);
            return Optional.of(type.cast(type == Clusters.class
                    ? EksClusters.open(context, settings, region, credentials, sleeper, listener)
                    : EksTokens.open(context, region.id(), credentials)));
        }
        if (type != CatalogRefresher.class) {
            return Optional.empty();
        }
        URI endpoint = context.endpointUrl();
        AwsCredentialsProvider credentials = refreshCredentials(AwsSettings.from(context), endpoint != null,
                environment);
        return Optional.of(type.cast(new AwsCatalogRefresher(endpoint, credentials, context.clock(),
                pricingEndpoint(context.settings().get("pricing_endpoint")))));
    }

    /**
     * {@code [aws] pricing_endpoint}: where the catalog refresh asks the Price List Query API, or null for AWS's own.
     *
     * @throws AltoException INVALID_PARAMETER (InvalidEndpoint) for a value that is not an http(s) URL
     */
    static URI pricingEndpoint(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // Reported below with the value, as any other malformed one.
        }
        throw AltoException.invalid("InvalidEndpoint", "[aws] pricing_endpoint must be an http(s) URL, got '" + value
                + "'");
    }

    /**
     * Whom a catalog refresh calls as: the keys or profile of {@code [aws]} as a session would; else keys from the
     * environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}); else, against
     * an endpoint override, the {@code test}/{@code test} keys an EC2-compatible emulator takes by default; else the
     * SDK's default chain (profiles, SSO, container and instance roles).
     */
    static AwsCredentialsProvider refreshCredentials(AwsSettings settings, boolean endpointOverride,
                                                     Map<String, String> environment) {
        if (settings.accessKeyId() != null || settings.profile() != null) {
            return credentials(settings);
        }
        String key = nonBlank(environment.get("AWS_ACCESS_KEY_ID"));
        String secret = nonBlank(environment.get("AWS_SECRET_ACCESS_KEY"));
        if (key != null && secret != null) {
            String token = nonBlank(environment.get("AWS_SESSION_TOKEN"));
            return StaticCredentialsProvider.create(token == null ? AwsBasicCredentials.create(key, secret)
                    : AwsSessionCredentials.create(key, secret, token));
        }
        if (endpointOverride) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(ENDPOINT_DEFAULT_KEY,
                    ENDPOINT_DEFAULT_KEY));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Region region(ProviderContext context, AwsSettings settings) {
        if (context.region() != null && !context.region().isBlank()) {
            return Region.of(context.region());
        }
        try {
            return settings.profile() != null
                    ? DefaultAwsRegionProviderChain.builder().profileName(settings.profile()).build().getRegion()
                    : new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    static AwsCredentialsProvider credentials(AwsSettings settings) {
        if (settings.accessKeyId() != null) {
            if (settings.secretAccessKey() == null) {
                throw new AltoException(ErrorCode.AUTH_FAILURE, "MissingSecretAccessKey",
                        "[aws] access_key_id is set but secret_access_key is not");
            }
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(),
                    settings.secretAccessKey()));
        }
        if (settings.profile() != null) {
            return ProfileCredentialsProvider.create(settings.profile());
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
