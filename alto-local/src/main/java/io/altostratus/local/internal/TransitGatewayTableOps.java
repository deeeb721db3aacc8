package io.altostratus.local.internal;

import static io.altostratus.local.internal.TransitGatewayDocs.incorrectState;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.TransitGatewayAttachment;
import io.altostratus.core.ec2.TransitGatewayRoute;
import io.altostratus.core.ec2.TransitGatewayRouteTable;
import io.altostratus.core.model.Network;
import io.altostratus.core.spec.Cidr;
import io.altostratus.local.internal.TransitGatewayDocs.AttachmentDoc;
import io.altostratus.local.internal.TransitGatewayDocs.StaticRoute;
import io.altostratus.local.internal.TransitGatewayDocs.TableDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Transit gateway route tables: their static routes, the routes their propagating VPC attachments bring (the VPC's
 * CIDRs, read at the time of the call, so a VPC's new CIDR shows at once), and which attachments associate with or
 * propagate to them. Route states are computed when read: a route to an attachment that is not available reads as
 * a blackhole.
 */
final class TransitGatewayTableOps {
    private TransitGatewayTableOps() {
    }

    /** A new table of the gateway ({@code pending}, then {@code available}). */
    static TransitGatewayRouteTable make(StateTx tx, Env env, String gatewayId, boolean defaultAssociation,
                                         boolean defaultPropagation, Map<String, String> tags) {
        TransitGatewayRouteTable t = new TransitGatewayRouteTable(Ec2IdKind.TRANSIT_GATEWAY_ROUTE_TABLE.mint(),
                gatewayId, TransitGatewayRouteTable.PENDING, defaultAssociation, defaultPropagation, List.of(),
                Env.instant(env.now()), tags);
        TransitGatewayDocs.putTable(tx, env, t, TransitGatewayRouteTable.AVAILABLE, List.of());
        return t;
    }

    /** Marks which of the gateway's tables are its default association and propagation tables. */
    static void markDefaults(StateTx tx, Env env, String gatewayId, String associationTable,
                             String propagationTable) {
        for (TableDoc doc : ofGateway(tx, env, gatewayId)) {
            TransitGatewayRouteTable t = doc.table();
            boolean association = t.id().equals(associationTable);
            boolean propagation = t.id().equals(propagationTable);
            if (association != t.defaultAssociationRouteTable() || propagation != t.defaultPropagationRouteTable()) {
                TransitGatewayDocs.rewriteTable(tx, env, doc, t.withDefaults(association, propagation),
                        doc.routes());
            }
        }
    }

    private static List<TableDoc> ofGateway(StateView view, Env env, String gatewayId) {
        return TransitGatewayDocs.tableDocs(view, env).stream()
                .filter(d -> d.table().transitGatewayId().equals(gatewayId)).toList();
    }

    /** Starts deleting every table of a gateway being deleted. */
    static void deleteAllOf(StateTx tx, Env env, String gatewayId) {
        for (TableDoc doc : ofGateway(tx, env, gatewayId)) {
            if (!TransitGatewayDocs.read(doc, env.now()).isEnding()) {
                TransitGatewayDocs.putTable(tx, env, doc.table().withState(TransitGatewayRouteTable.DELETING),
                        TransitGatewayRouteTable.DELETED, doc.routes());
            }
        }
    }

    static TransitGatewayRouteTable delete(StateTx tx, Env env, String id) {
        TableDoc doc = TransitGatewayDocs.availableTable(tx, env, id);
        TransitGatewayRouteTable t = TransitGatewayDocs.read(doc, env.now());
        if (t.defaultAssociationRouteTable() || t.defaultPropagationRouteTable()) {
            throw incorrectState("Transit Gateway Route Table " + id + " is a default route table of "
                    + t.transitGatewayId() + "; change the gateway's default route table options first");
        }
        List<String> associated = TransitGatewayDocs.attachments(tx, env).stream()
                .filter(a -> id.equals(a.associatedRouteTableId())).map(TransitGatewayAttachment::id).toList();
        if (!associated.isEmpty()) {
            throw incorrectState("Transit Gateway Route Table " + id + " has associations: "
                    + String.join(", ", associated));
        }
        TransitGatewayRouteTable deleting = t.withPropagations(List.of())
                .withState(TransitGatewayRouteTable.DELETING);
        TransitGatewayDocs.putTable(tx, env, deleting, TransitGatewayRouteTable.DELETED, doc.routes());
        return deleting;
    }

    // ---- routes ---------------------------------------------------------------------------------------------

    static List<TransitGatewayRoute> routes(StateView view, Env env, String tableId) {
        TableDoc doc = TransitGatewayDocs.tableDoc(view, env, tableId);
        Map<String, TransitGatewayAttachment> attachments = new HashMap<>();
        for (TransitGatewayAttachment a : TransitGatewayDocs.attachments(view, env)) {
            attachments.put(a.id(), a);
        }
        Map<String, TransitGatewayRoute> out = new LinkedHashMap<>();
        for (StaticRoute r : doc.routes()) {
            out.put(r.cidr(), staticRoute(r, attachments));
        }
        for (String attachmentId : doc.table().propagatingAttachmentIds()) {
            TransitGatewayAttachment a = attachments.get(attachmentId);
            if (a == null || !a.isAvailable() || !TransitGatewayAttachment.VPC.equals(a.resourceType())) {
                continue;
            }
            if (view.get(Docs.VPC, env.scope(), a.resourceId(), Docs.VpcDoc.class).isEmpty()) {
                continue;
            }
            Network vpc = Lookup.vpc(view, env, a.resourceId());
            for (String cidr : vpc.cidrs()) {
                // A static route for the same block wins over a propagated one, as on EC2.
                out.putIfAbsent(cidr, new TransitGatewayRoute(cidr, TransitGatewayRoute.PROPAGATED,
                        TransitGatewayRoute.ACTIVE, a.id()));
            }
        }
        List<TransitGatewayRoute> sorted = new ArrayList<>(out.values());
        sorted.sort(Comparator.comparing((TransitGatewayRoute r) -> Cidr.parse(r.destinationCidr()).base())
                .thenComparing(r -> Cidr.parse(r.destinationCidr()).prefixLength()));
        return sorted;
    }

    private static TransitGatewayRoute staticRoute(StaticRoute r, Map<String, TransitGatewayAttachment> attachments) {
        TransitGatewayAttachment a = r.attachmentId() == null ? null : attachments.get(r.attachmentId());
        boolean active = !r.blackhole() && a != null && a.isAvailable();
        return new TransitGatewayRoute(r.cidr(), TransitGatewayRoute.STATIC,
                active ? TransitGatewayRoute.ACTIVE : TransitGatewayRoute.BLACKHOLE, r.attachmentId());
    }

    /** Adds a static route, or with {@code replace} points an existing one (static or propagated) elsewhere. */
    static TransitGatewayRoute putRoute(StateTx tx, Env env, String tableId, String destination, String attachmentId,
                                        boolean blackhole, boolean replace) {
        if (blackhole && attachmentId != null) {
            throw Errors.invalid("InvalidParameterCombination",
                    "A route is either a blackhole or goes to an attachment, not both");
        }
        if (!blackhole && attachmentId == null) {
            throw Errors.invalid("MissingParameter", "The request must contain TransitGatewayAttachmentId or "
                    + "Blackhole");
        }
        String cidr = cidr(destination);
        TableDoc doc = TransitGatewayDocs.availableTable(tx, env, tableId);
        if (attachmentId != null) {
            TransitGatewayAttachment a = TransitGatewayDocs.read(TransitGatewayDocs.attachmentDoc(tx, env,
                    attachmentId), env.now());
            if (a.isEnded() || !servesGateway(a, doc.table().transitGatewayId())) {
                throw Errors.invalidValue("Transit Gateway Attachment " + attachmentId + " does not belong to "
                        + doc.table().transitGatewayId());
            }
        }
        List<StaticRoute> routes = new ArrayList<>(doc.routes());
        int at = indexOf(routes, cidr);
        if (replace) {
            boolean known = at >= 0 || routes(tx, env, tableId).stream()
                    .anyMatch(r -> r.destinationCidr().equals(cidr));
            if (!known) {
                throw routeNotFound(tableId, cidr);
            }
        } else if (at >= 0) {
            throw Errors.duplicate("RouteAlreadyExists", "Route " + cidr + " already exists in Transit Gateway "
                    + "Route Table " + tableId);
        }
        StaticRoute route = new StaticRoute(cidr, attachmentId, blackhole);
        if (at >= 0) {
            routes.set(at, route);
        } else {
            routes.add(route);
        }
        TransitGatewayDocs.rewriteTable(tx, env, doc, doc.table(), routes);
        return routes(tx, env, tableId).stream().filter(r -> r.destinationCidr().equals(cidr)).findFirst()
                .orElseThrow();
    }

    static TransitGatewayRoute deleteRoute(StateTx tx, Env env, String tableId, String destination) {
        String cidr = cidr(destination);
        TableDoc doc = TransitGatewayDocs.availableTable(tx, env, tableId);
        TransitGatewayRoute before = routes(tx, env, tableId).stream()
                .filter(r -> r.destinationCidr().equals(cidr)).findFirst().orElse(null);
        List<StaticRoute> routes = new ArrayList<>(doc.routes());
        int at = indexOf(routes, cidr);
        if (at < 0) {
            throw routeNotFound(tableId, cidr);
        }
        routes.remove(at);
        TransitGatewayDocs.rewriteTable(tx, env, doc, doc.table(), routes);
        return new TransitGatewayRoute(cidr, TransitGatewayRoute.STATIC, TransitGatewayRoute.DELETED,
                Objects.requireNonNull(before).attachmentId());
    }

    private static String cidr(String destination) {
        try {
            return Cidr.parse(destination).toString();
        } catch (IllegalArgumentException e) {
            throw Errors.invalidValue("Value (" + destination + ") for parameter DestinationCidrBlock is invalid: "
                    + e.getMessage());
        }
    }

    private static int indexOf(List<StaticRoute> routes, String cidr) {
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i).cidr().equals(cidr)) {
                return i;
            }
        }
        return -1;
    }

    private static io.altostratus.core.error.AltoException routeNotFound(String tableId, String cidr) {
        return Errors.notFound("InvalidRoute.NotFound", "No route with destination " + cidr
                + " in Transit Gateway Route Table " + tableId);
    }

    /** Whether the attachment is one of the gateway's: its own, or either side of a peering. */
    private static boolean servesGateway(TransitGatewayAttachment a, String gatewayId) {
        return a.transitGatewayId().equals(gatewayId)
                || (a.peer() != null && a.peer().transitGatewayId().equals(gatewayId));
    }

    // ---- associations and propagations ----------------------------------------------------------------------

    static TransitGatewayAttachment associate(StateTx tx, Env env, String tableId, String attachmentId) {
        TableDoc table = TransitGatewayDocs.availableTable(tx, env, tableId);
        AttachmentDoc doc = TransitGatewayDocs.attachmentDoc(tx, env, attachmentId);
        TransitGatewayAttachment a = usable(doc, env, table);
        if (a.associatedRouteTableId() != null) {
            throw Errors.duplicate("Resource.AlreadyAssociated", "Transit Gateway Attachment " + attachmentId
                    + " is already associated with a route table (" + a.associatedRouteTableId() + ")");
        }
        TransitGatewayDocs.rewriteAttachment(tx, env, doc, doc.attachment().withAssociation(tableId));
        return a.withAssociation(tableId);
    }

    static TransitGatewayAttachment disassociate(StateTx tx, Env env, String tableId, String attachmentId) {
        TransitGatewayDocs.availableTable(tx, env, tableId);
        AttachmentDoc doc = TransitGatewayDocs.attachmentDoc(tx, env, attachmentId);
        TransitGatewayAttachment a = TransitGatewayDocs.read(doc, env.now());
        if (!tableId.equals(a.associatedRouteTableId())) {
            throw Errors.notFound("InvalidAssociation.NotFound", "Transit Gateway Attachment " + attachmentId
                    + " is not associated with route table " + tableId);
        }
        TransitGatewayDocs.rewriteAttachment(tx, env, doc, doc.attachment().withAssociation(null));
        return a;
    }

    static TransitGatewayRouteTable enablePropagation(StateTx tx, Env env, String tableId, String attachmentId) {
        TableDoc table = TransitGatewayDocs.availableTable(tx, env, tableId);
        TransitGatewayAttachment a = usable(TransitGatewayDocs.attachmentDoc(tx, env, attachmentId), env, table);
        if (TransitGatewayAttachment.PEERING.equals(a.resourceType())) {
            throw Errors.invalidValue("Transit Gateway Attachment " + attachmentId + " is a peering attachment; "
                    + "peering attachments do not propagate routes (use static routes)");
        }
        if (table.table().propagatingAttachmentIds().contains(attachmentId)) {
            throw Errors.duplicate("TransitGatewayRouteTablePropagation.Duplicate", "Transit Gateway Attachment "
                    + attachmentId + " already propagates to route table " + tableId);
        }
        return addPropagation(tx, env, tableId, attachmentId);
    }

    static TransitGatewayRouteTable disablePropagation(StateTx tx, Env env, String tableId, String attachmentId) {
        TableDoc table = TransitGatewayDocs.availableTable(tx, env, tableId);
        TransitGatewayDocs.attachmentDoc(tx, env, attachmentId);
        List<String> propagating = new ArrayList<>(table.table().propagatingAttachmentIds());
        if (!propagating.remove(attachmentId)) {
            throw Errors.notFound("TransitGatewayRouteTablePropagation.NotFound", "Transit Gateway Attachment "
                    + attachmentId + " does not propagate to route table " + tableId);
        }
        TransitGatewayRouteTable changed = table.table().withPropagations(propagating);
        TransitGatewayDocs.rewriteTable(tx, env, table, changed, table.routes());
        return TransitGatewayDocs.read(TransitGatewayDocs.tableDoc(tx, env, tableId), env.now());
    }

    /** Adds a propagation without the checks (a new attachment joining its gateway's default table). */
    static TransitGatewayRouteTable addPropagation(StateTx tx, Env env, String tableId, String attachmentId) {
        TableDoc doc = TransitGatewayDocs.tableDoc(tx, env, tableId);
        List<String> propagating = new ArrayList<>(doc.table().propagatingAttachmentIds());
        propagating.add(attachmentId);
        TransitGatewayDocs.rewriteTable(tx, env, doc, doc.table().withPropagations(propagating), doc.routes());
        return TransitGatewayDocs.read(TransitGatewayDocs.tableDoc(tx, env, tableId), env.now());
    }

    /** Removes an attachment being deleted from every table it propagates to. */
    static void dropPropagations(StateTx tx, Env env, String attachmentId) {
        for (TableDoc doc : TransitGatewayDocs.tableDocs(tx, env)) {
            if (doc.table().propagatingAttachmentIds().contains(attachmentId)) {
                List<String> left = new ArrayList<>(doc.table().propagatingAttachmentIds());
                left.remove(attachmentId);
                TransitGatewayDocs.rewriteTable(tx, env, doc, doc.table().withPropagations(left), doc.routes());
            }
        }
    }

    /** The attachment, available and of the table's gateway. */
    private static TransitGatewayAttachment usable(AttachmentDoc doc, Env env, TableDoc table) {
        TransitGatewayAttachment a = TransitGatewayDocs.read(doc, env.now());
        if (!servesGateway(a, table.table().transitGatewayId())) {
            throw Errors.invalidValue("Transit Gateway Attachment " + a.id() + " does not belong to "
                    + table.table().transitGatewayId() + ", the gateway of route table " + table.table().id());
        }
        if (!a.isAvailable()) {
            throw incorrectState("Transit Gateway Attachment " + a.id() + " is in invalid state (" + a.state() + ")");
        }
        return a;
    }
}
