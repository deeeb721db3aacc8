package io.altostratus.gateway.eks.internal;

import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.eks.model.EksRequest;
import software.amazon.awssdk.services.eks.model.EksResponse;

/**
 * One EKS operation as the SDK's model binds it to HTTP.
 *
 * @param name          the operation's name ({@code CreateCluster})
 * @param requestClass  the SDK's request shape
 * @param responseClass the SDK's response shape
 * @param method        the HTTP method, upper case
 * @param path          the path template's segments; a label is written {@code {locationName}}
 */
public record EksOperation(String name, Class<? extends EksRequest> requestClass,
                           Class<? extends EksResponse> responseClass, String method, List<String> path) {
    public EksOperation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requestClass, "requestClass");
        Objects.requireNonNull(responseClass, "responseClass");
        Objects.requireNonNull(method, "method");
        path = List.copyOf(path);
    }

    /** The template as the model writes it: {@code /clusters/{name}/node-groups}. */
    public String pathTemplate() {
        return "/" + String.join("/", path);
    }

    static boolean isLabel(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }
}
