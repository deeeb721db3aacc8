package io.altostratus.gateway.gce.internal.billing;

import com.google.cloud.billing.v1.ListServicesResponse;
import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.auth.BearerTokens;
import io.altostratus.gateway.http.HttpRequests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP for the Cloud Billing Catalog front: {@code GET /v1/services} and {@code GET /v1/services/{id}/skus} with
 * {@code pageSize}/{@code pageToken} paging and {@code currencyCode}, answers printed from the API's messages with
 * JsonFormat, fields at their default values included as Google prints them (enums as numbers when the client asks with {@code $alt=json;enum-encoding=int}, as Google's Java
 * client does), failures as Google's error document.
 */
public final class BillingHttpHandler implements HttpHandler {
    public static final String PREFIX = "/v1/services";
    /** The API's default and, here, largest page. */
    public static final int MAX_PAGE_SIZE = 5000;
    private static final Logger LOG = Logger.getLogger(BillingHttpHandler.class.getName());
    // Google's catalog prints fields at their defaults too ("summary": "", "units": "0", "startUsageAmount": 0).
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace()
            .alwaysPrintFieldsWithNoPresence();
    private static final JsonFormat.Printer INT_ENUM_PRINTER = PRINTER.printingEnumsAsInts();
    private static final String TOKEN_PREFIX = "skus:";

    private final ComputeSkus skus;
    private final Map<String, BigDecimal> ratesPerUsd;
    private final AuthMode authMode;
    private final BearerTokens tokens;
    private final Clock clock;

    /**
     * @param ratesPerUsd the currencies served, each with its units per USD (USD itself at 1)
     * @param tokens      the tokens accepted in {@link AuthMode#STRICT} mode (any project's token: the catalog is
     *                    public to every caller); may be null in permissive mode
     */
    public BillingHttpHandler(ComputeSkus skus, Map<String, BigDecimal> ratesPerUsd, AuthMode authMode,
                              BearerTokens tokens, Clock clock) {
        this.skus = skus;
        this.ratesPerUsd = Map.copyOf(ratesPerUsd);
        this.authMode = authMode;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            byte[] body;
            try {
                Map<String, String> query = HttpRequests.query(exchange);
                Message answer = answer(exchange, query);
                String alt = query.getOrDefault("$alt", "");
                JsonFormat.Printer printer = alt.contains("enum-encoding=int") ? INT_ENUM_PRINTER : PRINTER;
                body = printer.print(answer).getBytes(StandardCharsets.UTF_8);
            } catch (BillingException e) {
                status = e.httpStatus();
                body = e.document();
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                LOG.log(Level.WARNING, "billing request failed: " + exchange.getRequestURI(), e);
                BillingException internal = new BillingException(500, "INTERNAL", "Internal error encountered.");
                status = internal.httpStatus();
                body = internal.document();
            }
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Message answer(HttpExchange exchange, Map<String, String> query) {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        // The JDK server hands this context every path that starts with the prefix (/v1/servicesX too).
        boolean services = path.equals(PREFIX) || path.equals(PREFIX + "/");
        String serviceId = null;
        if (!services && path.startsWith(PREFIX + "/") && path.endsWith("/skus")) {
            serviceId = URLDecoder.decode(path.substring(PREFIX.length() + 1, path.length() - "/skus".length()),
                    StandardCharsets.UTF_8);
        }
        if (!method.equals("GET") || (!services && (serviceId == null || serviceId.isEmpty()
                || serviceId.contains("/")))) {
            throw BillingException.notFound("The requested URL " + path + " (" + method + ") was not found on this"
                    + " server.");
        }
        authenticate(exchange);
        if (services) {
            return listServices(query);
        }
        if (!serviceId.equals(ComputeSkus.SERVICE_ID)) {
            throw BillingException.notFound("Service services/" + serviceId + " not found.");
        }
        return listSkus(query);
    }

    private void authenticate(HttpExchange exchange) {
        if (authMode == AuthMode.PERMISSIVE) {
            return;
        }
        String token = HttpRequests.bearerToken(exchange);
        if (token == null) {
            throw BillingException.unauthenticated("Request is missing required authentication credential."
                    + " Expected OAuth 2 access token, login cookie or other valid authentication credential.");
        }
        if (tokens == null || tokens.lookup(token).isEmpty()) {
            throw BillingException.unauthenticated("Request had invalid authentication credentials. Expected OAuth 2"
                    + " access token, login cookie or other valid authentication credential.");
        }
    }

    private static ListServicesResponse listServices(Map<String, String> query) {
        pageSize(query);
        // One service, so there is never a second page and no token this front handed out can be presented.
        String token = query.getOrDefault("pageToken", "");
        if (!token.isEmpty()) {
            throw BillingException.invalidArgument("Invalid page token: " + token);
        }
        return ListServicesResponse.newBuilder().addServices(ComputeSkus.SERVICE).build();
    }

    private ListSkusResponse listSkus(Map<String, String> query) {
        int size = pageSize(query);
        int from = pageStart(query.getOrDefault("pageToken", ""));
        String currency = query.getOrDefault("currencyCode", "");
        if (currency.isEmpty()) {
            currency = "USD";
        }
        BigDecimal rate = ratesPerUsd.get(currency);
        if (rate == null) {
            throw BillingException.invalidArgument("Currency code " + currency + " is not supported.");
        }
        checkTimeRange(query);
        int to = Math.min(skus.size(), from + size);
        ListSkusResponse.Builder out = ListSkusResponse.newBuilder().addAllSkus(skus.page(from, to, currency, rate));
        if (to < skus.size()) {
            out.setNextPageToken(Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (TOKEN_PREFIX + to).getBytes(StandardCharsets.UTF_8)));
        }
        return out.build();
    }

    /** {@code pageSize}: 0 or absent is the default of 5000; larger asks get 5000 (the API caps, it does not fail). */
    private static int pageSize(Map<String, String> query) {
        String text = query.getOrDefault("pageSize", "");
        if (text.isEmpty()) {
            return MAX_PAGE_SIZE;
        }
        int size;
        try {
            size = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw BillingException.invalidArgument("Invalid value at 'page_size' (TYPE_INT32), \"" + text + "\"");
        }
        if (size < 0) {
            throw BillingException.invalidArgument("Page size must not be negative: " + size);
        }
        return size == 0 ? MAX_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
    }

    /** Where a page token says the next page starts; the tokens are this front's own, opaque to clients. */
    private int pageStart(String token) {
        if (token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(TOKEN_PREFIX)) {
                int start = Integer.parseInt(text.substring(TOKEN_PREFIX.length()));
                if (start > 0 && start <= skus.size()) {
                    return start;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below (NumberFormatException is an IllegalArgumentException too)
        }
        throw BillingException.invalidArgument("Invalid page token: " + token);
    }

    /**
     * The optional {@code startTime}/{@code endTime} must be timestamps, not in the future. The front keeps one
     * pricing version (the catalog's), so a valid range is answered with it.
     */
    private void checkTimeRange(Map<String, String> query) {
        Instant now = clock.instant();
        for (String field : new String[] {"startTime", "endTime"}) {
            String text = query.get(field);
            if (text == null || text.isEmpty()) {
                continue;
            }
            Instant at;
            try {
                at = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw BillingException.invalidArgument("Invalid value at '" + field + "' (type.googleapis.com/"
                        + "google.protobuf.Timestamp), Field '" + field + "', Invalid time format: " + text);
            }
            if (at.isAfter(now)) {
                throw BillingException.invalidArgument("Timestamps in the future are not allowed: " + field + " "
                        + text);
            }
        }
    }

}
