package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.InterfaceAttachment;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.store.StateTx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Network interfaces (ENIs): made on their own or as an instance's primary interface. An instance is a session's
 * {@link NetworkInterfaces}; the static methods are the steps launches, addresses and networks share.
 */
public final class InterfaceOps implements NetworkInterfaces {
    private final Session session;
    private final Env env;

    public InterfaceOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    /**
     * A random locally administered unicast MAC address, as cloud providers hand out. Not a secret, so not from a
     * SecureRandom: setting one up costs every command that opens a session (this class loads with it) a dozen
     * milliseconds.
     */
    static String macAddress() {
        byte[] mac = new byte[6];
        ThreadLocalRandom.current().nextBytes(mac);
        mac[0] = (byte) ((mac[0] & 0xFC) | 0x02);
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    @Override
    public NetworkInterface createNetworkInterface(InterfaceSpec spec) {
        TagOps.validate(spec.tags());
        return session.write(tx -> {
            Subnet subnet = Lookup.subnet(tx, env, spec.subnetId());
            List<GroupRef> groups = NetworkOps.resolveGroups(tx, env, spec.securityGroupIds(), subnet.networkId());
            String id = Ec2IdKind.NETWORK_INTERFACE.mint();
            String ip = spec.privateIp() == null ? Addresses.allocatePrivate(tx, env, subnet, id)
                    : Addresses.reservePrivate(tx, env, subnet, spec.privateIp(), id);
            NetworkInterface eni = new NetworkInterface(id, subnet.id(), subnet.networkId(), subnet.zone(), ip, null,
                    macAddress(), groups, spec.description() == null ? "" : spec.description(), "available", null,
                    spec.tags());
            tx.put(Docs.INTERFACE, env.scope(), id, eni);
            return eni;
        });
    }

    @Override
    public List<NetworkInterface> networkInterfaces() {
        return session.read(view -> view.list(Docs.INTERFACE, env.scope(), NetworkInterface.class));
    }

    /** A walk of the stored interfaces in id order from the cursor: a page reads what it holds. */
    @Override
    public Page<NetworkInterface> networkInterfaces(PageRequest page) {
        return session.read(view -> Page.take(view.scan(Docs.INTERFACE, env.scope(), NetworkInterface.class,
                page.cursor()), page, NetworkInterface::id));
    }

    /** A walk of the tagged interfaces' index from the cursor: the untagged cost nothing to skip. */
    @Override
    public Page<NetworkInterface> taggedNetworkInterfaces(PageRequest page) {
        return session.read(view -> Page.take(TaggedIndex.walk(view, Docs.INTERFACE, env.scope(),
                NetworkInterface.class, page.cursor()), page, NetworkInterface::id));
    }

    /** Each interface asked for read by its id, so the cost follows the ids, not the account's interfaces. */
    @Override
    public List<NetworkInterface> networkInterfaces(Collection<String> ids) {
        return session.read(view -> Lookup.byIds(view, env, Docs.INTERFACE, ids, NetworkInterface.class));
    }

    @Override
    public NetworkInterface attachNetworkInterface(String interfaceId, String instanceId, int deviceIndex) {
        return session.write(tx -> {
            NetworkInterface eni = Lookup.networkInterface(tx, env, interfaceId);
            InstanceDoc instance = Lookup.instance(tx, env, instanceId);
            if (deviceIndex < 1) {
                throw Errors.invalidValue("device index must be at least 1 (0 is the primary interface made at launch)");
            }
            if (Transitions.isGoingOrGone(instance.state())) {
                throw Errors.incorrectInstanceState(instanceId, instance.state(), "attached to");
            }
            if (eni.attachment() != null) {
                throw Errors.invalid("InvalidNetworkInterface.InUse", "Interface " + interfaceId
                        + " is currently in use by " + eni.attachment().instanceId());
            }
            if (!eni.zone().equals(instance.zone()) || !eni.networkId().equals(instance.vpcId())) {
                throw Errors.invalid("InvalidParameterCombination", "You may not attach a network interface to an "
                        + "instance if they are not in the same availability zone and VPC");
            }
            for (String otherId : instance.networkInterfaceIds()) {
                NetworkInterface other = tx.get(Docs.INTERFACE, env.scope(), otherId, NetworkInterface.class).orElse(null);
                if (other != null && other.attachment() != null && other.attachment().deviceIndex() == deviceIndex) {
                    throw Errors.invalidValue("Instance " + instanceId + " already has an interface attached at device index "
                            + deviceIndex);
                }
            }
            NetworkInterface attached = eni.withAttachment("in-use", new InterfaceAttachment(
                    Ec2IdKind.INTERFACE_ATTACHMENT.mint(), instanceId, deviceIndex, false, Env.instant(env.now())));
            tx.put(Docs.INTERFACE, env.scope(), eni.id(), attached);
            List<String> ids = new ArrayList<>(instance.networkInterfaceIds());
            ids.add(eni.id());
            tx.put(Docs.INSTANCE, env.scope(), instance.id(), instance.withDevices(instance.blockDevices(), ids));
            return attached;
        });
    }

    @Override
    public NetworkInterface detachNetworkInterface(String interfaceId, boolean force) {
        return session.write(tx -> {
            NetworkInterface eni = Lookup.networkInterface(tx, env, interfaceId);
            if (eni.attachment() == null) {
                throw Errors.state("IncorrectState", "Interface " + interfaceId + " is not attached");
            }
            if (eni.attachment().deviceIndex() == 0) {
                throw Errors.state("OperationNotPermitted",
                        "The network interface at device index 0 cannot be detached (it goes with the instance)");
            }
            return detachFromInstance(tx, env, eni);
        });
    }

    /** Detaches without checks and drops the interface from its instance's list. */
    static NetworkInterface detachFromInstance(StateTx tx, Env env, NetworkInterface eni) {
        tx.get(Docs.INSTANCE, env.scope(), eni.attachment().instanceId(), InstanceDoc.class).ifPresent(instance -> {
            List<String> ids = new ArrayList<>(instance.networkInterfaceIds());
            ids.remove(eni.id());
            tx.put(Docs.INSTANCE, env.scope(), instance.id(), instance.withDevices(instance.blockDevices(), ids));
        });
        NetworkInterface detached = eni.withAttachment("available", null);
        tx.put(Docs.INTERFACE, env.scope(), eni.id(), detached);
        return detached;
    }

    @Override
    public void deleteNetworkInterface(String interfaceId) {
        session.update(tx -> {
            NetworkInterface eni = Lookup.networkInterface(tx, env, interfaceId);
            if (eni.attachment() != null) {
                throw Errors.state("InvalidNetworkInterface.InUse", "Network interface '" + interfaceId
                        + "' is currently in use by " + eni.attachment().instanceId());
            }
            deleteDoc(tx, env, eni);
        });
    }

    /** Deletes the interface and gives its addresses back. */
    static void deleteDoc(StateTx tx, Env env, NetworkInterface eni) {
        InterfaceAddressOps.forget(tx, env, eni); // secondary and IPv6 addresses go back with it
        Addresses.releasePrivate(tx, env, eni.subnetId(), eni.privateIp());
        ElasticIpOps.giveBack(tx, env, eni.publicIp());
        tx.delete(Docs.INTERFACE, env.scope(), eni.id());
    }

    /** The instance's primary interface with a new public address (or none). */
    static void setPublicIp(StateTx tx, Env env, InstanceDoc instance, String publicIp) {
        for (String id : instance.networkInterfaceIds()) {
            tx.get(Docs.INTERFACE, env.scope(), id, NetworkInterface.class)
                    .filter(n -> n.attachment() != null && n.attachment().deviceIndex() == 0)
                    .ifPresent(n -> tx.put(Docs.INTERFACE, env.scope(), id, new NetworkInterface(n.id(), n.subnetId(),
                            n.networkId(), n.zone(), n.privateIp(), publicIp, n.macAddress(), n.securityGroups(),
                            n.description(), n.status(), n.attachment(), n.tags())));
        }
    }
}
