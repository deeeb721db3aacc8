package io.altostratus.local.internal;

import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.NatGateway;
import io.altostratus.core.ec2.NatGateways;
import io.altostratus.core.model.Subnet;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * NAT gateways. A gateway is stored with the time its transition settles ({@code pending} becomes
 * {@code available}, {@code deleting} becomes {@code deleted}), read through the clock like instances. It leases a
 * private address of its subnet (so the subnet cannot be deleted under it) and, when public, holds its elastic
 * address as an association, so the address cannot be released or moved while the gateway lives. Deleted gateways
 * stay listed for an hour, as on EC2. An instance is a session's {@link NatGateways}.
 */
public final class NatGatewayOps implements NatGateways {
    static final String KIND = "local.nat-gateway";
    /** How long EC2 keeps listing a deleted gateway. */
    static final long DELETED_VISIBLE_MS = 60 * 60 * 1000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A gateway as stored: its state holds from the last change until {@code settlesAt}, then reads as settled. */
    public record NatDoc(NatGateway gateway, long settlesAt) {
    }

    private final Session session;
    private final Env env;

    public NatGatewayOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public NatGateway createNatGateway(String subnetId, String connectivityType, String allocationId,
                                       Map<String, String> tags) {
        TagOps.validate(tags);
        String type = connectivityType == null ? NatGateway.PUBLIC : connectivityType;
        if (!type.equals(NatGateway.PUBLIC) && !type.equals(NatGateway.PRIVATE)) {
            throw Errors.invalidValue("Value (" + connectivityType + ") for parameter connectivityType is invalid. "
                    + "Valid values: public, private");
        }
        if (type.equals(NatGateway.PUBLIC) && allocationId == null) {
            throw Errors.invalid("MissingParameter", "A public NAT gateway needs an elastic IP (AllocationId)");
        }
        if (type.equals(NatGateway.PRIVATE) && allocationId != null) {
            throw Errors.invalidValue("A private NAT gateway takes no elastic IP (AllocationId)");
        }
        return session.write(tx -> {
            Subnet subnet = Lookup.subnet(tx, env, subnetId);
            Address address = allocationId == null ? null : Lookup.address(tx, env, allocationId);
            if (address != null && address.isAssociated()) {
                throw Errors.duplicate("Resource.AlreadyAssociated", "Elastic IP address [" + allocationId
                        + "] is already associated");
            }
            String id = Ec2IdKind.NAT_GATEWAY.mint();
            String eniId = Ec2IdKind.NETWORK_INTERFACE.mint();
            String privateIp = Addresses.allocatePrivate(tx, env, subnet, eniId);
            if (address != null) {
                tx.put(Docs.ADDRESS, env.scope(), allocationId, address.withAssociation(
                        Ec2IdKind.ADDRESS_ASSOCIATION.mint(), null, eniId, privateIp));
            }
            NatGateway gateway = new NatGateway(id, subnet.id(), subnet.networkId(), type, allocationId,
                    address == null ? null : address.publicIp(), privateIp, eniId, NatGateway.PENDING,
                    Env.instant(env.now()), null, tags);
            tx.put(KIND, env.scope(), id, new NatDoc(gateway, env.settleTime()));
            return gateway;
        });
    }

    @Override
    public List<NatGateway> natGateways() {
        return session.read(view -> list(view, env));
    }

    static List<NatGateway> list(StateView view, Env env) {
        List<NatGateway> out = new ArrayList<>();
        for (NatDoc doc : view.list(KIND, env.scope(), NatDoc.class)) {
            NatGateway gateway = settled(doc, env.now());
            if (!gone(gateway, env.now())) {
                out.add(gateway);
            }
        }
        return out;
    }

    /** The gateway as it reads now, or null when unknown or long deleted. */
    static NatGateway find(StateView view, Env env, String id) {
        return view.get(KIND, env.scope(), id, NatDoc.class).map(d -> settled(d, env.now()))
                .filter(g -> !gone(g, env.now())).orElse(null);
    }

    @Override
    public NatGateway deleteNatGateway(String natGatewayId) {
        return session.write(tx -> {
            NatGateway gateway = find(tx, env, natGatewayId);
            if (gateway == null) {
                throw notFound(natGatewayId);
            }
            if (!gateway.isLive()) {
                return gateway;
            }
            // Its addresses go back at once: the subnet and the elastic IP are free for the next step of a teardown.
            Addresses.releasePrivate(tx, env, gateway.subnetId(), gateway.privateIp());
            if (gateway.allocationId() != null) {
                tx.get(Docs.ADDRESS, env.scope(), gateway.allocationId(), Address.class)
                        .filter(a -> gateway.networkInterfaceId().equals(a.networkInterfaceId()))
                        .ifPresent(a -> tx.put(Docs.ADDRESS, env.scope(), a.allocationId(), a.withoutAssociation()));
            }
            NatGateway deleting = gateway.withState(NatGateway.DELETING, Env.instant(env.settleTime()));
            tx.put(KIND, env.scope(), natGatewayId, new NatDoc(deleting, env.settleTime()));
            return deleting;
        });
    }

    /** Changes a gateway's tags (CreateTags and DeleteTags reach gateways through here). */
    static boolean retag(StateTx tx, Env env, String id, java.util.function.UnaryOperator<Map<String, String>> change) {
        var doc = tx.get(KIND, env.scope(), id, NatDoc.class);
        if (doc.isEmpty()) {
            return false;
        }
        NatGateway g = doc.get().gateway();
        tx.put(KIND, env.scope(), id, new NatDoc(g.withTags(change.apply(g.tags())), doc.get().settlesAt()));
        return true;
    }

    static io.altostratus.core.error.AltoException notFound(String id) {
        return Errors.notFound(Ec2IdKind.NAT_GATEWAY.notFoundCode(), "NAT gateway " + id + " was not found");
    }

    private static NatGateway settled(NatDoc doc, long now) {
        NatGateway g = doc.gateway();
        if (now < doc.settlesAt()) {
            return g;
        }
        return switch (g.state()) {
            case NatGateway.PENDING -> g.withState(NatGateway.AVAILABLE, null);
            case NatGateway.DELETING -> g.withState(NatGateway.DELETED, g.deleteTime());
            default -> g;
        };
    }

    private static boolean gone(NatGateway g, long now) {
        return NatGateway.DELETED.equals(g.state()) && g.deleteTime() != null
                && now - g.deleteTime().toEpochMilli() > DELETED_VISIBLE_MS;
    }

}
