package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spec.Cidr;
import io.altostratus.local.internal.Docs.RegionMeta;
import io.altostratus.local.internal.Docs.SchemaDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.List;
import java.util.Map;

/**
 * Makes a region's defaults the first time an account uses it, as AWS does for new accounts: the default VPC
 * 172.31.0.0/16, one default /20 subnet per zone (172.31.0.0/20, 172.31.16.0/20, ...) that maps public addresses,
 * the VPC's default security group, its main route table (routing 0.0.0.0/0 to an attached internet gateway) and its
 * default network ACL. Deleting them later is allowed and they are not made again.
 *
 * <p>A store made by an older version (before route tables, ACLs, gateways and rule ids) is brought up to date on
 * its first write: every VPC gets what it lacks of those, as if it had been made now.
 */
public final class Bootstrap {
    public static final String DEFAULT_VPC_CIDR = "172.31.0.0/16";

    private Bootstrap() {
    }

    /** The version of what a region's defaults include; see {@link SchemaDoc}. */
    static final int SCHEMA_VERSION = 1;
    private static final String SCHEMA_ID = "schema";

    public static boolean isDone(StateView view, Env env) {
        return view.get(Docs.META, env.scope(), Docs.META_ID, RegionMeta.class).isPresent()
                && view.get(Docs.SCHEMA, env.scope(), SCHEMA_ID, SchemaDoc.class)
                        .map(d -> d.version() >= SCHEMA_VERSION).orElse(false);
    }

    public static void ensure(StateTx tx, Env env) {
        if (isDone(tx, env)) {
            return;
        }
        if (view(tx, env).isPresent()) {
            upgrade(tx, env);
        } else {
            makeDefaults(tx, env);
        }
        tx.put(Docs.SCHEMA, env.scope(), SCHEMA_ID, new SchemaDoc(SCHEMA_VERSION));
    }

    private static java.util.Optional<RegionMeta> view(StateView view, Env env) {
        return view.get(Docs.META, env.scope(), Docs.META_ID, RegionMeta.class);
    }

    private static void makeDefaults(StateTx tx, Env env) {
        putDefaultVpc(tx, env);
        tx.put(Docs.META, env.scope(), Docs.META_ID, new RegionMeta(0, 0, Long.MAX_VALUE));
    }

    /** Makes a default VPC with its gateway, defaults and one default subnet per zone (CreateDefaultVpc too). */
    static Network putDefaultVpc(StateTx tx, Env env) {
        // The default VPC resolves names and gives public DNS names, unlike a new VPC (AWS's defaults).
        Network vpc = new Network(Ec2IdKind.VPC.mint(), null, List.of(DEFAULT_VPC_CIDR), env.region(), true,
                "available", true, true, Map.of());
        tx.put(Docs.VPC, env.scope(), vpc.id(), Docs.VpcDoc.of(vpc));
        InternetGateway igw = GatewayOps.create(tx, env, Map.of());
        GatewayOps.attach(tx, env, igw.id(), vpc.id());
        NetworkOps.putNetworkDefaults(tx, env, vpc, igw.id());
        Cidr block = Cidr.parse(DEFAULT_VPC_CIDR);
        List<Zone> zones = env.zones();
        for (int i = 0; i < zones.size() && i < 16; i++) {
            Cidr cidr = new Cidr(block.base() + (long) i * 4096, 20);
            Subnet subnet = new Subnet(Ec2IdKind.SUBNET.mint(), null, vpc.id(), cidr.toString(), zones.get(i).name(),
                    Addresses.usable(cidr), true, true, "available", Map.of());
            tx.put(Docs.SUBNET, env.scope(), subnet.id(), subnet);
            AclOps.associateWithDefault(tx, env, subnet);
        }
        return vpc;
    }

    /** Gives every VPC of an older store the gateway, route table, ACL and rule ids it would have if made now. */
    private static void upgrade(StateTx tx, Env env) {
        for (Network vpc : NetworkOps.networks(tx, env)) {
            Network current = vpc;
            if (vpc.isDefault() && !vpc.enableDnsSupport() && !vpc.enableDnsHostnames()) {
                // Stored before the DNS flags existed: a default VPC's are both on.
                current = vpc.withDns(true, true);
                tx.put(Docs.VPC, env.scope(), vpc.id(), Docs.VpcDoc.of(current));
            }
            if (RouteOps.ofNetwork(tx, env, vpc.id()).isEmpty()) {
                String igwId = null;
                if (vpc.isDefault() && GatewayOps.attachedTo(tx, env, vpc.id()) == null) {
                    igwId = GatewayOps.create(tx, env, Map.of()).id();
                    GatewayOps.attach(tx, env, igwId, vpc.id());
                }
                RouteOps.putMainTable(tx, env, current, igwId);
            }
            if (AclOps.ofNetwork(tx, env, vpc.id()).isEmpty()) {
                AclOps.putDefaultAcl(tx, env, vpc.id());
                for (Subnet subnet : NetworkOps.subnets(tx, env)) {
                    if (subnet.networkId().equals(vpc.id())) {
                        AclOps.associateWithDefault(tx, env, subnet);
                    }
                }
            }
        }
        for (SecurityGroup group : NetworkOps.groups(tx, env)) {
            if (tx.get(Docs.GROUP_RULES, env.scope(), group.id(), Docs.GroupRulesDoc.class).isEmpty()) {
                GroupRuleOps.sync(tx, env, group);
            }
        }
    }

    public static RegionMeta meta(StateView view, Env env) {
        return view.get(Docs.META, env.scope(), Docs.META_ID, RegionMeta.class)
                .orElse(new RegionMeta(0, 0, Long.MAX_VALUE));
    }

    public static void putMeta(StateTx tx, Env env, RegionMeta meta) {
        tx.put(Docs.META, env.scope(), Docs.META_ID, meta);
    }
}
