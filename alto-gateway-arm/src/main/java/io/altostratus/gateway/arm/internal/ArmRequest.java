package io.altostratus.gateway.arm.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One call: the method, the subscription, the path segments after {@code /subscriptions/{s}} as the caller spelt
 * them (ARM matches segment names case-insensitively but echoes the caller's casing of names), the query, the body,
 * the base URL that links (async-operation URLs, nextLink) start from, and the conditional headers (If-Match,
 * If-None-Match) for the resources that honour them.
 */
public record ArmRequest(String method, String subscription, List<String> path, Map<String, String> query,
                         String body, String baseUrl, Map<String, String> headers) {

    public ArmRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ArmRequest(String method, String subscription, List<String> path, Map<String, String> query, String body,
                      String baseUrl) {
        this(method, subscription, path, query, body, baseUrl, Map.of());
    }

    /** A request header the front reads (the conditional ones: If-Match, If-None-Match), by name in any case. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The segment at {@code i} lower-cased, for matching; empty past the end. */
    public String key(int i) {
        return i < path.size() ? path.get(i).toLowerCase(Locale.ROOT) : "";
    }

    public String segment(int i) {
        return path.get(i);
    }

    public int size() {
        return path.size();
    }

    public String apiVersion() {
        return query.get("api-version");
    }

    public String param(String name) {
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The path of the subscription, the start of every id. */
    public String subscriptionId() {
        return "/subscriptions/" + subscription;
    }

    public boolean expandsInstanceView() {
        String expand = param("$expand");
        return (expand != null && expand.equalsIgnoreCase("instanceView"))
                || "true".equalsIgnoreCase(param("statusOnly"));
    }
}
