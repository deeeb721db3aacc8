package io.altostratus.gateway.auth;

import java.time.Instant;
import java.util.Objects;

/** A registered access key as listed: everything but the secret. */
public record AccessKeyInfo(String accessKeyId, String account, Instant created) {
    public AccessKeyInfo {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(created, "created");
    }
}
