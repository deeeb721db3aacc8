package io.altostratus.local.internal;

import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spec.Cidr;
import io.altostratus.local.internal.Docs.RegionMeta;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.List;
import java.util.Map;

/**
 * Makes a region's defaults the first time an account uses it, as AWS does for new accounts: the default VPC
 * 172.31.0.0/16, one default /20 subnet per zone (172.31.0.0/20, 172.31.16.0/20, ...) that maps public addresses,
 * and the VPC's default security group. Deleting them later is allowed and they are not made again.
 */
public final class Bootstrap {
    public static final String DEFAULT_VPC_CIDR = "172.31.0.0/16";

    private Bootstrap() {
    }

    public static boolean isDone(StateView view, Env env) {
        return view.get(Docs.META, env.scope(), Docs.META_ID, RegionMeta.class).isPresent();
    }

    public static void ensure(StateTx tx, Env env) {
        if (isDone(tx, env)) {
            return;
        }
        Network vpc = new Network(IdKind.VPC.mint(), null, DEFAULT_VPC_CIDR, env.region(), true, "available", Map.of());
        tx.put(Docs.VPC, env.scope(), vpc.id(), vpc);
        NetworkOps.putDefaultGroup(tx, env, vpc.id());
        Cidr block = Cidr.parse(DEFAULT_VPC_CIDR);
        List<Zone> zones = env.zones();
        for (int i = 0; i < zones.size() && i < 16; i++) {
            Cidr cidr = new Cidr(block.base() + (long) i * 4096, 20);
            Subnet subnet = new Subnet(IdKind.SUBNET.mint(), null, vpc.id(), cidr.toString(), zones.get(i).name(),
                    Addresses.usable(cidr), true, true, "available", Map.of());
            tx.put(Docs.SUBNET, env.scope(), subnet.id(), subnet);
        }
        tx.put(Docs.META, env.scope(), Docs.META_ID, new RegionMeta(0, 0, Long.MAX_VALUE));
    }

    public static RegionMeta meta(StateView view, Env env) {
        return view.get(Docs.META, env.scope(), Docs.META_ID, RegionMeta.class)
                .orElse(new RegionMeta(0, 0, Long.MAX_VALUE));
    }

    public static void putMeta(StateTx tx, Env env, RegionMeta meta) {
        tx.put(Docs.META, env.scope(), Docs.META_ID, meta);
    }
}
