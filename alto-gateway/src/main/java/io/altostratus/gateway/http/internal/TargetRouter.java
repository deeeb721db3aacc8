package io.altostratus.gateway.http.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.gateway.metrics.RequestLabels;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The handler on {@code /} when the gateway also serves AWS APIs of the JSON protocol there: a {@code POST} whose
 * {@code X-Amz-Target} names one of them goes to that API's handler, every other request to EC2's. EC2's Query
 * requests never carry the header, so they are routed exactly as without this router.
 */
public final class TargetRouter implements HttpHandler {
    /** One JSON API: its handler and its label in the metrics and the access log. */
    public record Route(HttpHandler handler, String api) {
        public Route {
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(api, "api");
        }
    }

    private final HttpHandler ec2;
    private final List<Map.Entry<String, Route>> routes;

    /** @param routes by target prefix, e.g. {@code AWSPriceListService.} */
    public TargetRouter(HttpHandler ec2, Map<String, Route> routes) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.routes = List.copyOf(routes.entrySet());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            for (Map.Entry<String, Route> route : routes) {
                if (target.startsWith(route.getKey())) {
                    RequestLabels.api(route.getValue().api());
                    route.getValue().handler().handle(exchange);
                    return;
                }
            }
        }
        ec2.handle(exchange);
    }
}
