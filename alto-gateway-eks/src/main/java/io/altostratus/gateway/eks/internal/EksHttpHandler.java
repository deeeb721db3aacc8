package io.altostratus.gateway.eks.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.error.AltoException;
import io.altostratus.gateway.auth.AuthException;
import io.altostratus.gateway.auth.Caller;
import io.altostratus.gateway.auth.IncomingRequest;
import io.altostratus.gateway.http.HttpRequests;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The EKS front's HTTP side: reads the request, authenticates it, finds the operation by method and path (the SDK's
 * bindings), decodes, runs, encodes; every failure becomes EKS's error JSON with its status and
 * {@code x-amzn-ErrorType}.
 */
public final class EksHttpHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger("io.altostratus.gateway.eks");
    private static final int MAX_BODY = 10 * 1024 * 1024;

    private final EksOperations operations;
    private final EksActions actions;
    private final EksAuth auth;

    public EksHttpHandler(EksOperations operations, EksActions actions, EksAuth auth) {
        this.operations = operations;
        this.actions = actions;
        this.auth = auth;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        int status;
        byte[] body;
        String errorType = null;
        try {
            body = EksJsonCodec.bytes(EksJsonCodec.encode(answer(exchange)));
            status = 200;
        } catch (Throwable t) {
            EksException e = asEks(t, requestId);
            status = e.status();
            errorType = e.type();
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("message", e.getMessage());
            body = EksJsonCodec.bytes(error);
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("x-amzn-RequestId", requestId);
        if (errorType != null) {
            headers.set("x-amzn-ErrorType", errorType);
        }
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            out.write(body);
        } finally {
            exchange.close();
        }
    }

    private SdkPojo answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        byte[] body = HttpRequests.body(exchange, MAX_BODY,
                () -> new EksException(413, EksException.CLIENT, "the request body is larger than " + MAX_BODY
                        + " bytes"));
        Caller caller = auth.authenticate(new IncomingRequest(method, rawPath, headers, query, Map.of(), body));
        List<String> segments = HttpRequests.segments(rawPath);
        EksOperations.Match match = operations.match(method, segments).orElseThrow(() -> new EksException(404,
                "UnknownOperationException", "no EKS operation answers " + method + " " + rawPath));
        EksOperation op = match.operation();
        if (!actions.names().contains(op.name())) {
            // Refused before decoding: an unserved operation's shapes may use types the codec does not read.
            throw EksActions.unsupported(op.name());
        }
        SdkPojo request = EksJsonCodec.decode(op, match.labels(), query, body);
        return actions.run(op.name(), new EksActions.Call(caller.account(), caller.region()), request);
    }

    private static EksException asEks(Throwable t, String requestId) {
        if (t instanceof EksException e) {
            return e;
        }
        if (t instanceof AltoException e) {
            return EksException.of(e);
        }
        if (t instanceof AuthException e) {
            return EksException.of(e);
        }
        if (t instanceof EksJsonCodec.BadRequest e) {
            return EksException.invalidParameter(e.getMessage());
        }
        LOG.log(System.Logger.Level.ERROR, "EKS request " + requestId + " failed unexpectedly", t);
        return new EksException(500, EksException.SERVER, "internal error (request " + requestId + ")");
    }

    /** The query string's parameters with every value of a repeated name, in the order sent. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }
}
