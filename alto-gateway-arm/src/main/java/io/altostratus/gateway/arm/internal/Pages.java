package io.altostratus.gateway.arm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * ARM's list pages: {@code value} holds at most a page of items, and {@code nextLink} (the same URL with the same
 * query and a {@code $skiptoken}, the index of the next item) is there while more follow. Only the page's items are
 * rendered, so a long list costs one page of backend reads per call.
 */
public final class Pages {
    private Pages() {
    }

    public static <T> Reply page(ArmRequest req, List<T> items, int pageSize, Function<T, JsonNode> render) {
        int start = 0;
        String token = req.param("$skiptoken");
        if (token != null) {
            try {
                start = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw ArmException.invalid("The $skiptoken '" + token + "' is invalid.");
            }
            if (start < 0) {
                throw ArmException.invalid("The $skiptoken '" + token + "' is invalid.");
            }
        }
        ArrayNode value = Json.MAPPER.createArrayNode();
        int end = Math.min(items.size(), start + pageSize);
        for (int i = start; i < end; i++) {
            value.add(render.apply(items.get(i)));
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("value", value);
        if (end < items.size()) {
            body.put("nextLink", nextLink(req, end));
        }
        return Reply.ok(body);
    }

    private static String nextLink(ArmRequest req, int next) {
        StringBuilder link = new StringBuilder(req.baseUrl()).append(req.subscriptionId());
        for (String segment : req.path()) {
            link.append('/').append(segment);
        }
        char sep = '?';
        for (Map.Entry<String, String> e : req.query().entrySet()) {
            if (e.getKey().equalsIgnoreCase("$skiptoken")) {
                continue;
            }
            link.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return link.append(sep).append("%24skiptoken=").append(next).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }
}
