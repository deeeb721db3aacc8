package io.altostratus.local.internal;

import io.altostratus.core.ec2.DefaultVpcs;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.Cidr;
import java.util.List;
import java.util.Map;

/**
 * Making the default VPC and default subnets again: the VPC as {@link Bootstrap} makes it for a new account, a
 * subnet as the first free /20 of the default VPC's block. An instance is a session's {@link DefaultVpcs}.
 */
public final class DefaultVpcOps implements DefaultVpcs {
    private static final int DEFAULT_SUBNET_PREFIX = 20;

    private final Session session;
    private final Env env;

    public DefaultVpcOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public Network createDefaultVpc() {
        return session.write(tx -> {
            for (Network n : NetworkOps.networks(tx, env)) {
                if (n.isDefault()) {
                    throw Errors.duplicate("DefaultVpcAlreadyExists", "A Default VPC already exists for this account "
                            + "in this region (" + n.id() + ")");
                }
            }
            return Bootstrap.putDefaultVpc(tx, env);
        });
    }

    @Override
    public Subnet createDefaultSubnet(String zone) {
        return session.write(tx -> {
            if (zone == null || env.zone(zone) == null) {
                throw Errors.invalidValue("Value (" + zone + ") for parameter availabilityZone is invalid. "
                        + "Subnets can currently only be created in the zones of " + env.region());
            }
            Network vpc = NetworkOps.networks(tx, env).stream().filter(Network::isDefault).findFirst()
                    .orElseThrow(() -> Errors.invalid("DefaultVpcDoesNotExist",
                            "No default VPC for this user in " + env.region()));
            List<Subnet> siblings = NetworkOps.subnets(tx, env).stream()
                    .filter(s -> s.networkId().equals(vpc.id())).toList();
            for (Subnet s : siblings) {
                if (s.defaultForZone() && zone.equals(s.zone())) {
                    throw Errors.duplicate("DefaultSubnetAlreadyInAvailabilityZone", "Default subnet " + s.id()
                            + " already exists in availability zone " + zone);
                }
            }
            Cidr block = Cidr.parse(vpc.cidr());
            long size = 1L << (32 - DEFAULT_SUBNET_PREFIX);
            for (long base = block.base(); base + size - 1 <= block.last(); base += size) {
                Cidr candidate = new Cidr(base, DEFAULT_SUBNET_PREFIX);
                if (siblings.stream().noneMatch(s -> Cidr.parse(s.cidr()).overlaps(candidate))) {
                    Subnet subnet = new Subnet(io.altostratus.core.ec2.Ec2IdKind.SUBNET.mint(), null, vpc.id(),
                            candidate.toString(), zone, Addresses.usable(candidate), true, true, "available",
                            Map.of());
                    tx.put(Docs.SUBNET, env.scope(), subnet.id(), subnet);
                    AclOps.associateWithDefault(tx, env, subnet);
                    return NetworkOps.subnetView(tx, env, subnet);
                }
            }
            throw Errors.invalid("InsufficientFreeAddressesInSubnet", "The default VPC " + vpc.id()
                    + " has no free /" + DEFAULT_SUBNET_PREFIX + " block left for a default subnet");
        });
    }
}
