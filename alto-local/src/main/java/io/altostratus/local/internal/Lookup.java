package io.altostratus.local.internal;

import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Volume;
import io.altostratus.local.internal.Docs.ImageDoc;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.local.internal.Docs.SnapshotDoc;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Fetches one resource of this session's account and region by id: malformed ids and missing ones fail as EC2 does. */
public final class Lookup {
    private Lookup() {
    }

    /** The instance, unless it is unknown or its terminated record has expired. */
    public static InstanceDoc instance(StateView view, Env env, String id) {
        Ec2IdKind.INSTANCE.check(id);
        InstanceDoc doc = view.get(Docs.INSTANCE, env.scope(), id, InstanceDoc.class)
                .filter(d -> !Transitions.expired(d, env.now(), env.settings().retentionMs()))
                .orElseThrow(() -> Ec2IdKind.INSTANCE.notFound(id));
        return Transitions.settle(doc, env.now());
    }

    public static Network vpc(StateView view, Env env, String id) {
        return get(view, env, Ec2IdKind.VPC, Docs.VPC, id, Docs.VpcDoc.class).network();
    }

    public static Subnet subnet(StateView view, Env env, String id) {
        return get(view, env, Ec2IdKind.SUBNET, Docs.SUBNET, id, Subnet.class);
    }

    public static SecurityGroup group(StateView view, Env env, String id) {
        return get(view, env, Ec2IdKind.SECURITY_GROUP, Docs.GROUP, id, SecurityGroup.class);
    }

    public static NetworkInterface networkInterface(StateView view, Env env, String id) {
        return get(view, env, Ec2IdKind.NETWORK_INTERFACE, Docs.INTERFACE, id, NetworkInterface.class);
    }

    public static InternetGateway internetGateway(StateView view, Env env, String id) {
        return get(view, env, Ec2IdKind.INTERNET_GATEWAY, Docs.INTERNET_GATEWAY, id, InternetGateway.class);
    }

    public static RouteTable routeTable(StateView view, Env env, String id) {
        return get(view, env, Ec2IdKind.ROUTE_TABLE, Docs.ROUTE_TABLE, id, RouteTable.class);
    }

    public static NetworkAcl networkAcl(StateView view, Env env, String id) {
        return get(view, env, Ec2IdKind.NETWORK_ACL, Docs.NETWORK_ACL, id, NetworkAcl.class);
    }

    public static Address address(StateView view, Env env, String allocationId) {
        return get(view, env, Ec2IdKind.ALLOCATION, Docs.ADDRESS, allocationId, Address.class);
    }

    public static Volume volume(StateView view, Env env, String id) {
        return get(view, env, Ec2IdKind.VOLUME, Docs.VOLUME, id, Volume.class);
    }

    public static SnapshotDoc snapshot(StateView view, Env env, String id) {
        return get(view, env, Ec2IdKind.SNAPSHOT, Docs.SNAPSHOT, id, SnapshotDoc.class);
    }

    /** An image this account made (catalog images are looked up by {@link ImageOps}). */
    public static Optional<ImageDoc> ownImage(StateView view, Env env, String id) {
        return view.get(Docs.IMAGE, env.scope(), id, ImageDoc.class);
    }

    public static Optional<KeyPair> keyPair(StateView view, Env env, String name) {
        return name == null ? Optional.empty() : view.get(Docs.KEY_PAIR, env.scope(), name, KeyPair.class);
    }

    /** The documents among {@code ids} that exist, in the order asked and each once, each read by its id. */
    public static <T> List<T> byIds(StateView view, Env env, String kind, Collection<String> ids, Class<T> type) {
        List<T> found = new ArrayList<>(ids.size());
        for (String id : new LinkedHashSet<>(ids)) {
            view.get(kind, env.scope(), id, type).ifPresent(found::add);
        }
        return found;
    }

    private static <T> T get(StateView view, Env env, Ec2IdKind kind, String docKind, String id, Class<T> type) {
        kind.check(id);
        return view.get(docKind, env.scope(), id, type).orElseThrow(() -> kind.notFound(id));
    }
}
