package io.altostratus.gateway.metrics;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/** Times each request of one API, counts it, and writes its access log line once the handler is done. */
final class RequestObserver extends Filter {
    /** Where the fronts put their request ids when they do not say so through {@link RequestLabels}. */
    private static final String[] REQUEST_ID_HEADERS = {"x-amzn-RequestId", "x-ms-request-id", "x-request-id"};

    private final GatewayMetrics metrics;
    private final String api;
    private final AccessLog accessLog;

    RequestObserver(GatewayMetrics metrics, String api, AccessLog accessLog) {
        this.metrics = metrics;
        this.api = api;
        this.accessLog = accessLog;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Instant arrived = accessLog == null ? null : Instant.now();
        long start = System.nanoTime();
        RequestLabels told = new RequestLabels();
        try {
            RequestLabels.collecting(told, () -> chain.doFilter(exchange));
        } finally {
            long nanos = System.nanoTime() - start;
            int status = Math.max(0, exchange.getResponseCode());
            String action = told.action != null ? told.action : exchange.getRequestMethod();
            String apiLabel = told.api != null ? told.api : api;
            metrics.request(apiLabel, action, status, told.account, nanos);
            if (accessLog != null) {
                accessLog.record(new AccessLogEntry(arrived, requestId(exchange, told.requestId), apiLabel,
                        told.account == null ? "-" : told.account, action, status, nanos / 1e6));
            }
        }
    }

    private static String requestId(HttpExchange exchange, String told) {
        String id = told;
        for (int i = 0; id == null && i < REQUEST_ID_HEADERS.length; i++) {
            id = exchange.getResponseHeaders().getFirst(REQUEST_ID_HEADERS[i]);
        }
        return id != null ? id : UUID.randomUUID().toString();
    }

    @Override
    public String description() {
        return "request meters and access log for " + api;
    }
}
