package io.altostratus.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request plumbing the REST fronts share, read off real exchanges of the JDK server. */
class HttpRequestsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Function<HttpExchange, String>> reading = new AtomicReference<>();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body;
                int status = 200;
                try {
                    body = reading.get().apply(exchange).getBytes(StandardCharsets.UTF_8);
                } catch (TooLarge e) {
                    status = 413;
                    body = new byte[0];
                }
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void queryIsDecodedInOrderAndTheFirstOfARepeatedNameWins() {
        Map<String, String> parsed = HttpRequests.query("api-version=2024-07-01&%24filter=name+eq+%27a%26b%27&flag"
                + "&api-version=1999-01-01&empty=");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("api-version", "2024-07-01");
        expected.put("$filter", "name eq 'a&b'");
        expected.put("flag", "");
        expected.put("empty", "");
        assertThat(parsed).containsExactlyEntriesOf(expected);
        assertThat(HttpRequests.query((String) null)).isEmpty();
        assertThat(HttpRequests.query("")).isEmpty();
    }

    @Test
    void queryOfAnExchangeReadsItsRawQuery() throws Exception {
        reading.set(exchange -> HttpRequests.query(exchange).toString());
        assertThat(get("/x?maxResults=2&pageToken=a%2Fb", Map.of())).isEqualTo("{maxResults=2, pageToken=a/b}");
    }

    @Test
    void bearerTokenIsTheTokenOfABearerHeaderInAnyCaseElseNull() throws Exception {
        reading.set(exchange -> String.valueOf(HttpRequests.bearerToken(exchange)));
        assertThat(get("/", Map.of("Authorization", "Bearer abc.def"))).isEqualTo("abc.def");
        assertThat(get("/", Map.of("Authorization", "bearer   abc  "))).isEqualTo("abc");
        assertThat(get("/", Map.of())).isEqualTo("null");
        assertThat(get("/", Map.of("Authorization", "Basic dXNlcjpwdw=="))).isEqualTo("null");
        assertThat(get("/", Map.of("Authorization", "Bearer    "))).isEqualTo("null");
        assertThat(get("/", Map.of("Authorization", "Bearer"))).isEqualTo("null");
    }

    @Test
    void segmentsAreTheNonEmptyDecodedPartsOfThePath() {
        assertThat(HttpRequests.segments("/subscriptions//s1/resourceGroups/my%20rg/a%2Fb/"))
                .containsExactly("subscriptions", "s1", "resourceGroups", "my rg", "a/b");
        assertThat(HttpRequests.segments("/")).isEmpty();
        assertThat(HttpRequests.segments("")).isEmpty();
    }

    @Test
    void originIsTheHostTheCallerAddressed() throws Exception {
        reading.set(HttpRequests::origin);
        assertThat(get("/", Map.of())).isEqualTo("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void bodyIsReadWholeUpToTheLimitAndTheFrontsErrorBeyondIt() throws Exception {
        reading.set(exchange -> {
            try {
                return new String(HttpRequests.body(exchange, 8, TooLarge::new), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(post("12345678").body()).isEqualTo("12345678");
        HttpResponse<String> empty = post("");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        assertThat(post("123456789").statusCode()).isEqualTo(413);
    }

    private String get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/")).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A front's own error for an over-large body. */
    private static final class TooLarge extends RuntimeException {
    }
}
