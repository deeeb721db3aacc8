package io.altostratus.local.internal;

import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Volume;
import io.altostratus.local.internal.Docs.ImageDoc;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.local.internal.Docs.SnapshotDoc;
import io.altostratus.store.StateView;
import java.util.Optional;

/** Fetches one resource of this session's account and region by id: malformed ids and missing ones fail as EC2 does. */
public final class Lookup {
    private Lookup() {
    }

    /** The instance, unless it is unknown or its terminated record has expired. */
    public static InstanceDoc instance(StateView view, Env env, String id) {
        IdKind.INSTANCE.check(id);
        InstanceDoc doc = view.get(Docs.INSTANCE, env.scope(), id, InstanceDoc.class)
                .filter(d -> !Transitions.expired(d, env.now(), env.settings().retentionMs()))
                .orElseThrow(() -> IdKind.INSTANCE.notFound(id));
        return Transitions.settle(doc, env.now());
    }

    public static Network vpc(StateView view, Env env, String id) {
        return get(view, env, IdKind.VPC, Docs.VPC, id, Network.class);
    }

    public static Subnet subnet(StateView view, Env env, String id) {
        return get(view, env, IdKind.SUBNET, Docs.SUBNET, id, Subnet.class);
    }

    public static SecurityGroup group(StateView view, Env env, String id) {
        return get(view, env, IdKind.SECURITY_GROUP, Docs.GROUP, id, SecurityGroup.class);
    }

    public static NetworkInterface networkInterface(StateView view, Env env, String id) {
        return get(view, env, IdKind.NETWORK_INTERFACE, Docs.INTERFACE, id, NetworkInterface.class);
    }

    public static InternetGateway internetGateway(StateView view, Env env, String id) {
        return get(view, env, IdKind.INTERNET_GATEWAY, Docs.INTERNET_GATEWAY, id, InternetGateway.class);
    }

    public static RouteTable routeTable(StateView view, Env env, String id) {
        return get(view, env, IdKind.ROUTE_TABLE, Docs.ROUTE_TABLE, id, RouteTable.class);
    }

    public static NetworkAcl networkAcl(StateView view, Env env, String id) {
        return get(view, env, IdKind.NETWORK_ACL, Docs.NETWORK_ACL, id, NetworkAcl.class);
    }

    public static Address address(StateView view, Env env, String allocationId) {
        return get(view, env, IdKind.ALLOCATION, Docs.ADDRESS, allocationId, Address.class);
    }

    public static Volume volume(StateView view, Env env, String id) {
        return get(view, env, IdKind.VOLUME, Docs.VOLUME, id, Volume.class);
    }

    public static SnapshotDoc snapshot(StateView view, Env env, String id) {
        return get(view, env, IdKind.SNAPSHOT, Docs.SNAPSHOT, id, SnapshotDoc.class);
    }

    /** An image this account made (catalog images are looked up by {@link ImageOps}). */
    public static Optional<ImageDoc> ownImage(StateView view, Env env, String id) {
        return view.get(Docs.IMAGE, env.scope(), id, ImageDoc.class);
    }

    public static Optional<KeyPair> keyPair(StateView view, Env env, String name) {
        return name == null ? Optional.empty() : view.get(Docs.KEY_PAIR, env.scope(), name, KeyPair.class);
    }

    private static <T> T get(StateView view, Env env, IdKind kind, String docKind, String id, Class<T> type) {
        kind.check(id);
        return view.get(docKind, env.scope(), id, type).orElseThrow(() -> kind.notFound(id));
    }
}
