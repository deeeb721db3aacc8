package io.altostratus.gateway.gce.internal;

import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.error.AltoException;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.auth.BearerTokens;
import io.altostratus.gateway.http.HttpRequests;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP for the GCE front: {@code /compute/v1/projects/{project}/...} with a bearer token, JSON in and out, every
 * failure as Google's error document.
 */
public final class GceHttpHandler implements HttpHandler {
    public static final String PREFIX = "/compute/v1/";
    private static final Logger LOG = Logger.getLogger(GceHttpHandler.class.getName());
    private static final int MAX_BODY = 10 * 1024 * 1024;

    private final Router router;
    private final AuthMode authMode;
    private final BearerTokens tokens;

    public GceHttpHandler(Router router, AuthMode authMode, BearerTokens tokens) {
        this.router = router;
        this.authMode = authMode;
        this.tokens = tokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            byte[] body;
            try {
                body = Json.print(answer(exchange));
            } catch (GceException e) {
                status = e.status();
                body = Json.error(e);
            } catch (AltoException e) {
                GceException mapped = GceException.from(e, exchange.getRequestURI().getPath());
                status = mapped.status();
                body = Json.error(mapped);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "GCE request failed: " + exchange.getRequestURI(), e);
                GceException internal = new GceException(500, "backendError", "Internal error. " + e);
                status = internal.status();
                body = Json.error(internal);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Message answer(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        if (!rawPath.startsWith(PREFIX + "projects/")) {
            throw GceException.notFound(rawPath);
        }
        List<String> segments = HttpRequests.segments(rawPath.substring((PREFIX + "projects/").length()));
        if (segments.isEmpty()) {
            throw GceException.notFound(rawPath);
        }
        String project = segments.get(0);
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        List<String> path = List.copyOf(segments.subList(1, segments.size()));
        String user = authenticate(exchange, project, method, path);
        Request req = new Request(method, project, path, HttpRequests.query(exchange), body(exchange),
                new Links(HttpRequests.origin(exchange) + PREFIX), user);
        return router.route(req);
    }

    /** The caller as operations name it; in strict mode the token must grant the project in the URL. */
    private String authenticate(HttpExchange exchange, String project, String method, List<String> path) {
        String token = HttpRequests.bearerToken(exchange);
        if (authMode == AuthMode.PERMISSIVE) {
            return project + "@altostratus.invalid";
        }
        if (token == null) {
            throw new GceException(401, "required", "Request is missing required authentication credential. "
                    + "Expected OAuth 2 access token, login cookie or other valid authentication credential.");
        }
        BearerTokens.Grant grant = tokens.lookup(token).orElseThrow(() -> new GceException(401, "authError",
                "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or "
                        + "other valid authentication credential."));
        // Public images are readable by every project, as on Compute Engine.
        boolean publicRead = method.equals("GET") && path.size() >= 2 && path.get(0).equals("global")
                && path.get(1).equals("images");
        if (!grant.account().equals(project) && !publicRead) {
            throw new GceException(403, "forbidden", "Required permission for 'projects/" + project
                    + "' is missing: the token belongs to another project");
        }
        return grant.account() + "@altostratus.invalid";
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        return HttpRequests.body(exchange, MAX_BODY,
                () -> new GceException(413, "badRequest", "The request is too large"));
    }
}
