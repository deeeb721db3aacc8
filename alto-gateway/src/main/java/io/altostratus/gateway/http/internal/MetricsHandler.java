package io.altostratus.gateway.http.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.WireError;
import io.altostratus.gateway.metrics.GatewayMetrics;
import io.altostratus.gateway.metrics.RequestLabels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/** {@code GET /_alto/metrics}: the gateway's meters in Prometheus' text format, for a Prometheus scrape. */
public final class MetricsHandler implements HttpHandler {
    public static final String PATH = "/_alto/metrics";
    /** The text exposition format's media type, as Prometheus asks for it. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final GatewayMetrics metrics;

    public MetricsHandler(GatewayMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        RequestLabels.requestId(requestId);
        RequestLabels.action("metrics");
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        int status = 200;
        String type = TEXT_FORMAT;
        byte[] body;
        if (!exchange.getRequestURI().getRawPath().equals(PATH)) {
            Ec2WireException e = Ec2WireException.of(WireError.NOT_FOUND,
                    "Nothing is served at this path: the metrics are at " + PATH + ".");
            status = e.httpStatus();
            type = Responses.XML;
            body = Responses.errorXml(e.code(), e.getMessage(), requestId);
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            Ec2WireException e = Ec2WireException.of(WireError.METHOD_NOT_ALLOWED,
                    "The method " + method + " is not allowed on " + PATH + ": use GET.");
            status = e.httpStatus();
            type = Responses.XML;
            body = Responses.errorXml(e.code(), e.getMessage(), requestId);
        } else {
            body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
