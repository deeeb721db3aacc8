package io.altostratus.gateway.gke.internal;

import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.error.AltoException;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.auth.BearerTokens;
import io.altostratus.gateway.gke.internal.GkeActions.Call;
import io.altostratus.gateway.http.HttpRequests;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP for the GKE front: {@code /v1/projects/{project}/locations/{location}/...} and the older zonal form
 * {@code /v1/projects/{project}/zones/{zone}/...}, with a bearer token, JSON in and out, every failure as Google's
 * error document. The location form names custom verbs after a colon ({@code clusters/c:updateMaster}); the zonal
 * form as a last segment ({@code clusters/c/master}, {@code nodePools/p/setSize}).
 */
public final class GkeHttpHandler implements HttpHandler {
    public static final String PREFIX = "/v1/";
    private static final Logger LOG = Logger.getLogger(GkeHttpHandler.class.getName());
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final GkeActions actions;
    private final AuthMode authMode;
    private final BearerTokens tokens;

    public GkeHttpHandler(GkeActions actions, AuthMode authMode, BearerTokens tokens) {
        this.actions = actions;
        this.authMode = authMode;
        this.tokens = tokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            byte[] body;
            try {
                body = GkeJson.print(answer(exchange));
            } catch (GkeException e) {
                status = e.status();
                body = GkeJson.error(e);
            } catch (AltoException e) {
                GkeException mapped = GkeException.from(e, exchange.getRequestURI().getPath());
                status = mapped.status();
                body = GkeJson.error(mapped);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "GKE request failed: " + exchange.getRequestURI(), e);
                GkeException internal = new GkeException(500, "INTERNAL", "backendError", "Internal error. " + e);
                status = internal.status();
                body = GkeJson.error(internal);
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
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (!rawPath.startsWith(PREFIX + "projects/")) {
            throw GkeException.unknownPath(method, rawPath);
        }
        List<String> segments = new ArrayList<>(HttpRequests.segments(rawPath.substring(PREFIX.length())));
        if (segments.size() == 4 && segments.get(2).equals("services") && method.equals("GET")) {
            authenticate(exchange, segments.get(1));
            return serviceState(segments.get(1), segments.get(3));
        }
        // projects/{p}/(locations|zones)/{l}/...
        if (segments.size() < 5 || !(segments.get(2).equals("locations") || segments.get(2).equals("zones"))) {
            throw GkeException.unknownPath(method, rawPath);
        }
        String project = segments.get(1);
        authenticate(exchange, project);
        boolean zonal = segments.get(2).equals("zones");
        String location = segments.get(3);
        List<String> rest = new ArrayList<>(segments.subList(4, segments.size()));
        String verb = null;
        String last = rest.get(rest.size() - 1);
        int colon = last.indexOf(':');
        if (!zonal && colon > 0) {
            verb = last.substring(colon + 1);
            rest.set(rest.size() - 1, last.substring(0, colon));
        }
        byte[] body = HttpRequests.body(exchange, MAX_BODY,
                () -> new GkeException(413, "INVALID_ARGUMENT", "badRequest", "The request is too large"));
        Links links = new Links(HttpRequests.origin(exchange) + PREFIX);
        return route(method, rawPath, project, location, zonal, rest, verb, body, links);
    }

    private Message route(String method, String rawPath, String project, String location, boolean zonal,
                          List<String> rest, String verb, byte[] body, Links links) {
        String collection = rest.get(0);
        int n = rest.size();
        if (n == 1 && (collection.equals("serverConfig") || collection.equals("serverconfig"))
                && method.equals("GET") && verb == null) {
            return actions.serverConfig(new Call(project, location, null, null, body, links));
        }
        if (collection.equals("operations") && method.equals("GET") && verb == null) {
            Call call = new Call(project, location, null, null, body, links);
            if (n == 1) {
                return actions.listOperations(call);
            }
            if (n == 2) {
                return actions.getOperation(call, rest.get(1));
            }
        }
        if (!collection.equals("clusters")) {
            throw GkeException.unknownPath(method, rawPath);
        }
        if (n == 1 && verb == null) {
            Call call = new Call(project, location, null, null, body, links);
            return switch (method) {
                case "GET" -> actions.listClusters(call);
                case "POST" -> actions.createCluster(call);
                default -> throw GkeException.unknownPath(method, rawPath);
            };
        }
        String cluster = rest.get(1);
        if (n == 2 || (zonal && n == 3 && rest.get(2).equals("master"))) {
            Call call = new Call(project, location, cluster, null, body, links);
            String action = n == 3 ? "master" : verb;
            if (action == null) {
                return switch (method) {
                    case "GET" -> actions.getCluster(call);
                    case "DELETE" -> actions.deleteCluster(call);
                    case "PUT" -> actions.updateCluster(call);
                    default -> throw GkeException.unknownPath(method, rawPath);
                };
            }
            if (method.equals("POST") && (action.equals("updateMaster") || action.equals("master"))) {
                return actions.updateMaster(call);
            }
            throw notServed(method, rawPath, action);
        }
        if (!rest.get(2).equals("nodePools")) {
            throw GkeException.unknownPath(method, rawPath);
        }
        if (n == 3 && verb == null) {
            Call call = new Call(project, location, cluster, null, body, links);
            return switch (method) {
                case "GET" -> actions.listNodePools(call);
                case "POST" -> actions.createNodePool(call);
                default -> throw GkeException.unknownPath(method, rawPath);
            };
        }
        if (n == 4 || (zonal && n == 5)) {
            Call call = new Call(project, location, cluster, rest.get(3), body, links);
            String action = n == 5 ? rest.get(4) : verb;
            if (action == null) {
                return switch (method) {
                    case "GET" -> actions.getNodePool(call);
                    case "DELETE" -> actions.deleteNodePool(call);
                    case "PUT" -> actions.updateNodePool(call);
                    default -> throw GkeException.unknownPath(method, rawPath);
                };
            }
            if (method.equals("POST") && action.equals("setSize")) {
                return actions.setNodePoolSize(call);
            }
            if (method.equals("POST") && (action.equals("setAutoscaling") || action.equals("autoscaling"))) {
                return actions.setNodePoolAutoscaling(call);
            }
            if (method.equals("POST") && action.equals("update")) {
                return actions.updateNodePool(call);
            }
            throw notServed(method, rawPath, action);
        }
        throw GkeException.unknownPath(method, rawPath);
    }

    /**
     * Service Usage's {@code services.get}, which gcloud asks before creating a cluster: this endpoint serves the
     * container API, so it is enabled, and no other is. (Service Usage shares the {@code /v1/projects/} paths, so
     * {@code CLOUDSDK_API_ENDPOINT_OVERRIDES_SERVICEUSAGE} can point at the same server.)
     */
    private static Message serviceState(String project, String service) {
        String state = service.equals("container.googleapis.com") ? "ENABLED" : "DISABLED";
        return com.google.protobuf.Struct.newBuilder()
                .putFields("name", text("projects/" + project + "/services/" + service))
                .putFields("parent", text("projects/" + project))
                .putFields("state", text(state))
                .build();
    }

    private static com.google.protobuf.Value text(String s) {
        return com.google.protobuf.Value.newBuilder().setStringValue(s).build();
    }

    private static GkeException notServed(String method, String rawPath, String action) {
        return GkeException.unknownPath(method, rawPath + " (the method '" + action
                + "' is not served by this endpoint)");
    }

    /** In strict mode the token must be one of the front's and grant the project in the URL. */
    private void authenticate(HttpExchange exchange, String project) {
        if (authMode == AuthMode.PERMISSIVE) {
            return;
        }
        String token = HttpRequests.bearerToken(exchange);
        if (token == null) {
            throw new GkeException(401, "UNAUTHENTICATED", "required", "Request is missing required authentication "
                    + "credential. Expected OAuth 2 access token, login cookie or other valid authentication "
                    + "credential.");
        }
        BearerTokens.Grant grant = tokens.lookup(token).orElseThrow(() -> new GkeException(401, "UNAUTHENTICATED",
                "authError", "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
                        + "cookie or other valid authentication credential."));
        if (!grant.account().equals(project)) {
            throw new GkeException(403, "PERMISSION_DENIED", "forbidden", "Permission denied on resource project "
                    + project + " (the token belongs to another project).");
        }
    }
}
