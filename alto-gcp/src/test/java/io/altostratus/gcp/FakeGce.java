package io.altostratus.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * A fake Compute Engine on a local port (WireMock) that answers with the recorded GCE responses in
 * {@code /work/shared/data/wire/gce/}, read at test time, changed only in names where a test needs it. Recorded
 * bodies use project {@code project_name}, region {@code us-central1} with zones {@code us-central1-a} and
 * {@code -b}. Time is a manual clock that the sleeper moves, so backoff never sleeps.
 */
final class FakeGce implements AutoCloseable {
    static final Path WIRE = Path.of(System.getProperty("alto.gce.wire", "/work/shared/data/wire/gce"));
    static final String PROJECT = "project_name";
    static final String BASE = "/compute/v1/projects/" + PROJECT;
    static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer server = new WireMockServer(options().dynamicPort());
    final ManualClock clock = new ManualClock();
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    final List<String> retried = new CopyOnWriteArrayList<>();
    /** One factory per fake, so sessions share what a factory shares (deleted instances). */
    final GcpProviderFactory factory = new GcpProviderFactory(d -> {
        delays.add(d);
        clock.advance(d);
    }, (operation, code, attempt, delay) -> retried.add(operation + " " + code), Map.of());

    FakeGce() {
        server.start();
    }

    /** A recorded body, or the test is skipped (with the reason) when the recordings are not on this machine. */
    static String recorded(String file) {
        Path path = WIRE.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(path),
                "recorded GCE responses are not at " + WIRE + " (set -Dalto.gce.wire=DIR); skipping");
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded body with some of its top-level fields replaced (names, statuses, errors). */
    static String adapted(String file, Map<String, Object> changes) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(recorded(file));
            changes.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded body with every occurrence of a text replaced (e.g. an instance's name in its links too). */
    static String renamed(String file, String from, String to) {
        return recorded(file).replace(from, to);
    }

    /** A DONE zone operation (the recorded one) carrying an error with that code, as GCE reports failed inserts. */
    static String doneWithError(String code, String message, int httpStatus) {
        return adapted("zoneOperations_get_done.json", Map.of(
                "error", Map.of("errors", List.of(Map.of("code", code, "message", message))),
                "httpErrorStatusCode", httpStatus));
    }

    /** Google's error JSON for a failed call, in the recorded 404 body's shape. */
    static String error(int code, String reason, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"errors\":[{\"domain\":\"global\","
                + "\"message\":\"" + message + "\",\"reason\":\"" + reason + "\"}]}}";
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** regions.get, zones.list and machineTypes.list of both zones, as recorded. */
    void stubPlaces() {
        stub(get(urlPathEqualTo(BASE + "/regions/us-central1")).willReturn(json(recorded("regions_get.json"))));
        stub(get(urlPathEqualTo(BASE + "/zones")).willReturn(json(recorded("zones_list.json"))));
        for (String zone : List.of("us-central1-a", "us-central1-b")) {
            stub(get(urlPathEqualTo(BASE + "/zones/" + zone + "/machineTypes"))
                    .willReturn(json(recorded("machineTypes_list.json"))));
        }
    }

    void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** A session on the fake: project {@code project_name}, region us-central1, no credentials. */
    GcpProvider open(Map<String, String> extraSettings) {
        java.util.HashMap<String, String> settings = new java.util.HashMap<>(Map.of("project", PROJECT,
                "retry_base_ms", "100", "retry_max_ms", "1000", "consistency_grace_s", "30"));
        settings.putAll(extraSettings);
        return (GcpProvider) factory.open(new ProviderContext("us-central1", ProviderContext.DEFAULT_ACCOUNT,
                "http://127.0.0.1:" + server.port(), null, settings, clock));
    }

    GcpProvider open() {
        return open(Map.of());
    }

    /** Requests that reached the fake with that method whose path ends with the suffix, oldest first. */
    List<LoggedRequest> requests(String method, String pathSuffix) {
        List<LoggedRequest> out = new java.util.ArrayList<>(server.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals(method))
                .filter(r -> r.getUrl().split("\\?")[0].endsWith(pathSuffix))
                .toList());
        // WireMock keeps the newest first.
        java.util.Collections.reverse(out);
        return out;
    }

    int totalRequests() {
        return server.getAllServeEvents().size();
    }

    static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
