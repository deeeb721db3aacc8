package io.altostratus.gateway.arm.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.error.AltoException;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.auth.BearerTokens;
import io.altostratus.gateway.http.HttpRequests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP for the ARM front: {@code /subscriptions/{s}/...} (and {@code /subscriptions} itself) with a bearer token,
 * JSON in and out, every failure as ARM's error document with ARM's request-id headers.
 *
 * <p>Auth: in permissive mode any token or none is accepted. In strict mode a token must be registered in
 * {@link BearerTokens} and grant the subscription in the URL: no or an unknown token is 401 ({@code
 * AuthenticationFailed} / {@code InvalidAuthenticationToken}, with ARM's {@code WWW-Authenticate}), a token of another
 * subscription 403 {@code AuthorizationFailed}. {@code GET /subscriptions} lists the token's subscription.
 */
public final class ArmHttpHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(ArmHttpHandler.class.getName());
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final Router router;
    private final AuthMode authMode;
    private final BearerTokens tokens;
    private final String defaultSubscription;

    public ArmHttpHandler(Router router, AuthMode authMode, BearerTokens tokens, String defaultSubscription) {
        this.router = router;
        this.authMode = authMode;
        this.tokens = tokens;
        this.defaultSubscription = defaultSubscription;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = answer(exchange);
            } catch (ArmException e) {
                reply = error(e);
            } catch (AltoException e) {
                reply = error(ArmException.from(e, false));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "ARM request failed: " + exchange.getRequestURI(), e);
                reply = error(new ArmException(500, "InternalServerError", "Internal error: " + e));
            }
            String requestId = UUID.randomUUID().toString();
            var headers = exchange.getResponseHeaders();
            headers.set("x-ms-request-id", requestId);
            headers.set("x-ms-correlation-request-id", Optional.ofNullable(
                    exchange.getRequestHeaders().getFirst("x-ms-client-request-id")).orElse(requestId));
            headers.set("Cache-Control", "no-cache");
            reply.headers().forEach(headers::set);
            boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            if (reply.body() == null || head || reply.status() == 204) {
                exchange.sendResponseHeaders(reply.status(), -1);
                return;
            }
            byte[] body = Json.bytes(reply.body());
            headers.set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Reply error(ArmException e) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", e.code());
        error.put("message", e.getMessage());
        Reply reply = Reply.of(e.status(), body);
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            reply = reply.withHeader(h.getKey(), h.getValue());
        }
        return reply;
    }

    private Reply answer(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> segments = HttpRequests.segments(rawPath);
        Map<String, String> query = HttpRequests.query(exchange);
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (segments.isEmpty() || !segments.get(0).equalsIgnoreCase("subscriptions")) {
            throw ArmException.pathNotFound(rawPath);
        }
        String base = HttpRequests.origin(exchange);
        if (segments.size() == 1) {
            ApiVersions.check("Microsoft.Resources", query.get("api-version"));
            String granted = authenticate(exchange, null);
            if (!method.equals("GET")) {
                throw ArmException.methodNotAllowed(method);
            }
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode value = body.putArray("value");
            value.add(Places.subscriptionNode(granted));
            return Reply.ok(body);
        }
        String subscription = segments.get(1);
        authenticate(exchange, subscription);
        String body = method.equals("PUT") || method.equals("POST") || method.equals("PATCH") ? body(exchange) : "";
        Map<String, String> conditions = new java.util.HashMap<>();
        for (String name : List.of("If-Match", "If-None-Match")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                conditions.put(name, value);
            }
        }
        ArmRequest req = new ArmRequest(method, subscription, List.copyOf(segments.subList(2, segments.size())),
                query, body, base, conditions);
        return router.route(req);
    }

    /** The subscription the caller may use (the URL's, checked in strict mode). */
    private String authenticate(HttpExchange exchange, String subscription) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String token = HttpRequests.bearerToken(exchange);
        if (authMode == AuthMode.PERMISSIVE) {
            if (subscription != null) {
                return subscription;
            }
            return token == null ? defaultSubscription
                    : tokens.lookup(token).map(BearerTokens.Grant::account).orElse(defaultSubscription);
        }
        Map<String, String> challenge = Map.of("WWW-Authenticate", "Bearer authorization_uri=\"https://login."
                + "microsoftonline.com/common\", error=\"invalid_token\", error_description=\"The authentication "
                + "failed because of missing 'Authorization' header.\"");
        if (header == null) {
            throw new ArmException(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header "
                    + "is missing.", challenge);
        }
        if (token == null) {
            throw new ArmException(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header "
                    + "is provided in an invalid format.", challenge);
        }
        BearerTokens.Grant grant = tokens.lookup(token).orElseThrow(() -> new ArmException(401,
                "InvalidAuthenticationToken", "The access token is invalid.", challenge));
        if (subscription != null && !grant.account().equalsIgnoreCase(subscription)) {
            throw new ArmException(403, "AuthorizationFailed", "The client with the given token does not have "
                    + "authorization to perform action over scope '/subscriptions/" + subscription + "' or the scope "
                    + "is invalid. If access was recently granted, please refresh your credentials.");
        }
        return grant.account();
    }

    private static String body(HttpExchange exchange) throws IOException {
        byte[] bytes = HttpRequests.body(exchange, MAX_BODY, () -> new ArmException(413, "RequestEntityTooLarge",
                "The request content size exceeds the maximum allowed."));
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
