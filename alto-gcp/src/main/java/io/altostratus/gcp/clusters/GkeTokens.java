package io.altostratus.gcp.clusters;

import io.altostratus.core.clusters.KubeToken;
import io.altostratus.core.clusters.KubeTokens;
import com.google.api.gax.core.CredentialsProvider;
import com.google.auth.Credentials;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.altostratus.core.clusters.ClusterRules;
import io.altostratus.core.clusters.KubeAuth;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * GKE bearer tokens, as {@code alto kube-token --provider gcp} prints them for kubectl: a GKE cluster's API server
 * takes the caller's Google OAuth access token as it is (what {@code gke-gcloud-auth-plugin} hands kubectl), so the
 * token is the gcp session's own access token, refreshed when it is about to expire, with its expiry. The cluster's
 * name does not enter the token (any cluster the identity may reach takes it); it is checked so that a kubeconfig's
 * arguments fail the same way on every provider.
 */
public final class GkeTokens implements KubeTokens {
    /** How long kubectl may keep a token that carries no expiry (a fixed access token from the settings). */
    public static final Duration FIXED_TOKEN_LIFETIME = Duration.ofHours(1);

    private final CredentialsProvider credentials;
    private final Clock clock;

    public GkeTokens(CredentialsProvider credentials, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }


    /**
     * A token for the cluster.
     *
     * @throws AltoException AUTH_FAILURE when the session has no credentials (an emulator endpoint without
     *         {@code access_token}) or they cannot be refreshed
     */
    @Override
    public KubeToken token(String cluster) {
        ClusterRules.checkClusterName(cluster);
        Credentials found;
        try {
            found = credentials.getCredentials();
        } catch (IOException e) {
            throw noToken(e.getMessage(), e);
        }
        if (!(found instanceof GoogleCredentials google)) {
            throw noToken("the session calls without credentials; set access_token or credentials_file in [gcp]",
                    null);
        }
        AccessToken access;
        try {
            google.refreshIfExpired();
            access = google.getAccessToken();
        } catch (IOException | IllegalStateException e) {
            throw noToken(e.getMessage(), e);
        }
        if (access == null || access.getTokenValue() == null) {
            throw noToken("the credentials gave no access token", null);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiration = access.getExpirationTime() != null
                ? access.getExpirationTime().toInstant().truncatedTo(ChronoUnit.SECONDS)
                : now.plus(FIXED_TOKEN_LIFETIME);
        return new KubeToken(access.getTokenValue(), expiration);
    }

    private static AltoException noToken(String why, Throwable cause) {
        return new AltoException(ErrorCode.AUTH_FAILURE, "NoAccessToken", "no GCP access token for kubectl: " + why,
                cause);
    }
}
