package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.RouteTarget;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A session's {@link Ec2Networking}. The extension spans several areas whose steps other operations share (gateways
 * are made and attached with a region's defaults, route tables and ACLs come with every VPC, rule ids change with
 * every group), so their logic stays in {@link GatewayOps}, {@link RouteOps}, {@link AclOps}, {@link GroupRuleOps}
 * and {@link NetworkOps}; this puts each call in its transaction.
 */
public final class Ec2NetworkingOps implements Ec2Networking {
    private final Session session;
    private final Env env;

    public Ec2NetworkingOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public Network modifyNetwork(String networkId, Boolean enableDnsSupport, Boolean enableDnsHostnames) {
        return session.write(tx -> NetworkOps.modifyNetwork(tx, env, networkId, enableDnsSupport, enableDnsHostnames));
    }

    @Override
    public Subnet modifySubnet(String subnetId, boolean mapPublicIpOnLaunch) {
        return session.write(tx -> NetworkOps.modifySubnet(tx, env, subnetId, mapPublicIpOnLaunch));
    }

    @Override
    public List<SecurityGroupRule> securityGroupRules(Collection<String> groupIds) {
        return session.read(view -> GroupRuleOps.list(view, env, groupIds));
    }

    // ---- internet gateways ----------------------------------------------------------------------------------

    @Override
    public InternetGateway createInternetGateway(Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> GatewayOps.create(tx, env, tags));
    }

    @Override
    public List<InternetGateway> internetGateways() {
        return session.read(view -> GatewayOps.list(view, env));
    }

    @Override
    public InternetGateway attachInternetGateway(String gatewayId, String networkId) {
        return session.write(tx -> GatewayOps.attach(tx, env, gatewayId, networkId));
    }

    @Override
    public InternetGateway detachInternetGateway(String gatewayId, String networkId) {
        return session.write(tx -> GatewayOps.detach(tx, env, gatewayId, networkId));
    }

    @Override
    public void deleteInternetGateway(String gatewayId) {
        session.update(tx -> GatewayOps.delete(tx, env, gatewayId));
    }

    // ---- route tables ---------------------------------------------------------------------------------------

    @Override
    public RouteTable createRouteTable(String networkId, Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> RouteOps.create(tx, env, networkId, tags));
    }

    @Override
    public List<RouteTable> routeTables() {
        return session.read(view -> RouteOps.list(view, env));
    }

    @Override
    public void deleteRouteTable(String routeTableId) {
        session.update(tx -> RouteOps.delete(tx, env, routeTableId));
    }

    @Override
    public String associateRouteTable(String routeTableId, String subnetId) {
        return session.write(tx -> RouteOps.associate(tx, env, routeTableId, subnetId));
    }

    @Override
    public String replaceRouteTableAssociation(String associationId, String routeTableId) {
        return session.write(tx -> RouteOps.replaceAssociation(tx, env, associationId, routeTableId));
    }

    @Override
    public void disassociateRouteTable(String associationId) {
        session.update(tx -> RouteOps.disassociate(tx, env, associationId));
    }

    @Override
    public RouteTable createRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        return session.write(tx -> RouteOps.createRoute(tx, env, routeTableId, destinationCidr, target));
    }

    @Override
    public RouteTable replaceRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        return session.write(tx -> RouteOps.replaceRoute(tx, env, routeTableId, destinationCidr, target));
    }

    @Override
    public RouteTable deleteRoute(String routeTableId, String destinationCidr) {
        return session.write(tx -> RouteOps.deleteRoute(tx, env, routeTableId, destinationCidr));
    }

    // ---- network ACLs ---------------------------------------------------------------------------------------

    @Override
    public List<NetworkAcl> networkAcls() {
        return session.read(view -> AclOps.list(view, env));
    }
}
