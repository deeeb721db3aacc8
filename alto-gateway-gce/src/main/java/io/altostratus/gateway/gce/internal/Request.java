package io.altostratus.gateway.gce.internal;

import java.util.List;
import java.util.Map;

/**
 * One authenticated API call: the method, the path segments after {@code /compute/v1/projects/{project}/}, the
 * query parameters (first value of each), the body, and who called.
 *
 * @param user the caller's identity as operations report it ({@code user})
 */
public record Request(String method, String project, List<String> path, Map<String, String> query, byte[] body,
                      Links links, String user) {

    public String param(String name) {
        return query.get(name);
    }

    public String segment(int index) {
        return path.get(index);
    }
}
