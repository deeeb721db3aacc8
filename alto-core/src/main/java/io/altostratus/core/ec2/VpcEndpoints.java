package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * EC2's VPC endpoints, the services they reach and the AWS-managed prefix lists of those services. Unknown ids fail
 * with {@code NOT_FOUND} ({@code InvalidVpcEndpointId.NotFound} and the route table's, subnet's or group's own).
 */
public interface VpcEndpoints extends Extension {

    /**
     * What a new endpoint asks for.
     *
     * @param type              {@code Gateway} (the default) or {@code Interface}
     * @param policyDocument    null for full access
     * @param privateDnsEnabled null for the type's default (on for Interface)
     */
    record Spec(String type, String vpcId, String serviceName, List<String> routeTableIds, List<String> subnetIds,
                List<String> securityGroupIds, String policyDocument, Boolean privateDnsEnabled,
                Map<String, String> tags) {
    }

    /**
     * A change to an endpoint: what to add and remove, a new policy (or {@code resetPolicy} for full access), and
     * private DNS on or off (null leaves it).
     */
    record Change(List<String> addRouteTableIds, List<String> removeRouteTableIds, List<String> addSubnetIds,
                  List<String> removeSubnetIds, List<String> addSecurityGroupIds,
                  List<String> removeSecurityGroupIds, String policyDocument, boolean resetPolicy,
                  Boolean privateDnsEnabled) {
    }

    /**
     * Makes an endpoint; a service the region does not offer, or not with that type, fails with
     * {@code INVALID_PARAMETER} ({@code InvalidServiceName}).
     */
    VpcEndpoint createVpcEndpoint(Spec spec);

    VpcEndpoint modifyVpcEndpoint(String id, Change change);

    /** Deletes an endpoint, freeing its addresses. */
    void deleteVpcEndpoint(String id);

    /** Every endpoint of the account in the region. */
    List<VpcEndpoint> vpcEndpoints();

    /** The services endpoints in this region may reach. */
    List<VpcEndpointService> vpcEndpointServices();

    /** The AWS-managed prefix lists of the region (those of the Gateway endpoint services). */
    List<PrefixList> prefixLists();
}
