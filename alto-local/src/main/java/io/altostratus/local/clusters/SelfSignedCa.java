package io.altostratus.local.clusters;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A fresh self-signed CA certificate per local cluster (EC P-256, ten years, {@code CN=kubernetes}), as a managed
 * cluster's API reports one, so its kubeconfig's {@code certificate-authority-data} is a real certificate that
 * clients load. The private key is dropped at once: no local API server ever serves with it. The JDK has no public
 * API that writes certificates, so the few DER structures of an X.509 v3 certificate are written here.
 */
final class SelfSignedCa {
    private static final byte[] ECDSA_WITH_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
    private static final byte[] COMMON_NAME = oid(2, 5, 4, 3);
    private static final byte[] BASIC_CONSTRAINTS = oid(2, 5, 29, 19);
    private static final byte[] KEY_USAGE = oid(2, 5, 29, 15);
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCa() {
    }

    /** The certificate as a kubeconfig carries it: PEM, then base64 again. */
    static String kubeconfigData(Instant now) {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate(now))
                + "\n-----END CERTIFICATE-----\n";
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** The DER bytes of a new self-signed CA certificate valid from {@code now} (less a minute of skew). */
    static byte[] certificate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair keys = generator.generateKeyPair();
            byte[] algorithm = seq(ECDSA_WITH_SHA256);
            byte[] name = seq(set(seq(COMMON_NAME, tlv(0x0c, "kubernetes".getBytes(StandardCharsets.UTF_8)))));
            Instant from = now.truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
            byte[] validity = seq(utcTime(from), utcTime(from.atZone(ZoneOffset.UTC).plusYears(10).toInstant()));
            byte[] extensions = tlv(0xa3, seq(
                    seq(BASIC_CONSTRAINTS, tlv(0x01, new byte[] {(byte) 0xff}), tlv(0x04, seq(tlv(0x01,
                            new byte[] {(byte) 0xff})))),
                    // digitalSignature, keyCertSign, cRLSign
                    seq(KEY_USAGE, tlv(0x01, new byte[] {(byte) 0xff}), tlv(0x04, tlv(0x03,
                            new byte[] {0x01, (byte) 0x86})))));
            byte[] serial = new byte[16];
            RANDOM.nextBytes(serial);
            serial[0] &= 0x7f;
            serial[0] |= 0x01; // positive and of full length
            byte[] tbs = seq(tlv(0xa0, tlv(0x02, new byte[] {2})), tlv(0x02, new BigInteger(serial).toByteArray()),
                    algorithm, name, validity, name, keys.getPublic().getEncoded(), extensions);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate(), RANDOM);
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bits, 1, signature.length);
            return seq(tbs, algorithm, tlv(0x03, bits));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an EC P-256 certificate", e);
        }
    }

    private static byte[] utcTime(Instant t) {
        return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int shift = 28;
            while (shift > 0 && (arc >>> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                out.write(0x80 | ((arc >>> shift) & 0x7f));
            }
            out.write(arc & 0x7f);
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 4);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
