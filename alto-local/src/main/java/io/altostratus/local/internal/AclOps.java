package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.NetworkAcl.Association;
import io.altostratus.core.ec2.NetworkAcl.Entry;
import io.altostratus.core.model.Subnet;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Network ACLs: each network's default ACL and the association of every subnet with one ACL. */
public final class AclOps {
    private static final String ANYWHERE = "0.0.0.0/0";

    private AclOps() {
    }

    /** AWS's default ACL: rule 100 allows everything each way, and the catch-all denies the rest. */
    static NetworkAcl putDefaultAcl(StateTx tx, Env env, String vpcId) {
        List<Entry> entries = List.of(
                new Entry(100, "-1", "allow", false, ANYWHERE, null, null),
                new Entry(NetworkAcl.LAST_RULE, "-1", "deny", false, ANYWHERE, null, null),
                new Entry(100, "-1", "allow", true, ANYWHERE, null, null),
                new Entry(NetworkAcl.LAST_RULE, "-1", "deny", true, ANYWHERE, null, null));
        NetworkAcl acl = new NetworkAcl(Ec2IdKind.NETWORK_ACL.mint(), vpcId, true, entries, List.of(), env.account(),
                Map.of());
        tx.put(Docs.NETWORK_ACL, env.scope(), acl.id(), acl);
        return acl;
    }

    public static List<NetworkAcl> list(StateView view, Env env) {
        return view.list(Docs.NETWORK_ACL, env.scope(), NetworkAcl.class);
    }

    static List<NetworkAcl> ofNetwork(StateView view, Env env, String vpcId) {
        return list(view, env).stream().filter(a -> vpcId.equals(a.networkId())).toList();
    }

    /** Associates a new subnet with its network's default ACL, as AWS does. */
    static void associateWithDefault(StateTx tx, Env env, Subnet subnet) {
        for (NetworkAcl acl : ofNetwork(tx, env, subnet.networkId())) {
            if (acl.isDefault()) {
                List<Association> associations = new ArrayList<>(acl.associations());
                associations.add(new Association(Ec2IdKind.NETWORK_ACL_ASSOCIATION.mint(), acl.id(), subnet.id()));
                tx.put(Docs.NETWORK_ACL, env.scope(), acl.id(), acl.withAssociations(associations));
                return;
            }
        }
    }

    /** Drops a deleted subnet's association. */
    static void forgetSubnet(StateTx tx, Env env, String subnetId) {
        for (NetworkAcl acl : list(tx, env)) {
            if (acl.associations().stream().anyMatch(a -> subnetId.equals(a.subnetId()))) {
                tx.put(Docs.NETWORK_ACL, env.scope(), acl.id(), acl.withAssociations(
                        acl.associations().stream().filter(a -> !subnetId.equals(a.subnetId())).toList()));
            }
        }
    }
}
