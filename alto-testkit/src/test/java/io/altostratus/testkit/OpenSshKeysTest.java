package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OpenSshKeysTest {
    // RFC 8410 section 10.1's example Ed25519 public key, and what OpenSSH (via pyca/cryptography) and
    // ssh-keygen -l print for it.
    private static final String RFC8410_SPKI = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";
    private static final String RFC8410_OPENSSH =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBm/RAlphM3+hUG6wWfcO5bIUIaqMLa2ywxcOK1wMWbh";
    private static final String RFC8410_SHA256 = "SHA256:ebCT4wkJOqO5AIlHG03cHvn3Cr3ZZEEh8m81duHhR3Q";

    private static PublicKey rfc8410Key() throws Exception {
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(RFC8410_SPKI)));
    }

    @Test
    void encodesTheRfc8410KeyAsOpenSshDoes() throws Exception {
        assertThat(OpenSshKeys.ed25519PublicKey(rfc8410Key(), null)).isEqualTo(RFC8410_OPENSSH);
        assertThat(OpenSshKeys.ed25519PublicKey(rfc8410Key(), "me@host")).isEqualTo(RFC8410_OPENSSH + " me@host");
    }

    @Test
    void rawKeyEqualsTheLast32BytesOfTheX509EncodingForFreshKeys() {
        // Half of all keys have an odd x, so twenty keys exercise the sign bit both ways.
        for (int i = 0; i < 20; i++) {
            PublicKey key = OpenSshKeys.generateEd25519().getPublic();
            byte[] spki = key.getEncoded();
            assertThat(OpenSshKeys.rawEd25519(key)).isEqualTo(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        }
    }

    @Test
    void blobOfReadsBackWhatWasEncoded() throws Exception {
        PublicKey key = rfc8410Key();
        assertThat(OpenSshKeys.blobOf(OpenSshKeys.ed25519PublicKey(key, "comment with spaces")))
                .isEqualTo(OpenSshKeys.ed25519Blob(key));
        assertThatThrownBy(() -> OpenSshKeys.blobOf("ssh-ed25519")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sha256FingerprintMatchesSshKeygen() throws Exception {
        assertThat(OpenSshKeys.sha256Fingerprint(OpenSshKeys.blobOf(RFC8410_OPENSSH))).isEqualTo(RFC8410_SHA256);
    }

    @Test
    void isSha256OfAcceptsTheRenderingsProvidersUse() {
        byte[] blob = OpenSshKeys.blobOf(RFC8410_OPENSSH);
        String bare = RFC8410_SHA256.substring("SHA256:".length());
        String hex = "79b093e309093aa3b90089471b4ddc1ef9f70abdd9644121f26f3576e1e14774";
        assertThat(OpenSshKeys.isSha256Of(RFC8410_SHA256, blob)).isTrue();
        assertThat(OpenSshKeys.isSha256Of(bare, blob)).isTrue();
        assertThat(OpenSshKeys.isSha256Of(bare + "=", blob)).as("padded, as EC2 prints it").isTrue();
        assertThat(OpenSshKeys.isSha256Of(hex, blob)).isTrue();
        assertThat(OpenSshKeys.isSha256Of(hex.replaceAll("(..)(?!$)", "$1:").toUpperCase(), blob)).isTrue();
    }

    @Test
    void isSha256OfRejectsOtherDigests() {
        byte[] blob = OpenSshKeys.blobOf(RFC8410_OPENSSH);
        assertThat(OpenSshKeys.isSha256Of("a4:93:e0:e6:59:bd:5e:0e:be:ad:f9:d7:f9:bd:c2:85", blob)).as("MD5").isFalse();
        assertThat(OpenSshKeys.isSha256Of(OpenSshKeys.sha256Fingerprint(
                OpenSshKeys.ed25519Blob(OpenSshKeys.generateEd25519().getPublic())), blob)).isFalse();
        assertThat(OpenSshKeys.isSha256Of(null, blob)).isFalse();
        assertThat(OpenSshKeys.isSha256Of("", blob)).isFalse();
    }

    @Test
    void rejectsKeysThatAreNotEd25519() throws Exception {
        PublicKey ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();
        assertThatThrownBy(() -> OpenSshKeys.rawEd25519(ed448)).isInstanceOf(IllegalArgumentException.class);
    }
}
