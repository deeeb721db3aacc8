package io.altostratus.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.Providers;
import io.altostratus.core.spi.Scope;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening sessions: the region, the project's sources in order, credentials files and bad input. */
class GcpProviderFactoryTest {
    @TempDir
    Path dir;

    private static ProviderContext context(String region, String endpoint, Map<String, String> settings) {
        return new ProviderContext(region, "tenant-a", endpoint, null, settings, null);
    }

    private static GcpProviderFactory factory(Map<String, String> environment) {
        return new GcpProviderFactory(Sleeper.SYSTEM, Retrier.Listener.NONE, environment);
    }

    @Test
    void serviceLoaderFindsGcp() {
        assertThat(Providers.named("gcp").name()).isEqualTo("gcp");
        assertThat(Providers.named("gcp").defaultRegion()).isEqualTo("us-central1");
    }

    @Test
    void againstAnEndpointTheAccountIsTheProjectAndNothingIsCalled() {
        try (ComputeProvider gcp = factory(Map.of("GOOGLE_CLOUD_PROJECT", "from-env"))
                .open(context("europe-west4", "http://127.0.0.1:1", Map.of()))) {
            assertThat(gcp.region()).isEqualTo("europe-west4");
            assertThat(gcp.scope()).contains(new Scope("project", "tenant-a"));
            assertThat(Capability.of(gcp)).containsExactlyInAnyOrder(Capability.CLIENT_TOKEN, Capability.SPOT_LAUNCH,
                    Capability.VOLUMES, Capability.SNAPSHOTS);
        }
    }

    @Test
    void theProjectSettingWinsThenTheEnvironment() {
        try (ComputeProvider gcp = factory(Map.of("GOOGLE_CLOUD_PROJECT", "from-env"))
                .open(context(null, "http://127.0.0.1:1", Map.of("project", "from-settings")))) {
            assertThat(gcp.scope()).contains(new Scope("project", "from-settings"));
            assertThat(gcp.region()).isEqualTo("us-central1");
        }
        try (ComputeProvider gcp = factory(Map.of("CLOUDSDK_CORE_PROJECT", "from-gcloud"))
                .open(context("us-east1", null, Map.of()))) {
            assertThat(gcp.scope()).contains(new Scope("project", "from-gcloud"));
            assertThat(Capability.of(gcp)).contains(Capability.GUEST_ACCESS);
        }
    }

    @Test
    void aServiceAccountKeyNamesTheProject() throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path key = dir.resolve("sa.json");
        Files.writeString(key, "{\"type\":\"service_account\",\"project_id\":\"from-key\",\"private_key_id\":\"1\","
                + "\"private_key\":" + FakeGce.JSON.writeValueAsString(pem) + ",\"client_email\":"
                + "\"alto@from-key.iam.gserviceaccount.com\",\"client_id\":\"1\",\"token_uri\":"
                + "\"https://oauth2.googleapis.com/token\"}");
        try (ComputeProvider gcp = factory(Map.of()).open(context("us-central1", null,
                Map.of("credentials_file", key.toString())))) {
            assertThat(gcp.scope()).contains(new Scope("project", "from-key"));
        }
    }

    @Test
    void badInputFailsAtOpen() {
        GcpProviderFactory factory = factory(Map.of());
        AltoException region = catchThrowableOfType(AltoException.class,
                () -> factory.open(context("us-east-1", "http://127.0.0.1:1", Map.of())));
        assertThat(region.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(region.getMessage()).contains("EC2 region");

        AltoException endpoint = catchThrowableOfType(AltoException.class,
                () -> factory.open(context("us-central1", "127.0.0.1:8773", Map.of())));
        assertThat(endpoint.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);

        AltoException setting = catchThrowableOfType(AltoException.class,
                () -> factory.open(context("us-central1", "http://127.0.0.1:1", Map.of("max_attempts", "many"))));
        assertThat(setting.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);

        AltoException credentials = catchThrowableOfType(AltoException.class, () -> factory.open(
                context("us-central1", null, Map.of("credentials_file", dir.resolve("missing.json").toString()))));
        assertThat(credentials.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
    }
}
