package io.altostratus.gateway.action.groups;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ec2.Address;
import io.altostratus.core.model.Image;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.Network;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.ec2.RouteTable;
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
    INSTANCE("i", "instance", null, "InvalidInstanceID.NotFound",
            (cloud, account) -> cloud.instances().stream().map(i -> new Tagged(i.id(), i.tags())).toList()),
    IMAGE("ami", "image", null, "InvalidAMIID.NotFound",
            // Only the account's own images: public images of others carry no tags of this account.
            (cloud, account) -> cloud.images(ImageQuery.all()).stream().filter(i -> account.equals(i.ownerId()))
                    .map((Image i) -> new Tagged(i.id(), i.tags())).toList()),
    VOLUME("vol", "volume", Capability.VOLUMES, "InvalidVolume.NotFound",
            (cloud, account) -> cloud.volumes().stream().map((Volume v) -> new Tagged(v.id(), v.tags())).toList()),
    SNAPSHOT("snap", "snapshot", Capability.SNAPSHOTS, "InvalidSnapshot.NotFound",
            (cloud, account) -> cloud.snapshots().stream().map((Snapshot s) -> new Tagged(s.id(), s.tags())).toList()),
    VPC("vpc", "vpc", Capability.NETWORKS, "InvalidVpcID.NotFound",
            (cloud, account) -> cloud.networks().stream().map((Network n) -> new Tagged(n.id(), n.tags())).toList()),
    SUBNET("subnet", "subnet", Capability.NETWORKS, "InvalidSubnetID.NotFound",
            (cloud, account) -> cloud.subnets().stream().map((Subnet s) -> new Tagged(s.id(), s.tags())).toList()),
    SECURITY_GROUP("sg", "security-group", Capability.NETWORKS, "InvalidGroup.NotFound",
            (cloud, account) -> cloud.securityGroups().stream().map((SecurityGroup g) -> new Tagged(g.id(), g.tags()))
                    .toList()),
    NETWORK_INTERFACE("eni", "network-interface", Capability.NETWORK_INTERFACES, "InvalidNetworkInterfaceID.NotFound",
            (cloud, account) -> cloud.networkInterfaces().stream()
                    .map((NetworkInterface n) -> new Tagged(n.id(), n.tags())).toList()),
    KEY_PAIR("key", "key-pair", Capability.KEY_PAIRS, "InvalidKeyPair.NotFound",
            (cloud, account) -> cloud.keyPairs().stream().filter(k -> k.id() != null)
                    .map((KeyPair k) -> new Tagged(k.id(), k.tags())).toList()),
    INTERNET_GATEWAY("igw", "internet-gateway", Capability.INTERNET_GATEWAYS, "InvalidInternetGatewayID.NotFound",
            (cloud, account) -> cloud.internetGateways().stream()
                    .map((InternetGateway g) -> new Tagged(g.id(), g.tags())).toList()),
    ROUTE_TABLE("rtb", "route-table", Capability.ROUTE_TABLES, "InvalidRouteTableID.NotFound",
            (cloud, account) -> cloud.routeTables().stream().map((RouteTable t) -> new Tagged(t.id(), t.tags()))
                    .toList()),
    NETWORK_ACL("acl", "network-acl", Capability.NETWORK_ACLS, "InvalidNetworkAclID.NotFound",
            (cloud, account) -> cloud.networkAcls().stream().map((NetworkAcl a) -> new Tagged(a.id(), a.tags()))
                    .toList()),
    ELASTIC_IP("eipalloc", "elastic-ip", Capability.ELASTIC_IPS, "InvalidAllocationID.NotFound",
            (cloud, account) -> cloud.addresses().stream()
                    .map((Address a) -> new Tagged(a.allocationId(), a.tags())).toList()),
    SPOT_REQUEST("sir", "spot-instances-request", Capability.SPOT, "InvalidSpotInstanceRequestID.NotFound",
            (cloud, account) -> cloud.spotRequests(List.of()).stream().map(r -> new Tagged(r.id(), r.tags()))
                    .toList());

    /** One resource's id and tags. */
    record Tagged(String id, Map<String, String> tags) {
    }

    private final String prefix;
    private final String resourceType;
    private final Capability capability;
    private final String notFoundCode;
    private final BiFunction<Cloud, String, List<Tagged>> lister;

    TaggedResources(String prefix, String resourceType, Capability capability, String notFoundCode,
                    BiFunction<Cloud, String, List<Tagged>> lister) {
        this.prefix = prefix;
        this.resourceType = resourceType;
        this.capability = capability;
        this.notFoundCode = notFoundCode;
        this.lister = lister;
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
        int dash = id.indexOf('-');
        if (dash <= 0) {
            return null;
        }
        String p = id.substring(0, dash);
        for (TaggedResources kind : values()) {
            if (kind.prefix.equals(p)) {
                return kind;
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
