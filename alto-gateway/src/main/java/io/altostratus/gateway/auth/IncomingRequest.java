package io.altostratus.gateway.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the authenticator needs to know about an HTTP request. Built by the HTTP front; not copied, so callers must
 * not change the collections or the body afterwards.
 *
 * @param method      the HTTP method, upper case
 * @param rawPath     the path as sent on the wire (still percent-encoded)
 * @param headers     the headers, names lower-cased, values in the order received
 * @param queryParams the decoded query-string parameters in the order sent
 * @param formParams  the decoded form-body parameters in the order sent (empty for GET)
 * @param body        the raw body bytes (empty for none)
 */
public record IncomingRequest(String method, String rawPath, Map<String, List<String>> headers,
                              Map<String, List<String>> queryParams, Map<String, List<String>> formParams,
                              byte[] body) {
    public IncomingRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(queryParams, "queryParams");
        Objects.requireNonNull(formParams, "formParams");
        Objects.requireNonNull(body, "body");
    }

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of a query or form parameter (query first), or null. */
    public String param(String name) {
        List<String> values = queryParams.get(name);
        if (values == null || values.isEmpty()) {
            values = formParams.get(name);
        }
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether the parameter appears in the query string or the form body. */
    public boolean hasParam(String name) {
        return queryParams.containsKey(name) || formParams.containsKey(name);
    }
}
