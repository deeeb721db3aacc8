package io.altostratus.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A registered SSH key pair. The private key is never part of it: only {@link CreatedKeyPair} carries it, once.
 *
 * @param id          the provider's key id, e.g. {@code key-0123456789abcdef0}
 * @param name        the unique name within a region
 * @param fingerprint the provider's fingerprint (EC2 convention: SHA-1 of the private key for keys it made,
 *                    MD5 of the public key for imported RSA keys, SHA-256 for ed25519)
 * @param type        rsa or ed25519
 * @param publicKey   the OpenSSH public key line
 * @param createTime  when it was registered
 * @param tags        tags
 */
public record KeyPair(String id, String name, String fingerprint, KeyType type, String publicKey,
                      Instant createTime, Map<String, String> tags) {
    public KeyPair {
        Objects.requireNonNull(name, "name");
        tags = Tags.copy(tags);
    }

    public KeyPair withTags(Map<String, String> newTags) {
        return new KeyPair(id, name, fingerprint, type, publicKey, createTime, newTags);
    }
}
