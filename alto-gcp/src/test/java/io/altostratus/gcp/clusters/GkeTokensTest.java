package io.altostratus.gcp.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Retrier;
import io.altostratus.gcp.GcpProviderFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tokens {@code alto kube-token --provider gcp} prints: the session's own access token and its expiry. */
class GkeTokensTest {
    // Google's credentials judge a token's expiry by the wall clock, so the test's "now" is the real one.
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private final ManualClock clock = new ManualClock(NOW);

    private GcpProviderFactory factory() {
        return new GcpProviderFactory(clock, Retrier.Listener.NONE, Map.of());
    }

    private ProviderContext context(Map<String, String> settings) {
        return new ProviderContext("us-central1", "my-project", "http://127.0.0.1:9", null, settings, clock);
    }

    @Test
    void theSessionsAccessTokenIsTheClustersBearerToken() throws Exception {
        io.altostratus.core.clusters.KubeTokens tokens = factory().service(io.altostratus.core.clusters.KubeTokens.class, context(Map.of("access_token", "ya29.fixed")))
                .orElseThrow();

        io.altostratus.core.clusters.KubeToken token = tokens.token("c1");

        assertThat(token.token()).isEqualTo("ya29.fixed");
        // A fixed token says nothing of its expiry: kubectl is told to ask again within the hour.
        assertThat(token.expiration()).isEqualTo(NOW.plus(GkeTokens.FIXED_TOKEN_LIFETIME));
        JsonNode credential = new ObjectMapper().readTree(token.execCredentialJson());
        assertThat(credential.path("kind").asText()).isEqualTo("ExecCredential");
        assertThat(credential.path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
        assertThat(credential.path("status").path("token").asText()).isEqualTo("ya29.fixed");
        assertThat(Instant.parse(credential.path("status").path("expirationTimestamp").asText()))
                .isEqualTo(token.expiration());
        assertThat(token.toString()).doesNotContain("ya29");
    }

    @Test
    void aTokenKeepsTheExpiryItsCredentialsGive() {
        Instant expires = NOW.plus(Duration.ofMinutes(42)).plusMillis(700);
        GkeTokens tokens = new GkeTokens(FixedCredentialsProvider.create(GoogleCredentials.create(
                new AccessToken("ya29.short", Date.from(expires)))), clock);

        assertThat(tokens.token("c1").expiration()).isEqualTo(NOW.plus(Duration.ofMinutes(42)));
    }

    @Test
    void anExpiredTokenThatCannotBeRefreshedIsAnAuthFailure() {
        GkeTokens tokens = new GkeTokens(FixedCredentialsProvider.create(GoogleCredentials.create(
                new AccessToken("ya29.old", Date.from(Instant.now().minus(Duration.ofHours(2)))))), clock);

        AltoException e = catchThrowableOfType(AltoException.class, () -> tokens.token("c1"));

        assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
    }

    @Test
    void aSessionWithoutCredentialsHasNoToken() {
        GkeTokens tokens = new GkeTokens(NoCredentialsProvider.create(), clock);

        AltoException e = catchThrowableOfType(AltoException.class, () -> tokens.token("c1"));

        assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
        assertThat(e.getMessage()).contains("access_token");
    }

    @Test
    void aBadClusterNameIsRefused() {
        GkeTokens tokens = new GkeTokens(NoCredentialsProvider.create(), clock);

        assertThat(catchThrowableOfType(AltoException.class, () -> tokens.token("no such/cluster")).code())
                .isEqualTo(ErrorCode.INVALID_PARAMETER);
    }

    @Test
    void theFactoryOffersGkeAsItsClusters() {
        try (Clusters clusters = factory().service(Clusters.class, context(Map.of())).orElseThrow()) {
            assertThat(clusters).isInstanceOf(GkeClusters.class);
            assertThat(clusters.provider()).isEqualTo("gcp");
            assertThat(clusters.region()).isEqualTo("us-central1");
        }
    }
}
