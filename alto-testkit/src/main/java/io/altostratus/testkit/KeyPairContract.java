package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SSH key pairs ({@link KeyPairs}, where offered): create, list, import, delete, and use at launch. */
public interface KeyPairContract extends ProviderContract {

    private static Optional<KeyPair> listed(KeyPairs keys, String name) {
        return keys.keyPairs().stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The base64 body of a PEM or OpenSSH private key, without armour lines or line breaks. */
    private static String privateKeyBody(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----")).map(String::trim).reduce("", String::concat);
    }

    @Test
    default void createdKeyPairComesWithAPrivateKeyAndAFingerprint(ContractSession s) {
        KeyPairs keys = s.offered(KeyPairs.class);
        String name = s.name("made");
        s.trackKeyPair(name);

        CreatedKeyPair created = keys.createKeyPair(name, KeyType.ED25519, s.runTags());

        assertThat(created.keyPair().name()).isEqualTo(name);
        assertThat(created.keyPair().fingerprint()).isNotBlank();
        assertThat(created.keyPair().type()).isEqualTo(KeyType.ED25519);
        assertThat(created.privateKeyPem()).contains("PRIVATE KEY-----");
        assertThat(privateKeyBody(created.privateKeyPem())).hasSizeGreaterThan(40);
        assertThat(created.keyPair().tags()).containsEntry(ContractSession.RUN_TAG, s.runId());
    }

    @Test
    default void keyPairListingDoesNotLeakThePrivateKey(ContractSession s) {
        KeyPairs keys = s.offered(KeyPairs.class);
        String name = s.name("secret");
        s.trackKeyPair(name);
        CreatedKeyPair created = keys.createKeyPair(name, KeyType.ED25519, Map.of());
        String body = privateKeyBody(created.privateKeyPem());

        KeyPair listedKey = listed(keys, name).orElseThrow(() -> new AssertionError(name + " is not listed"));

        assertThat(listedKey.fingerprint()).isEqualTo(created.keyPair().fingerprint());
        assertThat(listedKey.toString()).doesNotContain("PRIVATE KEY").doesNotContain(body);
        assertThat(String.valueOf(listedKey.publicKey())).doesNotContain("PRIVATE KEY").doesNotContain(body);
        assertThat(created.toString()).as("CreatedKeyPair.toString()").doesNotContain(body);
    }

    @Test
    default void duplicateKeyPairNameIsAlreadyExists(ContractSession s) {
        KeyPairs keys = s.offered(KeyPairs.class);
        String name = s.name("dup");
        s.trackKeyPair(name);
        KeyPair first = keys.createKeyPair(name, KeyType.ED25519, Map.of()).keyPair();

        s.expectError(ErrorCode.ALREADY_EXISTS, "InvalidKeyPair.Duplicate",
                () -> keys.createKeyPair(name, KeyType.ED25519, Map.of()));
        String publicKey = OpenSshKeys.ed25519PublicKey(OpenSshKeys.generateEd25519().getPublic(), null);
        s.expectError(ErrorCode.ALREADY_EXISTS, "InvalidKeyPair.Duplicate",
                () -> keys.importKeyPair(name, publicKey, Map.of()));

        assertThat(keys.keyPairs().stream().filter(k -> k.name().equals(name)).toList())
                .singleElement().extracting(KeyPair::fingerprint).isEqualTo(first.fingerprint());
    }

    @Test
    default void deletedKeyPairIsAbsentAndDeletingAgainSucceeds(ContractSession s) {
        KeyPairs keys = s.offered(KeyPairs.class);
        String name = s.name("gone");
        s.trackKeyPair(name);
        keys.createKeyPair(name, KeyType.ED25519, Map.of());
        assertThat(listed(keys, name)).isPresent();

        keys.deleteKeyPair(name);

        assertThat(listed(keys, name)).as("key pair after delete").isEmpty();
        keys.deleteKeyPair(name);
        s.expectError(ErrorCode.NOT_FOUND, "InvalidKeyPair.NotFound", () -> s.launch(b -> b.keyName(name)));
    }

    @Test
    default void importedEd25519KeyIsListedWithItsSha256FingerprintAndUsableAtLaunch(ContractSession s) {
        KeyPairs keys = s.offered(KeyPairs.class);
        String name = s.name("imported");
        s.trackKeyPair(name);
        String publicKey = OpenSshKeys.ed25519PublicKey(OpenSshKeys.generateEd25519().getPublic(), "contract@kit");
        byte[] blob = OpenSshKeys.blobOf(publicKey);

        KeyPair imported = keys.importKeyPair(name, publicKey, s.runTags());

        assertThat(imported.name()).isEqualTo(name);
        assertThat(imported.type()).isEqualTo(KeyType.ED25519);
        assertThat(imported.fingerprint()).as("fingerprint %s is the SHA-256 of the key (%s)",
                imported.fingerprint(), OpenSshKeys.sha256Fingerprint(blob))
                .matches(fp -> OpenSshKeys.isSha256Of(fp, blob));
        KeyPair listedKey = listed(keys, name).orElseThrow(() -> new AssertionError(name + " is not listed"));
        assertThat(listedKey.fingerprint()).isEqualTo(imported.fingerprint());
        if (listedKey.publicKey() != null) {
            assertThat(OpenSshKeys.blobOf(listedKey.publicKey())).as("listed public key").isEqualTo(blob);
        }

        Instance withKey = s.launch(b -> b.name(s.name("keyed")).keyName(name)).get(0);

        assertThat(withKey.keyName()).isEqualTo(name);
        assertThat(s.cloud().instance(withKey.id()).keyName()).isEqualTo(name);
    }

    @Test
    default void malformedPublicKeyIsInvalidParameter(ContractSession s) {
        KeyPairs keys = s.offered(KeyPairs.class);
        String name = s.name("junk");
        s.trackKeyPair(name);

        s.expectError(ErrorCode.INVALID_PARAMETER, "InvalidKey.Format",
                () -> keys.importKeyPair(name, "ssh-ed25519 not-base64!", Map.of()));

        assertThat(listed(keys, name)).isEmpty();
    }
}
