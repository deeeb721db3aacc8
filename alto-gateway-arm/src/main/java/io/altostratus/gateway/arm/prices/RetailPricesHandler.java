package io.altostratus.gateway.arm.prices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP for the Retail Prices front: {@code GET /api/retail/prices} with {@code api-version}, {@code $filter},
 * {@code currencyCode}, {@code meterRegion} and {@code $skip}; pages of {@code pageSize} items with a
 * {@code NextPageLink} to the next; failures as {@code {"Error":{"Code":...,"Message":...}}}, the shape the service
 * answers a filter it refuses with.
 */
final class RetailPricesHandler implements HttpHandler {
    static final String PATH = "/api/retail/prices";
    /** The version from which filter values compare case-sensitively (Microsoft's documentation). */
    static final String CASE_SENSITIVE_VERSION = "2023-01-01-preview";
    static final Set<String> API_VERSIONS = Set.of("2021-10-01-preview", "2021-10-01", CASE_SENSITIVE_VERSION);
    // The service's one answer for a $filter (or other OData parameter) it cannot use.
    static final String INVALID_ODATA = "Invalid OData parameters supplied";
    private static final Logger LOG = Logger.getLogger(RetailPricesHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<List<RetailPriceItem>> items;
    private final Map<String, BigDecimal> ratesPerUsd;
    private final int pageSize;
    private final String publicUrl;

    /**
     * @param items       every item, in USD, in the order pages are cut from
     * @param ratesPerUsd the currencies served, each with its units per USD (USD at 1)
     * @param publicUrl   the scheme, host and port {@code NextPageLink} points at, or null for the request's Host
     */
    RetailPricesHandler(Supplier<List<RetailPriceItem>> items, Map<String, BigDecimal> ratesPerUsd, int pageSize,
                        String publicUrl) {
        this.items = items;
        this.ratesPerUsd = Map.copyOf(ratesPerUsd);
        this.pageSize = pageSize;
        this.publicUrl = publicUrl;
    }

    /** A request the front refuses, with the HTTP status and the error's code. */
    private static final class Refused extends RuntimeException {
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(answer(exchange));
            } catch (Refused e) {
                status = e.status;
                body = error(e.code, e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "retail prices request failed: " + exchange.getRequestURI(), e);
                status = 500;
                body = error("InternalServerError", "An error occurred while processing the request.");
            }
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Map<String, Object> answer(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        // The JDK server hands this context every path that starts with the prefix.
        if (!path.equals(PATH) && !path.equals(PATH + "/")) {
            throw new Refused(404, "NotFound", "The requested resource " + path + " does not exist.");
        }
        if (!exchange.getRequestMethod().equalsIgnoreCase("GET")) {
            throw new Refused(405, "MethodNotAllowed", "The requested resource does not support http method '"
                    + exchange.getRequestMethod() + "'.");
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = query(rawQuery);
        String version = query.get("api-version");
        if (version != null && !API_VERSIONS.contains(version)) {
            throw badRequest();
        }
        boolean caseSensitive = CASE_SENSITIVE_VERSION.equals(version);
        String currency = unquote(query.getOrDefault("currencyCode", "USD"));
        BigDecimal rate = ratesPerUsd.get(currency.toUpperCase(Locale.ROOT));
        if (rate == null) {
            throw badRequest();
        }
        currency = currency.toUpperCase(Locale.ROOT);
        String meterRegion = query.get("meterRegion");
        // Every meter served is its location's primary meter, so 'primary' selects them all.
        if (meterRegion != null && !unquote(meterRegion).equalsIgnoreCase("primary")) {
            throw badRequest();
        }
        int skip = skip(query.get("$skip"));
        Predicate<RetailPriceItem> filter;
        try {
            filter = PriceFilter.parse(query.get("$filter"), caseSensitive);
        } catch (PriceFilter.InvalidFilter e) {
            throw badRequest();
        }

        List<RetailPriceItem> page = new ArrayList<>(Math.min(pageSize, 1024));
        boolean more = false;
        int matched = 0;
        for (RetailPriceItem item : items.get()) {
            if (!filter.test(item)) {
                continue;
            }
            if (matched++ < skip) {
                continue;
            }
            if (page.size() == pageSize) {
                more = true;
                break;
            }
            page.add(item.in(currency, rate));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("BillingCurrency", currency);
        out.put("CustomerEntityId", "Default");
        out.put("CustomerEntityType", "Retail");
        out.put("Items", page);
        out.put("NextPageLink", more ? nextPageLink(exchange, rawQuery, skip + page.size()) : null);
        out.put("Count", page.size());
        return out;
    }

    private String nextPageLink(HttpExchange exchange, String rawQuery, int skip) {
        String base = publicUrl;
        if (base == null) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null) {
                host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
            }
            base = "http://" + host;
        }
        StringBuilder link = new StringBuilder(base).append(PATH).append('?');
        if (rawQuery != null) {
            for (String part : rawQuery.split("&")) {
                if (!part.isEmpty() && !decode(part.split("=", 2)[0]).equals("$skip")) {
                    link.append(part).append('&');
                }
            }
        }
        return link.append("$skip=").append(skip).toString();
    }

    private static int skip(String text) {
        if (text == null) {
            return 0;
        }
        try {
            int skip = Integer.parseInt(text);
            if (skip >= 0) {
                return skip;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw badRequest();
    }

    private static Refused badRequest() {
        return new Refused(400, "BadRequest", INVALID_ODATA);
    }

    /** {@code currencyCode='EUR'}, as Microsoft's examples write it, or bare. */
    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            out.putIfAbsent(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badRequest();
        }
    }

    private static byte[] error(String code, String message) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("Code", code);
        inner.put("Message", message);
        try {
            return JSON.writeValueAsBytes(Map.of("Error", inner));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
