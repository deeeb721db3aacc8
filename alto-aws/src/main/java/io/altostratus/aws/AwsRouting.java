package io.altostratus.aws;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.RouteTarget;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.wait.Retrier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * EC2's VPC plumbing beyond networks and subnets: the DNS attributes of VPCs and the public-address attribute of
 * subnets, security group rules by id, internet gateways, route tables with their associations and routes, and
 * network ACLs.
 */
final class AwsRouting implements Ec2Networking {
    private final AwsContext context;
    private final Ec2Client ec2;
    private final String region;
    private final Retrier retrier;
    private final AwsSecurityGroups securityGroups;

    AwsRouting(AwsContext context, AwsSecurityGroups securityGroups) {
        this.context = context;
        this.ec2 = context.ec2();
        this.region = context.region();
        this.retrier = context.retrier();
        this.securityGroups = securityGroups;
    }

    // ---- attributes of networks and subnets -------------------------------------------------------------------

    /** A VPC with its DNS attributes, which DescribeVpcs leaves out (one DescribeVpcAttribute call each). */
    Network network(Vpc vpc) {
        return Ec2Convert.network(vpc, region, vpcAttribute(vpc.vpcId(), VpcAttributeName.ENABLE_DNS_SUPPORT),
                vpcAttribute(vpc.vpcId(), VpcAttributeName.ENABLE_DNS_HOSTNAMES));
    }

    private boolean vpcAttribute(String vpcId, VpcAttributeName name) {
        var answer = retrier.call("DescribeVpcAttribute", () -> ec2.describeVpcAttribute(r -> r.vpcId(vpcId)
                .attribute(name)));
        AttributeBooleanValue value = name == VpcAttributeName.ENABLE_DNS_SUPPORT ? answer.enableDnsSupport()
                : answer.enableDnsHostnames();
        return value != null && Boolean.TRUE.equals(value.value());
    }

    private Network network(String id) {
        return retrier.callUntilVisible("DescribeVpcs", context.visibleBy(List.of(id)), () -> ec2.describeVpcs(r -> r
                .vpcIds(id))).vpcs().stream().findFirst().map(this::network)
                .orElseThrow(() -> AltoException.notFound("InvalidVpcID.NotFound", "network " + id + " does not exist"));
    }

    @Override
    public Network modifyNetwork(String networkId, Boolean enableDnsSupport, Boolean enableDnsHostnames) {
        // EC2 takes one attribute per call, and hostnames need support: switch support on first and off last.
        Runnable support = () -> retrier.run("ModifyVpcAttribute", () -> ec2.modifyVpcAttribute(r -> r.vpcId(networkId)
                .enableDnsSupport(AttributeBooleanValue.builder().value(enableDnsSupport).build())));
        Runnable hostnames = () -> retrier.run("ModifyVpcAttribute", () -> ec2.modifyVpcAttribute(r -> r
                .vpcId(networkId).enableDnsHostnames(AttributeBooleanValue.builder().value(enableDnsHostnames)
                        .build())));
        if (Boolean.TRUE.equals(enableDnsSupport)) {
            support.run();
        }
        if (enableDnsHostnames != null) {
            hostnames.run();
        }
        if (Boolean.FALSE.equals(enableDnsSupport)) {
            support.run();
        }
        return network(networkId);
    }

    @Override
    public Subnet modifySubnet(String subnetId, boolean mapPublicIpOnLaunch) {
        retrier.callUntilVisible("ModifySubnetAttribute", context.visibleBy(List.of(subnetId)),
                () -> ec2.modifySubnetAttribute(r -> r.subnetId(subnetId).mapPublicIpOnLaunch(
                        AttributeBooleanValue.builder().value(mapPublicIpOnLaunch).build())));
        return retrier.call("DescribeSubnets", () -> ec2.describeSubnets(r -> r.subnetIds(subnetId))).subnets()
                .stream().findFirst().map(Ec2Convert::subnet)
                .orElseThrow(() -> AltoException.notFound("InvalidSubnetID.NotFound",
                        "subnet " + subnetId + " does not exist"));
    }

    @Override
    public List<SecurityGroupRule> securityGroupRules(Collection<String> groupIds) {
        return securityGroups.securityGroupRules(groupIds);
    }

    // ---- internet gateways ------------------------------------------------------------------------------------

    @Override
    public InternetGateway createInternetGateway(Map<String, String> tags) {
        var made = retrier.call("CreateInternetGateway", () -> ec2.createInternetGateway(r -> r
                .tagSpecifications(context.tagSpec(ResourceType.INTERNET_GATEWAY, tags)))).internetGateway();
        context.remember(made.internetGatewayId());
        return Ec2Convert.internetGateway(made);
    }

    @Override
    public List<InternetGateway> internetGateways() {
        return retrier.call("DescribeInternetGateways", () -> ec2.describeInternetGateways(r -> {
        })).internetGateways().stream().map(Ec2Convert::internetGateway).toList();
    }

    private InternetGateway internetGateway(String id) {
        return retrier.callUntilVisible("DescribeInternetGateways", context.visibleBy(List.of(id)),
                () -> ec2.describeInternetGateways(r -> r.internetGatewayIds(id))).internetGateways().stream()
                .map(Ec2Convert::internetGateway).findFirst().orElseThrow(() -> AltoException.notFound(
                        "InvalidInternetGatewayID.NotFound", "internet gateway " + id + " does not exist"));
    }

    @Override
    public InternetGateway attachInternetGateway(String gatewayId, String networkId) {
        retrier.callUntilVisible("AttachInternetGateway", context.visibleBy(List.of(gatewayId, networkId)),
                () -> ec2.attachInternetGateway(r -> r.internetGatewayId(gatewayId).vpcId(networkId)));
        return internetGateway(gatewayId);
    }

    @Override
    public InternetGateway detachInternetGateway(String gatewayId, String networkId) {
        retrier.run("DetachInternetGateway", () -> ec2.detachInternetGateway(r -> r.internetGatewayId(gatewayId)
                .vpcId(networkId)));
        return internetGateway(gatewayId);
    }

    @Override
    public void deleteInternetGateway(String gatewayId) {
        retrier.run("DeleteInternetGateway", () -> ec2.deleteInternetGateway(r -> r.internetGatewayId(gatewayId)));
    }

    // ---- route tables -----------------------------------------------------------------------------------------

    @Override
    public RouteTable createRouteTable(String networkId, Map<String, String> tags) {
        var made = retrier.callUntilVisible("CreateRouteTable", context.visibleBy(List.of(networkId)),
                () -> ec2.createRouteTable(r -> {
                    r.vpcId(networkId);
                    // No ownership tags: a table lives and dies with its network, which carries them.
                    if (!tags.isEmpty()) {
                        r.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.ROUTE_TABLE)
                                .tags(Ec2Convert.sdkTags(tags)).build());
                    }
                })).routeTable();
        context.remember(made.routeTableId());
        return Ec2Convert.routeTable(made);
    }

    @Override
    public List<RouteTable> routeTables() {
        return retrier.call("DescribeRouteTables", () -> ec2.describeRouteTables(r -> {
        })).routeTables().stream().map(Ec2Convert::routeTable).toList();
    }

    private RouteTable routeTable(String id) {
        return retrier.callUntilVisible("DescribeRouteTables", context.visibleBy(List.of(id)),
                () -> ec2.describeRouteTables(r -> r.routeTableIds(id))).routeTables().stream()
                .map(Ec2Convert::routeTable).findFirst().orElseThrow(() -> AltoException.notFound(
                        "InvalidRouteTableID.NotFound", "route table " + id + " does not exist"));
    }

    @Override
    public void deleteRouteTable(String routeTableId) {
        retrier.run("DeleteRouteTable", () -> ec2.deleteRouteTable(r -> r.routeTableId(routeTableId)));
    }

    @Override
    public String associateRouteTable(String routeTableId, String subnetId) {
        return retrier.callUntilVisible("AssociateRouteTable", context.visibleBy(List.of(routeTableId, subnetId)),
                () -> ec2.associateRouteTable(r -> r.routeTableId(routeTableId).subnetId(subnetId))).associationId();
    }

    @Override
    public String replaceRouteTableAssociation(String associationId, String routeTableId) {
        return retrier.call("ReplaceRouteTableAssociation", () -> ec2.replaceRouteTableAssociation(r -> r
                .associationId(associationId).routeTableId(routeTableId))).newAssociationId();
    }

    @Override
    public void disassociateRouteTable(String associationId) {
        retrier.run("DisassociateRouteTable", () -> ec2.disassociateRouteTable(r -> r.associationId(associationId)));
    }

    @Override
    public RouteTable createRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        retrier.callUntilVisible("CreateRoute", context.visibleBy(List.of(routeTableId)), () -> ec2.createRoute(r -> r
                .routeTableId(routeTableId).destinationCidrBlock(destinationCidr).gatewayId(target.gatewayId())
                .instanceId(target.instanceId()).networkInterfaceId(target.networkInterfaceId())));
        return routeTable(routeTableId);
    }

    @Override
    public RouteTable replaceRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        retrier.run("ReplaceRoute", () -> ec2.replaceRoute(r -> r.routeTableId(routeTableId)
                .destinationCidrBlock(destinationCidr).gatewayId(target.gatewayId()).instanceId(target.instanceId())
                .networkInterfaceId(target.networkInterfaceId())));
        return routeTable(routeTableId);
    }

    @Override
    public RouteTable deleteRoute(String routeTableId, String destinationCidr) {
        retrier.run("DeleteRoute", () -> ec2.deleteRoute(r -> r.routeTableId(routeTableId)
                .destinationCidrBlock(destinationCidr)));
        return routeTable(routeTableId);
    }

    // ---- network ACLs -----------------------------------------------------------------------------------------

    @Override
    public List<NetworkAcl> networkAcls() {
        return retrier.call("DescribeNetworkAcls", () -> ec2.describeNetworkAcls(r -> {
        })).networkAcls().stream().map(Ec2Convert::networkAcl).toList();
    }
}
