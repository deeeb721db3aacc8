package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.Instance;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the endpoint asks of the backend, seen from a session of the backend itself, and the reverse. */
class GceBackendViewTest {
    private static final String PROJECT = "view-project";
    private static final Map<String, String> SETTINGS = Map.of("transition_ms", "100");
    private static StateStore backendStore;
    private static GceFront front;
    private static Gateway gateway;
    private static Cloud backend;
    private static String base;

    @BeforeAll
    static void start() {
        backendStore = StateStores.inMemory();
        LocalProviderFactory factory = LocalProviderFactory.withStore(backendStore, new TestGcpCatalog());
        front = GceFront.builder(factory).context(new ProviderContext(TestGcpCatalog.REGION,
                ProviderContext.DEFAULT_ACCOUNT, null, null, SETTINGS, null)).authMode(AuthMode.PERMISSIVE).build();
        gateway = front.mountOn(Gateway.builder().port(0).dispatcher(call -> new byte[0])
                .authMode(AuthMode.PERMISSIVE)).start();
        base = "http://127.0.0.1:" + gateway.port() + "/compute/v1/projects/" + PROJECT;
        backend = new Cloud(factory.open(new ProviderContext(TestGcpCatalog.REGION, PROJECT, null, null, SETTINGS,
                null)));
    }

    @AfterAll
    static void stop() {
        backend.close();
        gateway.close();
        front.close();
        backendStore.close();
    }

    private static Instance backendInstance(String zone, String name) throws Exception {
        String id = Http.call("GET", base + "/zones/" + zone + "/instances/" + name, null, null).json().get("id")
                .asText();
        return backend.instances().stream().filter(i -> name.equals(i.name())).findFirst().orElseThrow(
                () -> new AssertionError("no backend instance named " + name + " (GCE id " + id + ")"));
    }

    private static String ed25519PublicKey() throws Exception {
        byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        byte[] type = "ssh-ed25519".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.nio.ByteBuffer blob = java.nio.ByteBuffer.allocate(4 + type.length + 4 + raw.length);
        blob.putInt(type.length).put(type).putInt(raw.length).put(raw);
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.array()) + " alice@laptop";
    }

    @Test
    void userDataSshKeysLabelsAndSpotReachTheLaunch() throws Exception {
        String key = ed25519PublicKey();
        String body = "{\"name\":\"meta-1\",\"machineType\":\"zones/us-central1-a/machineTypes/e2-small\","
                + "\"labels\":{\"env\":\"dev\"},\"scheduling\":{\"provisioningModel\":\"SPOT\"},"
                + "\"metadata\":{\"items\":[{\"key\":\"user-data\",\"value\":\"#cloud-config\\nruncmd: [true]\\n\"},"
                + "{\"key\":\"ssh-keys\",\"value\":\"alice:" + key + "\"}]},"
                + "\"disks\":[{\"boot\":true,\"initializeParams\":{\"sourceImage\":"
                + "\"projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64\",\"diskSizeGb\":\"25\"}}]}";
        Http.Answer insert = Http.call("POST", base + "/zones/us-central1-a/instances", body, null);
        assertThat(insert.status()).as(insert.json().toString()).isEqualTo(200);

        Instance made = backendInstance("us-central1-a", "meta-1");
        assertThat(made.tags()).containsEntry("env", "dev").containsEntry("Name", "meta-1");
        assertThat(made.spot()).isTrue();
        assertThat(made.zone()).isEqualTo("us-central1-a");
        assertThat(made.instanceType()).isEqualTo("e2-small");
        assertThat(made.imageId()).isEqualTo("projects/ubuntu-os-cloud/global/images/" + TestGcpCatalog.UBUNTU);
        assertThat(made.keyName()).startsWith("gce-");
        assertThat(backend.require(KeyPairs.class).keyPairs()).anySatisfy(pair -> {
            assertThat(pair.name()).isEqualTo(made.keyName());
        });

        JsonNode view = Http.call("GET", base + "/zones/us-central1-a/instances/meta-1", null, null).json();
        assertThat(view.at("/scheduling/provisioningModel").asText()).isEqualTo("SPOT");
        assertThat(view.at("/disks/0/diskSizeGb").asText()).isEqualTo("25");
        assertThat(view.at("/metadata/items")).extracting(i -> i.get("key").asText())
                .containsExactly("ssh-keys", "user-data");
    }

    @Test
    void instancesMadeByOtherFrontsAreAdoptedUnderTheirNameOrTheirId() throws Exception {
        List<Instance> made = backend.launch(LaunchSpec.builder().name("made-elsewhere").image("ubuntu:24.04")
                .instanceType("e2-small").zone("us-central1-b").build());
        List<Instance> odd = backend.launch(LaunchSpec.builder().name("Not A GCE Name").image("ubuntu:24.04")
                .instanceType("e2-small").zone("us-central1-b").build());
        JsonNode listed = Http.call("GET", base + "/zones/us-central1-b/instances", null, null).json();
        List<String> names = new java.util.ArrayList<>();
        listed.get("items").forEach(item -> names.add(item.get("name").asText()));
        String fromId = odd.get(0).id().toLowerCase(java.util.Locale.ROOT);
        assertThat(names).contains("made-elsewhere", fromId);
        JsonNode again = Http.call("GET", base + "/zones/us-central1-b/instances/made-elsewhere", null, null).json();
        assertThat(again.get("id").asText()).isEqualTo(listed.get("items").get(names.indexOf("made-elsewhere"))
                .get("id").asText());

        backend.terminate(List.of(made.get(0).id()));
        assertThat(Http.call("GET", base + "/zones/us-central1-b/instances/made-elsewhere", null, null).status())
                .isEqualTo(404);
    }
}
