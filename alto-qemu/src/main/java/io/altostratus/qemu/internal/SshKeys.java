package io.altostratus.qemu.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.KeyType;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * SSH keys as OpenSSH writes them: a public key line ({@code ssh-ed25519 AAAA... comment}), its SHA-256 fingerprint
 * as {@code ssh-keygen -l} prints it, and for generated keys the private key (ed25519 in OpenSSH's own format, RSA as
 * PKCS#8 PEM, both of which {@code ssh} reads). The JDK makes the keys; this class only encodes them.
 */
public final class SshKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ED25519 = "ssh-ed25519";
    private static final String RSA = "ssh-rsa";
    private static final int RSA_BITS = 3072;

    /**
     * A key: its type, the public key line, the fingerprint, and the private key text (null for an imported key).
     */
    public record Material(KeyType type, String publicKeyLine, String fingerprint, String privateKey) {
        @Override
        public String toString() {
            return "Material[" + type + ", " + fingerprint + "]";
        }
    }

    private SshKeys() {
    }

    /** A new key pair of that type, its public line ending in {@code comment}. */
    public static Material generate(KeyType type, String comment) {
        try {
            return type == KeyType.RSA ? rsa(comment) : ed25519(comment);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make " + type + " keys: " + e.getMessage(), e);
        }
    }

    private static Material ed25519(String comment) throws GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x509 = pair.getPublic().getEncoded();
        // an Ed25519 SubjectPublicKeyInfo is a fixed 12-byte header and then the 32 bytes of the key
        byte[] pub = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the JDK hid the ed25519 private key"));
        byte[] blob = concat(string(ED25519), string(pub));
        int check = RANDOM.nextInt();
        Wire secret = new Wire().uint32(check).uint32(check).string(ED25519).string(pub)
                .string(concat(seed, pub)).string(comment == null ? "" : comment);
        // the private section is padded with 1, 2, 3, ... to the cipher's block size (8 for "none")
        for (int pad = 1; secret.size() % 8 != 0; pad++) {
            secret.raw(new byte[] {(byte) pad});
        }
        byte[] body = new Wire().raw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII)).string("none")
                .string("none").string("").uint32(1).string(blob).string(secret.bytes()).bytes();
        return new Material(KeyType.ED25519, line(ED25519, blob, comment), fingerprint(blob),
                pem("OPENSSH PRIVATE KEY", body, 70));
    }

    private static Material rsa(String comment) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(RSA_BITS, RANDOM);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        byte[] blob = concat(string(RSA), mpint(pub.getPublicExponent()), mpint(pub.getModulus()));
        return new Material(KeyType.RSA, line(RSA, blob, comment), fingerprint(blob),
                pem("PRIVATE KEY", pair.getPrivate().getEncoded(), 64));
    }

    /**
     * Reads a public key line ({@code type base64 [comment]}), ed25519 or RSA.
     *
     * @throws AltoException INVALID_PARAMETER (InvalidKey.Format) for anything else, with what is wrong
     */
    public static Material parse(String line) {
        if (line == null || line.isBlank()) {
            throw format("the public key is empty");
        }
        String[] parts = line.strip().split("\\s+", 3);
        if (parts.length < 2) {
            throw format("a public key line is the key type, the key in base64 and an optional comment");
        }
        KeyType type = switch (parts[0]) {
            case ED25519 -> KeyType.ED25519;
            case RSA -> KeyType.RSA;
            default -> throw format("key type " + parts[0] + " is not supported (ssh-ed25519 or ssh-rsa)");
        };
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw format("the key is not base64");
        }
        ByteBuffer in = ByteBuffer.wrap(blob);
        try {
            String inner = new String(read(in), StandardCharsets.US_ASCII);
            if (!inner.equals(parts[0])) {
                throw format("the key says it is " + inner + " but the line says " + parts[0]);
            }
            if (type == KeyType.ED25519 && read(in).length != 32) {
                throw format("an ed25519 key is 32 bytes");
            }
            if (type == KeyType.RSA) {
                read(in);
                if (new BigInteger(1, read(in)).bitLength() < 2048) {
                    throw format("RSA keys need at least 2048 bits");
                }
            }
            if (in.hasRemaining()) {
                throw format("the key has bytes after its end");
            }
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw format("the key is cut short");
        }
        return new Material(type, line(parts[0], blob, parts.length > 2 ? parts[2] : null), fingerprint(blob),
                null);
    }

    /** {@code SHA256:} and the unpadded base64 of the SHA-256 of the key blob, as {@code ssh-keygen -l} shows. */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AltoException format(String why) {
        return AltoException.invalid("InvalidKey.Format", "not an OpenSSH public key: " + why);
    }

    private static String line(String type, byte[] blob, String comment) {
        String base = type + " " + Base64.getEncoder().encodeToString(blob);
        return comment == null || comment.isBlank() ? base : base + " " + comment.strip();
    }

    private static String pem(String label, byte[] der, int width) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += width) {
            out.append(b64, i, Math.min(b64.length(), i + width)).append('\n');
        }
        return out.append("-----END ").append(label).append("-----\n").toString();
    }

    private static byte[] read(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length " + length);
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static byte[] string(String s) {
        return string(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] string(byte[] b) {
        return ByteBuffer.allocate(4 + b.length).putInt(b.length).put(b).array();
    }

    /** SSH's mpint: two's complement, big-endian, as {@link BigInteger#toByteArray()} already writes it. */
    private static byte[] mpint(BigInteger n) {
        return string(n.toByteArray());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** SSH's wire encoding, appended in order. */
    private static final class Wire {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Wire uint32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
            return this;
        }

        Wire string(String s) {
            out.writeBytes(SshKeys.string(s));
            return this;
        }

        Wire string(byte[] b) {
            out.writeBytes(SshKeys.string(b));
            return this;
        }

        Wire raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
