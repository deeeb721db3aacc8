package io.altostratus.ssh.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import org.apache.sshd.common.config.keys.PrivateKeyEntryDecoder;
import org.apache.sshd.common.config.keys.PublicKeyEntryDecoder;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.SecurityProviderRegistrar;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;
import org.apache.sshd.common.util.security.eddsa.generic.GenericEd25519PublicKeyDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericOpenSSHEd25519PrivateKeyEntryDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericSignatureEd25519;

/**
 * Ed25519 for MINA SSHD on the JDK's own implementation (JEP 339). MINA 2.20 only knows Ed25519 through
 * net.i2p.crypto:eddsa or BouncyCastle, neither of which the project may depend on; without this, ed25519 keys
 * (the default of {@code alto keys create}) and ed25519 host keys could not be used. MINA's generic decoders and
 * signature do the SSH encoding; this class only converts between raw 32-byte keys and the JDK's key objects.
 */
public final class JdkEd25519 implements EdDSASupport<EdECPublicKey, EdECPrivateKey> {
    private static final String ALGORITHM = "Ed25519";
    private static volatile boolean installed;

    private JdkEd25519() {
    }

    /** Registers the support with MINA once, before any client is built (MINA picks its algorithms then). */
    public static synchronized void install() {
        if (installed || SecurityUtils.isEDDSACurveSupported()) {
            installed = true;
            return;
        }
        SecurityUtils.registerSecurityProvider(new Registrar());
        installed = true;
    }

    @Override
    public PublicKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getEDDSAPublicKeyEntryDecoder() {
        return new GenericEd25519PublicKeyDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);
    }

    @Override
    public PrivateKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getOpenSSHEDDSAPrivateKeyEntryDecoder() {
        return new GenericOpenSSHEd25519PrivateKeyEntryDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);
    }

    @Override
    public Signature getEDDSASigner() {
        return new GenericSignatureEd25519(ALGORITHM);
    }

    @Override
    public int getEDDSAKeySize(Key key) {
        return KEY_SIZE;
    }

    @Override
    public Class<EdECPublicKey> getEDDSAPublicKeyType() {
        return EdECPublicKey.class;
    }

    @Override
    public Class<EdECPrivateKey> getEDDSAPrivateKeyType() {
        return EdECPrivateKey.class;
    }

    @Override
    public boolean compareEDDSAPPublicKeys(PublicKey k1, PublicKey k2) {
        return k1 instanceof EdECPublicKey a && k2 instanceof EdECPublicKey b
                && Arrays.equals(getPublicKeyData(a), getPublicKeyData(b));
    }

    @Override
    public boolean compareEDDSAPrivateKeys(PrivateKey k1, PrivateKey k2) {
        return k1 instanceof EdECPrivateKey a && k2 instanceof EdECPrivateKey b
                && Arrays.equals(a.getBytes().orElse(null), b.getBytes().orElse(null));
    }

    /**
     * The JDK has no "public key of this private key" call; a key pair generator fed the seed as its randomness
     * derives exactly that pair (RFC 8032: the private key IS the 32 random bytes).
     */
    @Override
    public EdECPublicKey recoverEDDSAPublicKey(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the Ed25519 private key hides its bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
        return (EdECPublicKey) generator.generateKeyPair().getPublic();
    }

    /** RFC 8032 §5.1.2: little-endian y with x's parity in the top bit of the last byte. */
    @Override
    public EdECPublicKey generateEDDSAPublicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 32) {
            throw new GeneralSecurityException("an Ed25519 public key is 32 bytes, not " + raw.length);
        }
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = raw[31 - i];
        }
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
        return (EdECPublicKey) KeyFactory.getInstance(ALGORITHM)
                .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
    }

    @Override
    public EdECPrivateKey generateEDDSAPrivateKey(byte[] seed) throws GeneralSecurityException {
        return (EdECPrivateKey) KeyFactory.getInstance(ALGORITHM)
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
    }

    @Override
    public <B extends Buffer> B putRawEDDSAPublicKey(B buffer, PublicKey key) {
        // The caller has written the key type already; the blob's body is the 32-byte key.
        buffer.putBytes(getPublicKeyData((EdECPublicKey) key));
        return buffer;
    }

    /** OpenSSH's private key layout after the type (written by the caller): public, then seed followed by public. */
    @Override
    public <B extends Buffer> B putEDDSAKeyPair(B buffer, PublicKey publicKey, PrivateKey privateKey) {
        byte[] pub = getPublicKeyData((EdECPublicKey) publicKey);
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes().orElseThrow();
        byte[] both = new byte[64];
        System.arraycopy(seed, 0, both, 0, 32);
        System.arraycopy(pub, 0, both, 32, 32);
        buffer.putBytes(pub);
        buffer.putBytes(both);
        return buffer;
    }

    @Override
    public KeySpec createPublicKeySpec(EdECPublicKey key) {
        return new EdECPublicKeySpec(NamedParameterSpec.ED25519, key.getPoint());
    }

    @Override
    public KeySpec createPrivateKeySpec(EdECPrivateKey key) {
        return new EdECPrivateKeySpec(NamedParameterSpec.ED25519, key.getBytes().orElseThrow());
    }

    @Override
    public byte[] getPublicKeyData(EdECPublicKey key) {
        EdECPoint point = key.getPoint();
        byte[] y = point.getY().toByteArray();
        byte[] raw = new byte[32];
        // toByteArray is big-endian and may carry a leading zero byte; copy the low 32 bytes reversed.
        for (int i = 0; i < 32 && i < y.length; i++) {
            raw[i] = y[y.length - 1 - i];
        }
        if (point.isXOdd()) {
            raw[31] |= (byte) 0x80;
        }
        return raw;
    }

    @Override
    public byte[] getPrivateKeyData(EdECPrivateKey key) {
        return key.getBytes().orElseThrow();
    }

    @Override
    public String getKeyFactoryAlgorithm() {
        return ALGORITHM;
    }

    /** Hands out the given bytes as "random", once: the seed of the key pair to rebuild. */
    private static final class FixedRandom extends SecureRandom {
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
        }
    }

    /** Makes MINA aware of the support; claims no other algorithm, so everything else keeps its default provider. */
    private static final class Registrar implements SecurityProviderRegistrar {
        private final JdkEd25519 support = new JdkEd25519();

        @Override
        public String getName() {
            return "alto-jdk-ed25519";
        }

        @Override
        public Provider getSecurityProvider() {
            return Security.getProvider("SunEC");
        }

        @Override
        public boolean isSupported() {
            return true;
        }

        @Override
        public boolean isEnabled() {
            return true;
        }

        @Override
        public boolean isSecurityEntitySupported(Class<?> entityType, String name) {
            return false;
        }

        @Override
        public Optional<EdDSASupport<?, ?>> getEdDSASupport() {
            return Optional.of(support);
        }
    }
}
