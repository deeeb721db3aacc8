package io.altostratus.gateway.http.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.core.spi.decorate.Faults;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.WireError;
import io.altostratus.gateway.metrics.RequestLabels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code /_alto/faults}: the fault plan of a running gateway. {@code GET} shows it, {@code POST} replaces it with the
 * spec string in the body ({@code throttle=5%,eventual=2s}, as {@code --faults} takes it; {@code ?seed=N} also
 * reseeds, otherwise the seed stays and its sequence starts again), {@code DELETE} clears it. Each answers the plan
 * now in force as JSON. A bad spec is EC2's 400 {@code InvalidParameterValue}, naming the bad entry.
 */
public final class FaultsAdminHandler implements HttpHandler {
    public static final String PATH = "/_alto/faults";
    private static final System.Logger LOG = System.getLogger("io.altostratus.gateway.http");
    /** A spec is a line of text; anything much longer is not one. */
    private static final int MAX_SPEC_BYTES = 64 * 1024;

    private final Faults faults;

    public FaultsAdminHandler(Faults faults) {
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        RequestLabels.requestId(requestId);
        RequestLabels.action("faults");
        int status = 200;
        String type = Responses.JSON;
        byte[] body;
        try {
            body = Responses.json(answer(exchange, requestId));
        } catch (Ec2WireException e) {
            status = e.httpStatus();
            type = Responses.XML;
            body = Responses.errorXml(e.code(), e.getMessage(), requestId);
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Map<String, Object> answer(HttpExchange exchange, String requestId) throws IOException {
        if (!exchange.getRequestURI().getRawPath().equals(PATH)) {
            throw Ec2WireException.of(WireError.NOT_FOUND, "Nothing is served at this path: the fault plan is at "
                    + PATH + ".");
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        switch (method) {
            case "GET" -> {
            }
            case "POST" -> {
                FaultPlan plan;
                try {
                    plan = FaultPlan.parse(readSpec(exchange));
                } catch (IllegalArgumentException e) {
                    throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, e.getMessage());
                }
                Long seed = seed(exchange.getRequestURI().getRawQuery());
                if (seed == null) {
                    faults.replace(plan);
                } else {
                    faults.replace(plan, seed);
                }
                LOG.log(System.Logger.Level.INFO, "request " + requestId + ": faults now " + plan + ", seed "
                        + faults.seed());
            }
            case "DELETE" -> {
                faults.clear();
                LOG.log(System.Logger.Level.INFO, "request " + requestId + ": faults cleared");
            }
            default -> throw Ec2WireException.of(WireError.METHOD_NOT_ALLOWED,
                    "The method " + method + " is not allowed on " + PATH + ": use GET, POST or DELETE.");
        }
        return state();
    }

    private Map<String, Object> state() {
        FaultPlan plan = faults.plan();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("faults", plan.toString());
        fields.put("seed", faults.seed());
        fields.put("throttleRate", plan.throttleRate());
        fields.put("errorRate", plan.errorRate());
        fields.put("eventualMs", plan.eventual().toMillis());
        fields.put("capacity", String.join(",", plan.capacity().stream().map(Object::toString).toList()));
        fields.put("quota", String.join(",", plan.quota().stream().map(Object::toString).toList()));
        faults.injected().forEach((kind, count) -> fields.put("injected." + kind.specName(), count));
        return fields;
    }

    private static String readSpec(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] bytes = in.readNBytes(MAX_SPEC_BYTES + 1);
        if (bytes.length > MAX_SPEC_BYTES) {
            throw Ec2WireException.of(WireError.REQUEST_ENTITY_TOO_LARGE,
                    "A fault spec is at most " + MAX_SPEC_BYTES + " bytes.");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Long seed(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Long seed = null;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!name.equals("seed")) {
                throw Ec2WireException.of(WireError.INVALID_QUERY_PARAMETER,
                        "Unknown parameter '" + name + "' on " + PATH + ": the only one is seed.");
            }
            try {
                seed = Long.parseLong(eq < 0 ? "" : pair.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE,
                        "The seed must be a whole number (a 64-bit integer), got '" + pair.substring(eq + 1) + "'.");
            }
        }
        return seed;
    }
}
