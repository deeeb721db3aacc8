package io.altostratus.local.internal;

import io.altostratus.core.ec2.InterfaceAddresses;
import io.altostratus.core.ec2.NetworkInterfaceAttributes;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.Cidr;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.local.internal.Docs.LeaseDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secondary private addresses, IPv6 addresses and the attributes of interfaces. What the portable interface record
 * lacks is a document beside it ({@link InterfaceAddresses}, only for interfaces that have something); secondary
 * IPv4 addresses are leased from the subnet like primary ones (held by the interface), IPv6 addresses are leased
 * apart, by address, so none is handed out twice. An instance is a session's {@link NetworkInterfaceAttributes}.
 */
public final class InterfaceAddressOps implements NetworkInterfaceAttributes {
    static final String KIND = "local.interface-addresses";
    static final String IPV6_LEASE = "local.ipv6-lease";
    /** Addresses per interface, the primary included: EC2's limit for mid-size instance types. */
    static final int MAX_PRIVATE_IPS = 30;
    static final int MAX_IPV6 = 30;

    private final Session session;
    private final Env env;

    public InterfaceAddressOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public InterfaceAddresses assignPrivateIpAddresses(String networkInterfaceId, List<String> addresses, int count,
                                                       boolean allowReassignment) {
        return session.write(tx -> {
            NetworkInterface eni = Lookup.networkInterface(tx, env, networkInterfaceId);
            Subnet subnet = Lookup.subnet(tx, env, eni.subnetId());
            InterfaceAddresses current = addresses(tx, env, eni.id());
            List<String> secondary = new ArrayList<>(current.secondaryPrivateIps());
            int wanted = addresses.isEmpty() ? count : addresses.size();
            if (wanted <= 0) {
                throw Errors.invalid("MissingParameter", "Give PrivateIpAddresses or SecondaryPrivateIpAddressCount");
            }
            if (1 + secondary.size() + wanted > MAX_PRIVATE_IPS) {
                throw Errors.invalid("PrivateIpAddressLimitExceeded", "Number of private addresses will exceed "
                        + "limit of " + MAX_PRIVATE_IPS + " for " + eni.id());
            }
            for (String requested : addresses) {
                String address = canonicalIpv4(requested);
                if (address.equals(eni.privateIp()) || secondary.contains(address)) {
                    continue;
                }
                String holder = tx.get(Docs.LEASE, env.scope(), subnet.id() + "/" + address, LeaseDoc.class)
                        .map(LeaseDoc::holder).orElse(null);
                if (holder != null) {
                    if (!allowReassignment || !takeFrom(tx, env, holder, subnet.id(), address)) {
                        throw Errors.invalid("InvalidIPAddress.InUse", "Address " + address
                                + " is in use" + (allowReassignment ? " as a primary address" : ""));
                    }
                }
                secondary.add(Addresses.reservePrivate(tx, env, subnet, address, eni.id()));
            }
            if (addresses.isEmpty()) {
                for (int i = 0; i < count; i++) {
                    secondary.add(Addresses.allocatePrivate(tx, env, subnet, eni.id()));
                }
            }
            return put(tx, env, new InterfaceAddresses(eni.id(), secondary, current.ipv6Addresses(),
                    current.sourceDestCheck()));
        });
    }

    @Override
    public InterfaceAddresses unassignPrivateIpAddresses(String networkInterfaceId, List<String> addresses) {
        if (addresses.isEmpty()) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter PrivateIpAddress");
        }
        return session.write(tx -> {
            NetworkInterface eni = Lookup.networkInterface(tx, env, networkInterfaceId);
            InterfaceAddresses current = addresses(tx, env, eni.id());
            List<String> secondary = new ArrayList<>(current.secondaryPrivateIps());
            for (String requested : addresses) {
                String address = canonicalIpv4(requested);
                if (!secondary.remove(address)) {
                    throw Errors.invalidValue("Some of the specified addresses are not assigned to interface "
                            + eni.id() + ": " + address + (address.equals(eni.privateIp())
                            ? " is its primary address, which cannot be unassigned" : ""));
                }
                Addresses.releasePrivate(tx, env, eni.subnetId(), address);
            }
            return put(tx, env, new InterfaceAddresses(eni.id(), secondary, current.ipv6Addresses(),
                    current.sourceDestCheck()));
        });
    }

    @Override
    public InterfaceAddresses assignIpv6Addresses(String networkInterfaceId, List<String> addresses, int count) {
        return session.write(tx -> {
            NetworkInterface eni = Lookup.networkInterface(tx, env, networkInterfaceId);
            Ipv6.Block block = VpcCidrOps.subnetIpv6Block(tx, env, eni.subnetId());
            if (block == null) {
                throw Errors.invalidValue("The subnet " + eni.subnetId() + " of " + eni.id()
                        + " has no IPv6 CIDR block");
            }
            InterfaceAddresses current = addresses(tx, env, eni.id());
            List<String> v6 = new ArrayList<>(current.ipv6Addresses());
            int wanted = addresses.isEmpty() ? count : addresses.size();
            if (wanted <= 0) {
                throw Errors.invalid("MissingParameter", "Give Ipv6Addresses or Ipv6AddressCount");
            }
            if (v6.size() + wanted > MAX_IPV6) {
                throw Errors.invalid("Ipv6AddressLimitExceeded", "Number of IPv6 addresses will exceed limit of "
                        + MAX_IPV6 + " for " + eni.id());
            }
            for (String requested : addresses) {
                BigInteger value;
                try {
                    value = Ipv6.parseAddress(requested);
                } catch (IllegalArgumentException e) {
                    throw Errors.invalidValue("Value (" + requested + ") for parameter ipv6Addresses is invalid. "
                            + e.getMessage());
                }
                if (!block.contains(value)) {
                    throw Errors.invalidValue("Address " + requested + " is not in the subnet's IPv6 block " + block);
                }
                String address = Ipv6.format(value);
                if (v6.contains(address)) {
                    continue;
                }
                if (tx.get(IPV6_LEASE, env.scope(), address, LeaseDoc.class).isPresent()) {
                    throw Errors.invalid("InvalidIPAddress.InUse", "Address " + address + " is in use");
                }
                tx.put(IPV6_LEASE, env.scope(), address, new LeaseDoc(address, eni.id()));
                v6.add(address);
            }
            if (addresses.isEmpty()) {
                v6.addAll(leaseIpv6(tx, env, block, eni.id(), count));
            }
            return put(tx, env, new InterfaceAddresses(eni.id(), current.secondaryPrivateIps(), v6,
                    current.sourceDestCheck()));
        });
    }

    @Override
    public InterfaceAddresses unassignIpv6Addresses(String networkInterfaceId, List<String> addresses) {
        if (addresses.isEmpty()) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter Ipv6Addresses");
        }
        return session.write(tx -> {
            NetworkInterface eni = Lookup.networkInterface(tx, env, networkInterfaceId);
            InterfaceAddresses current = addresses(tx, env, eni.id());
            List<String> v6 = new ArrayList<>(current.ipv6Addresses());
            for (String requested : addresses) {
                String address;
                try {
                    address = Ipv6.canonical(requested);
                } catch (IllegalArgumentException e) {
                    throw Errors.invalidValue("Value (" + requested + ") for parameter ipv6Addresses is invalid.");
                }
                if (!v6.remove(address)) {
                    throw Errors.invalidValue("Some of the specified addresses are not assigned to interface "
                            + eni.id() + ": " + address);
                }
                tx.delete(IPV6_LEASE, env.scope(), address);
            }
            return put(tx, env, new InterfaceAddresses(eni.id(), current.secondaryPrivateIps(), v6,
                    current.sourceDestCheck()));
        });
    }

    @Override
    public InterfaceAddresses interfaceAddresses(String networkInterfaceId) {
        return session.read(view -> addresses(view, env, Lookup.networkInterface(view, env, networkInterfaceId).id()));
    }

    @Override
    public Map<String, InterfaceAddresses> allInterfaceAddresses() {
        return session.read(view -> {
            Map<String, InterfaceAddresses> out = new LinkedHashMap<>();
            for (InterfaceAddresses a : view.list(KIND, env.scope(), InterfaceAddresses.class)) {
                out.put(a.networkInterfaceId(), a);
            }
            return out;
        });
    }

    @Override
    public NetworkInterface modifyNetworkInterface(String networkInterfaceId, String description,
                                                   Boolean sourceDestCheck, List<String> groupIds) {
        return session.write(tx -> {
            NetworkInterface eni = Lookup.networkInterface(tx, env, networkInterfaceId);
            List<GroupRef> groups = eni.securityGroups();
            if (groupIds != null) {
                if (groupIds.isEmpty()) {
                    throw Errors.invalid("MissingParameter", "An interface needs at least one security group");
                }
                groups = NetworkOps.resolveGroups(tx, env, groupIds, eni.networkId());
            }
            NetworkInterface changed = new NetworkInterface(eni.id(), eni.subnetId(), eni.networkId(), eni.zone(),
                    eni.privateIp(), eni.publicIp(), eni.macAddress(), groups,
                    description == null ? eni.description() : description, eni.status(), eni.attachment(),
                    eni.tags());
            tx.put(Docs.INTERFACE, env.scope(), eni.id(), changed);
            if (groupIds != null && eni.attachment() != null && eni.attachment().deviceIndex() == 0) {
                regroupInstance(tx, env, eni.attachment().instanceId(), groups);
            }
            if (sourceDestCheck != null) {
                InterfaceAddresses current = addresses(tx, env, eni.id());
                put(tx, env, new InterfaceAddresses(eni.id(), current.secondaryPrivateIps(),
                        current.ipv6Addresses(), sourceDestCheck));
            }
            return changed;
        });
    }

    // ---- steps other areas share ------------------------------------------------------------------------------

    /** The interface's extra addresses and check, or none. */
    static InterfaceAddresses addresses(StateView view, Env env, String eniId) {
        return view.get(KIND, env.scope(), eniId, InterfaceAddresses.class)
                .orElseGet(() -> InterfaceAddresses.none(eniId));
    }

    /**
     * Gives an interface being deleted its extra addresses back (the interface's own deletion releases only its
     * primary one).
     */
    public static void forget(StateTx tx, Env env, NetworkInterface eni) {
        InterfaceAddresses a = addresses(tx, env, eni.id());
        for (String address : a.secondaryPrivateIps()) {
            Addresses.releasePrivate(tx, env, eni.subnetId(), address);
        }
        for (String address : a.ipv6Addresses()) {
            tx.delete(IPV6_LEASE, env.scope(), address);
        }
        tx.delete(KIND, env.scope(), eni.id());
    }

    /**
     * Gives a new interface an IPv6 address when its subnet has AssignIpv6AddressOnCreation on, as EC2 does; the
     * interface-making paths (CreateNetworkInterface, launches) call this in their transaction. Returns the
     * address, or null when the subnet gives none.
     */
    public static String onInterfaceCreated(StateTx tx, Env env, NetworkInterface eni) {
        boolean assign = tx.get(VpcCidrOps.IPV6_ON_CREATION, env.scope(), eni.subnetId(),
                VpcCidrOps.Ipv6OnCreationDoc.class).map(VpcCidrOps.Ipv6OnCreationDoc::assign).orElse(false);
        Ipv6.Block block = assign ? VpcCidrOps.subnetIpv6Block(tx, env, eni.subnetId()) : null;
        if (block == null) {
            return null;
        }
        String address = leaseIpv6(tx, env, block, eni.id(), 1).get(0);
        InterfaceAddresses current = addresses(tx, env, eni.id());
        List<String> v6 = new ArrayList<>(current.ipv6Addresses());
        v6.add(address);
        put(tx, env, new InterfaceAddresses(eni.id(), current.secondaryPrivateIps(), v6, current.sourceDestCheck()));
        return address;
    }

    /** Leases {@code count} free IPv6 addresses of the block to the interface. */
    static List<String> leaseIpv6(StateTx tx, Env env, Ipv6.Block block, String eniId, int count) {
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            String address = Ipv6.format(block.randomAddress());
            // 2^64 addresses per /64: a clash is all but impossible, but a taken one is simply skipped.
            if (tx.get(IPV6_LEASE, env.scope(), address, LeaseDoc.class).isEmpty()) {
                tx.put(IPV6_LEASE, env.scope(), address, new LeaseDoc(address, eniId));
                out.add(address);
            }
        }
        return out;
    }

    private static InterfaceAddresses put(StateTx tx, Env env, InterfaceAddresses a) {
        if (a.secondaryPrivateIps().isEmpty() && a.ipv6Addresses().isEmpty() && a.sourceDestCheck()) {
            tx.delete(KIND, env.scope(), a.networkInterfaceId());
        } else {
            tx.put(KIND, env.scope(), a.networkInterfaceId(), a);
        }
        return a;
    }

    /** Moves a secondary address away from the interface holding it; false when it is someone's primary address. */
    private static boolean takeFrom(StateTx tx, Env env, String holder, String subnetId, String address) {
        InterfaceAddresses owner = addresses(tx, env, holder);
        if (!owner.secondaryPrivateIps().contains(address)) {
            return false;
        }
        List<String> rest = new ArrayList<>(owner.secondaryPrivateIps());
        rest.remove(address);
        put(tx, env, new InterfaceAddresses(holder, rest, owner.ipv6Addresses(), owner.sourceDestCheck()));
        Addresses.releasePrivate(tx, env, subnetId, address);
        return true;
    }

    /** An instance's groups follow its primary interface's, as on EC2. */
    private static void regroupInstance(StateTx tx, Env env, String instanceId, List<GroupRef> groups) {
        tx.get(Docs.INSTANCE, env.scope(), instanceId, InstanceDoc.class).ifPresent(d -> tx.put(Docs.INSTANCE,
                env.scope(), instanceId, new InstanceDoc(d.id(), d.zone(), d.state(), d.settlesAt(), d.stateReason(),
                        d.imageId(), d.instanceType(), d.architecture(), d.privateIp(), d.publicIp(), d.keyName(),
                        d.vpcId(), d.subnetId(), groups, d.blockDevices(), d.networkInterfaceIds(),
                        d.rootDeviceName(), d.clientToken(), d.tags(), d.launchTime(), d.bootCount(),
                        d.disableApiTermination(), d.reservationId(), d.launchIndex(), d.metadataOptions(),
                        d.spotRequestId())));
    }

    private static String canonicalIpv4(String text) {
        try {
            return Cidr.format(Cidr.parseAddress(text, text));
        } catch (IllegalArgumentException e) {
            throw Errors.invalidValue("Value (" + text + ") for parameter privateIpAddress is invalid.");
        }
    }
}
