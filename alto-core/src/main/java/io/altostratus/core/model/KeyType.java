package io.altostratus.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Key pair algorithms EC2 and OpenSSH agree on. */
public enum KeyType {
    RSA("rsa"),
    ED25519("ed25519");

    private final String wireName;

    KeyType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static KeyType parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("key type is missing");
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "rsa", "ssh-rsa" -> RSA;
            case "ed25519", "ssh-ed25519" -> ED25519;
            default -> throw new IllegalArgumentException("unknown key type '" + text + "' (expected rsa or ed25519)");
        };
    }

    @Override
    public String toString() {
        return wireName;
    }
}
