package io.altostratus.azure.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The Azure Retail Prices API ({@code GET /api/retail/prices}, public, no authentication) over the JDK HTTP client:
 * one request per page. Failures are {@link PricesHttpException}s for the {@link Retrier} ({@link #FAILURES}): 429
 * and 5xx are worth another try, anything else is final.
 */
final class RetailPricesClient {
    static final String API_VERSION = "2023-01-01-preview";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A page the API did not give. */
    static final class PricesHttpException extends RuntimeException {
        final int status;

        PricesHttpException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    static final Retrier.Failures<PricesHttpException> FAILURES = new Retrier.Failures<>(PricesHttpException.class,
            e -> e.status == 429 || e.status >= 500 || e.status == 0, RetailPricesClient::translate);

    private final String baseUrl;
    private final HttpClient http;

    /** @param baseUrl scheme, host and port, e.g. {@code https://prices.azure.com} */
    RetailPricesClient(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.http = http;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The first page's URL of the Linux-and-Windows Consumption prices of VMs in one location. */
    String firstPage(String location) {
        String filter = "serviceName eq 'Virtual Machines' and armRegionName eq '" + location
                + "' and priceType eq 'Consumption'";
        return baseUrl + "/api/retail/prices?api-version=" + API_VERSION + "&$filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One page: its {@code Items} and {@code NextPageLink} (null on the last page). */
    record Page(JsonNode items, String next) {
    }

    Page get(String url) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PricesHttpException(0, "GET " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("refresh aborted");
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            throw new PricesHttpException(response.statusCode(), body.length() > 300 ? body.substring(0, 300) : body);
        }
        try {
            JsonNode root = JSON.readTree(response.body());
            JsonNode next = root.get("NextPageLink");
            return new Page(root.path("Items"), next == null || next.isNull() || next.asText().isEmpty() ? null
                    : next.asText());
        } catch (IOException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "InvalidPricesResponse", "the Retail Prices API at "
                    + baseUrl + " answered what is not JSON: " + e.getMessage(), e);
        }
    }

    private static AltoException translate(String operation, PricesHttpException e) {
        ErrorCode code = switch (e.status) {
            case 400 -> ErrorCode.INVALID_PARAMETER;
            case 401, 403 -> ErrorCode.AUTH_FAILURE;
            case 404 -> ErrorCode.NOT_FOUND;
            case 429 -> ErrorCode.THROTTLED;
            default -> ErrorCode.PROVIDER_ERROR;
        };
        return new AltoException(code, e.status == 0 ? "ConnectionFailed" : "HTTP" + e.status,
                operation + " failed: " + e.getMessage(), e);
    }
}
