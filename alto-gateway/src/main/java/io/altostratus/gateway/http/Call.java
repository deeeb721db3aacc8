package io.altostratus.gateway.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One authenticated EC2 Query request, ready for a dispatcher.
 *
 * @param requestId   the request id (a UUID) the response and any error must carry
 * @param account     the 12-digit account the caller acts as: resources of other accounts must stay invisible
 * @param accessKeyId the access key the request was signed with, or the empty string for an unsigned request that
 *                    {@link io.altostratus.gateway.auth.AuthMode#PERMISSIVE permissive} mode let through
 * @param region      the region from the signature's credential scope (SigV4), else the gateway's default region
 * @param action      the {@code Action} parameter, never empty
 * @param version     the {@code Version} parameter, or null when the request has none
 * @param params      every query and form parameter in the order sent (query string first), names case-sensitive,
 *                    a repeated name keeping all its values; {@code Action} and {@code Version} are included, the
 *                    signature's own parameters ({@code X-Amz-*}, {@code AWSAccessKeyId}, {@code Signature},
 *                    {@code SignatureMethod}, {@code SignatureVersion}, {@code Timestamp}, {@code Expires}) are not.
 *                    Unmodifiable.
 */
public record Call(String requestId, String account, String accessKeyId, String region, String action, String version,
                   Map<String, List<String>> params) {
    public Call {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(action, "action");
        params = freeze(Objects.requireNonNull(params, "params"));
    }

    /** The first value of a parameter, or null. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> params) {
        Map<String, List<String>> copy = new LinkedHashMap<>(Math.max(4, params.size() * 4 / 3 + 1));
        params.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
