package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.EgressOnlyInternetGateway;
import io.altostratus.core.ec2.EgressOnlyInternetGateways;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Network;
import io.altostratus.store.StateTx;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Egress-only internet gateways: a record of the VPC each is attached to (the local cloud carries no traffic). An
 * instance is a session's {@link EgressOnlyInternetGateways}.
 */
public final class EgressOnlyInternetGatewayOps implements EgressOnlyInternetGateways {
    static final String KIND = "local.egress-only-internet-gateway";

    private final Session session;
    private final Env env;

    public EgressOnlyInternetGatewayOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public EgressOnlyInternetGateway createEgressOnlyInternetGateway(String vpcId, Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> {
            Network vpc = Lookup.vpc(tx, env, vpcId);
            EgressOnlyInternetGateway made = new EgressOnlyInternetGateway(
                    Ec2IdKind.EGRESS_ONLY_INTERNET_GATEWAY.mint(), vpc.id(), env.account(), tags);
            tx.put(KIND, env.scope(), made.id(), made);
            return made;
        });
    }

    @Override
    public List<EgressOnlyInternetGateway> egressOnlyInternetGateways() {
        return session.read(view -> view.list(KIND, env.scope(), EgressOnlyInternetGateway.class));
    }

    @Override
    public void deleteEgressOnlyInternetGateway(String id) {
        session.update(tx -> {
            Ec2IdKind.EGRESS_ONLY_INTERNET_GATEWAY.check(id);
            if (tx.get(KIND, env.scope(), id, EgressOnlyInternetGateway.class).isEmpty()) {
                throw notFound(id);
            }
            tx.delete(KIND, env.scope(), id);
        });
    }

    /** Changes a gateway's tags (CreateTags and DeleteTags reach gateways through here). */
    static void retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        Ec2IdKind.EGRESS_ONLY_INTERNET_GATEWAY.check(id);
        EgressOnlyInternetGateway g = tx.get(KIND, env.scope(), id, EgressOnlyInternetGateway.class)
                .orElseThrow(() -> notFound(id));
        tx.put(KIND, env.scope(), id, g.withTags(change.apply(g.tags())));
    }

    static AltoException notFound(String id) {
        return Errors.notFound(Ec2IdKind.EGRESS_ONLY_INTERNET_GATEWAY.notFoundCode(),
                "The egress-only internet gateway ID '" + id + "' does not exist");
    }
}
