package io.altostratus.aws;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.aws.internal.Retrier;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.RouteTarget;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Internet gateways and route tables, with their associations and routes. */
final class AwsRouting {
    private final AwsContext context;
    private final Ec2Client ec2;
    private final Retrier retrier;

    AwsRouting(AwsContext context) {
        this.context = context;
        this.ec2 = context.ec2();
        this.retrier = context.retrier();
    }

    InternetGateway createInternetGateway(Map<String, String> tags) {
        var made = retrier.call("CreateInternetGateway", () -> ec2.createInternetGateway(r -> r
                .tagSpecifications(context.tagSpec(ResourceType.INTERNET_GATEWAY, tags)))).internetGateway();
        context.remember(made.internetGatewayId());
        return Ec2Convert.internetGateway(made);
    }

    List<InternetGateway> internetGateways() {
        return retrier.call("DescribeInternetGateways", () -> ec2.describeInternetGateways(r -> {
        })).internetGateways().stream().map(Ec2Convert::internetGateway).toList();
    }

    private InternetGateway internetGateway(String id) {
        return retrier.callUntilVisible("DescribeInternetGateways", context.visibleBy(List.of(id)),
                () -> ec2.describeInternetGateways(r -> r.internetGatewayIds(id))).internetGateways().stream()
                .map(Ec2Convert::internetGateway).findFirst().orElseThrow(() -> AltoException.notFound(
                        "InvalidInternetGatewayID.NotFound", "internet gateway " + id + " does not exist"));
    }

    InternetGateway attachInternetGateway(String gatewayId, String networkId) {
        retrier.callUntilVisible("AttachInternetGateway", context.visibleBy(List.of(gatewayId, networkId)),
                () -> ec2.attachInternetGateway(r -> r.internetGatewayId(gatewayId).vpcId(networkId)));
        return internetGateway(gatewayId);
    }

    InternetGateway detachInternetGateway(String gatewayId, String networkId) {
        retrier.run("DetachInternetGateway", () -> ec2.detachInternetGateway(r -> r.internetGatewayId(gatewayId)
                .vpcId(networkId)));
        return internetGateway(gatewayId);
    }

    void deleteInternetGateway(String gatewayId) {
        retrier.run("DeleteInternetGateway", () -> ec2.deleteInternetGateway(r -> r.internetGatewayId(gatewayId)));
    }

    RouteTable createRouteTable(String networkId, Map<String, String> tags) {
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

    List<RouteTable> routeTables() {
        return retrier.call("DescribeRouteTables", () -> ec2.describeRouteTables(r -> {
        })).routeTables().stream().map(Ec2Convert::routeTable).toList();
    }

    private RouteTable routeTable(String id) {
        return retrier.callUntilVisible("DescribeRouteTables", context.visibleBy(List.of(id)),
                () -> ec2.describeRouteTables(r -> r.routeTableIds(id))).routeTables().stream()
                .map(Ec2Convert::routeTable).findFirst().orElseThrow(() -> AltoException.notFound(
                        "InvalidRouteTableID.NotFound", "route table " + id + " does not exist"));
    }

    void deleteRouteTable(String routeTableId) {
        retrier.run("DeleteRouteTable", () -> ec2.deleteRouteTable(r -> r.routeTableId(routeTableId)));
    }

    String associateRouteTable(String routeTableId, String subnetId) {
        return retrier.callUntilVisible("AssociateRouteTable", context.visibleBy(List.of(routeTableId, subnetId)),
                () -> ec2.associateRouteTable(r -> r.routeTableId(routeTableId).subnetId(subnetId))).associationId();
    }

    String replaceRouteTableAssociation(String associationId, String routeTableId) {
        return retrier.call("ReplaceRouteTableAssociation", () -> ec2.replaceRouteTableAssociation(r -> r
                .associationId(associationId).routeTableId(routeTableId))).newAssociationId();
    }

    void disassociateRouteTable(String associationId) {
        retrier.run("DisassociateRouteTable", () -> ec2.disassociateRouteTable(r -> r.associationId(associationId)));
    }

    RouteTable createRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        retrier.callUntilVisible("CreateRoute", context.visibleBy(List.of(routeTableId)), () -> ec2.createRoute(r -> r
                .routeTableId(routeTableId).destinationCidrBlock(destinationCidr).gatewayId(target.gatewayId())
                .instanceId(target.instanceId()).networkInterfaceId(target.networkInterfaceId())));
        return routeTable(routeTableId);
    }

    RouteTable replaceRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        retrier.run("ReplaceRoute", () -> ec2.replaceRoute(r -> r.routeTableId(routeTableId)
                .destinationCidrBlock(destinationCidr).gatewayId(target.gatewayId()).instanceId(target.instanceId())
                .networkInterfaceId(target.networkInterfaceId())));
        return routeTable(routeTableId);
    }

    RouteTable deleteRoute(String routeTableId, String destinationCidr) {
        retrier.run("DeleteRoute", () -> ec2.deleteRoute(r -> r.routeTableId(routeTableId)
                .destinationCidrBlock(destinationCidr)));
        return routeTable(routeTableId);
    }
}
