package io.altostratus.local.internal;

import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.SpotRequest;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Volume;
import io.altostratus.local.internal.Docs.ImageDoc;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.local.internal.Docs.SnapshotDoc;
import io.altostratus.store.StateTx;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Tags on any resource, found by its id's prefix. */
public final class TagOps {
    private static final int MAX_TAGS = 50;

    private TagOps() {
    }

    public static void tag(StateTx tx, Env env, String resourceId, Map<String, String> tags) {
        validate(tags);
        update(tx, env, resourceId, current -> {
            Map<String, String> merged = Tags.merge(current, tags);
            if (merged.size() > MAX_TAGS) {
                throw Errors.invalid("TagLimitExceeded", "a resource may have at most " + MAX_TAGS + " tags");
            }
            return merged;
        });
    }

    public static void untag(StateTx tx, Env env, String resourceId, Collection<String> keys) {
        update(tx, env, resourceId, current -> {
            LinkedHashMap<String, String> left = new LinkedHashMap<>(current);
            keys.forEach(left::remove);
            return Tags.copy(left);
        });
    }

    /** EC2's rules: keys 1..128 characters not starting with {@code aws:}, values at most 256. */
    public static void validate(Map<String, String> tags) {
        validate(tags, java.util.Set.of());
    }

    /**
     * EC2's rules, except that the given {@code aws:} keys pass: those EC2 itself sets at launch (the launch
     * template an instance came from), which the EC2 front passes on.
     */
    public static void validate(Map<String, String> tags, java.util.Set<String> systemKeys) {
        if (tags == null) {
            return;
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw Errors.invalidValue("Tag keys must be 1 to 128 characters: '" + key + "'");
            }
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:") && !systemKeys.contains(key)) {
                throw Errors.invalidValue("Tag keys starting with 'aws:' are reserved for AWS use: " + key);
            }
            if (e.getValue() != null && e.getValue().length() > 256) {
                throw Errors.invalidValue("Tag values must be at most 256 characters (key " + key + ")");
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw Errors.invalid("TagLimitExceeded", "a resource may have at most " + MAX_TAGS + " tags");
        }
    }

    private static void update(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        Ec2IdKind kind = Ec2IdKind.ofId(id);
        if (kind == null) {
            throw Errors.invalid("InvalidID", "The ID '" + id + "' is not valid (not a resource id the local cloud knows)");
        }
        String scope = env.scope();
        switch (kind) {
            case NAT_GATEWAY -> {
                if (!NatGatewayOps.retag(tx, env, id, change)) {
                    throw NatGatewayOps.notFound(id);
                }
            }
            case PLACEMENT_GROUP -> PlacementGroupOps.retag(tx, env, id, change);
            case LAUNCH_TEMPLATE -> LaunchTemplateOps.retag(tx, env, id, change);
            case DHCP_OPTIONS -> DhcpOptionsOps.retag(tx, env, id, change);
            case EGRESS_ONLY_INTERNET_GATEWAY -> EgressOnlyInternetGatewayOps.retag(tx, env, id, change);
            case VPC_PEERING_CONNECTION -> VpcPeeringOps.retag(tx, env, id, change);
            case VPC_ENDPOINT -> VpcEndpointOps.retag(tx, env, id, change);
            case PREFIX_LIST -> CustomerPrefixListOps.retag(tx, env, id, change);
            case CUSTOMER_GATEWAY, VPN_GATEWAY, VPN_CONNECTION -> VpnOps.retag(tx, env, id, change);
            case TRANSIT_GATEWAY, TRANSIT_GATEWAY_ATTACHMENT, TRANSIT_GATEWAY_ROUTE_TABLE ->
                    TransitGatewayOps.retag(tx, env, id, change);
            case CARRIER_GATEWAY -> CarrierGatewayOps.retag(tx, env, id, change);
            case FLOW_LOG -> FlowLogOps.retag(tx, env, id, change);
            case DEDICATED_HOST -> {
                if (!HostOps.retag(tx, env, id, change)) {
                    throw HostOps.notFound(id);
                }
            }
            case CAPACITY_RESERVATION -> {
                if (!CapacityReservationOps.retag(tx, env, id, change)) {
                    throw Ec2IdKind.CAPACITY_RESERVATION.notFound(id);
                }
            }
            case INSTANCE -> {
                InstanceDoc d = Lookup.instance(tx, env, id);
                tx.put(Docs.INSTANCE, scope, id, d.withTags(change.apply(d.tags())));
            }
            case VOLUME -> {
                Volume v = Lookup.volume(tx, env, id);
                tx.put(Docs.VOLUME, scope, id, v.withTags(change.apply(v.tags())));
            }
            case SNAPSHOT -> {
                SnapshotDoc s = Lookup.snapshot(tx, env, id);
                tx.put(Docs.SNAPSHOT, scope, id, new SnapshotDoc(s.snapshot().withTags(change.apply(s.snapshot().tags())),
                        s.settlesAt()));
            }
            case IMAGE -> {
                Ec2IdKind.IMAGE.check(id);
                ImageDoc doc = Lookup.ownImage(tx, env, id).orElse(null);
                if (doc == null) {
                    if (ImageOps.catalogImage(env, id).isPresent()) {
                        throw new AltoException(ErrorCode.AUTH_FAILURE, "AuthFailure",
                                "Not authorized to tag the public image " + id);
                    }
                    throw Ec2IdKind.IMAGE.notFound(id);
                }
                Image image = doc.image();
                tx.put(Docs.IMAGE, scope, id, new ImageDoc(image.withTags(change.apply(image.tags())), doc.settlesAt()));
            }
            case VPC -> {
                Network n = Lookup.vpc(tx, env, id);
                tx.put(Docs.VPC, scope, id, Docs.VpcDoc.of(n.withTags(change.apply(n.tags()))));
            }
            case SUBNET -> {
                Subnet s = Lookup.subnet(tx, env, id);
                tx.put(Docs.SUBNET, scope, id, s.withTags(change.apply(s.tags())));
            }
            case SECURITY_GROUP -> {
                SecurityGroup g = Lookup.group(tx, env, id);
                tx.put(Docs.GROUP, scope, id, g.withTags(change.apply(g.tags())));
            }
            case NETWORK_INTERFACE -> {
                NetworkInterface n = Lookup.networkInterface(tx, env, id);
                tx.put(Docs.INTERFACE, scope, id, n.withTags(change.apply(n.tags())));
            }
            case KEY_PAIR -> {
                KeyPair k = KeyPairOps.byId(tx, env, id);
                tx.put(Docs.KEY_PAIR, scope, k.name(), k.withTags(change.apply(k.tags())));
            }
            case INTERNET_GATEWAY -> {
                InternetGateway g = Lookup.internetGateway(tx, env, id);
                tx.put(Docs.INTERNET_GATEWAY, scope, id, g.withTags(change.apply(g.tags())));
            }
            case ROUTE_TABLE -> {
                RouteTable t = Lookup.routeTable(tx, env, id);
                tx.put(Docs.ROUTE_TABLE, scope, id, t.withTags(change.apply(t.tags())));
            }
            case NETWORK_ACL -> {
                NetworkAcl a = Lookup.networkAcl(tx, env, id);
                tx.put(Docs.NETWORK_ACL, scope, id, a.withTags(change.apply(a.tags())));
            }
            case ALLOCATION -> {
                Address a = Lookup.address(tx, env, id);
                tx.put(Docs.ADDRESS, scope, id, a.withTags(change.apply(a.tags())));
            }
            case SPOT_REQUEST -> {
                SpotRequest r = SpotOps.lookup(tx, env, id);
                tx.put(Docs.SPOT_REQUEST, scope, id, r.withTags(change.apply(r.tags())));
            }
            case INTERFACE_ATTACHMENT, ROUTE_TABLE_ASSOCIATION, NETWORK_ACL_ASSOCIATION, ADDRESS_ASSOCIATION,
                 SECURITY_GROUP_RULE -> throw Errors.invalid("InvalidID",
                    "The local cloud does not tag this kind of resource: " + id);
        }
    }
}
