package io.altostratus.gateway.auth;

import java.util.Objects;

/**
 * Who sent a request, as established by the {@link Authenticator}.
 *
 * @param account     the 12-digit account
 * @param accessKeyId the key the request was signed with ({@code ""} for an unsigned request in permissive mode)
 * @param region      the region of the SigV4 credential scope, or the gateway's default region
 */
public record Caller(String account, String accessKeyId, String region) {
    public Caller {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(region, "region");
    }
}
