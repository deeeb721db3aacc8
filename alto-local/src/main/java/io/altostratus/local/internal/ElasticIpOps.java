package io.altostratus.local.internal;

import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Subnet;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.local.internal.Docs.LeaseDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.List;
import java.util.Map;

/**
 * Elastic IPs. An allocated address is a lease of the shared public pool held by its allocation id (ordinary public
 * addresses are held by an interface id), so whoever is about to give a public address back can tell the two apart:
 * an elastic address is only disassociated, never returned to the pool, until it is released. An instance is a
 * session's {@link ElasticAddresses}.
 */
public final class ElasticIpOps implements ElasticAddresses {
    private final Session session;
    private final Env env;

    public ElasticIpOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public Address allocateAddress(Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> {
            String allocationId = Ec2IdKind.ALLOCATION.mint();
            String ip = Addresses.allocatePublic(tx, allocationId);
            Address address = new Address(allocationId, ip, Address.VPC, null, null, null, null, env.account(), tags);
            tx.put(Docs.ADDRESS, env.scope(), allocationId, address);
            return address;
        });
    }

    private static List<Address> list(StateView view, Env env) {
        return view.list(Docs.ADDRESS, env.scope(), Address.class);
    }

    @Override
    public List<Address> addresses() {
        return session.read(view -> list(view, env));
    }

    /** The allocation holding a public address, or null when it is an ordinary (non-elastic) one or not in use. */
    static String allocationOf(StateView view, String publicIp) {
        if (publicIp == null) {
            return null;
        }
        return view.get(Docs.PUBLIC_LEASE, Env.GLOBAL_SCOPE, publicIp, LeaseDoc.class)
                .map(LeaseDoc::holder)
                .filter(holder -> holder.startsWith(Ec2IdKind.ALLOCATION.prefix() + "-"))
                .orElse(null);
    }

    static boolean isElastic(StateView view, String publicIp) {
        return allocationOf(view, publicIp) != null;
    }

    /**
     * Gives back the public address of an interface or instance that is going away: an ordinary one returns to the
     * pool, an elastic one stays allocated and is only disassociated.
     */
    static void giveBack(StateTx tx, Env env, String publicIp) {
        String allocationId = allocationOf(tx, publicIp);
        if (allocationId == null) {
            Addresses.releasePublic(tx, publicIp);
            return;
        }
        tx.get(Docs.ADDRESS, env.scope(), allocationId, Address.class).filter(Address::isAssociated)
                .ifPresent(a -> tx.put(Docs.ADDRESS, env.scope(), allocationId, a.withoutAssociation()));
    }

    @Override
    public Address associateAddress(String allocationId, String instanceId, String interfaceId,
                                    boolean allowReassociation) {
        if ((instanceId == null) == (interfaceId == null)) {
            throw Errors.invalid("InvalidParameterCombination",
                    "associate an address with either an instance or a network interface");
        }
        return session.write(tx -> {
            Address address = Lookup.address(tx, env, allocationId);
            NetworkInterface eni;
            if (instanceId != null) {
                InstanceDoc instance = Lookup.instance(tx, env, instanceId);
                if (Transitions.isGoingOrGone(Transitions.effective(instance, env.now()))) {
                    throw Errors.incorrectInstanceState(instanceId, Transitions.effective(instance, env.now()),
                            "associated with an address");
                }
                eni = primaryInterface(tx, env, instance);
            } else {
                eni = Lookup.networkInterface(tx, env, interfaceId);
            }
            if (address.isAssociated()) {
                if (eni.id().equals(address.networkInterfaceId())) {
                    return address;
                }
                if (!allowReassociation) {
                    throw Errors.duplicate("Resource.AlreadyAssociated", "the address " + address.publicIp()
                            + " (" + allocationId + ") is already associated with " + address.networkInterfaceId());
                }
                unbind(tx, env, address, true);
                eni = Lookup.networkInterface(tx, env, eni.id());
            }
            if (eni.publicIp() != null) {
                // The target's own public address (ordinary or another elastic one) makes way, as in EC2.
                String previous = allocationOf(tx, eni.publicIp());
                if (previous == null) {
                    Addresses.releasePublic(tx, eni.publicIp());
                } else {
                    Address other = Lookup.address(tx, env, previous);
                    tx.put(Docs.ADDRESS, env.scope(), previous, other.withoutAssociation());
                }
            }
            setPublicIp(tx, env, eni, address.publicIp());
            String owner = eni.attachment() == null ? null : eni.attachment().instanceId();
            Address associated = address.withAssociation(Ec2IdKind.ADDRESS_ASSOCIATION.mint(), owner, eni.id(),
                    eni.privateIp());
            tx.put(Docs.ADDRESS, env.scope(), allocationId, associated);
            return associated;
        });
    }

    private static NetworkInterface primaryInterface(StateView view, Env env, InstanceDoc instance) {
        for (String id : instance.networkInterfaceIds()) {
            NetworkInterface eni = view.get(Docs.INTERFACE, env.scope(), id, NetworkInterface.class).orElse(null);
            if (eni != null && eni.attachment() != null && eni.attachment().deviceIndex() == 0) {
                return eni;
            }
        }
        throw Errors.invalid("InvalidInstanceID", "The instance '" + instance.id() + "' has no primary network interface");
    }

    @Override
    public void disassociateAddress(String associationId) {
        session.update(tx -> {
            Ec2IdKind.ADDRESS_ASSOCIATION.check(associationId);
            Address address = list(tx, env).stream().filter(a -> associationId.equals(a.associationId())).findFirst()
                    .orElseThrow(() -> Ec2IdKind.ADDRESS_ASSOCIATION.notFound(associationId));
            unbind(tx, env, address, true);
        });
    }

    /**
     * Ends an association. With {@code refill}, a primary interface of a live instance in a subnet that maps public
     * addresses gets an ordinary one again, as an EC2 instance does when its elastic IP is taken away.
     */
    private static void unbind(StateTx tx, Env env, Address address, boolean refill) {
        tx.put(Docs.ADDRESS, env.scope(), address.allocationId(), address.withoutAssociation());
        NetworkInterface eni = address.networkInterfaceId() == null ? null
                : tx.get(Docs.INTERFACE, env.scope(), address.networkInterfaceId(), NetworkInterface.class).orElse(null);
        if (eni == null || !address.publicIp().equals(eni.publicIp())) {
            return;
        }
        String replacement = null;
        if (refill && eni.attachment() != null && eni.attachment().deviceIndex() == 0) {
            InstanceDoc instance = tx.get(Docs.INSTANCE, env.scope(), eni.attachment().instanceId(), InstanceDoc.class)
                    .orElse(null);
            Subnet subnet = tx.get(Docs.SUBNET, env.scope(), eni.subnetId(), Subnet.class).orElse(null);
            if (instance != null && subnet != null && subnet.mapPublicIpOnLaunch()) {
                InstanceState state = Transitions.effective(instance, env.now());
                if (state == InstanceState.RUNNING || state == InstanceState.PENDING) {
                    replacement = Addresses.allocatePublic(tx, eni.id());
                }
            }
        }
        setPublicIp(tx, env, eni, replacement);
    }

    /** Sets an interface's public address and, for a primary interface, its instance's. */
    private static void setPublicIp(StateTx tx, Env env, NetworkInterface eni, String publicIp) {
        tx.put(Docs.INTERFACE, env.scope(), eni.id(), eni.withPublicIp(publicIp));
        if (eni.attachment() != null && eni.attachment().deviceIndex() == 0) {
            tx.get(Docs.INSTANCE, env.scope(), eni.attachment().instanceId(), InstanceDoc.class).ifPresent(
                    instance -> tx.put(Docs.INSTANCE, env.scope(), instance.id(), instance.withPublicIp(publicIp)));
        }
    }

    @Override
    public void releaseAddress(String allocationId) {
        session.update(tx -> {
            Address address = Lookup.address(tx, env, allocationId);
            if (address.isAssociated()) {
                throw Errors.state("InvalidIPAddress.InUse", "Address " + address.publicIp() + " (" + allocationId
                        + ") is in use by " + address.networkInterfaceId());
            }
            Addresses.releasePublic(tx, address.publicIp());
            tx.delete(Docs.ADDRESS, env.scope(), allocationId);
        });
    }
}
