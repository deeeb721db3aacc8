package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.VpcPeeringConnection;
import io.altostratus.core.ec2.VpcPeeringConnection.Side;
import io.altostratus.core.ec2.VpcPeeringConnections;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Network;
import io.altostratus.core.spec.Cidr;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * VPC peering connections between two VPCs of one account and region. A new connection is stored with the time its
 * request settles (to {@code pending-acceptance}, or {@code failed} when the CIDRs overlap), read through the clock
 * like instances; a pending one expires after a week. Ended connections stay listed for two hours, as on EC2. An
 * instance is a session's {@link VpcPeeringConnections}.
 */
public final class VpcPeeringOps implements VpcPeeringConnections {
    static final String KIND = "local.vpc-peering-connection";
    static final long PENDING_MS = 7L * 24 * 60 * 60 * 1000;
    static final long ENDED_VISIBLE_MS = 2L * 60 * 60 * 1000;
    private static final Set<String> ENDED = Set.of(VpcPeeringConnection.REJECTED, VpcPeeringConnection.FAILED,
            VpcPeeringConnection.DELETED, "expired");

    /**
     * A connection as stored: while {@code initiating-request} it reads as {@code settlesTo} from {@code settlesAt};
     * once ended, {@code endedAt} is when.
     */
    public record PeeringDoc(VpcPeeringConnection connection, long settlesAt, String settlesTo, String settlesMessage,
                             long endedAt) {
    }

    private final Session session;
    private final Env env;

    public VpcPeeringOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public VpcPeeringConnection createVpcPeeringConnection(String vpcId, String peerVpcId,
                                                           Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> {
            Network requester = Lookup.vpc(tx, env, vpcId);
            Network accepter = Lookup.vpc(tx, env, peerVpcId);
            if (requester.id().equals(accepter.id())) {
                throw Errors.invalidValue("A VPC cannot be peered with itself (" + vpcId + ")");
            }
            boolean overlap = Cidr.parse(requester.cidr()).overlaps(Cidr.parse(accepter.cidr()));
            long now = env.now();
            VpcPeeringConnection made = new VpcPeeringConnection(Ec2IdKind.VPC_PEERING_CONNECTION.mint(),
                    side(requester), side(accepter), VpcPeeringConnection.INITIATING, "Initiating Request to "
                    + env.account(), Env.instant(now + PENDING_MS), tags);
            String to = overlap ? VpcPeeringConnection.FAILED : VpcPeeringConnection.PENDING_ACCEPTANCE;
            String message = overlap ? "Overlapping CIDRs" : "Pending Acceptance by " + env.account();
            tx.put(KIND, env.scope(), made.id(), new PeeringDoc(made, env.settleTime(), to, message, 0));
            return made;
        });
    }

    private Side side(Network vpc) {
        return new Side(vpc.id(), vpc.cidr(), env.account(), env.region(), false);
    }

    @Override
    public List<VpcPeeringConnection> vpcPeeringConnections() {
        return session.read(view -> {
            List<VpcPeeringConnection> out = new ArrayList<>();
            long now = env.now();
            for (PeeringDoc doc : view.list(KIND, env.scope(), PeeringDoc.class)) {
                VpcPeeringConnection c = settled(doc, now);
                if (!ENDED.contains(c.status()) || now - endedAt(doc, c) <= ENDED_VISIBLE_MS) {
                    out.add(c);
                }
            }
            return out;
        });
    }

    @Override
    public VpcPeeringConnection acceptVpcPeeringConnection(String id) {
        return transition(id, Set.of(VpcPeeringConnection.PENDING_ACCEPTANCE), VpcPeeringConnection.ACTIVE,
                "Active");
    }

    @Override
    public VpcPeeringConnection rejectVpcPeeringConnection(String id) {
        return transition(id, Set.of(VpcPeeringConnection.PENDING_ACCEPTANCE), VpcPeeringConnection.REJECTED,
                "Rejected by " + env.account());
    }

    @Override
    public VpcPeeringConnection deleteVpcPeeringConnection(String id) {
        return transition(id, Set.of(VpcPeeringConnection.PENDING_ACCEPTANCE, VpcPeeringConnection.ACTIVE),
                VpcPeeringConnection.DELETED, "Deleted by " + env.account());
    }

    @Override
    public VpcPeeringConnection modifyVpcPeeringConnectionOptions(String id, Boolean requesterDnsResolution,
                                                                  Boolean accepterDnsResolution) {
        return session.write(tx -> {
            VpcPeeringConnection c = find(tx, id);
            if (!VpcPeeringConnection.ACTIVE.equals(c.status())) {
                throw Errors.state("OperationNotPermitted", "Peering connection " + id
                        + " is not active (it is " + c.status() + "); its options can be changed once active");
            }
            Side requester = requesterDnsResolution == null ? c.requester()
                    : c.requester().withDnsResolution(requesterDnsResolution);
            Side accepter = accepterDnsResolution == null ? c.accepter()
                    : c.accepter().withDnsResolution(accepterDnsResolution);
            VpcPeeringConnection changed = c.withSides(requester, accepter);
            tx.put(KIND, env.scope(), id, new PeeringDoc(changed, 0, null, null, 0));
            return changed;
        });
    }

    private VpcPeeringConnection transition(String id, Set<String> from, String to, String message) {
        return session.write(tx -> {
            VpcPeeringConnection c = find(tx, id);
            if (!from.contains(c.status())) {
                throw Errors.state("InvalidStateTransition", "Invalid state transition for " + id
                        + ", attempted to transition from " + c.status() + " to " + to);
            }
            VpcPeeringConnection changed = c.withStatus(to, message);
            tx.put(KIND, env.scope(), id, new PeeringDoc(changed, 0, null, null,
                    ENDED.contains(to) ? env.now() : 0));
            return changed;
        });
    }

    /** The connection as it reads now; unknown or long ended ones fail with EC2's NotFound. */
    private VpcPeeringConnection find(StateView view, String id) {
        Ec2IdKind.VPC_PEERING_CONNECTION.check(id);
        VpcPeeringConnection c = find(view, env, id);
        if (c == null) {
            throw notFound(id);
        }
        return c;
    }

    /** The connection as it reads now, or null when unknown or long ended (routes read their target so). */
    static VpcPeeringConnection find(StateView view, Env env, String id) {
        PeeringDoc doc = view.get(KIND, env.scope(), id, PeeringDoc.class).orElse(null);
        if (doc == null) {
            return null;
        }
        VpcPeeringConnection c = settled(doc, env.now());
        if (ENDED.contains(c.status()) && env.now() - endedAt(doc, c) > ENDED_VISIBLE_MS) {
            return null;
        }
        return c;
    }

    private static VpcPeeringConnection settled(PeeringDoc doc, long now) {
        VpcPeeringConnection c = doc.connection();
        if (VpcPeeringConnection.INITIATING.equals(c.status()) && doc.settlesTo() != null
                && now >= doc.settlesAt()) {
            c = c.withStatus(doc.settlesTo(), doc.settlesMessage());
        }
        if (VpcPeeringConnection.PENDING_ACCEPTANCE.equals(c.status()) && c.expirationTime() != null
                && now >= c.expirationTime().toEpochMilli()) {
            c = c.withStatus("expired", "Expired");
        }
        return c;
    }

    /** When an ended connection ended: stored for a deliberate end, derived for a failed or expired request. */
    private static long endedAt(PeeringDoc doc, VpcPeeringConnection c) {
        if (doc.endedAt() > 0) {
            return doc.endedAt();
        }
        if ("expired".equals(c.status())) {
            return c.expirationTime().toEpochMilli();
        }
        return doc.settlesAt();
    }

    /** Changes a connection's tags (CreateTags and DeleteTags reach connections through here). */
    static void retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        Ec2IdKind.VPC_PEERING_CONNECTION.check(id);
        PeeringDoc doc = tx.get(KIND, env.scope(), id, PeeringDoc.class).orElseThrow(() -> notFound(id));
        VpcPeeringConnection c = doc.connection();
        tx.put(KIND, env.scope(), id, new PeeringDoc(c.withTags(change.apply(c.tags())), doc.settlesAt(),
                doc.settlesTo(), doc.settlesMessage(), doc.endedAt()));
    }

    static AltoException notFound(String id) {
        return Errors.notFound(Ec2IdKind.VPC_PEERING_CONNECTION.notFoundCode(),
                "The vpcPeeringConnection ID '" + id + "' does not exist");
    }
}
