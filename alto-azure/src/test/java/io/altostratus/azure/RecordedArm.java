package io.altostratus.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * A fake Azure Resource Manager on a local port (WireMock) answering with the recorded ARM responses in
 * {@code /work/shared/data/wire/azure/} (Azure SDK for Java session records), read at test time; a test is skipped,
 * saying why, when they are not on this machine. The recordings use subscription {@code 00000000-...} and host
 * {@code http://localhost:1234}, which is rewritten to this server so that {@code Azure-AsyncOperation} and
 * {@code Location} links lead back here. Time is a manual clock that the sleeper moves: no test sleeps.
 */
final class RecordedArm implements AutoCloseable {
    static final Path WIRE = Path.of(System.getProperty("alto.azure.wire", "/work/shared/data/wire/azure"));
    static final String SUB = "00000000-0000-0000-0000-000000000000";
    static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer server = new WireMockServer(options().dynamicPort());
    final ManualClock clock = new ManualClock();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final List<String> retried = new CopyOnWriteArrayList<>();
    final AzureProviderFactory factory = new AzureProviderFactory(d -> {
        sleeps.add(d);
        clock.advance(d);
    }, (operation, code, attempt, delay) -> retried.add(operation + " " + code), Map.of());

    RecordedArm() {
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A recording as a JSON tree, or the test is skipped when the recordings are absent. */
    static JsonNode record(String file) {
        Path path = WIRE.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(path),
                "recorded ARM responses are not at " + WIRE + " (set -Dalto.azure.wire=DIR); skipping");
        try (InputStream in = file.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(path))
                : Files.newInputStream(path)) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded response body, with the recorder's host replaced by this server's. */
    String body(String file) {
        return text(record(file).path("response").path("body"));
    }

    /** A recorded body with a change applied to its tree. */
    String body(String file, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(body(file));
            change.accept(node);
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded response as it was (status, headers the SDK reads, body), host rewritten. */
    ResponseDefinitionBuilder recorded(String file) {
        JsonNode r = record(file).path("response");
        ResponseDefinitionBuilder out = aResponse().withStatus(r.path("statusCode").asInt())
                .withHeader("Content-Type", "application/json");
        for (Map.Entry<String, JsonNode> h : r.path("headers").properties()) {
            if (List.of("azure-asyncoperation", "location", "retry-after").contains(h.getKey())
                    || h.getKey().startsWith("x-ms-ratelimit-remaining")) {
                out.withHeader(h.getKey(), rehost(h.getValue().asText()));
            }
        }
        JsonNode body = r.path("body");
        if (!(body.isTextual() && body.asText().isEmpty())) {
            out.withBody(text(body));
        }
        return out;
    }

    private String text(JsonNode body) {
        try {
            return rehost(body.isTextual() ? body.asText() : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String rehost(String s) {
        return s.replace("http://localhost:1234", base());
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
    }

    void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** A session on the fake in a resource group and location, with a static token (no Azure credential). */
    AzureProvider open(String group, String location, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("subscription", SUB, "resource_group", group,
                "access_token", "test-token", "retry_base_ms", "100", "retry_max_ms", "5000",
                "max_attempts", "4"));
        settings.putAll(extra);
        return (AzureProvider) factory.open(new ProviderContext(location, ProviderContext.DEFAULT_ACCOUNT, base(),
                null, settings, clock));
    }

    /** Requests with that method whose path ends with the suffix, oldest first. */
    List<LoggedRequest> requests(String method, String pathSuffix) {
        List<LoggedRequest> out = new ArrayList<>(server.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals(method))
                .filter(r -> r.getUrl().split("\\?")[0].endsWith(pathSuffix))
                .toList());
        Collections.reverse(out);
        return out;
    }

    int totalRequests() {
        return server.getAllServeEvents().size();
    }

    @Override
    public void close() {
        server.stop();
    }
}
