package io.altostratus.gateway.pve.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.error.AltoException;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.auth.BearerTokens;
import io.altostratus.gateway.http.HttpRequests;
import io.altostratus.gateway.pve.PveFaults;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP for the PVE front under {@code /api2/json}: authentication, parameters (query, form or JSON body), the
 * {@code {"data": ...}} envelope, and failures as PVE writes them.
 *
 * <p>Auth: {@code Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET} whose {@code USER@REALM!TOKENID=SECRET}
 * is registered in {@link BearerTokens} (the account it maps to is the backend account), or a {@code PVEAuthCookie}
 * ticket from {@code POST /access/ticket}. Permissive mode takes anything or nothing as the default account.
 * Otherwise 401 {@code authentication failure}.
 */
public final class PveHttpHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(PveHttpHandler.class.getName());
    private static final int MAX_BODY = 1024 * 1024;
    private static final String TOKEN_SCHEME = "PVEAPIToken=";
    static final String DEFAULT_USER = "root@pam";

    /** Who is calling: the backend account and the PVE user (tasks carry it). */
    public record Caller(String account, String user) {
    }

    private final Router router;
    private final AuthMode authMode;
    private final BearerTokens tokens;
    private final String defaultAccount;
    private final PveFaults faults;

    public PveHttpHandler(Router router, AuthMode authMode, BearerTokens tokens, String defaultAccount,
                          PveFaults faults) {
        this.router = router;
        this.authMode = authMode;
        this.tokens = tokens;
        this.defaultAccount = defaultAccount;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            ObjectNode body = Json.object();
            try {
                Reply reply = answer(exchange);
                body.set("data", reply.data() == null ? NullNode.getInstance() : reply.data());
                reply.extra().forEach(body::set);
            } catch (PveException e) {
                status = e.status();
                body = error(e);
            } catch (AltoException e) {
                PveException pve = translate(e);
                status = pve.status();
                body = error(pve);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "PVE request failed: " + exchange.getRequestURI(), e);
                status = 500;
                body = error(PveException.server(String.valueOf(e.getMessage())));
            }
            byte[] bytes = Json.bytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.getResponseHeaders().set("Cache-Control", "max-age=0");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** PVE's words for the backend's refusals: the cause's message as a 500 (PVE has no richer codes). */
    private static PveException translate(AltoException e) {
        return PveException.server(e.getMessage());
    }

    /**
     * PVE's error body: 400 has {@code errors} by parameter; every failure has {@code data: null}; the message
     * (PVE's status line, which the JDK server cannot set) is also in {@code message}.
     */
    private static ObjectNode error(PveException e) {
        ObjectNode body = Json.object();
        if (!e.errors().isEmpty()) {
            ObjectNode errors = body.putObject("errors");
            e.errors().forEach(errors::put);
        } else {
            body.put("message", e.getMessage() + "\n");
        }
        body.set("data", NullNode.getInstance());
        return body;
    }

    /** A success: {@code data} plus any top-level siblings (the task log's {@code total}). */
    public record Reply(JsonNode data, Map<String, JsonNode> extra) {
        public static Reply of(JsonNode data) {
            return new Reply(data, Map.of());
        }
    }

    private Reply answer(HttpExchange exchange) throws IOException {
        List<String> segments;
        Map<String, String> params;
        try {
            segments = HttpRequests.segments(exchange.getRequestURI().getRawPath());
            params = new LinkedHashMap<>(HttpRequests.query(exchange));
        } catch (IllegalArgumentException e) {
            throw new PveException(400, "malformed request", null);
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (segments.size() < 2 || !segments.get(0).equals("api2") || !segments.get(1).equals("json")) {
            throw PveException.notImplemented(method, String.join("/", segments));
        }
        List<String> path = List.copyOf(segments.subList(2, segments.size()));
        if (!method.equals("GET") && !method.equals("DELETE")) {
            params.putAll(body(exchange));
        }
        String joined = "/" + String.join("/", path);
        boolean ticket = joined.equals("/access/ticket") && method.equals("POST");
        Caller caller = ticket ? new Caller(defaultAccount, DEFAULT_USER) : authenticate(exchange);
        var fault = faults.requestFailure(method, joined);
        if (fault.isPresent()) {
            throw PveException.server(fault.get());
        }
        if (ticket) {
            return Reply.of(ticket(params));
        }
        return router.route(caller, method, path, params);
    }

    private static Map<String, String> body(HttpExchange exchange) throws IOException {
        byte[] bytes = HttpRequests.body(exchange, MAX_BODY, () -> new PveException(413, "request entity too large",
                null));
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Map.of();
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return Json.params(text);
        }
        return HttpRequests.query(text);
    }

    private Caller authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String credential = null;
        if (header != null && header.regionMatches(true, 0, TOKEN_SCHEME, 0, TOKEN_SCHEME.length())) {
            credential = header.substring(TOKEN_SCHEME.length()).trim();
        } else {
            credential = cookie(exchange.getRequestHeaders().getFirst("Cookie"));
        }
        var grant = credential == null || credential.isEmpty() ? java.util.Optional.<BearerTokens.Grant>empty()
                : tokens.lookup(credential);
        if (grant.isPresent()) {
            return new Caller(grant.get().account(), user(credential));
        }
        if (authMode == AuthMode.PERMISSIVE) {
            return new Caller(defaultAccount, credential == null ? DEFAULT_USER : user(credential));
        }
        throw new PveException(401, "authentication failure", null);
    }

    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith("PVEAuthCookie=")) {
                return java.net.URLDecoder.decode(p.substring("PVEAuthCookie=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The user part of a token ({@code root@pam!alto} of {@code root@pam!alto=secret}) or of a ticket. */
    static String user(String credential) {
        if (credential.startsWith("PVE:")) {
            String[] parts = credential.split(":");
            return parts.length > 1 ? parts[1] : DEFAULT_USER;
        }
        int eq = credential.indexOf('=');
        String user = eq < 0 ? credential : credential.substring(0, eq);
        return user.contains("@") ? user : DEFAULT_USER;
    }

    /**
     * {@code POST /access/ticket}: permissive mode grants any user a ticket for the default account; strict mode
     * only a user whose {@code USER@REALM:PASSWORD} is registered as a token (its account becomes the ticket's).
     */
    private ObjectNode ticket(Map<String, String> params) {
        String username = params.get("username");
        String password = params.get("password");
        if (username == null) {
            throw PveException.missing("username");
        }
        if (password == null) {
            throw PveException.missing("password");
        }
        String account = tokens.lookup(username + ":" + password).map(BearerTokens.Grant::account).orElse(null);
        if (account == null) {
            if (authMode != AuthMode.PERMISSIVE) {
                throw new PveException(401, "authentication failure", null);
            }
            account = defaultAccount;
        }
        String ticket = "PVE:" + username + ":" + String.format(Locale.ROOT, "%08X",
                System.currentTimeMillis() / 1000) + "::" + java.util.UUID.randomUUID().toString().replace("-", "");
        tokens.register(account, ticket);
        ObjectNode n = Json.object();
        n.put("username", username);
        n.put("ticket", ticket);
        n.put("CSRFPreventionToken", String.format(Locale.ROOT, "%08X", System.currentTimeMillis() / 1000) + ":"
                + java.util.UUID.randomUUID().toString().replace("-", ""));
        n.put("clustername", router.clusterName());
        return n;
    }
}
