package io.altostratus.local.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.Cidr;
import io.altostratus.local.internal.Docs.LeaseDoc;
import io.altostratus.local.internal.Docs.PoolDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;

/**
 * Allocates private addresses from subnets and public addresses from one pool shared by every account and region.
 * Each address in use is a document whose id is the address, so the store itself forbids handing one out twice;
 * a cursor per pool makes allocation go round, so a released address comes back only after the others were used.
 */
public final class Addresses {
    /**
     * Public addresses come from 198.18.0.0/15, the range RFC 2544 sets aside for benchmarking: like the
     * documentation ranges it is never routed on the internet, and unlike them (three /24s, 762 addresses) it holds
     * 131,072, enough for the thousands of instances the local cloud is meant to hold.
     */
    public static final Cidr PUBLIC_POOL = Cidr.parse("198.18.0.0/15");
    private static final String PUBLIC_POOL_ID = PUBLIC_POOL.toString();

    /** AWS keeps the network address, the next three (router, DNS, future use) and the broadcast address. */
    private static final int RESERVED_LOW = 4;

    private Addresses() {
    }

    /** Usable addresses of a block, as AWS counts them. */
    public static long usable(Cidr block) {
        return Math.max(0, block.size() - RESERVED_LOW - 1);
    }

    public static long availableIps(StateView view, Env env, Subnet subnet) {
        long allocated = view.get(Docs.POOL, env.scope(), subnet.id(), PoolDoc.class).map(PoolDoc::allocated).orElse(0L);
        return usable(Cidr.parse(subnet.cidr())) - allocated;
    }

    private static String leaseId(String subnetId, String address) {
        return subnetId + "/" + address;
    }

    /** The next free address of the subnet, leased to {@code holder}. */
    public static String allocatePrivate(StateTx tx, Env env, Subnet subnet, String holder) {
        Cidr block = Cidr.parse(subnet.cidr());
        PoolDoc pool = tx.get(Docs.POOL, env.scope(), subnet.id(), PoolDoc.class)
                .orElse(new PoolDoc(subnet.id(), RESERVED_LOW, 0));
        long usable = usable(block);
        if (pool.allocated() >= usable) {
            throw noFreeAddress(subnet);
        }
        long offset = pool.cursor();
        for (long tried = 0; tried < usable; tried++, offset++) {
            if (offset < RESERVED_LOW || offset > block.size() - 2) {
                offset = RESERVED_LOW;
            }
            String address = Cidr.format(block.base() + offset);
            if (tx.get(Docs.LEASE, env.scope(), leaseId(subnet.id(), address), LeaseDoc.class).isEmpty()) {
                tx.put(Docs.LEASE, env.scope(), leaseId(subnet.id(), address), new LeaseDoc(address, holder));
                tx.put(Docs.POOL, env.scope(), subnet.id(), new PoolDoc(subnet.id(), offset + 1, pool.allocated() + 1));
                return address;
            }
        }
        throw noFreeAddress(subnet);
    }

    /** Leases a chosen address: it must be a usable address of the subnet that nobody holds. */
    public static String reservePrivate(StateTx tx, Env env, Subnet subnet, String address, String holder) {
        Cidr block = Cidr.parse(subnet.cidr());
        long value;
        try {
            value = Cidr.parseAddress(address, address);
        } catch (IllegalArgumentException e) {
            throw Errors.invalidValue("invalid private IP address: " + address);
        }
        long offset = value - block.base();
        if (!block.contains(value) || offset < RESERVED_LOW || offset > block.size() - 2) {
            throw Errors.invalid("InvalidParameterValue", "Address " + address
                    + " is not a usable address of subnet " + subnet.id() + " (" + subnet.cidr() + ")");
        }
        String canonical = Cidr.format(value);
        if (tx.get(Docs.LEASE, env.scope(), leaseId(subnet.id(), canonical), LeaseDoc.class).isPresent()) {
            throw Errors.invalid("InvalidIPAddress.InUse", "Address " + canonical + " is in use");
        }
        PoolDoc pool = tx.get(Docs.POOL, env.scope(), subnet.id(), PoolDoc.class)
                .orElse(new PoolDoc(subnet.id(), RESERVED_LOW, 0));
        tx.put(Docs.LEASE, env.scope(), leaseId(subnet.id(), canonical), new LeaseDoc(canonical, holder));
        tx.put(Docs.POOL, env.scope(), subnet.id(), new PoolDoc(subnet.id(), pool.cursor(), pool.allocated() + 1));
        return canonical;
    }

    public static void releasePrivate(StateTx tx, Env env, String subnetId, String address) {
        if (address == null) {
            return;
        }
        String id = leaseId(subnetId, address);
        if (tx.get(Docs.LEASE, env.scope(), id, LeaseDoc.class).isEmpty()) {
            return;
        }
        tx.delete(Docs.LEASE, env.scope(), id);
        tx.get(Docs.POOL, env.scope(), subnetId, PoolDoc.class).ifPresent(pool -> tx.put(Docs.POOL, env.scope(),
                subnetId, new PoolDoc(subnetId, pool.cursor(), Math.max(0, pool.allocated() - 1))));
    }

    public static String allocatePublic(StateTx tx, String holder) {
        PoolDoc pool = tx.get(Docs.PUBLIC_POOL, Env.GLOBAL_SCOPE, PUBLIC_POOL_ID, PoolDoc.class)
                .orElse(new PoolDoc(PUBLIC_POOL_ID, 1, 0));
        long offset = pool.cursor();
        for (long tried = 0; tried < PUBLIC_POOL.size(); tried++, offset++) {
            if (offset < 1 || offset > PUBLIC_POOL.size() - 2) {
                offset = 1;
            }
            long value = PUBLIC_POOL.base() + offset;
            long lastOctet = value & 0xFF;
            if (lastOctet == 0 || lastOctet == 255) {
                continue; // look like network/broadcast addresses to people reading them
            }
            String address = Cidr.format(value);
            if (tx.get(Docs.PUBLIC_LEASE, Env.GLOBAL_SCOPE, address, LeaseDoc.class).isEmpty()) {
                tx.put(Docs.PUBLIC_LEASE, Env.GLOBAL_SCOPE, address, new LeaseDoc(address, holder));
                tx.put(Docs.PUBLIC_POOL, Env.GLOBAL_SCOPE, PUBLIC_POOL_ID,
                        new PoolDoc(PUBLIC_POOL_ID, offset + 1, pool.allocated() + 1));
                return address;
            }
        }
        throw new AltoException(ErrorCode.INSUFFICIENT_CAPACITY, "AddressLimitExceeded",
                "the local cloud's public address pool " + PUBLIC_POOL + " is exhausted");
    }

    public static void releasePublic(StateTx tx, String address) {
        if (address == null || tx.get(Docs.PUBLIC_LEASE, Env.GLOBAL_SCOPE, address, LeaseDoc.class).isEmpty()) {
            return;
        }
        tx.delete(Docs.PUBLIC_LEASE, Env.GLOBAL_SCOPE, address);
        tx.get(Docs.PUBLIC_POOL, Env.GLOBAL_SCOPE, PUBLIC_POOL_ID, PoolDoc.class).ifPresent(pool ->
                tx.put(Docs.PUBLIC_POOL, Env.GLOBAL_SCOPE, PUBLIC_POOL_ID,
                        new PoolDoc(PUBLIC_POOL_ID, pool.cursor(), Math.max(0, pool.allocated() - 1))));
    }

    /** {@code ip-172-31-5-10.ec2.internal} in us-east-1, {@code ip-172-31-5-10.eu-west-1.compute.internal} elsewhere. */
    public static String privateDnsName(String region, String address) {
        if (address == null) {
            return null;
        }
        String host = "ip-" + address.replace('.', '-');
        return "us-east-1".equals(region) ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
    }

    /** {@code ec2-198-18-0-7.compute-1.amazonaws.com} in us-east-1, {@code ec2-...<region>.compute.amazonaws.com} elsewhere. */
    public static String publicDnsName(String region, String address) {
        if (address == null) {
            return null;
        }
        String host = "ec2-" + address.replace('.', '-');
        return "us-east-1".equals(region) ? host + ".compute-1.amazonaws.com"
                : host + "." + region + ".compute.amazonaws.com";
    }

    private static AltoException noFreeAddress(Subnet subnet) {
        return new AltoException(ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientFreeAddressesInSubnet",
                "There are not enough free addresses in subnet '" + subnet.id() + "' (" + subnet.cidr() + ")");
    }
}
