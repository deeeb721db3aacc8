package io.altostratus.local;

import static io.altostratus.local.TestClouds.keyPairs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.spec.LaunchSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key material is real: the private keys handed out parse back with the JDK and sign what the public keys verify,
 * and fingerprints are the ones EC2 shows (checked against {@code ssh-keygen} when it is installed).
 */
class KeyMaterialTest {
    private final TestClouds clouds = new TestClouds();
    private final LocalCloud cloud = clouds.open();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    @Test
    void createdRsaKeyIsPkcs1PemWhoseFingerprintIsSha1OfItsPkcs8Form() throws Exception {
        CreatedKeyPair created = keyPairs(cloud).createKeyPair("rsa-key", KeyType.RSA, Map.of("team", "a"));
        String pem = created.privateKeyPem();
        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----\n").endsWith("-----END RSA PRIVATE KEY-----\n");

        List<BigInteger> fields = derIntegers(body(pem));
        assertThat(fields).hasSize(9);
        assertThat(fields.get(0)).isZero();
        PrivateKey priv = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(fields.get(1),
                fields.get(2), fields.get(3), fields.get(4), fields.get(5), fields.get(6), fields.get(7), fields.get(8)));
        assertThat(fields.get(1).bitLength()).isEqualTo(2048);

        SshIn blob = new SshIn(Base64.getDecoder().decode(created.keyPair().publicKey().split(" ")[1]));
        assertThat(blob.string()).isEqualTo("ssh-rsa");
        BigInteger e = blob.mpint();
        BigInteger n = blob.mpint();
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        assertSignatureVerifies("SHA256withRSA", priv, pub);

        String sha1 = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-1").digest(priv.getEncoded()));
        assertThat(created.keyPair().fingerprint()).isEqualTo(sha1).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
        assertThat(created.keyPair().type()).isEqualTo(KeyType.RSA);
        assertThat(created.keyPair().tags()).containsEntry("team", "a");
        assertThat(keyPairs(cloud).keyPairs()).singleElement().satisfies(k -> {
            assertThat(k.fingerprint()).isEqualTo(sha1);
            assertThat(k.toString()).doesNotContain(pem.lines().skip(1).findFirst().orElseThrow());
        });

        if (sshKeygen()) {
            Path file = privateFile(pem);
            assertThat(run("ssh-keygen", "-y", "-f", file.toString()).trim().split(" ")[1])
                    .isEqualTo(created.keyPair().publicKey().split(" ")[1]);
        }
    }

    @Test
    void createdEd25519KeyIsAnOpenSshPrivateKeyWithSha256Fingerprint() throws Exception {
        CreatedKeyPair created = keyPairs(cloud).createKeyPair("ed-key", KeyType.ED25519, Map.of());
        String text = created.privateKeyPem();
        assertThat(text).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n").endsWith("-----END OPENSSH PRIVATE KEY-----\n");

        SshIn in = new SshIn(body(text));
        assertThat(new String(in.raw(15), StandardCharsets.US_ASCII)).isEqualTo("openssh-key-v1\0");
        assertThat(in.string()).isEqualTo("none");
        assertThat(in.string()).isEqualTo("none");
        assertThat(in.bytes()).isEmpty();
        assertThat(in.uint32()).isEqualTo(1);
        byte[] publicBlob = in.bytes();
        SshIn secret = new SshIn(in.bytes());
        assertThat(secret.uint32()).isEqualTo(secret.uint32());
        assertThat(secret.string()).isEqualTo("ssh-ed25519");
        byte[] pubRaw = secret.bytes();
        byte[] priv64 = secret.bytes();
        assertThat(secret.string()).isEqualTo("ed-key");
        byte[] padding = secret.raw(secret.remaining());
        for (int i = 0; i < padding.length; i++) {
            assertThat(padding[i]).as("padding byte %s", i).isEqualTo((byte) (i + 1));
        }
        assertThat(pubRaw).hasSize(32);
        assertThat(Arrays.copyOfRange(priv64, 32, 64)).isEqualTo(pubRaw);

        byte[] lineBlob = Base64.getDecoder().decode(created.keyPair().publicKey().split(" ")[1]);
        assertThat(lineBlob).isEqualTo(publicBlob);
        PrivateKey priv = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, Arrays.copyOf(priv64, 32)));
        byte[] x509 = concat(HexFormat.of().parseHex("302a300506032b6570032100"), pubRaw);
        PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        assertSignatureVerifies("Ed25519", priv, pub);

        String expected = Base64.getEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(publicBlob));
        assertThat(created.keyPair().fingerprint()).isEqualTo(expected);

        if (sshKeygen()) {
            Path file = privateFile(text);
            assertThat(run("ssh-keygen", "-lf", file.toString())).contains("SHA256:" + expected + " ed-key");
            assertThat(run("ssh-keygen", "-y", "-f", file.toString()).trim().split(" ")[1])
                    .isEqualTo(created.keyPair().publicKey().split(" ")[1]);
        }
    }

    @Test
    void importedRsaKeyHasMd5OfItsSubjectPublicKeyInfoAsFingerprint() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        RSAPublicKey pub = (RSAPublicKey) gen.generateKeyPair().getPublic();
        SshOut blob = new SshOut().string("ssh-rsa".getBytes(StandardCharsets.US_ASCII))
                .string(pub.getPublicExponent().toByteArray()).string(pub.getModulus().toByteArray());
        String line = "ssh-rsa " + Base64.getEncoder().encodeToString(blob.bytes()) + " me@laptop";

        KeyPair imported = keyPairs(cloud).importKeyPair("laptop", line, Map.of());

        assertThat(imported.type()).isEqualTo(KeyType.RSA);
        assertThat(imported.fingerprint()).isEqualTo(
                HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(pub.getEncoded())));
        assertThat(imported.publicKey()).isEqualTo(line);
        Path file = dir.resolve("laptop.pub");
        Files.writeString(file, line + "\n");
        if (sshKeygen()) {
            String md5 = run("ssh-keygen", "-E", "md5", "-lf", file.toString());
            // ssh-keygen's MD5 is over the SSH blob, EC2's over the DER key: they must differ, which is the point.
            assertThat(md5).doesNotContain(imported.fingerprint());
        }
    }

    @Test
    void garbageDuplicatesAndUnknownNamesFailAsEc2Does() {
        keyPairs(cloud).createKeyPair("taken", KeyType.ED25519, Map.of());

        for (String junk : List.of("", "ssh-ed25519", "ssh-ed25519 not-base64!", "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIA==",
                "ssh-dss AAAAB3NzaC1kc3MAAACBAP", "ssh-ed25519 " + Base64.getEncoder().encodeToString(
                        new SshOut().string("ssh-ed25519".getBytes()).string(new byte[31]).bytes()))) {
            AltoException e = catchThrowableOfType(AltoException.class, () -> keyPairs(cloud)
                    .importKeyPair("junk", junk, Map.of()));
            assertThat(e).as("importing '%s'", junk).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(e.providerCode()).isEqualTo("InvalidKey.Format");
        }
        AltoException dup = catchThrowableOfType(AltoException.class,
                () -> keyPairs(cloud).createKeyPair("taken", KeyType.RSA, Map.of()));
        assertThat(dup.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(dup.providerCode()).isEqualTo("InvalidKeyPair.Duplicate");
        AltoException unknown = catchThrowableOfType(AltoException.class, () -> cloud.launch(LaunchSpec.builder()
                .image("ubuntu:24.04").instanceType("t3.micro").keyName("nope").build()));
        assertThat(unknown.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(unknown.providerCode()).isEqualTo("InvalidKeyPair.NotFound");

        String keyId = keyPairs(cloud).keyPairs().get(0).id();
        cloud.tag(keyId, Map.of("owner", "ops"));
        assertThat(keyPairs(cloud).keyPairs().get(0).tags()).containsEntry("owner", "ops");
        keyPairs(cloud).deleteKeyPair("taken");
        keyPairs(cloud).deleteKeyPair("taken");
        assertThat(keyPairs(cloud).keyPairs()).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static void assertSignatureVerifies(String algorithm, PrivateKey priv, PublicKey pub) throws Exception {
        byte[] message = "local cloud".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(priv);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(pub);
        verifier.update(message);
        assertThat(verifier.verify(signature)).as("signature by the private key verifies with the public key").isTrue();
    }

    private static byte[] body(String pem) {
        return Base64.getDecoder().decode(pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat));
    }

    /** The INTEGERs of a DER SEQUENCE of INTEGERs (PKCS#1 RSAPrivateKey). */
    private static List<BigInteger> derIntegers(byte[] der) {
        ByteBuffer in = ByteBuffer.wrap(der);
        assertThat(in.get()).isEqualTo((byte) 0x30);
        int total = derLength(in);
        assertThat(in.remaining()).isEqualTo(total);
        List<BigInteger> out = new ArrayList<>();
        while (in.hasRemaining()) {
            assertThat(in.get()).isEqualTo((byte) 0x02);
            byte[] value = new byte[derLength(in)];
            in.get(value);
            out.add(new BigInteger(value));
        }
        return out;
    }

    private static int derLength(ByteBuffer in) {
        int first = in.get() & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            length = (length << 8) | (in.get() & 0xFF);
        }
        return length;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Path privateFile(String text) throws IOException {
        Path file = dir.resolve("id_" + System.nanoTime());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static boolean sshKeygen() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "ssh-keygen"))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
        return out;
    }

    private static final class SshIn {
        private final ByteBuffer in;

        SshIn(byte[] bytes) {
            in = ByteBuffer.wrap(bytes);
        }

        int uint32() {
            return in.getInt();
        }

        byte[] raw(int n) {
            byte[] b = new byte[n];
            in.get(b);
            return b;
        }

        byte[] bytes() {
            return raw(in.getInt());
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        BigInteger mpint() {
            return new BigInteger(bytes());
        }

        int remaining() {
            return in.remaining();
        }
    }

    private static final class SshOut {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        SshOut string(byte[] b) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
