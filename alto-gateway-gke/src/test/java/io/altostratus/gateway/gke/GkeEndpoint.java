package io.altostratus.gateway.gke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The GKE front over the local cloud (shipped GCP catalog, clusters settling after {@code transitionMs} of the manual
 * clock) on an in-process gateway in strict mode, with a token for each of two projects. Calls are plain HTTP with
 * JSON bodies, as any client sends them.
 */
final class GkeEndpoint implements AutoCloseable {
    static final String PROJECT = "proj-a";
    static final String OTHER_PROJECT = "proj-b";
    static final String TOKEN = "ya29.test-token-a";
    static final String OTHER_TOKEN = "ya29.test-token-b";
    private static final ObjectMapper JSON = new ObjectMapper();

    final StateStore store = StateStores.inMemory();
    final GkeFront front;
    final Gateway gateway;
    /** The backend's clock: a manual one (clusters change state only when a test moves it) unless one is given. */
    final java.time.Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();

    /** An answer: the status and the body as a JSON tree and as text. */
    record Answer(int status, JsonNode json, String text) {
        String at(String pointer) {
            return json.at(pointer).asText();
        }
    }

    GkeEndpoint(long transitionMs) {
        this(transitionMs, new ManualClock(Instant.parse("2026-12-07T08:00:00Z")));
    }

    GkeEndpoint(long transitionMs, java.time.Clock clock) {
        this.clock = clock;
        front = GkeFront.builder(LocalProviderFactory.withStore(store, Catalogs.gcp()))
                .context(new ProviderContext("us-central1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("cluster_transition_ms", Long.toString(transitionMs)), clock))
                .stateStore(store).authMode(AuthMode.STRICT).build();
        front.tokens().register(PROJECT, TOKEN);
        front.tokens().register(OTHER_PROJECT, OTHER_TOKEN);
        gateway = front.mountOn(Gateway.builder().port(0).stateStore(store).authMode(AuthMode.STRICT)
                .dispatcher(call -> {
                    throw new IllegalStateException("no EC2 calls here");
                })).start();
    }

    URI endpoint() {
        return gateway.endpoint();
    }

    void advance(Duration d) {
        ((ManualClock) clock).advance(d);
    }

    Answer call(String method, String path, String body) {
        return call(method, path, body, TOKEN);
    }

    /** {@code path} is relative to {@code /v1/}; a null token sends none. */
    Answer call(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint().resolve("/v1/" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), JSON.readTree(r.body()), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Parses an answer with protobuf's strict parser: a field the API does not have fails the test. */
    static <B extends Message.Builder> B strict(String text, B builder) {
        try {
            JsonFormat.parser().merge(text, builder);
            return builder;
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a valid " + builder.getDescriptorForType().getFullName() + ": " + text, e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        front.close();
        store.close();
    }
}
