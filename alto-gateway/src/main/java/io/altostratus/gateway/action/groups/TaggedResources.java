package io.altostratus.gateway.action.groups;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.CustomerPrefixLists;
import io.altostratus.core.ec2.DhcpOptionsSets;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.EgressOnlyInternetGateways;
import io.altostratus.core.ec2.VpcEndpoints;
import io.altostratus.core.ec2.SiteToSiteVpn;
import io.altostratus.core.ec2.VpcPeeringConnections;
import io.altostratus.core.ec2.LaunchTemplates;
import io.altostratus.core.ec2.NatGateway;
import io.altostratus.core.ec2.NatGateways;
import io.altostratus.core.ec2.PlacementGroup;
import io.altostratus.core.ec2.PlacementGroups;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Volume;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.spi.Capability;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The kinds of resource EC2 tags, known by their id prefix: which resource type DescribeTags names them by, which
 * capability the backend needs to list them, how to list them through the {@link Cloud} façade, and EC2's NotFound
 * code for a missing one. The gateway keeps no tags of its own; it asks the backend's lists.
 */
enum TaggedResources {
    INSTANCE(Ec2IdKind.INSTANCE, "instance", null,
            (cloud, account) -> cloud.instances().stream().map(i -> new Tagged(i.id(), i.tags())).toList()),
    IMAGE(Ec2IdKind.IMAGE, "image", null,
            // Only the account's own images: public images of others carry no tags of this account.
            (cloud, account) -> cloud.images(ImageQuery.all()).stream().filter(i -> account.equals(i.ownerId()))
                    .map((Image i) -> new Tagged(i.id(), i.tags())).toList()),
    VOLUME(Ec2IdKind.VOLUME, "volume", Capability.VOLUMES,
            (cloud, account) -> Checks.extension(cloud, Volumes.class)
                    .volumes().stream().map((Volume v) -> new Tagged(v.id(), v.tags())).toList()),
    SNAPSHOT(Ec2IdKind.SNAPSHOT, "snapshot", Capability.SNAPSHOTS,
            (cloud, account) -> Checks.extension(cloud, Snapshots.class)
                    .snapshots().stream().map((Snapshot s) -> new Tagged(s.id(), s.tags())).toList()),
    VPC(Ec2IdKind.VPC, "vpc", Capability.NETWORKS,
            (cloud, account) -> Checks.extension(cloud, Networks.class)
                    .networks().stream().map((Network n) -> new Tagged(n.id(), n.tags())).toList()),
    SUBNET(Ec2IdKind.SUBNET, "subnet", Capability.NETWORKS,
            (cloud, account) -> Checks.extension(cloud, Networks.class)
                    .subnets().stream().map((Subnet s) -> new Tagged(s.id(), s.tags())).toList()),
    SECURITY_GROUP(Ec2IdKind.SECURITY_GROUP, "security-group", Capability.SECURITY_GROUPS,
            (cloud, account) -> Checks.extension(cloud, SecurityGroups.class)
                    .securityGroups().stream().map((SecurityGroup g) -> new Tagged(g.id(), g.tags()))
                    .toList()),
    NETWORK_INTERFACE(Ec2IdKind.NETWORK_INTERFACE, "network-interface", Capability.NETWORK_INTERFACES,
            (cloud, account) -> Checks.extension(cloud, NetworkInterfaces.class).networkInterfaces().stream()
                    .map((NetworkInterface n) -> new Tagged(n.id(), n.tags())).toList()),
    KEY_PAIR(Ec2IdKind.KEY_PAIR, "key-pair", Capability.KEY_PAIRS,
            (cloud, account) -> Checks.extension(cloud, KeyPairs.class).keyPairs().stream().filter(k -> k.id() != null)
                    .map((KeyPair k) -> new Tagged(k.id(), k.tags())).toList()),
    INTERNET_GATEWAY(Ec2IdKind.INTERNET_GATEWAY, "internet-gateway", Capability.EC2_NETWORKING,
            (cloud, account) -> Checks.extension(cloud, Ec2Networking.class).internetGateways().stream()
                    .map((InternetGateway g) -> new Tagged(g.id(), g.tags())).toList()),
    ROUTE_TABLE(Ec2IdKind.ROUTE_TABLE, "route-table", Capability.EC2_NETWORKING,
            (cloud, account) -> Checks.extension(cloud, Ec2Networking.class)
                    .routeTables().stream().map((RouteTable t) -> new Tagged(t.id(), t.tags()))
                    .toList()),
    NETWORK_ACL(Ec2IdKind.NETWORK_ACL, "network-acl", Capability.EC2_NETWORKING,
            (cloud, account) -> Checks.extension(cloud, Ec2Networking.class)
                    .networkAcls().stream().map((NetworkAcl a) -> new Tagged(a.id(), a.tags()))
                    .toList()),
    ELASTIC_IP(Ec2IdKind.ALLOCATION, "elastic-ip", Capability.ELASTIC_IPS,
            (cloud, account) -> Checks.extension(cloud, ElasticAddresses.class).addresses().stream()
                    .map((Address a) -> new Tagged(a.allocationId(), a.tags())).toList()),
    SPOT_REQUEST(Ec2IdKind.SPOT_REQUEST, "spot-instances-request", Capability.SPOT,
            (cloud, account) -> Checks.extension(cloud, SpotRequests.class)
                    .spotRequests(List.of()).stream().map(r -> new Tagged(r.id(), r.tags()))
                    .toList()),
    // Kinds without an Ec2IdKind: known by their prefix, listed only where the backend has the extension.
    NAT_GATEWAY(Ec2IdKind.NAT_GATEWAY.prefix() + "-", Ec2IdKind.NAT_GATEWAY.notFoundCode(), "natgateway",
            (cloud, account) -> cloud.extension(NatGateways.class).map(n -> n.natGateways().stream()
                    .map(g -> new Tagged(g.id(), g.tags())).toList()).orElse(List.of())),
    DEDICATED_HOST(Ec2IdKind.DEDICATED_HOST.prefix() + "-", Ec2IdKind.DEDICATED_HOST.notFoundCode(),
            "dedicated-host", (cloud, account) -> cloud.extension(io.altostratus.core.ec2.DedicatedHosts.class)
                    .map(d -> d.hosts().stream().map(h -> new Tagged(h.id(), h.tags())).toList()).orElse(List.of())),
    CAPACITY_RESERVATION(Ec2IdKind.CAPACITY_RESERVATION.prefix() + "-",
            Ec2IdKind.CAPACITY_RESERVATION.notFoundCode(), "capacity-reservation",
            (cloud, account) -> cloud.extension(io.altostratus.core.ec2.CapacityReservations.class)
                    .map(c -> c.capacityReservations().stream().map(r -> new Tagged(r.id(), r.tags())).toList())
                    .orElse(List.of())),
    LAUNCH_TEMPLATE(Ec2IdKind.LAUNCH_TEMPLATE.prefix() + "-", Ec2IdKind.LAUNCH_TEMPLATE.notFoundCode(), "launch-template",
            (cloud, account) -> cloud.extension(LaunchTemplates.class).map(l -> l.launchTemplates().stream()
                    .map(t -> new Tagged(t.id(), t.tags())).toList()).orElse(List.of())),
    PLACEMENT_GROUP(Ec2IdKind.PLACEMENT_GROUP.prefix() + "-", Ec2IdKind.PLACEMENT_GROUP.notFoundCode(), "placement-group",
            (cloud, account) -> cloud.extension(PlacementGroups.class).map(p -> p.placementGroups().stream()
                    .map(g -> new Tagged(g.id(), g.tags())).toList()).orElse(List.of())),
    DHCP_OPTIONS(Ec2IdKind.DHCP_OPTIONS.prefix() + "-", Ec2IdKind.DHCP_OPTIONS.notFoundCode(), "dhcp-options",
            (cloud, account) -> cloud.extension(DhcpOptionsSets.class).map(d -> d.dhcpOptions().stream()
                    .map(o -> new Tagged(o.id(), o.tags())).toList()).orElse(List.of())),
    EGRESS_ONLY_INTERNET_GATEWAY(Ec2IdKind.EGRESS_ONLY_INTERNET_GATEWAY.prefix() + "-",
            Ec2IdKind.EGRESS_ONLY_INTERNET_GATEWAY.notFoundCode(), "egress-only-internet-gateway",
            (cloud, account) -> cloud.extension(EgressOnlyInternetGateways.class).map(e -> e
                    .egressOnlyInternetGateways().stream().map(g -> new Tagged(g.id(), g.tags())).toList())
                    .orElse(List.of())),
    VPC_PEERING_CONNECTION(Ec2IdKind.VPC_PEERING_CONNECTION.prefix() + "-",
            Ec2IdKind.VPC_PEERING_CONNECTION.notFoundCode(), "vpc-peering-connection",
            (cloud, account) -> cloud.extension(VpcPeeringConnections.class).map(p -> p.vpcPeeringConnections()
                    .stream().map(c -> new Tagged(c.id(), c.tags())).toList()).orElse(List.of())),
    VPC_ENDPOINT(Ec2IdKind.VPC_ENDPOINT.prefix() + "-", Ec2IdKind.VPC_ENDPOINT.notFoundCode(), "vpc-endpoint",
            (cloud, account) -> cloud.extension(VpcEndpoints.class).map(v -> v.vpcEndpoints().stream()
                    .map(e -> new Tagged(e.id(), e.tags())).toList()).orElse(List.of())),
    CUSTOMER_GATEWAY(Ec2IdKind.CUSTOMER_GATEWAY.prefix() + "-", Ec2IdKind.CUSTOMER_GATEWAY.notFoundCode(),
            "customer-gateway", (cloud, account) -> cloud.extension(SiteToSiteVpn.class).map(v -> v
                    .customerGateways().stream().map(g -> new Tagged(g.id(), g.tags())).toList()).orElse(List.of())),
    VPN_GATEWAY(Ec2IdKind.VPN_GATEWAY.prefix() + "-", Ec2IdKind.VPN_GATEWAY.notFoundCode(), "vpn-gateway",
            (cloud, account) -> cloud.extension(SiteToSiteVpn.class).map(v -> v.vpnGateways().stream()
                    .map(g -> new Tagged(g.id(), g.tags())).toList()).orElse(List.of())),
    VPN_CONNECTION(Ec2IdKind.VPN_CONNECTION.prefix() + "-", Ec2IdKind.VPN_CONNECTION.notFoundCode(), "vpn-connection",
            (cloud, account) -> cloud.extension(SiteToSiteVpn.class).map(v -> v.vpnConnections().stream()
                    .map(c -> new Tagged(c.id(), c.tags())).toList()).orElse(List.of())),
    PREFIX_LIST(Ec2IdKind.PREFIX_LIST.prefix() + "-", Ec2IdKind.PREFIX_LIST.notFoundCode(), "prefix-list",
            (cloud, account) -> cloud.extension(CustomerPrefixLists.class).map(c -> c.customerPrefixLists().stream()
                    .map(l -> new Tagged(l.id(), l.tags())).toList()).orElse(List.of())),
    TRANSIT_GATEWAY(Ec2IdKind.TRANSIT_GATEWAY, "transit-gateway", null,
            (cloud, account) -> cloud.extension(io.altostratus.core.ec2.TransitGateways.class)
                    .map(t -> t.transitGateways().stream().map(g -> new Tagged(g.id(), g.tags())).toList())
                    .orElse(List.of())),
    TRANSIT_GATEWAY_ATTACHMENT(Ec2IdKind.TRANSIT_GATEWAY_ATTACHMENT, "transit-gateway-attachment", null,
            (cloud, account) -> cloud.extension(io.altostratus.core.ec2.TransitGateways.class)
                    .map(t -> t.transitGatewayAttachments().stream().map(a -> new Tagged(a.id(), a.tags())).toList())
                    .orElse(List.of())),
    TRANSIT_GATEWAY_ROUTE_TABLE(Ec2IdKind.TRANSIT_GATEWAY_ROUTE_TABLE, "transit-gateway-route-table", null,
            (cloud, account) -> cloud.extension(io.altostratus.core.ec2.TransitGateways.class)
                    .map(t -> t.transitGatewayRouteTables().stream().map(r -> new Tagged(r.id(), r.tags())).toList())
                    .orElse(List.of())),
    CARRIER_GATEWAY(Ec2IdKind.CARRIER_GATEWAY, "carrier-gateway", null,
            (cloud, account) -> cloud.extension(io.altostratus.core.ec2.CarrierGateways.class)
                    .map(c -> c.carrierGateways().stream().map(g -> new Tagged(g.id(), g.tags())).toList())
                    .orElse(List.of())),
    FLOW_LOG(Ec2IdKind.FLOW_LOG, "vpc-flow-log", null,
            (cloud, account) -> cloud.extension(io.altostratus.core.ec2.FlowLogs.class)
                    .map(f -> f.flowLogs().stream().map(l -> new Tagged(l.id(), l.tags())).toList())
                    .orElse(List.of()));

    /** One resource's id and tags. */
    record Tagged(String id, Map<String, String> tags) {
    }

    private final Ec2IdKind idKind;
    private final String prefix;
    private final String notFoundCode;
    private final String resourceType;
    private final Capability capability;
    private final BiFunction<Cloud, String, List<Tagged>> lister;

    TaggedResources(Ec2IdKind idKind, String resourceType, Capability capability,
                    BiFunction<Cloud, String, List<Tagged>> lister) {
        this.idKind = idKind;
        this.prefix = null;
        this.notFoundCode = Checks.notFoundCode(idKind);
        this.resourceType = resourceType;
        this.capability = capability;
        this.lister = lister;
    }

    TaggedResources(String prefix, String notFoundCode, String resourceType,
                    BiFunction<Cloud, String, List<Tagged>> lister) {
        this.idKind = null;
        this.prefix = prefix;
        this.notFoundCode = notFoundCode;
        this.resourceType = resourceType;
        this.capability = null;
        this.lister = lister;
    }

    /** The prefix, dash included, of every id of this kind; ids of different kinds never interleave in id order. */
    String idPrefix() {
        return prefix != null ? prefix : idKind.prefix() + "-";
    }

    /** EC2's resource type name, e.g. {@code security-group}. */
    String resourceType() {
        return resourceType;
    }

    /** The kind an id's prefix names, or null when EC2 tags nothing with that prefix. */
    static TaggedResources ofId(String id) {
        if (id == null) {
            return null;
        }
        for (TaggedResources tagged : values()) {
            if (tagged.prefix != null && id.startsWith(tagged.prefix)) {
                return tagged;
            }
        }
        Ec2IdKind kind = Ec2IdKind.ofId(id);
        if (kind == null) {
            return null;
        }
        for (TaggedResources tagged : values()) {
            if (tagged.idKind == kind) {
                return tagged;
            }
        }
        return null;
    }

    /** The kind EC2 calls by that resource type name, or null. */
    static TaggedResources ofType(String resourceType) {
        for (TaggedResources kind : values()) {
            if (kind.resourceType.equals(resourceType)) {
                return kind;
            }
        }
        return null;
    }

    /**
     * Every resource of this kind the account has; none when the backend does not offer the kind at all (an
     * optional capability it does not declare), so DescribeTags still lists the kinds it does offer.
     */
    List<Tagged> list(Cloud cloud, String account) {
        if (capability != null && !cloud.supports(capability)) {
            return List.of();
        }
        try {
            return lister.apply(cloud, account);
        } catch (AltoException e) {
            if (e.code() == ErrorCode.UNSUPPORTED) {
                return List.of();
            }
            throw e;
        }
    }

    /** The current tags of one resource, or EC2's NotFound for this kind. */
    Map<String, String> tagsOf(Cloud cloud, String account, String id) {
        if (this == INSTANCE) {
            return cloud.instance(id).tags();
        }
        for (Tagged t : list(cloud, account)) {
            if (t.id().equals(id)) {
                return t.tags();
            }
        }
        throw Ec2WireException.of(notFoundCode, "The " + resourceType + " ID '" + id + "' does not exist");
    }

    /** The id's kind, or EC2's InvalidID for an id of no kind EC2 tags. */
    static TaggedResources require(String id) {
        TaggedResources kind = ofId(id);
        if (kind == null) {
            throw Ec2WireException.of("InvalidID", "The ID '" + id + "' is not valid");
        }
        return kind;
    }
}
