package io.altostratus.gateway.action.groups;

import io.altostratus.core.ec2.CidrBlockAssociation;
import io.altostratus.core.ec2.DhcpOptionsSets;
import io.altostratus.core.ec2.VpcCidrBlocks;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.model.Network;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.gateway.action.ActionContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.BlockPublicAccessStates;
import software.amazon.awssdk.services.ec2.model.HostnameType;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.NetworkAclAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.PortRange;
import software.amazon.awssdk.services.ec2.model.PrivateDnsNameOptionsOnLaunch;
import software.amazon.awssdk.services.ec2.model.ReferencedSecurityGroup;
import io.altostratus.core.ec2.NatGateway;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociationState;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetCidrBlockState;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.Tenancy;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockState;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockStateCode;

/**
 * The network resources of the core model in EC2's shapes. Every
 * list EC2 always returns is set (empty where the model has nothing), so the encoder writes it as an empty element,
 * and fields the model cannot vary (tenancy, IPv6, DNS64, ...) carry EC2's defaults for a plain IPv4 VPC.
 */
final class NetworkShapes {
    private NetworkShapes() {
    }

    static String arn(ActionContext ctx, String type, String id) {
        return "arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":" + type + "/" + id;
    }

    // ---- VPCs and subnets -------------------------------------------------------------------------------------

    /**
     * The account's DHCP option set id in a region. The backend has no DHCP options of its own; EC2 clients only
     * read the id, so a stable one derived from account and region stands for "the default options".
     */
    static String dhcpOptionsId(ActionContext ctx) {
        return "dopt-" + digest(ctx.account() + "/" + ctx.region()).substring(0, 17);
    }

    /** The primary CIDR's association id: stable and unique because it is derived from the VPC id. */
    static String cidrAssociationId(String vpcId) {
        return "vpc-cidr-assoc-" + vpcId.substring(vpcId.indexOf('-') + 1);
    }

    /**
     * Each VPC's DHCP options set id where the backend keeps DHCP options; empty where it does not, and every VPC
     * then shows {@link #dhcpOptionsId}.
     */
    static Map<String, String> dhcpOptionsByVpc(ActionContext ctx) {
        return ctx.cloud().extension(DhcpOptionsSets.class).map(DhcpOptionsSets::vpcDhcpOptions).orElse(Map.of());
    }

    static Vpc vpc(ActionContext ctx, Network n) {
        return vpc(ctx, n, dhcpOptionsByVpc(ctx), cidrAssociations(ctx));
    }

    /**
     * The backend's CIDR block associations beyond VPCs' primary blocks, by the VPC or subnet holding them; empty
     * where the backend keeps none.
     */
    static Map<String, List<CidrBlockAssociation>> cidrAssociations(ActionContext ctx) {
        Map<String, List<CidrBlockAssociation>> out = new LinkedHashMap<>();
        ctx.cloud().extension(VpcCidrBlocks.class).ifPresent(v -> {
            for (CidrBlockAssociation a : v.cidrBlockAssociations()) {
                out.computeIfAbsent(a.resourceId(), k -> new ArrayList<>()).add(a);
            }
        });
        return out;
    }

    /** The subnets whose new interfaces get an IPv6 address; empty where the backend has no IPv6. */
    static Set<String> ipv6OnCreation(ActionContext ctx) {
        return ctx.cloud().extension(VpcCidrBlocks.class).map(VpcCidrBlocks::subnetsAssigningIpv6OnCreation)
                .orElse(Set.of());
    }

    static VpcCidrBlockAssociation ipv4Association(CidrBlockAssociation a) {
        return VpcCidrBlockAssociation.builder().associationId(a.id()).cidrBlock(a.cidrBlock())
                .cidrBlockState(VpcCidrBlockState.builder().state(a.state()).build()).build();
    }

    static VpcIpv6CidrBlockAssociation ipv6Association(CidrBlockAssociation a) {
        return VpcIpv6CidrBlockAssociation.builder().associationId(a.id()).ipv6CidrBlock(a.cidrBlock())
                .ipv6CidrBlockState(VpcCidrBlockState.builder().state(a.state()).build())
                .networkBorderGroup(a.networkBorderGroup()).ipv6Pool(a.ipv6Pool())
                .ipv6AddressAttribute("public").ipSource("amazon").build();
    }

    static SubnetIpv6CidrBlockAssociation subnetIpv6Association(CidrBlockAssociation a) {
        return SubnetIpv6CidrBlockAssociation.builder().associationId(a.id()).ipv6CidrBlock(a.cidrBlock())
                .ipv6CidrBlockState(SubnetCidrBlockState.builder().state(a.state()).build())
                .ipv6AddressAttribute("public").ipSource("amazon").build();
    }

    /**
     * The VPC in EC2's shape, its DHCP options set looked up in {@code dhcpOptions} ({@link #dhcpOptionsByVpc}) and
     * its extra blocks in {@code associations} ({@link #cidrAssociations}).
     */
    static Vpc vpc(ActionContext ctx, Network n, Map<String, String> dhcpOptions,
                   Map<String, List<CidrBlockAssociation>> associations) {
        List<VpcCidrBlockAssociation> v4 = new ArrayList<>();
        v4.add(VpcCidrBlockAssociation.builder()
                .associationId(cidrAssociationId(n.id()))
                .cidrBlock(n.cidr())
                .cidrBlockState(VpcCidrBlockState.builder().state(VpcCidrBlockStateCode.ASSOCIATED).build())
                .build());
        List<VpcIpv6CidrBlockAssociation> v6 = new ArrayList<>();
        for (CidrBlockAssociation a : associations.getOrDefault(n.id(), List.of())) {
            if (a.ipv6()) {
                v6.add(ipv6Association(a));
            } else {
                v4.add(ipv4Association(a));
            }
        }
        return Vpc.builder()
                .vpcId(n.id())
                .cidrBlock(n.cidr())
                .state(n.state())
                .isDefault(n.isDefault())
                .ownerId(ctx.account())
                .instanceTenancy(Tenancy.DEFAULT)
                .dhcpOptionsId(dhcpOptions.getOrDefault(n.id(), dhcpOptionsId(ctx)))
                .cidrBlockAssociationSet(v4)
                .ipv6CidrBlockAssociationSet(v6)
                .blockPublicAccessStates(BlockPublicAccessStates.builder().internetGatewayBlockMode("off").build())
                .tags(SdkTags.toSdk(n.tags()))
                .build();
    }

    static Subnet subnet(ActionContext ctx, io.altostratus.core.model.Subnet s, Map<String, String> zoneIds) {
        return subnet(ctx, s, zoneIds, cidrAssociations(ctx), ipv6OnCreation(ctx));
    }

    /** The subnet in EC2's shape, with its IPv6 block from {@code associations} ({@link #cidrAssociations}). */
    static Subnet subnet(ActionContext ctx, io.altostratus.core.model.Subnet s, Map<String, String> zoneIds,
                         Map<String, List<CidrBlockAssociation>> associations, Set<String> ipv6OnCreation) {
        List<SubnetIpv6CidrBlockAssociation> v6 = new ArrayList<>();
        for (CidrBlockAssociation a : associations.getOrDefault(s.id(), List.of())) {
            v6.add(subnetIpv6Association(a));
        }
        return Subnet.builder()
                .subnetId(s.id())
                .vpcId(s.networkId())
                .cidrBlock(s.cidr())
                .availabilityZone(s.zone())
                .availabilityZoneId(zoneIds.getOrDefault(s.zone(), s.zone()))
                .availableIpAddressCount((int) Math.min(Integer.MAX_VALUE, s.availableIps()))
                .defaultForAz(s.defaultForZone())
                .mapPublicIpOnLaunch(s.mapPublicIpOnLaunch())
                .mapCustomerOwnedIpOnLaunch(false)
                .state(s.state())
                .ownerId(ctx.account())
                .subnetArn(arn(ctx, "subnet", s.id()))
                .assignIpv6AddressOnCreation(ipv6OnCreation.contains(s.id()))
                .ipv6CidrBlockAssociationSet(v6)
                .enableDns64(false)
                .ipv6Native(false)
                .privateDnsNameOptionsOnLaunch(PrivateDnsNameOptionsOnLaunch.builder()
                        .hostnameType(HostnameType.IP_NAME)
                        .enableResourceNameDnsARecord(false)
                        .enableResourceNameDnsAAAARecord(false)
                        .build())
                .blockPublicAccessStates(BlockPublicAccessStates.builder().internetGatewayBlockMode("off").build())
                .tags(SdkTags.toSdk(s.tags()))
                .build();
    }

    // ---- gateways, route tables, ACLs -------------------------------------------------------------------------

    static software.amazon.awssdk.services.ec2.model.InternetGateway internetGateway(
            ActionContext ctx, io.altostratus.core.ec2.InternetGateway g) {
        List<InternetGatewayAttachment> attachments = new ArrayList<>();
        for (var a : g.attachments()) {
            // EC2 reports an attached internet gateway as "available", not "attached".
            attachments.add(InternetGatewayAttachment.builder().vpcId(a.networkId())
                    .state(a.state() == null ? "available" : a.state()).build());
        }
        return software.amazon.awssdk.services.ec2.model.InternetGateway.builder()
                .internetGatewayId(g.id())
                .ownerId(g.ownerId() == null ? ctx.account() : g.ownerId())
                .attachments(attachments)
                .tags(SdkTags.toSdk(g.tags()))
                .build();
    }

    static software.amazon.awssdk.services.ec2.model.RouteTable routeTable(ActionContext ctx,
                                                                           io.altostratus.core.ec2.RouteTable t) {
        List<Route> routes = new ArrayList<>();
        for (var r : t.routes()) {
            // A NAT gateway target rides in the core route's gateway id (see NatGateways); EC2 reports it apart.
            boolean nat = r.gatewayId() != null && r.gatewayId().startsWith(Ec2IdKind.NAT_GATEWAY.prefix() + "-");
            // So does a VPC peering connection target.
            boolean pcx = r.gatewayId() != null
                    && r.gatewayId().startsWith(Ec2IdKind.VPC_PEERING_CONNECTION.prefix() + "-");
            // And a transit gateway target.
            boolean tgw = Ec2IdKind.ofId(r.gatewayId()) == Ec2IdKind.TRANSIT_GATEWAY;
            Route.Builder route = Route.builder()
                    .destinationCidrBlock(r.destinationCidr())
                    .gatewayId(nat || pcx || tgw ? null : r.gatewayId())
                    .transitGatewayId(tgw ? r.gatewayId() : null)
                    .vpcPeeringConnectionId(pcx ? r.gatewayId() : null)
                    .natGatewayId(nat ? r.gatewayId() : null)
                    .instanceId(r.instanceId())
                    .networkInterfaceId(r.networkInterfaceId())
                    .state(r.state() == null ? "active" : r.state())
                    .origin(r.origin() == null ? "CreateRoute" : r.origin());
            if (r.instanceId() != null) {
                route.instanceOwnerId(ctx.account());
            }
            routes.add(route.build());
        }
        List<RouteTableAssociation> associations = new ArrayList<>();
        for (var a : t.associations()) {
            associations.add(association(a));
        }
        return software.amazon.awssdk.services.ec2.model.RouteTable.builder()
                .routeTableId(t.id())
                .vpcId(t.networkId())
                .ownerId(t.ownerId() == null ? ctx.account() : t.ownerId())
                .routes(routes)
                .associations(associations)
                .propagatingVgws(List.of())
                .tags(SdkTags.toSdk(t.tags()))
                .build();
    }

    static RouteTableAssociation association(io.altostratus.core.ec2.RouteTable.Association a) {
        return RouteTableAssociation.builder()
                .routeTableAssociationId(a.id())
                .routeTableId(a.routeTableId())
                .subnetId(a.subnetId())
                .main(a.main())
                .associationState(associated(a.state()))
                .build();
    }

    static RouteTableAssociationState associated(String state) {
        return RouteTableAssociationState.builder().state(state).build();
    }

    static software.amazon.awssdk.services.ec2.model.NetworkAcl networkAcl(ActionContext ctx, NetworkAcl acl) {
        List<NetworkAclEntry> entries = new ArrayList<>();
        for (NetworkAcl.Entry e : acl.entries()) {
            NetworkAclEntry.Builder entry = NetworkAclEntry.builder()
                    .ruleNumber(e.ruleNumber())
                    .protocol(e.protocol())
                    .ruleAction(e.ruleAction())
                    .egress(e.egress())
                    .cidrBlock(e.cidr())
                    .ipv6CidrBlock(e.ipv6Cidr());
            if (e.portRange() != null) {
                entry.portRange(PortRange.builder().from(e.portRange().from()).to(e.portRange().to()).build());
            }
            entries.add(entry.build());
        }
        List<NetworkAclAssociation> associations = new ArrayList<>();
        for (NetworkAcl.Association a : acl.associations()) {
            associations.add(NetworkAclAssociation.builder().networkAclAssociationId(a.id())
                    .networkAclId(a.networkAclId()).subnetId(a.subnetId()).build());
        }
        return software.amazon.awssdk.services.ec2.model.NetworkAcl.builder()
                .networkAclId(acl.id())
                .vpcId(acl.networkId())
                .isDefault(acl.isDefault())
                .ownerId(acl.ownerId() == null ? ctx.account() : acl.ownerId())
                .entries(entries)
                .associations(associations)
                .tags(SdkTags.toSdk(acl.tags()))
                .build();
    }

    // ---- security groups --------------------------------------------------------------------------------------

    static software.amazon.awssdk.services.ec2.model.SecurityGroup securityGroup(ActionContext ctx, SecurityGroup g) {
        String owner = g.ownerId() == null ? ctx.account() : g.ownerId();
        return software.amazon.awssdk.services.ec2.model.SecurityGroup.builder()
                .groupId(g.id())
                .groupName(g.name())
                .description(g.description())
                .vpcId(g.networkId())
                .ownerId(owner)
                .securityGroupArn(arn(ctx, "security-group", g.id()))
                .ipPermissions(permissions(g.ingress(), owner))
                .ipPermissionsEgress(permissions(g.egress(), owner))
                .tags(SdkTags.toSdk(g.tags()))
                .build();
    }

    /**
     * Rules in EC2's grouped shape: one permission per protocol and port range, holding every peer of that range
     * with its own description ({@code -1} carries no ports, as in EC2).
     */
    static List<IpPermission> permissions(List<SecurityRule> rules, String owner) {
        record Key(String protocol, int from, int to) {
        }
        record Peers(List<IpRange> v4, List<Ipv6Range> v6, List<UserIdGroupPair> groups) {
        }
        Map<Key, Peers> grouped = new LinkedHashMap<>();
        for (SecurityRule rule : rules) {
            Key key = "-1".equals(rule.protocol()) ? new Key("-1", -1, -1)
                    : new Key(rule.protocol(), rule.fromPort(), rule.toPort());
            Peers peers = grouped.computeIfAbsent(key,
                    k -> new Peers(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            for (String cidr : rule.cidrs()) {
                peers.v4().add(IpRange.builder().cidrIp(cidr).description(rule.description()).build());
            }
            for (String cidr : rule.ipv6Cidrs()) {
                peers.v6().add(Ipv6Range.builder().cidrIpv6(cidr).description(rule.description()).build());
            }
            for (String groupId : rule.groupIds()) {
                peers.groups().add(UserIdGroupPair.builder().groupId(groupId).userId(owner)
                        .description(rule.description()).build());
            }
        }
        List<IpPermission> out = new ArrayList<>(grouped.size());
        grouped.forEach((key, peers) -> {
            IpPermission.Builder p = IpPermission.builder()
                    .ipProtocol(key.protocol())
                    .ipRanges(peers.v4())
                    .ipv6Ranges(peers.v6())
                    .userIdGroupPairs(peers.groups())
                    .prefixListIds(List.of());
            if (!"-1".equals(key.protocol())) {
                p.fromPort(key.from()).toPort(key.to());
            }
            out.add(p.build());
        });
        return out;
    }

    static software.amazon.awssdk.services.ec2.model.SecurityGroupRule rule(ActionContext ctx, SecurityGroupRule r) {
        var b = software.amazon.awssdk.services.ec2.model.SecurityGroupRule.builder()
                .securityGroupRuleId(r.id())
                .groupId(r.groupId())
                .groupOwnerId(r.groupOwnerId() == null ? ctx.account() : r.groupOwnerId())
                .isEgress(r.egress())
                .ipProtocol(r.protocol())
                .fromPort(r.fromPort())
                .toPort(r.toPort())
                .cidrIpv4(r.cidr())
                .cidrIpv6(r.ipv6Cidr())
                .description(r.description())
                .securityGroupRuleArn(arn(ctx, "security-group-rule", r.id()))
                .tags(List.of());
        if (r.referencedGroupId() != null) {
            b.referencedGroupInfo(ReferencedSecurityGroup.builder().groupId(r.referencedGroupId())
                    .userId(ctx.account()).build());
        }
        return b.build();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
