package io.altostratus.aws.clusters;

import io.altostratus.core.clusters.KubeToken;
import io.altostratus.core.clusters.KubeTokens;
import io.altostratus.core.clusters.ClusterRules;
import io.altostratus.core.clusters.KubeAuth;
import io.altostratus.core.spi.ProviderContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * EKS bearer tokens, as {@code alto kube-token} prints them for kubectl: {@code k8s-aws-v1.} followed by the
 * unpadded base64url of an STS {@code GetCallerIdentity} GET URL, presigned with SigV4 in the query string (valid
 * {@value #URL_EXPIRY_SECONDS} seconds) with the header {@code x-k8s-aws-id: CLUSTER} among the signed headers. The
 * cluster's authenticator calls that URL (adding the header) and learns who signed it; the signed header binds
 * the token to one cluster. Signed by the SDK's own SigV4 signer with the aws provider's credentials.
 */
public final class EksTokens implements KubeTokens {
    public static final String TOKEN_PREFIX = "k8s-aws-v1.";
    public static final String CLUSTER_HEADER = "x-k8s-aws-id";
    public static final long URL_EXPIRY_SECONDS = 60;
    /** How long kubectl may reuse a token before it runs the plugin again (EKS accepts one for 15 minutes). */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI stsEndpoint;
    private final Clock clock;

    /**
     * @param stsEndpoint where the URL points: {@link #stsEndpoint(String)} for AWS, or an endpoint override
     */
    public EksTokens(AwsCredentialsProvider credentials, String region, URI stsEndpoint, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.stsEndpoint = Objects.requireNonNull(stsEndpoint, "stsEndpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Tokens for a provider context: STS in its region, or the context's endpoint when it has one. */
    public static EksTokens open(ProviderContext context, String region, AwsCredentialsProvider credentials) {
        URI endpoint = context.endpointUrl();
        return new EksTokens(credentials, region, endpoint != null ? endpoint : stsEndpoint(region), context.clock());
    }

    /** STS's regional endpoint: {@code https://sts.REGION.amazonaws.com} ({@code .com.cn} in China). */
    public static URI stsEndpoint(String region) {
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://sts." + region + "." + suffix + "/");
    }


    /** A fresh token for the cluster, signed now. */
    @Override
    public KubeToken token(String cluster) {
        String url = presignedUrl(cluster);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        Instant expiration = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(TOKEN_LIFETIME);
        return new KubeToken(TOKEN_PREFIX + encoded, expiration);
    }

    /** The presigned GetCallerIdentity URL the token carries. */
    public String presignedUrl(String cluster) {
        ClusterRules.checkClusterName(cluster);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(stsEndpoint)
                .appendRawQueryParameter("Action", "GetCallerIdentity")
                .appendRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_HEADER, cluster)
                .build();
        AwsCredentialsIdentity identity = credentials.resolveCredentials();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(URL_EXPIRY_SECONDS))
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        return signed.request().getUri().toString();
    }

    public String region() {
        return region;
    }
}
