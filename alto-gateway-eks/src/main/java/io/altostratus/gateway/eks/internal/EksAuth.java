package io.altostratus.gateway.eks.internal;

import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.auth.AccessKeys;
import io.altostratus.gateway.auth.AuthError;
import io.altostratus.gateway.auth.AuthException;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.auth.Authenticator;
import io.altostratus.gateway.auth.Caller;
import io.altostratus.gateway.auth.IncomingRequest;
import io.altostratus.gateway.auth.internal.SigV4Verifier;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent an EKS request: SigV4 scoped to the {@code eks} signing name, checked against the gateway's access keys
 * (the same keys, and so the same accounts, as the EC2 front), or in permissive mode read without checking, as the EC2
 * front reads it. The region is the credential scope's.
 */
public final class EksAuth {
    /** EKS's SigV4 signing name. */
    public static final String SERVICE = "eks";

    private final AuthMode mode;
    private final AccessKeys keys;
    private final String defaultRegion;
    private final SigV4Verifier verifier;

    public EksAuth(AuthMode mode, AccessKeys keys, String defaultRegion, Clock clock) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        this.verifier = new SigV4Verifier(SERVICE, clock, Authenticator.MAX_SKEW, keys::lookup);
    }

    public Caller authenticate(IncomingRequest request) {
        String authorization = request.header("authorization");
        boolean presigned = request.queryParams().containsKey("X-Amz-Signature");
        if (mode == AuthMode.STRICT) {
            if (authorization != null) {
                return verifier.verifyHeader(request, authorization);
            }
            if (presigned) {
                return verifier.verifyPresigned(request);
            }
            throw new AuthException(AuthError.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
        }
        Optional<SigV4Verifier.CredentialScope> scope = Optional.empty();
        if (authorization != null && authorization.startsWith(SigV4Verifier.ALGORITHM + " ")) {
            try {
                scope = SigV4Verifier.CredentialScope.parse(
                        SigV4Verifier.AuthorizationHeader.parse(authorization).credential());
            } catch (AuthException malformed) {
                scope = Optional.empty();
            }
        } else if (request.queryParams().containsKey("X-Amz-Credential")) {
            scope = SigV4Verifier.CredentialScope.parse(request.param("X-Amz-Credential"));
        }
        String keyId = scope.map(SigV4Verifier.CredentialScope::accessKeyId).orElse("");
        String region = scope.map(SigV4Verifier.CredentialScope::region).filter(SigV4Verifier::isRegionName)
                .orElse(defaultRegion);
        return new Caller(permissiveAccount(keyId), keyId, region);
    }

    /** As the EC2 front's permissive mode: the registered key's account, a 12-digit key id itself, else the default. */
    private String permissiveAccount(String keyId) {
        if (keyId.isEmpty()) {
            return ProviderContext.DEFAULT_ACCOUNT;
        }
        Optional<AccessKey> registered = keys.lookup(keyId);
        if (registered.isPresent()) {
            return registered.get().account();
        }
        return AccessKeys.isAccountId(keyId) ? keyId : ProviderContext.DEFAULT_ACCOUNT;
    }
}
