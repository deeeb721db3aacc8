package io.altostratus.core.clusters;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for a cluster's API server and when kubectl should stop using it, as a credential plugin prints it.
 *
 * @param token      the bearer token (EKS: {@code k8s-aws-v1.} and a presigned STS URL; GKE: an OAuth access token)
 * @param expiration when the token should be replaced, whole seconds
 */
public record KubeToken(String token, Instant expiration) {
    public KubeToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiration, "expiration");
    }

    /** The client-go ExecCredential kubectl reads from a credential plugin's standard output. */
    public String execCredentialJson() {
        return "{\n"
                + "  \"kind\": \"ExecCredential\",\n"
                + "  \"apiVersion\": \"" + KubeAuth.Exec.V1BETA1 + "\",\n"
                + "  \"spec\": {},\n"
                + "  \"status\": {\n"
                + "    \"expirationTimestamp\": \"" + expiration + "\",\n"
                + "    \"token\": \"" + token.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n"
                + "  }\n"
                + "}\n";
    }

    /** Never the token itself: it is a credential. */
    @Override
    public String toString() {
        return "KubeToken[expires " + expiration + "]";
    }
}
