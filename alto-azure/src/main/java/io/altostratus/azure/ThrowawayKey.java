package io.altostratus.azure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * An OpenSSH RSA public key whose private half is dropped at once. Azure requires a Linux VM to have a password or an
 * SSH key; a launch that names neither gets this, so the VM is reachable by no one (use a key name or
 * {@code ssh_public_key} to log in) rather than by a password someone could guess.
 */
final class ThrowawayKey {
    private ThrowawayKey() {
    }

    static String openSsh() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            field(wire, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            field(wire, key.getPublicExponent().toByteArray());
            field(wire, key.getModulus().toByteArray());
            return "ssh-rsa " + Base64.getEncoder().encodeToString(wire.toByteArray()) + " alto-throwaway";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from this JDK", e);
        }
    }

    /** SSH's wire form: a 4-byte big-endian length, then the bytes (an mpint is BigInteger's two's complement). */
    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        int n = bytes.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(bytes);
    }
}
