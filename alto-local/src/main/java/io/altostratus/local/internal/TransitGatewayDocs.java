package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.TransitGateway;
import io.altostratus.core.ec2.TransitGatewayAttachment;
import io.altostratus.core.ec2.TransitGatewayRouteTable;
import io.altostratus.core.error.AltoException;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How transit gateways, their attachments and route tables are stored and read back. Each document holds the state
 * set by the last call and the time it settles ({@code pending} becomes {@code available}, {@code deleting} becomes
 * {@code deleted}, ...), read through the clock like instances. Ended ones stay listed for an hour, as on EC2.
 */
final class TransitGatewayDocs {
    static final String GATEWAY = "local.transit-gateway";
    static final String ATTACHMENT = "local.transit-gateway-attachment";
    static final String TABLE = "local.transit-gateway-route-table";
    /** How long EC2 keeps listing a deleted (or rejected) resource. */
    static final long ENDED_VISIBLE_MS = 60 * 60 * 1000L;

    private TransitGatewayDocs() {
    }

    /** A gateway as stored: {@code settlesTo} from {@code settlesAt} (null when settled). */
    public record GatewayDoc(TransitGateway gateway, long settlesAt, String settlesTo) {
    }

    /**
     * An attachment as stored. {@code addresses} are the private addresses it holds, by subnet (one interface per
     * subnet, as EC2 makes); {@code endedAt} is when it ended (0 while live).
     */
    public record AttachmentDoc(TransitGatewayAttachment attachment, long settlesAt, String settlesTo, long endedAt,
                                Map<String, String> addresses) {
        public AttachmentDoc {
            addresses = addresses == null ? Map.of() : Map.copyOf(addresses);
        }
    }

    /** A static route as asked for: to an attachment, or a blackhole. */
    public record StaticRoute(String cidr, String attachmentId, boolean blackhole) {
    }

    /** A route table as stored, with its static routes. */
    public record TableDoc(TransitGatewayRouteTable table, long settlesAt, String settlesTo,
                           List<StaticRoute> routes) {
        public TableDoc {
            routes = routes == null ? List.of() : List.copyOf(routes);
        }
    }

    // ---- gateways -------------------------------------------------------------------------------------------

    static TransitGateway read(GatewayDoc doc, long now) {
        TransitGateway g = doc.gateway();
        return doc.settlesTo() != null && now >= doc.settlesAt() ? g.withState(doc.settlesTo()) : g;
    }

    static List<TransitGateway> gateways(StateView view, Env env) {
        List<TransitGateway> out = new ArrayList<>();
        for (GatewayDoc doc : view.list(GATEWAY, env.scope(), GatewayDoc.class)) {
            TransitGateway g = read(doc, env.now());
            if (!gone(TransitGateway.DELETED.equals(g.state()), doc.settlesAt(), env.now())) {
                out.add(g);
            }
        }
        return out;
    }

    /** The gateway as it reads now, or null when unknown or long deleted. */
    static TransitGateway gateway(StateView view, Env env, String id) {
        GatewayDoc doc = view.get(GATEWAY, env.scope(), id, GatewayDoc.class).orElse(null);
        if (doc == null) {
            return null;
        }
        TransitGateway g = read(doc, env.now());
        return gone(TransitGateway.DELETED.equals(g.state()), doc.settlesAt(), env.now()) ? null : g;
    }

    /** The gateway, which must exist; a malformed or unknown id fails with EC2's codes. */
    static TransitGateway existingGateway(StateView view, Env env, String id) {
        Ec2IdKind.TRANSIT_GATEWAY.check(id);
        TransitGateway g = gateway(view, env, id);
        if (g == null) {
            throw gatewayNotFound(id);
        }
        return g;
    }

    /** The gateway, which must be available: a step on one in any other state fails with IncorrectState. */
    static TransitGateway availableGateway(StateView view, Env env, String id) {
        TransitGateway g = existingGateway(view, env, id);
        if (!TransitGateway.AVAILABLE.equals(g.state())) {
            throw incorrectState("Transit Gateway " + id + " is in invalid state (" + g.state() + ")");
        }
        return g;
    }

    static void putGateway(StateTx tx, Env env, TransitGateway g, String settlesTo) {
        tx.put(GATEWAY, env.scope(), g.id(), new GatewayDoc(g, settlesTo == null ? 0 : env.settleTime(), settlesTo));
    }

    // ---- attachments ----------------------------------------------------------------------------------------

    static TransitGatewayAttachment read(AttachmentDoc doc, long now) {
        TransitGatewayAttachment a = doc.attachment();
        return doc.settlesTo() != null && now >= doc.settlesAt() ? a.withState(doc.settlesTo()) : a;
    }

    static List<AttachmentDoc> attachmentDocs(StateView view, Env env) {
        List<AttachmentDoc> out = new ArrayList<>();
        for (AttachmentDoc doc : view.list(ATTACHMENT, env.scope(), AttachmentDoc.class)) {
            if (!gone(doc.endedAt() > 0, doc.endedAt(), env.now())) {
                out.add(doc);
            }
        }
        return out;
    }

    static List<TransitGatewayAttachment> attachments(StateView view, Env env) {
        return attachmentDocs(view, env).stream().map(d -> read(d, env.now())).toList();
    }

    static AttachmentDoc attachmentDoc(StateView view, Env env, String id) {
        Ec2IdKind.TRANSIT_GATEWAY_ATTACHMENT.check(id);
        AttachmentDoc doc = view.get(ATTACHMENT, env.scope(), id, AttachmentDoc.class).orElse(null);
        if (doc == null || gone(doc.endedAt() > 0, doc.endedAt(), env.now())) {
            throw attachmentNotFound(id);
        }
        return doc;
    }

    /** Stores an attachment; {@code settlesTo} null when its state is final, and when it ended if it did. */
    static void putAttachment(StateTx tx, Env env, TransitGatewayAttachment a, String settlesTo, long endedAt,
                              Map<String, String> addresses) {
        tx.put(ATTACHMENT, env.scope(), a.id(), new AttachmentDoc(a, settlesTo == null ? 0 : env.settleTime(),
                settlesTo, endedAt, addresses));
    }

    /** Whether the gateway routes to the VPC now: both available and attached. */
    static boolean routes(StateView view, Env env, String transitGatewayId, String vpcId) {
        TransitGateway g = gateway(view, env, transitGatewayId);
        return g != null && TransitGateway.AVAILABLE.equals(g.state()) && attachments(view, env).stream()
                .anyMatch(a -> a.isAvailable() && isVpcAttachment(a, transitGatewayId, vpcId));
    }

    /** Whether the VPC has an attachment to the gateway that has not ended (a VPC route may then point at it). */
    static boolean attached(StateView view, Env env, String transitGatewayId, String vpcId) {
        return attachments(view, env).stream().anyMatch(a -> !a.isEnded()
                && isVpcAttachment(a, transitGatewayId, vpcId));
    }

    private static boolean isVpcAttachment(TransitGatewayAttachment a, String transitGatewayId, String vpcId) {
        return TransitGatewayAttachment.VPC.equals(a.resourceType()) && a.transitGatewayId().equals(transitGatewayId)
                && a.resourceId().equals(vpcId);
    }

    // ---- route tables ---------------------------------------------------------------------------------------

    static TransitGatewayRouteTable read(TableDoc doc, long now) {
        TransitGatewayRouteTable t = doc.table();
        return doc.settlesTo() != null && now >= doc.settlesAt() ? t.withState(doc.settlesTo()) : t;
    }

    static List<TableDoc> tableDocs(StateView view, Env env) {
        List<TableDoc> out = new ArrayList<>();
        for (TableDoc doc : view.list(TABLE, env.scope(), TableDoc.class)) {
            if (!gone(TransitGatewayRouteTable.DELETED.equals(read(doc, env.now()).state()), doc.settlesAt(),
                    env.now())) {
                out.add(doc);
            }
        }
        return out;
    }

    static TableDoc tableDoc(StateView view, Env env, String id) {
        Ec2IdKind.TRANSIT_GATEWAY_ROUTE_TABLE.check(id);
        TableDoc doc = view.get(TABLE, env.scope(), id, TableDoc.class).orElse(null);
        if (doc == null || gone(TransitGatewayRouteTable.DELETED.equals(read(doc, env.now()).state()),
                doc.settlesAt(), env.now())) {
            throw tableNotFound(id);
        }
        return doc;
    }

    /** The table, which must be available. */
    static TableDoc availableTable(StateView view, Env env, String id) {
        TableDoc doc = tableDoc(view, env, id);
        TransitGatewayRouteTable t = read(doc, env.now());
        if (!TransitGatewayRouteTable.AVAILABLE.equals(t.state())) {
            throw incorrectState("Transit Gateway Route Table " + id + " is in invalid state (" + t.state() + ")");
        }
        return doc;
    }

    static void putTable(StateTx tx, Env env, TransitGatewayRouteTable t, String settlesTo,
                         List<StaticRoute> routes) {
        tx.put(TABLE, env.scope(), t.id(), new TableDoc(t, settlesTo == null ? 0 : env.settleTime(), settlesTo,
                routes));
    }

    /**
     * Stores changed content of a table (derived from the stored one), keeping its transition: settled now, the
     * settled state is written; still under way, it stays so.
     */
    static void rewriteTable(StateTx tx, Env env, TableDoc doc, TransitGatewayRouteTable changed,
                             List<StaticRoute> routes) {
        boolean settled = doc.settlesTo() == null || env.now() >= doc.settlesAt();
        String state = settled && doc.settlesTo() != null ? doc.settlesTo() : doc.table().state();
        tx.put(TABLE, env.scope(), changed.id(), new TableDoc(changed.withState(state),
                settled ? 0 : doc.settlesAt(), settled ? null : doc.settlesTo(), routes));
    }

    /** Stores changed content of an attachment (derived from the stored one), keeping its transition. */
    static void rewriteAttachment(StateTx tx, Env env, AttachmentDoc doc, TransitGatewayAttachment changed) {
        boolean settled = doc.settlesTo() == null || env.now() >= doc.settlesAt();
        String state = settled && doc.settlesTo() != null ? doc.settlesTo() : doc.attachment().state();
        tx.put(ATTACHMENT, env.scope(), changed.id(), new AttachmentDoc(changed.withState(state),
                settled ? 0 : doc.settlesAt(), settled ? null : doc.settlesTo(), doc.endedAt(), doc.addresses()));
    }

    // ---- tags and errors ------------------------------------------------------------------------------------

    /** Changes the tags of a gateway, attachment or route table (CreateTags and DeleteTags reach them here). */
    static void retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        Ec2IdKind kind = Ec2IdKind.ofId(id);
        if (kind == Ec2IdKind.TRANSIT_GATEWAY_ATTACHMENT) {
            AttachmentDoc doc = attachmentDoc(tx, env, id);
            TransitGatewayAttachment a = doc.attachment();
            tx.put(ATTACHMENT, env.scope(), id, new AttachmentDoc(a.withTags(change.apply(a.tags())),
                    doc.settlesAt(), doc.settlesTo(), doc.endedAt(), doc.addresses()));
        } else if (kind == Ec2IdKind.TRANSIT_GATEWAY_ROUTE_TABLE) {
            TableDoc doc = tableDoc(tx, env, id);
            TransitGatewayRouteTable t = doc.table();
            tx.put(TABLE, env.scope(), id, new TableDoc(t.withTags(change.apply(t.tags())), doc.settlesAt(),
                    doc.settlesTo(), doc.routes()));
        } else {
            existingGateway(tx, env, id);
            GatewayDoc doc = tx.get(GATEWAY, env.scope(), id, GatewayDoc.class).orElseThrow();
            TransitGateway g = doc.gateway();
            tx.put(GATEWAY, env.scope(), id, new GatewayDoc(g.withTags(change.apply(g.tags())), doc.settlesAt(),
                    doc.settlesTo()));
        }
    }

    static AltoException incorrectState(String message) {
        return Errors.state("IncorrectState", message);
    }

    static AltoException gatewayNotFound(String id) {
        return Errors.notFound(Ec2IdKind.TRANSIT_GATEWAY.notFoundCode(),
                "Transit Gateway " + id + " was deleted or does not exist.");
    }

    static AltoException attachmentNotFound(String id) {
        return Errors.notFound(Ec2IdKind.TRANSIT_GATEWAY_ATTACHMENT.notFoundCode(),
                "Transit Gateway Attachment " + id + " was deleted or does not exist.");
    }

    static AltoException tableNotFound(String id) {
        return Errors.notFound(Ec2IdKind.TRANSIT_GATEWAY_ROUTE_TABLE.notFoundCode(),
                "Transit Gateway Route Table " + id + " was deleted or does not exist.");
    }

    private static boolean gone(boolean ended, long endedAt, long now) {
        return ended && now - endedAt > ENDED_VISIBLE_MS;
    }
}
