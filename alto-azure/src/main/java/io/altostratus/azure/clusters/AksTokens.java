package io.altostratus.azure.clusters;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.altostratus.core.clusters.ClusterRules;
import io.altostratus.core.clusters.KubeToken;
import io.altostratus.core.clusters.KubeTokens;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * AKS bearer tokens, as {@code alto kube-token --provider azure} prints them for kubectl: an AKS cluster that signs
 * in with Entra ID takes an Entra access token whose audience is AKS's server application
 * ({@value #AKS_SERVER_APP}, the same for every cluster), which is what {@code kubelogin} hands kubectl. The token is
 * the azure session's credential's ({@code DefaultAzureCredential}: environment service principal, managed identity,
 * Azure CLI login) for that audience. With a fixed {@code access_token} in the settings (an endpoint of alto's, which
 * takes any token it issued) that token is printed as it is, valid for {@link #FIXED_TOKEN_LIFETIME}. The cluster's
 * name does not enter the token (every cluster the identity may reach takes it); it is checked so that a
 * kubeconfig's arguments fail the same way on every provider.
 */
public final class AksTokens implements KubeTokens {
    /** The Entra application every AKS API server accepts tokens for (AKS's "server app"). */
    public static final String AKS_SERVER_APP = "6dae42f8-4368-4678-94ff-3960e28e3630";
    /** The scope asked for: the server application's default scope. */
    public static final String SCOPE = AKS_SERVER_APP + "/.default";
    /** How long kubectl may keep a fixed token, which carries no expiry. */
    public static final Duration FIXED_TOKEN_LIFETIME = Duration.ofHours(1);

    private final Supplier<TokenCredential> credential;
    private final String fixedToken;
    private final Clock clock;

    /**
     * @param credential where Entra tokens come from, asked only when a token is wanted and there is no fixed one
     * @param fixedToken a token printed as it is (the settings' {@code access_token}), or null
     */
    public AksTokens(Supplier<TokenCredential> credential, String fixedToken, Clock clock) {
        this.credential = Objects.requireNonNull(credential, "credential");
        this.fixedToken = fixedToken;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A token for the cluster.
     *
     * @throws AltoException AUTH_FAILURE when the credential gives no token for AKS's server application
     */
    @Override
    public KubeToken token(String cluster) {
        ClusterRules.checkClusterName(cluster);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (fixedToken != null) {
            return new KubeToken(fixedToken, now.plus(FIXED_TOKEN_LIFETIME));
        }
        AccessToken access;
        try {
            access = credential.get().getTokenSync(new TokenRequestContext().addScopes(SCOPE));
        } catch (RuntimeException e) {
            throw noToken(e.getMessage(), e);
        }
        if (access == null || access.getToken() == null || access.getToken().isBlank()) {
            throw noToken("the credential gave no token", null);
        }
        Instant expiration = access.getExpiresAt() != null
                ? access.getExpiresAt().toInstant().truncatedTo(ChronoUnit.SECONDS) : now.plus(FIXED_TOKEN_LIFETIME);
        return new KubeToken(access.getToken(), expiration);
    }

    private static AltoException noToken(String why, Throwable cause) {
        return new AltoException(ErrorCode.AUTH_FAILURE, "NoAccessToken", "no Entra ID token for AKS (" + SCOPE
                + ") for kubectl: " + why + "; set AZURE_CLIENT_ID/AZURE_CLIENT_SECRET/AZURE_TENANT_ID or run "
                + "'az login'", cause);
    }
}
