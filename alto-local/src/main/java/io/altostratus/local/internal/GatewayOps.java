package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.model.Network;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.List;
import java.util.Map;

/** Internet gateways: one per network at most, attached and detached without moving any address. */
public final class GatewayOps {
    /** EC2 reports an attached internet gateway's attachment as {@code available} (not {@code attached}). */
    static final String ATTACHED = "available";

    private GatewayOps() {
    }

    public static InternetGateway create(StateTx tx, Env env, Map<String, String> tags) {
        InternetGateway igw = new InternetGateway(Ec2IdKind.INTERNET_GATEWAY.mint(), List.of(), env.account(), tags);
        tx.put(Docs.INTERNET_GATEWAY, env.scope(), igw.id(), igw);
        return igw;
    }

    public static List<InternetGateway> list(StateView view, Env env) {
        return view.list(Docs.INTERNET_GATEWAY, env.scope(), InternetGateway.class);
    }

    /** The gateway attached to the network, or null. */
    static InternetGateway attachedTo(StateView view, Env env, String networkId) {
        for (InternetGateway igw : list(view, env)) {
            if (networkId.equals(igw.attachedNetworkId())) {
                return igw;
            }
        }
        return null;
    }

    public static InternetGateway attach(StateTx tx, Env env, String gatewayId, String networkId) {
        InternetGateway igw = Lookup.internetGateway(tx, env, gatewayId);
        Network vpc = Lookup.vpc(tx, env, networkId);
        if (igw.attachedNetworkId() != null) {
            throw Errors.duplicate("Resource.AlreadyAssociated", "resource " + gatewayId
                    + " is already attached to network " + igw.attachedNetworkId());
        }
        InternetGateway other = attachedTo(tx, env, vpc.id());
        if (other != null) {
            throw Errors.duplicate("Resource.AlreadyAssociated", "resource " + vpc.id()
                    + " is already attached to network gateway " + other.id());
        }
        InternetGateway attached = igw.withAttachments(List.of(new InternetGateway.Attachment(vpc.id(), ATTACHED)));
        tx.put(Docs.INTERNET_GATEWAY, env.scope(), igw.id(), attached);
        return attached;
    }

    public static InternetGateway detach(StateTx tx, Env env, String gatewayId, String networkId) {
        InternetGateway igw = Lookup.internetGateway(tx, env, gatewayId);
        Lookup.vpc(tx, env, networkId);
        if (!networkId.equals(igw.attachedNetworkId())) {
            throw Errors.state("Gateway.NotAttached", "resource " + gatewayId + " is not attached to network "
                    + networkId);
        }
        // Routes to it stay and read as blackholes, as in AWS.
        InternetGateway detached = igw.withAttachments(List.of());
        tx.put(Docs.INTERNET_GATEWAY, env.scope(), igw.id(), detached);
        return detached;
    }

    public static void delete(StateTx tx, Env env, String gatewayId) {
        InternetGateway igw = Lookup.internetGateway(tx, env, gatewayId);
        if (igw.attachedNetworkId() != null) {
            throw Errors.dependency("The internetGateway '" + gatewayId
                    + "' has dependencies and cannot be deleted: it is attached to " + igw.attachedNetworkId());
        }
        tx.delete(Docs.INTERNET_GATEWAY, env.scope(), gatewayId);
    }
}
