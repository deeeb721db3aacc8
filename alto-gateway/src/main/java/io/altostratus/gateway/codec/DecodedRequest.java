package io.altostratus.gateway.codec;

import software.amazon.awssdk.services.ec2.model.Ec2Request;

import java.util.Objects;

/**
 * An EC2 Query request turned into its typed SDK input.
 *
 * @param operation the operation named by {@code Action}
 * @param request   the typed input, an instance of {@code operation.requestClass()}
 * @param version   the {@code Version} parameter as sent, or null
 */
public record DecodedRequest(Ec2Operation operation, Ec2Request request, String version) {
    public DecodedRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(request, "request");
    }
}
