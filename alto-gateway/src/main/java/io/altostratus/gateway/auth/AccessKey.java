package io.altostratus.gateway.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered access key with its secret. {@link #toString()} never shows the secret.
 *
 * @param accessKeyId     the public key id, e.g. {@code AKIA...} or {@code test}
 * @param secretAccessKey the shared secret the client signs with
 * @param account         the 12-digit account the key acts as
 * @param created         when the key was registered
 */
public record AccessKey(String accessKeyId, String secretAccessKey, String account, Instant created) {
    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(created, "created");
    }

    /** The key without its secret. */
    public AccessKeyInfo info() {
        return new AccessKeyInfo(accessKeyId, account, created);
    }

    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + ", account=" + account + ", created=" + created + ", secret=****]";
    }
}
