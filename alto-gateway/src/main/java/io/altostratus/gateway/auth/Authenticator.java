package io.altostratus.gateway.auth;

import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.auth.internal.SigV2Verifier;
import io.altostratus.gateway.auth.internal.SigV4Verifier;
import io.altostratus.gateway.http.StsCallerIdentity;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Establishes who sent an EC2 request: SigV4 in the {@code Authorization} header, SigV4 presigned in the query string,
 * or SigV2 parameters, checked against {@link AccessKeys} (or, in {@link AuthMode#PERMISSIVE}, not checked at all).
 * Thread-safe.
 */
public final class Authenticator {
    /** The SigV4 signing name of EC2. */
    public static final String SERVICE = "ec2";
    /** How far a request's date may be from the gateway's clock, as AWS allows. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);

    /** The query and form parameters that belong to a signature rather than to the EC2 operation. */
    public static final Set<String> SIGNATURE_PARAMETERS = Set.of(
            "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
            "X-Amz-Signature", "X-Amz-Security-Token",
            "AWSAccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "Timestamp", "Expires",
            "SecurityToken");

    private final AuthMode mode;
    private final AccessKeys keys;
    private final String defaultRegion;
    private final SigV4Verifier sigV4;
    private final SigV2Verifier sigV2;

    /**
     * @param defaultRegion the region of requests whose signature names none (SigV2, or unsigned in permissive mode)
     */
    public Authenticator(AuthMode mode, AccessKeys keys, String defaultRegion, Clock clock) {
        this(mode, keys, defaultRegion, clock, java.util.Set.of(SERVICE, StsCallerIdentity.SERVICE));
    }

    /**
     * An authenticator for another AWS API served on the gateway's port (the Price List API signs for
     * {@code pricing}): SigV4 requests must be scoped to one of {@code services}.
     */
    public Authenticator(AuthMode mode, AccessKeys keys, String defaultRegion, Clock clock, Set<String> services) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        this.sigV4 = new SigV4Verifier(services, clock, MAX_SKEW, keys::lookup);
        this.sigV2 = new SigV2Verifier(clock, MAX_SKEW, keys::lookup, defaultRegion);
    }

    public AuthMode mode() {
        return mode;
    }

    /**
     * @throws AuthException when the request is unsigned, signed by an unknown key, wrongly signed, or too old
     */
    public Caller authenticate(IncomingRequest request) {
        return mode == AuthMode.PERMISSIVE ? trust(request) : verify(request);
    }

    private Caller verify(IncomingRequest request) {
        String authorization = request.header("authorization");
        boolean presigned = request.queryParams().containsKey("X-Amz-Signature")
                || request.queryParams().containsKey("X-Amz-Algorithm");
        if (authorization != null) {
            if (presigned) {
                throw AuthException.incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query "
                        + "parameter or the Authorization header should be specified.");
            }
            return sigV4.verifyHeader(request, authorization);
        }
        if (presigned) {
            return sigV4.verifyPresigned(request);
        }
        if (request.hasParam("Signature") || request.hasParam("AWSAccessKeyId")
                || request.hasParam("SignatureVersion")) {
            return sigV2.verify(request);
        }
        throw new AuthException(AuthError.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
    }

    /** Permissive mode: read whatever key and region the request names, check nothing. */
    private Caller trust(IncomingRequest request) {
        String accessKeyId = "";
        String region = defaultRegion;
        Optional<SigV4Verifier.CredentialScope> scope = Optional.empty();
        String authorization = request.header("authorization");
        if (authorization != null && authorization.startsWith(SigV4Verifier.ALGORITHM + " ")) {
            try {
                scope = SigV4Verifier.CredentialScope.parse(
                        SigV4Verifier.AuthorizationHeader.parse(authorization).credential());
            } catch (AuthException malformed) {
                scope = Optional.empty();
            }
        } else if (request.queryParams().containsKey("X-Amz-Credential")) {
            scope = SigV4Verifier.CredentialScope.parse(request.param("X-Amz-Credential"));
        } else if (request.param("AWSAccessKeyId") != null) {
            accessKeyId = request.param("AWSAccessKeyId");
        }
        if (scope.isPresent()) {
            accessKeyId = scope.get().accessKeyId();
            if (SigV4Verifier.isRegionName(scope.get().region())) {
                region = scope.get().region();
            }
        }
        return new Caller(permissiveAccount(accessKeyId), accessKeyId, region);
    }

    private String permissiveAccount(String accessKeyId) {
        if (accessKeyId.isEmpty()) {
            return ProviderContext.DEFAULT_ACCOUNT;
        }
        Optional<AccessKey> registered = keys.lookup(accessKeyId);
        if (registered.isPresent()) {
            return registered.get().account();
        }
        return AccessKeys.isAccountId(accessKeyId) ? accessKeyId : ProviderContext.DEFAULT_ACCOUNT;
    }
}
