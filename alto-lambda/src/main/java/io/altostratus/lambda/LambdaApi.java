package io.altostratus.lambda;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one Lambda Cloud API call the catalog needs, {@code GET /api/v1/instance-types}, with the API key as a bearer
 * token. Lambda limits the API to about one request per second, and a refresh makes one.
 */
final class LambdaApi {
    static final String INSTANCE_TYPES = "/api/v1/instance-types";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http;
    private final AtomicInteger attempts = new AtomicInteger();

    /**
     * @param endpoint scheme, host and port (and any path prefix), without a trailing slash
     * @param apiKey   the Lambda API key
     */
    LambdaApi(URI endpoint, String apiKey, HttpClient http) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.http = Objects.requireNonNull(http, "http");
    }

    URI endpoint() {
        return endpoint;
    }

    /** How many HTTP requests this client has sent. */
    int attempts() {
        return attempts.get();
    }

    /**
     * The body of a successful answer; one attempt, which a {@link io.altostratus.core.wait.Retrier} with
     * {@link LambdaErrors#FAILURES} repeats and translates.
     *
     * @throws LambdaHttpException for any answer but 2xx, or none
     */
    String instanceTypes() {
        attempts.incrementAndGet();
        URI url = URI.create(endpoint + INSTANCE_TYPES);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LambdaHttpException(0, "cannot reach the Lambda API at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "Interrupted", "interrupted calling the Lambda API", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new LambdaHttpException(response.statusCode(), response.body(), null);
        }
        return response.body();
    }
}
