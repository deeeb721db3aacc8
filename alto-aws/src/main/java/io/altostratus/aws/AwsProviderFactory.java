package io.altostratus.aws;

import io.altostratus.aws.internal.Retrier;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Sleeper;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
 * Opens {@code aws} sessions. Credentials come the way the AWS CLI finds them: static keys from {@code [aws]} when
 * given (for EC2-compatible endpoints), else the named {@code profile}, else the SDK's default chain (environment,
 * {@code ~/.aws} profiles and SSO, container and instance metadata). The region is the context's, else the SDK's
 * default chain ({@code AWS_REGION}, the profile), else us-east-1. An endpoint points both EC2 and SSM at any
 * EC2-compatible API.
 */
public final class AwsProviderFactory implements ProviderFactory {
    private final Sleeper sleeper;
    private final Retrier.Listener listener;

    /** The factory {@link java.util.ServiceLoader} finds: real sleeps, no retry listener. */
    public AwsProviderFactory() {
        this(Sleeper.SYSTEM, Retrier.Listener.NONE);
    }

    /** A factory whose sessions back off through {@code sleeper} and report retries to {@code listener}. */
    public AwsProviderFactory(Sleeper sleeper, Retrier.Listener listener) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener == null ? Retrier.Listener.NONE : listener;
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
        URI endpoint = context.endpoint() == null ? null : endpointUri(context.endpoint());
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
        Retrier retrier = new Retrier(settings.maxAttempts(),
                new Backoff(settings.baseDelay(), settings.maxDelay(), 2.0, true), sleeper, context.clock(),
                new SecureRandom(), listener);
        return new AwsProvider(ec2.build(), settings.useSsm() ? ssm.build() : null, region.id(), settings, retrier,
                Catalogs.aws());
    }

    /**
     * An endpoint override as the SDK needs it: an absolute http or https URL. Checked here because the SDK's own
     * check of a bare host name or a typo is a NullPointerException (or an IllegalArgumentException from URI.create),
     * which a user would see as an internal error instead of a bad value.
     *
     * @throws AltoException INVALID_PARAMETER (InvalidEndpoint) for anything else
     */
    public static URI endpointUri(String text) {
        URI uri = null;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            // reported below, with the value as given
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidEndpoint",
                    "the endpoint must be an http:// or https:// URL such as http://127.0.0.1:8773, not '" + text + "'");
        }
        return uri;
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
