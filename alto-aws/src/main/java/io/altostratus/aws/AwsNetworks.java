package io.altostratus.aws;

import static io.altostratus.aws.Ec2Filters.filter;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.wait.Retrier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * VPCs (with cascading delete) and subnets. Their EC2 attributes (DNS, public addresses on launch) are changed
 * through {@link AwsRouting}, which has the rest of EC2's VPC plumbing.
 */
final class AwsNetworks implements Networks {
    private final AwsContext context;
    private final Ec2Client ec2;
    private final String region;
    private final Retrier retrier;
    private final AwsSecurityGroups securityGroups;
    private final AwsRouting routing;
    private final AwsInterfaces interfaces;

    AwsNetworks(AwsContext context, AwsSecurityGroups securityGroups, AwsRouting routing, AwsInterfaces interfaces) {
        this.context = context;
        this.ec2 = context.ec2();
        this.region = context.region();
        this.retrier = context.retrier();
        this.securityGroups = securityGroups;
        this.routing = routing;
        this.interfaces = interfaces;
    }

    @Override
    public Network createNetwork(NetworkSpec spec) {
        var vpc = retrier.call("CreateVpc", () -> ec2.createVpc(r -> r.cidrBlock(spec.cidr())
                .tagSpecifications(context.tagSpec(ResourceType.VPC, spec.tags())))).vpc();
        context.remember(vpc.vpcId());
        return Ec2Convert.network(vpc, region, true, false);
    }

    @Override
    public List<Network> networks() {
        return retrier.call("DescribeVpcs", () -> ec2.describeVpcs(r -> {
        })).vpcs().stream().map(routing::network).toList();
    }

    @Override
    public void deleteNetwork(String networkId, boolean cascade) {
        if (cascade) {
            for (NetworkInterface n : interfaces.networkInterfaces()) {
                if (networkId.equals(n.networkId()) && n.attachment() == null) {
                    interfaces.deleteNetworkInterface(n.id());
                }
            }
            for (RouteTable t : routing.routeTables()) {
                if (!networkId.equals(t.networkId()) || t.isMain()) {
                    continue;
                }
                for (RouteTable.Association a : t.associations()) {
                    routing.disassociateRouteTable(a.id());
                }
                routing.deleteRouteTable(t.id());
            }
            for (Subnet s : subnets()) {
                if (networkId.equals(s.networkId())) {
                    deleteSubnet(s.id());
                }
            }
            for (SecurityGroup g : securityGroups.securityGroups()) {
                if (networkId.equals(g.networkId()) && !"default".equals(g.name())) {
                    securityGroups.deleteSecurityGroup(g.id());
                }
            }
            for (NetworkAcl acl : routing.networkAcls()) {
                if (networkId.equals(acl.networkId()) && !acl.isDefault()) {
                    retrier.run("DeleteNetworkAcl", () -> ec2.deleteNetworkAcl(r -> r.networkAclId(acl.id())));
                }
            }
            for (InternetGateway g : routing.internetGateways()) {
                if (networkId.equals(g.attachedNetworkId())) {
                    routing.detachInternetGateway(g.id(), networkId);
                }
            }
        }
        retrier.run("DeleteVpc", () -> ec2.deleteVpc(r -> r.vpcId(networkId)));
    }

    @Override
    public Subnet createSubnet(SubnetSpec spec) {
        var subnet = retrier.callUntilVisible("CreateSubnet", context.visibleBy(List.of(spec.networkId())),
                () -> ec2.createSubnet(r -> r.vpcId(spec.networkId()).cidrBlock(spec.cidr())
                        .availabilityZone(spec.zone())
                        .tagSpecifications(context.tagSpec(ResourceType.SUBNET, spec.tags()))))
                .subnet();
        context.remember(subnet.subnetId());
        if (spec.mapPublicIpOnLaunch()) {
            return routing.modifySubnet(subnet.subnetId(), true);
        }
        return Ec2Convert.subnet(subnet);
    }

    @Override
    public List<Subnet> subnets() {
        return retrier.call("DescribeSubnets", () -> ec2.describeSubnets(r -> {
        })).subnets().stream().map(Ec2Convert::subnet).toList();
    }

    @Override
    public void deleteSubnet(String subnetId) {
        retrier.run("DeleteSubnet", () -> ec2.deleteSubnet(r -> r.subnetId(subnetId)));
    }

    String defaultVpcId() {
        return retrier.call("DescribeVpcs", () -> ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))))
                .vpcs().stream().findFirst().map(v -> v.vpcId())
                .orElseThrow(() -> new AltoException(ErrorCode.INVALID_PARAMETER, "VPCIdNotSpecified",
                        "no default VPC in " + region + ": give a subnet"));
    }

    Subnet subnetById(String id) {
        return retrier.call("DescribeSubnets", () -> ec2.describeSubnets(r -> r.subnetIds(id))).subnets().stream()
                .findFirst().map(Ec2Convert::subnet)
                .orElseThrow(() -> AltoException.notFound("InvalidSubnetID.NotFound", "subnet " + id + " does not exist"));
    }

    /** The first subnet of the VPC in each zone that has one, from one call: what a capacity walk may move to. */
    Map<String, Subnet> subnetsByZone(String vpcId) {
        Map<String, Subnet> out = new LinkedHashMap<>();
        retrier.call("DescribeSubnets", () -> ec2.describeSubnets(r -> r.filters(filter("vpc-id", vpcId)))).subnets()
                .stream().map(Ec2Convert::subnet).forEach(s -> out.putIfAbsent(s.zone(), s));
        return out;
    }
}
