package io.altostratus.testkit;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * OpenSSH public keys made with the JDK alone: the kit imports keys it generated itself, so it needs to encode them
 * (RFC 8709 / RFC 4253 wire format) and to check the fingerprints a provider reports for them.
 */
public final class OpenSshKeys {
    /** The OpenSSH algorithm name of Ed25519 keys. */
    public static final String ED25519 = "ssh-ed25519";

    private OpenSshKeys() {
    }

    /** A fresh Ed25519 key pair from the JDK. */
    public static KeyPair generateEd25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** The 32-byte RFC 8032 encoding of an Ed25519 public key: y little-endian, x's parity in the top bit. */
    public static byte[] rawEd25519(PublicKey key) {
        if (!(key instanceof EdECPublicKey ed) || !"Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        BigInteger y = ed.getPoint().getY();
        byte[] raw = new byte[32];
        for (int i = 0; i < 32; i++) {
            raw[i] = (byte) y.shiftRight(8 * i).intValue();
        }
        if (ed.getPoint().isXOdd()) {
            raw[31] |= (byte) 0x80;
        }
        return raw;
    }

    /** The SSH wire blob of an Ed25519 key: string "ssh-ed25519", string key. */
    public static byte[] ed25519Blob(PublicKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeString(out, ED25519.getBytes(StandardCharsets.US_ASCII));
        writeString(out, rawEd25519(key));
        return out.toByteArray();
    }

    /** The {@code authorized_keys} line for an Ed25519 key, with an optional comment. */
    public static String ed25519PublicKey(PublicKey key, String comment) {
        String line = ED25519 + " " + Base64.getEncoder().encodeToString(ed25519Blob(key));
        return comment == null || comment.isBlank() ? line : line + " " + comment;
    }

    /** The key blob of an {@code authorized_keys} line (its second field, base64-decoded). */
    public static byte[] blobOf(String publicKeyLine) {
        String[] fields = publicKeyLine.trim().split("\\s+");
        if (fields.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key line: " + publicKeyLine);
        }
        return Base64.getDecoder().decode(fields[1]);
    }

    /** OpenSSH's own rendering: {@code SHA256:} and unpadded base64 of the blob's SHA-256. */
    public static String sha256Fingerprint(byte[] blob) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256(blob));
    }

    /**
     * Whether {@code fingerprint} is the SHA-256 of {@code blob} in any of the renderings providers use: base64 with
     * or without padding (EC2, OpenSSH) or hex with or without colons, each with or without a {@code SHA256:} prefix.
     */
    public static boolean isSha256Of(String fingerprint, byte[] blob) {
        if (fingerprint == null) {
            return false;
        }
        byte[] digest = sha256(blob);
        String text = fingerprint.trim();
        if (text.regionMatches(true, 0, "SHA256:", 0, 7)) {
            text = text.substring(7);
        }
        String base64 = Base64.getEncoder().withoutPadding().encodeToString(digest);
        if (text.replaceAll("=+$", "").equals(base64)) {
            return true;
        }
        String hex = HexFormat.of().formatHex(digest);
        return text.replace(":", "").toLowerCase(Locale.ROOT).equals(hex);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        int n = value.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(value);
    }
}
