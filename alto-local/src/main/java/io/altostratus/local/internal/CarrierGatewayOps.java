package io.altostratus.local.internal;

import io.altostratus.core.ec2.CarrierGateway;
import io.altostratus.core.ec2.CarrierGateways;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.model.Network;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Carrier gateways. Stored with the time their transition settles ({@code pending} becomes {@code available},
 * {@code deleting} becomes {@code deleted}), read through the clock; deleted ones stay listed for an hour, like NAT
 * gateways. A live one keeps its VPC from being deleted. An instance is a session's {@link CarrierGateways}.
 */
public final class CarrierGatewayOps implements CarrierGateways {
    static final String KIND = "local.carrier-gateway";
    static final long DELETED_VISIBLE_MS = 60 * 60 * 1000L;

    /** A gateway as stored; {@code deletedAt} is 0 until it is deleted. */
    public record CarrierDoc(CarrierGateway gateway, long settlesAt, long deletedAt) {
    }

    private final Session session;
    private final Env env;

    public CarrierGatewayOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public CarrierGateway createCarrierGateway(String vpcId, Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> {
            Network vpc = Lookup.vpc(tx, env, vpcId);
            CarrierGateway made = new CarrierGateway(Ec2IdKind.CARRIER_GATEWAY.mint(), vpc.id(), env.account(),
                    CarrierGateway.PENDING, tags);
            tx.put(KIND, env.scope(), made.id(), new CarrierDoc(made, env.settleTime(), 0));
            return made;
        });
    }

    @Override
    public List<CarrierGateway> carrierGateways() {
        return session.read(view -> list(view, env));
    }

    @Override
    public CarrierGateway deleteCarrierGateway(String id) {
        return session.write(tx -> {
            Ec2IdKind.CARRIER_GATEWAY.check(id);
            CarrierDoc doc = tx.get(KIND, env.scope(), id, CarrierDoc.class)
                    .filter(d -> !gone(d, env.now())).orElseThrow(() -> Ec2IdKind.CARRIER_GATEWAY.notFound(id));
            CarrierGateway g = settled(doc, env.now());
            if (!g.isLive()) {
                return g;
            }
            CarrierGateway deleting = g.withState(CarrierGateway.DELETING);
            tx.put(KIND, env.scope(), id, new CarrierDoc(deleting, env.settleTime(), env.now()));
            return deleting;
        });
    }

    static List<CarrierGateway> list(StateView view, Env env) {
        List<CarrierGateway> out = new ArrayList<>();
        for (CarrierDoc doc : view.list(KIND, env.scope(), CarrierDoc.class)) {
            if (!gone(doc, env.now())) {
                out.add(settled(doc, env.now()));
            }
        }
        return out;
    }

    /** Changes a gateway's tags (CreateTags and DeleteTags reach gateways through here). */
    static void retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        CarrierDoc doc = tx.get(KIND, env.scope(), id, CarrierDoc.class)
                .orElseThrow(() -> Ec2IdKind.CARRIER_GATEWAY.notFound(id));
        CarrierGateway g = doc.gateway();
        tx.put(KIND, env.scope(), id, new CarrierDoc(g.withTags(change.apply(g.tags())), doc.settlesAt(),
                doc.deletedAt()));
    }

    /**
     * Drops the gateways of a VPC being deleted: deleted ones, and (when the VPC goes with everything in it, a
     * library caller's cascade) live ones.
     */
    static void forget(StateTx tx, Env env, String vpcId) {
        for (CarrierDoc doc : tx.list(KIND, env.scope(), CarrierDoc.class)) {
            if (doc.gateway().vpcId().equals(vpcId)) {
                tx.delete(KIND, env.scope(), doc.gateway().id());
            }
        }
    }

    private static CarrierGateway settled(CarrierDoc doc, long now) {
        CarrierGateway g = doc.gateway();
        if (now < doc.settlesAt()) {
            return g;
        }
        return switch (g.state()) {
            case CarrierGateway.PENDING -> g.withState(CarrierGateway.AVAILABLE);
            case CarrierGateway.DELETING -> g.withState(CarrierGateway.DELETED);
            default -> g;
        };
    }

    private static boolean gone(CarrierDoc doc, long now) {
        return doc.deletedAt() > 0 && now - doc.deletedAt() > DELETED_VISIBLE_MS;
    }
}
