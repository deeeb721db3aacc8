package io.altostratus.gateway.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the REST fronts (Compute Engine, Cloud Billing, ARM) read off a request the same way: the path's segments, the
 * query string, an OAuth bearer token, the body up to a limit and the origin the caller used. The EC2 front parses its Query protocol strictly elsewhere; this is the lenient reading the
 * JSON APIs use.
 */
public final class HttpRequests {
    private static final String BEARER = "Bearer ";

    private HttpRequests() {
    }

    /**
     * The query string's parameters, decoded, in the order sent; the first value of a repeated name wins, as Google's
     * and Azure's REST APIs take it. A name without {@code =} has the empty value.
     *
     * @param raw the raw (still encoded) query string; null or empty for none
     */
    public static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    /** The request's query parameters, as {@link #query(String)} reads them. */
    public static Map<String, String> query(HttpExchange exchange) {
        return query(exchange.getRequestURI().getRawQuery());
    }

    /**
     * The token of an {@code Authorization: Bearer ...} header (the scheme in any case), or null when there is no such
     * header, it has another scheme, or the token is empty. A front that answers a missing header differently from a
     * malformed one asks for the header itself first.
     */
    public static String bearerToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    /** The path's non-empty segments, each decoded ({@code /a//b%2Fc/} is {@code a}, {@code b/c}). */
    public static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /**
     * {@code http://} and the host the caller addressed (its {@code Host} header, else the socket's local address):
     * the base of the links an answer carries, so that they work through whatever name or port the caller used.
     */
    public static String origin(HttpExchange exchange) {
        String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host"))
                .orElse(exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort());
        return "http://" + host;
    }

    /**
     * The request body, read whole but never more than {@code max} bytes.
     *
     * @param tooLarge the front's own error for a body over the limit, thrown once {@code max + 1} bytes are read
     */
    public static byte[] body(HttpExchange exchange, int max, Supplier<? extends RuntimeException> tooLarge)
            throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw tooLarge.get();
            }
            return bytes;
        }
    }
}
