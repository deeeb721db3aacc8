package io.altostratus.local.internal;

import io.altostratus.core.model.KeyType;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Real SSH key material: generation, the OpenSSH public and private encodings, PKCS#1 PEM, and the fingerprints EC2
 * shows (created RSA: SHA-1 of the PKCS#8 private key; imported RSA: MD5 of the public key's SubjectPublicKeyInfo;
 * ed25519: unpadded base64 SHA-256 of the OpenSSH public key blob, as {@code ssh-keygen -l} prints it).
 */
public final class KeyMaterial {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SSH_RSA = "ssh-rsa";
    private static final String SSH_ED25519 = "ssh-ed25519";

    /**
     * Key material as generated or imported.
     *
     * @param privateKey the private key text (null for imported keys)
     */
    public record Material(KeyType type, String publicKeyLine, String fingerprint, String privateKey) {
    }

    private KeyMaterial() {
    }

    public static Material generate(KeyType type, String comment) {
        try {
            return type == KeyType.RSA ? generateRsa(comment) : generateEd25519(comment);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + type + " keys", e);
        }
    }

    private static Material generateRsa(String comment) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        java.security.KeyPair pair = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) pair.getPrivate();
        byte[] blob = rsaBlob(pub.getPublicExponent(), pub.getModulus());
        String line = SSH_RSA + " " + Base64.getEncoder().encodeToString(blob) + suffix(comment);
        String fingerprint = colonHex(digest("SHA-1", priv.getEncoded()));
        byte[] pkcs1 = Der.sequence(
                Der.integer(BigInteger.ZERO),
                Der.integer(priv.getModulus()),
                Der.integer(priv.getPublicExponent()),
                Der.integer(priv.getPrivateExponent()),
                Der.integer(priv.getPrimeP()),
                Der.integer(priv.getPrimeQ()),
                Der.integer(priv.getPrimeExponentP()),
                Der.integer(priv.getPrimeExponentQ()),
                Der.integer(priv.getCrtCoefficient()));
        return new Material(KeyType.RSA, line, fingerprint, pem("RSA PRIVATE KEY", pkcs1, 64));
    }

    private static Material generateEd25519(String comment) throws GeneralSecurityException {
        java.security.KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x509 = pair.getPublic().getEncoded();
        // The X.509 form is a fixed 12-byte header followed by the 32-byte public key.
        byte[] pub = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                .orElseThrow(() -> new IllegalStateException("the JDK did not expose the ed25519 seed"));
        byte[] blob = ed25519Blob(pub);
        String line = SSH_ED25519 + " " + Base64.getEncoder().encodeToString(blob) + suffix(comment);
        return new Material(KeyType.ED25519, line, sha256Fingerprint(blob), openSshPrivateKey(blob, pub, seed, comment));
    }

    /**
     * The {@code openssh-key-v1} container, unencrypted: magic, cipher and kdf "none", one public key, and the
     * private section (check ints, key type, public key, seed followed by public key, comment, padding to 8).
     */
    private static String openSshPrivateKey(byte[] blob, byte[] pub, byte[] seed, String comment) {
        SshWriter priv = new SshWriter();
        int check = RANDOM.nextInt();
        priv.uint32(check).uint32(check).string(SSH_ED25519).string(pub);
        byte[] secret = new byte[64];
        System.arraycopy(seed, 0, secret, 0, 32);
        System.arraycopy(pub, 0, secret, 32, 32);
        priv.string(secret).string(comment == null ? "" : comment);
        for (int pad = 1; priv.size() % 8 != 0; pad++) {
            priv.raw(new byte[] {(byte) pad});
        }
        SshWriter all = new SshWriter();
        all.raw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII))
                .string("none").string("none").string(new byte[0])
                .uint32(1).string(blob).string(priv.toByteArray());
        return pem("OPENSSH PRIVATE KEY", all.toByteArray(), 70);
    }

    /** Parses an OpenSSH public key line ({@code ssh-rsa AAAA... comment} or {@code ssh-ed25519 ...}). */
    public static Material parsePublicKey(String text) {
        if (text == null || text.isBlank()) {
            throw badKey("the public key is empty");
        }
        String[] parts = text.trim().split("\\s+", 3);
        if (parts.length < 2) {
            throw badKey("expected '<type> <base64> [comment]'");
        }
        String type = parts[0];
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw badKey("the key data is not base64");
        }
        try {
            SshReader reader = new SshReader(blob);
            String inner = reader.string();
            if (!inner.equals(type)) {
                throw badKey("the key says it is " + inner + " but the line says " + type);
            }
            String line = type + " " + parts[1] + (parts.length > 2 ? " " + parts[2] : "");
            switch (type) {
                case SSH_RSA -> {
                    BigInteger e = reader.mpint();
                    BigInteger n = reader.mpint();
                    reader.requireEnd();
                    if (n.bitLength() < 1024 || n.bitLength() > 16384 || e.signum() <= 0) {
                        throw badKey("RSA keys must be 1024 to 16384 bits");
                    }
                    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
                    return new Material(KeyType.RSA, line, colonHex(digest("MD5", key.getEncoded())), null);
                }
                case SSH_ED25519 -> {
                    byte[] pub = reader.bytes();
                    reader.requireEnd();
                    if (pub.length != 32) {
                        throw badKey("an ed25519 key is 32 bytes");
                    }
                    return new Material(KeyType.ED25519, line, sha256Fingerprint(blob), null);
                }
                default -> throw badKey("unsupported key type '" + type + "' (expected ssh-rsa or ssh-ed25519)");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof io.altostratus.core.error.AltoException alto) {
                throw alto;
            }
            throw badKey("the key data is not a valid " + type + " key");
        }
    }

    public static byte[] rsaBlob(BigInteger e, BigInteger n) {
        return new SshWriter().string(SSH_RSA).mpint(e).mpint(n).toByteArray();
    }

    public static byte[] ed25519Blob(byte[] pub) {
        return new SshWriter().string(SSH_ED25519).string(pub).toByteArray();
    }

    public static String sha256Fingerprint(byte[] blob) {
        return Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256", blob));
    }

    private static io.altostratus.core.error.AltoException badKey(String why) {
        return Errors.invalid("InvalidKey.Format", "Key is not in valid OpenSSH public key format: " + why);
    }

    private static String suffix(String comment) {
        return comment == null || comment.isBlank() ? "" : " " + comment;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from the JDK", e);
        }
    }

    private static String colonHex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    private static String pem(String label, byte[] der, int width) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += width) {
            out.append(b64, i, Math.min(b64.length(), i + width)).append('\n');
        }
        return out.append("-----END ").append(label).append("-----\n").toString();
    }

    /** The SSH wire encoding (RFC 4251): big-endian uint32, length-prefixed strings, mpints. */
    static final class SshWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        SshWriter uint32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
            return this;
        }

        SshWriter string(byte[] bytes) {
            uint32(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        SshWriter string(String s) {
            return string(s.getBytes(StandardCharsets.UTF_8));
        }

        SshWriter mpint(BigInteger v) {
            return string(v.signum() == 0 ? new byte[0] : v.toByteArray());
        }

        SshWriter raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Reads the SSH wire encoding; any overrun is an exception. */
    static final class SshReader {
        private final ByteBuffer in;

        SshReader(byte[] bytes) {
            in = ByteBuffer.wrap(bytes);
        }

        byte[] bytes() {
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("truncated");
            }
            byte[] b = new byte[length];
            in.get(b);
            return b;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        BigInteger mpint() {
            byte[] b = bytes();
            return b.length == 0 ? BigInteger.ZERO : new BigInteger(b);
        }

        void requireEnd() {
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
        }
    }

    /** Just enough DER to write a PKCS#1 RSAPrivateKey. */
    static final class Der {
        private Der() {
        }

        static byte[] integer(BigInteger v) {
            return tlv(0x02, v.toByteArray());
        }

        static byte[] sequence(byte[]... items) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] item : items) {
                body.writeBytes(item);
            }
            return tlv(0x30, body.toByteArray());
        }

        private static byte[] tlv(int tag, byte[] value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int length = value.length;
            if (length < 0x80) {
                out.write(length);
            } else {
                int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
                out.write(0x80 | bytes);
                for (int i = bytes - 1; i >= 0; i--) {
                    out.write((length >>> (8 * i)) & 0xFF);
                }
            }
            out.writeBytes(value);
            return out.toByteArray();
        }
    }
}
