package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.SshPublicKeysClient;
import com.azure.resourcemanager.compute.fluent.models.SshPublicKeyGenerateKeyPairResultInner;
import com.azure.resourcemanager.compute.fluent.models.SshPublicKeyResourceInner;
import com.azure.resourcemanager.compute.models.SshEncryptionTypes;
import com.azure.resourcemanager.compute.models.SshGenerateKeyPairInputParameters;
import com.azure.resourcemanager.compute.models.SshPublicKeyUpdateResource;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStores;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Microsoft.Compute/sshPublicKeys through the official SDK, over the local cloud's key pairs. */
class ArmSshPublicKeysTest {
    static LocalProviderFactory backend;
    static ArmEndpoint endpoint;
    static ComputeProvider session;
    static SshPublicKeysClient keys;

    @BeforeAll
    static void start() {
        backend = LocalProviderFactory.withStore(StateStores.inMemory(), Catalogs.shipped("azure"));
        endpoint = new ArmEndpoint(ArmFront.builder(backend).authMode(AuthMode.PERMISSIVE));
        session = backend.open(new ProviderContext(ArmEndpoint.LOCATION, ArmEndpoint.SUBSCRIPTION, null, null, null,
                null));
        endpoint.resources().resourceGroups().define("rg-keys").withRegion(ArmEndpoint.LOCATION).create();
        keys = endpoint.compute().serviceClient().getSshPublicKeys();
    }

    @AfterAll
    static void stop() {
        session.close();
        endpoint.close();
    }

    private static List<KeyPair> backendKeys() {
        return session.extension(KeyPairs.class).orElseThrow().keyPairs();
    }

    @Test
    void aPublicKeyIsKeptListedTaggedAndDeletedWithItsBackendKey() {
        SshPublicKeyResourceInner made = keys.create("rg-keys", "laptop", (SshPublicKeyResourceInner)
                new SshPublicKeyResourceInner().withPublicKey(SdkFixtures.KEY).withLocation(ArmEndpoint.LOCATION)
                        .withTags(Map.of("team", "alto")));

        assertThat(made.id()).isEqualTo("/subscriptions/" + ArmEndpoint.SUBSCRIPTION
                + "/resourceGroups/rg-keys/providers/Microsoft.Compute/sshPublicKeys/laptop");
        assertThat(made.type()).isEqualTo("Microsoft.Compute/sshPublicKeys");
        assertThat(made.publicKey()).isEqualTo(SdkFixtures.KEY);
        assertThat(backendKeys()).extracting(KeyPair::publicKey).anyMatch(k -> k.startsWith(
                SdkFixtures.KEY.substring(0, 60)));
        assertThat(keys.getByResourceGroup("rg-keys", "laptop").tags()).containsEntry("team", "alto");
        assertThat(keys.listByResourceGroup("rg-keys").stream().map(SshPublicKeyResourceInner::name).toList())
                .contains("laptop");
        assertThat(keys.list().stream().map(SshPublicKeyResourceInner::id).toList()).contains(made.id());

        SshPublicKeyResourceInner updated = keys.update("rg-keys", "laptop",
                new SshPublicKeyUpdateResource().withTags(Map.of("team", "core")));
        assertThat(updated.tags()).containsOnly(Map.entry("team", "core"));
        assertThat(updated.publicKey()).isEqualTo(SdkFixtures.KEY);

        int before = backendKeys().size();
        keys.delete("rg-keys", "laptop");
        assertThat(backendKeys()).hasSize(before - 1);
        assertThatThrownBy(() -> keys.getByResourceGroup("rg-keys", "laptop")).isInstanceOfSatisfying(
                ManagementException.class, e -> assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound"));
        keys.delete("rg-keys", "laptop");
    }

    @Test
    void generateKeyPairAnswersThePrivateKeyOnceAndKeepsThePublicKey() {
        keys.create("rg-keys", "made", (SshPublicKeyResourceInner) new SshPublicKeyResourceInner()
                .withLocation(ArmEndpoint.LOCATION));
        assertThat(keys.getByResourceGroup("rg-keys", "made").publicKey()).isNull();

        SshPublicKeyGenerateKeyPairResultInner pair = keys.generateKeyPairWithResponse("rg-keys", "made",
                new SshGenerateKeyPairInputParameters().withEncryptionType(SshEncryptionTypes.ED25519), Context.NONE)
                .getValue();

        assertThat(pair.privateKey()).contains("PRIVATE KEY-----");
        assertThat(pair.publicKey()).startsWith("ssh-ed25519 ");
        assertThat(pair.id()).endsWith("/sshPublicKeys/made");
        SshPublicKeyResourceInner read = keys.getByResourceGroup("rg-keys", "made");
        assertThat(read.publicKey()).isEqualTo(pair.publicKey());
        Http.Answer raw = Http.call("GET", endpoint.endpoint() + read.id() + "?api-version=2024-11-01", null, null);
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).as("a read never carries the private key").doesNotContain("PRIVATE KEY")
                .doesNotContain("privateKey");

        SshPublicKeyGenerateKeyPairResultInner rsa = keys.generateKeyPair("rg-keys", "made");
        assertThat(rsa.publicKey()).as("RSA when no type is asked, as Azure").startsWith("ssh-rsa ");
        assertThat(keys.getByResourceGroup("rg-keys", "made").publicKey()).isEqualTo(rsa.publicKey());
    }

    @Test
    void aMalformedPublicKeyIsInvalidParameterAndKeepsNothing() {
        assertThatThrownBy(() -> keys.create("rg-keys", "junk", (SshPublicKeyResourceInner)
                new SshPublicKeyResourceInner().withPublicKey("ssh-ed25519 not-base64!")
                        .withLocation(ArmEndpoint.LOCATION)))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
                    assertThat(e.getValue().getCode()).isEqualTo("InvalidParameter");
                });
        assertThat(keys.listByResourceGroup("rg-keys").stream().map(SshPublicKeyResourceInner::name).toList())
                .doesNotContain("junk");
    }

    @Test
    void deletingTheGroupDeletesItsKeysBackendKeyPairs() {
        endpoint.resources().resourceGroups().define("rg-keys-gone").withRegion(ArmEndpoint.LOCATION).create();
        keys.create("rg-keys-gone", "doomed", (SshPublicKeyResourceInner) new SshPublicKeyResourceInner()
                .withPublicKey(SdkFixtures.KEY).withLocation(ArmEndpoint.LOCATION));
        int before = backendKeys().size();

        endpoint.resources().resourceGroups().deleteByName("rg-keys-gone");

        assertThat(backendKeys()).hasSize(before - 1);
    }
}
