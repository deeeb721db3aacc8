package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A private way from a VPC to a service (an EC2 VPC endpoint): a {@code Gateway} endpoint serves the VPC's route
 * tables, an {@code Interface} endpoint has an address in each of its subnets.
 *
 * @param id                  e.g. {@code vpce-0123456789abcdef0}
 * @param type                {@code Gateway} or {@code Interface}
 * @param networkId           the VPC
 * @param serviceName         e.g. {@code com.amazonaws.us-east-1.s3}
 * @param state               {@code pending}, {@code available}, {@code deleting}, {@code deleted}, ...
 * @param policyDocument      its access policy (JSON)
 * @param routeTableIds       the route tables it serves (Gateway)
 * @param subnetIds           the subnets it has an address in (Interface)
 * @param securityGroupIds    the groups of its interfaces (Interface)
 * @param networkInterfaceIds its interfaces, one per subnet, in subnet order (Interface)
 * @param privateAddresses    each interface's address, in subnet order (Interface)
 * @param privateDnsEnabled   whether the service's name resolves to the endpoint inside the VPC (Interface)
 * @param ownerId             the owning account
 * @param createTime          when it was made
 * @param tags                tags
 */
public record VpcEndpoint(String id, String type, String networkId, String serviceName, String state,
                          String policyDocument, List<String> routeTableIds, List<String> subnetIds,
                          List<String> securityGroupIds, List<String> networkInterfaceIds,
                          List<String> privateAddresses, boolean privateDnsEnabled, String ownerId,
                          Instant createTime, Map<String, String> tags) {
    public static final String GATEWAY = "Gateway";
    public static final String INTERFACE = "Interface";
    public static final String AVAILABLE = "available";

    public VpcEndpoint {
        Objects.requireNonNull(id, "id");
        routeTableIds = routeTableIds == null ? List.of() : List.copyOf(routeTableIds);
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
        networkInterfaceIds = networkInterfaceIds == null ? List.of() : List.copyOf(networkInterfaceIds);
        privateAddresses = privateAddresses == null ? List.of() : List.copyOf(privateAddresses);
        tags = Tags.copy(tags);
    }

    public VpcEndpoint withTags(Map<String, String> newTags) {
        return new VpcEndpoint(id, type, networkId, serviceName, state, policyDocument, routeTableIds, subnetIds,
                securityGroupIds, networkInterfaceIds, privateAddresses, privateDnsEnabled, ownerId, createTime,
                newTags);
    }
}
