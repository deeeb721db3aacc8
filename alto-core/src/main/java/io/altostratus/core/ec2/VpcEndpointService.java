package io.altostratus.core.ec2;

import java.util.List;
import java.util.Objects;

/**
 * A service a VPC endpoint may reach (as DescribeVpcEndpointServices lists it).
 *
 * @param serviceName    e.g. {@code com.amazonaws.us-east-1.s3}
 * @param types          the endpoint types it takes: {@code Gateway}, {@code Interface} or both
 * @param privateDnsName the name an Interface endpoint with private DNS answers for, or null
 * @param zones          the zones it is offered in
 */
public record VpcEndpointService(String serviceName, List<String> types, String privateDnsName, List<String> zones) {
    public VpcEndpointService {
        Objects.requireNonNull(serviceName, "serviceName");
        types = List.copyOf(types);
        zones = zones == null ? List.of() : List.copyOf(zones);
    }
}
