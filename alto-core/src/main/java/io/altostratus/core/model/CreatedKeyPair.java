package io.altostratus.core.model;

/**
 * A key pair the provider has just generated, with its private key: the only time the private key is returned.
 *
 * @param keyPair       the registered key
 * @param privateKeyPem the private key (PEM for RSA, OpenSSH format for ed25519), as EC2 hands it out
 */
public record CreatedKeyPair(KeyPair keyPair, String privateKeyPem) {
    @Override
    public String toString() {
        return "CreatedKeyPair[keyPair=" + keyPair + ", privateKeyPem=<redacted>]";
    }
}
