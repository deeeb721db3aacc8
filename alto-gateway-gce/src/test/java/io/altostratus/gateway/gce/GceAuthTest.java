package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.compute.v1.Zone;
import com.google.cloud.compute.v1.ZonesClient;
import com.google.cloud.compute.v1.ZonesSettings;
import io.altostratus.gateway.auth.AuthMode;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strict mode: a bearer token maps to one project. */
class GceAuthTest {
    private static GceEndpoint endpoint;
    private static String token;
    private static String otherToken;

    @BeforeAll
    static void start() {
        endpoint = new GceEndpoint(AuthMode.STRICT);
        token = endpoint.front.tokens().create(GceEndpoint.PROJECT);
        otherToken = endpoint.front.tokens().create("other-project");
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void aMissingOrUnknownTokenIs401() throws Exception {
        Http.Answer none = Http.call("GET", endpoint.base() + "/zones", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.reason()).isEqualTo("required");
        Http.Answer unknown = Http.call("GET", endpoint.base() + "/zones", null, "ya29.not-a-token");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.reason()).isEqualTo("authError");
    }

    @Test
    void aTokenOpensItsOwnProjectOnlyButPublicImagesToAll() throws Exception {
        assertThat(Http.call("GET", endpoint.base() + "/zones", null, token).status()).isEqualTo(200);
        Http.Answer foreign = Http.call("GET", endpoint.base() + "/zones", null, otherToken);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.reason()).isEqualTo("forbidden");
        assertThat(Http.call("GET", endpoint.endpoint()
                + "/compute/v1/projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64", null,
                otherToken).status()).isEqualTo(200);
    }

    @Test
    void revokedTokensStopWorking() throws Exception {
        String shortLived = endpoint.front.tokens().create(GceEndpoint.PROJECT);
        assertThat(Http.call("GET", endpoint.base() + "/regions", null, shortLived).status()).isEqualTo(200);
        assertThat(endpoint.front.tokens().revoke(shortLived)).isTrue();
        assertThat(Http.call("GET", endpoint.base() + "/regions", null, shortLived).status()).isEqualTo(401);
    }

    @Test
    void aResetForgetsOperationsButKeepsTokens() throws Exception {
        Http.Answer insert = Http.call("POST", endpoint.base() + "/zones/us-central1-a/instances",
                Http.instance("reset-1", "us-central1-a", "e2-small"), token);
        assertThat(insert.status()).isEqualTo(200);
        String operation = endpoint.base() + "/zones/us-central1-a/operations/" + insert.json().get("name").asText();
        assertThat(Http.call("GET", operation, null, token).status()).isEqualTo(200);
        assertThat(endpoint.front.resetState()).isGreaterThanOrEqualTo(2);
        Http.Answer after = Http.call("GET", operation, null, token);
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.reason()).isEqualTo("notFound");
    }

    @Test
    void theOfficialClientSendsItsAccessTokenAsABearer() throws Exception {
        GoogleCredentials credentials = GoogleCredentials.create(new AccessToken(token, null));
        try (ZonesClient zones = ZonesClient.create(ZonesSettings.newBuilder().setEndpoint(endpoint.endpoint())
                .setCredentialsProvider(FixedCredentialsProvider.create(credentials)).build())) {
            assertThat(StreamSupport.stream(zones.list(GceEndpoint.PROJECT).iterateAll().spliterator(), false)
                    .map(Zone::getName)).contains("us-central1-a");
        }
    }
}
