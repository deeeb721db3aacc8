package io.altostratus.local.internal;

import static io.altostratus.local.internal.TransitGatewayDocs.incorrectState;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.TransitGateway;
import io.altostratus.core.ec2.TransitGatewayAttachment;
import io.altostratus.core.ec2.TransitGatewayAttachment.VpcOptions;
import io.altostratus.core.ec2.TransitGatewayRoute;
import io.altostratus.core.ec2.TransitGatewayRouteTable;
import io.altostratus.core.ec2.TransitGateways;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.local.internal.TransitGatewayDocs.AttachmentDoc;
import io.altostratus.store.StateTx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transit gateways and their attachments; route tables, routes, associations and propagations are in
 * {@link TransitGatewayTableOps}. A VPC attachment holds a private address in each of its subnets (EC2 puts an
 * interface there), so the subnets show the addresses as used. An instance is a session's {@link TransitGateways}.
 */
public final class TransitGatewayOps implements TransitGateways {
    /** EC2's private ASN ranges for the Amazon side of a gateway. */
    private static final long ASN16_LOW = 64512;
    private static final long ASN16_HIGH = 65534;
    private static final long ASN32_LOW = 4200000000L;
    private static final long ASN32_HIGH = 4294967294L;

    private final Session session;
    private final Env env;

    public TransitGatewayOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    // ---- gateways -------------------------------------------------------------------------------------------

    @Override
    public TransitGateway createTransitGateway(String description, TransitGateway.OptionsChange options,
                                               Map<String, String> tags) {
        TagOps.validate(tags);
        TransitGateway.OptionsChange o = options == null ? TransitGateway.OptionsChange.NONE : options;
        long asn = o.amazonSideAsn() == null ? TransitGateway.DEFAULT_ASN : checkAsn(o.amazonSideAsn());
        boolean association = o.defaultRouteTableAssociation() == null || o.defaultRouteTableAssociation();
        boolean propagation = o.defaultRouteTablePropagation() == null || o.defaultRouteTablePropagation();
        return session.write(tx -> {
            String id = Ec2IdKind.TRANSIT_GATEWAY.mint();
            String defaultTable = association || propagation
                    ? TransitGatewayTableOps.make(tx, env, id, association, propagation, Map.of()).id() : null;
            TransitGateway g = new TransitGateway(id, env.account(), description, TransitGateway.PENDING,
                    new TransitGateway.Options(asn, Boolean.TRUE.equals(o.autoAcceptSharedAttachments()),
                            association, association ? defaultTable : null, propagation,
                            propagation ? defaultTable : null, o.dnsSupport() == null || o.dnsSupport(),
                            o.vpnEcmpSupport() == null || o.vpnEcmpSupport()),
                    Env.instant(env.now()), tags);
            TransitGatewayDocs.putGateway(tx, env, g, TransitGateway.AVAILABLE);
            return g;
        });
    }

    private static long checkAsn(long asn) {
        if (!(asn >= ASN16_LOW && asn <= ASN16_HIGH) && !(asn >= ASN32_LOW && asn <= ASN32_HIGH)) {
            throw Errors.invalidValue("The value " + asn + " for AmazonSideAsn is invalid: it must be in the private "
                    + "ranges 64512-65534 or 4200000000-4294967294");
        }
        return asn;
    }

    @Override
    public List<TransitGateway> transitGateways() {
        return session.read(view -> TransitGatewayDocs.gateways(view, env));
    }

    @Override
    public TransitGateway modifyTransitGateway(String id, String description, TransitGateway.OptionsChange change) {
        TransitGateway.OptionsChange c = change == null ? TransitGateway.OptionsChange.NONE : change;
        return session.write(tx -> {
            TransitGateway g = TransitGatewayDocs.availableGateway(tx, env, id);
            TransitGateway.Options o = g.options();
            long asn = o.amazonSideAsn();
            if (c.amazonSideAsn() != null && c.amazonSideAsn() != asn) {
                asn = checkAsn(c.amazonSideAsn());
                List<String> live = liveAttachments(tx, id);
                if (!live.isEmpty()) {
                    throw incorrectState("The Amazon side ASN of " + id + " can change only while it has no "
                            + "attachments; it has " + String.join(", ", live));
                }
            }
            boolean association = c.defaultRouteTableAssociation() == null ? o.defaultRouteTableAssociation()
                    : c.defaultRouteTableAssociation();
            boolean propagation = c.defaultRouteTablePropagation() == null ? o.defaultRouteTablePropagation()
                    : c.defaultRouteTablePropagation();
            String associationTable = !association ? null : c.associationDefaultRouteTableId() != null
                    ? ownTable(tx, id, c.associationDefaultRouteTableId()) : o.associationDefaultRouteTableId();
            String propagationTable = !propagation ? null : c.propagationDefaultRouteTableId() != null
                    ? ownTable(tx, id, c.propagationDefaultRouteTableId()) : o.propagationDefaultRouteTableId();
            if ((association && associationTable == null) || (propagation && propagationTable == null)) {
                // Turning a default back on without naming a table gets a fresh one, as at creation.
                String made = TransitGatewayTableOps.make(tx, env, id, false, false, Map.of()).id();
                associationTable = association && associationTable == null ? made : associationTable;
                propagationTable = propagation && propagationTable == null ? made : propagationTable;
            }
            TransitGatewayTableOps.markDefaults(tx, env, id, associationTable, propagationTable);
            TransitGateway changed = g.withOptions(description == null ? g.description() : description,
                    new TransitGateway.Options(asn, c.autoAcceptSharedAttachments() == null
                            ? o.autoAcceptSharedAttachments() : c.autoAcceptSharedAttachments(),
                            association, associationTable, propagation, propagationTable,
                            c.dnsSupport() == null ? o.dnsSupport() : c.dnsSupport(),
                            c.vpnEcmpSupport() == null ? o.vpnEcmpSupport() : c.vpnEcmpSupport()));
            TransitGateway modifying = changed.withState(TransitGateway.MODIFYING);
            TransitGatewayDocs.putGateway(tx, env, modifying, TransitGateway.AVAILABLE);
            return modifying;
        });
    }

    private String ownTable(StateTx tx, String gatewayId, String tableId) {
        TransitGatewayRouteTable t = TransitGatewayDocs.read(TransitGatewayDocs.tableDoc(tx, env, tableId),
                env.now());
        if (!t.transitGatewayId().equals(gatewayId) || t.isEnding()) {
            throw Errors.invalidValue("Route table " + tableId + " does not belong to transit gateway " + gatewayId);
        }
        return tableId;
    }

    @Override
    public TransitGateway deleteTransitGateway(String id) {
        return session.write(tx -> {
            TransitGateway g = TransitGatewayDocs.existingGateway(tx, env, id);
            if (g.isEnding() || TransitGateway.PENDING.equals(g.state())) {
                throw incorrectState("Transit Gateway " + id + " is in invalid state (" + g.state() + ")");
            }
            List<String> live = liveAttachments(tx, id);
            if (!live.isEmpty()) {
                throw incorrectState(id + " has non-deleted Transit Gateway Attachments: " + String.join(", ", live));
            }
            TransitGatewayTableOps.deleteAllOf(tx, env, id);
            TransitGateway deleting = g.withState(TransitGateway.DELETING);
            TransitGatewayDocs.putGateway(tx, env, deleting, TransitGateway.DELETED);
            return deleting;
        });
    }

    /** The attachments of a gateway (either side of a peering) not yet deleted (deleting ones count, as on EC2). */
    private List<String> liveAttachments(StateTx tx, String gatewayId) {
        return TransitGatewayDocs.attachments(tx, env).stream()
                .filter(a -> !a.isEnded() || TransitGatewayAttachment.DELETING.equals(a.state()))
                .filter(a -> a.transitGatewayId().equals(gatewayId)
                        || (a.peer() != null && a.peer().transitGatewayId().equals(gatewayId)))
                .map(TransitGatewayAttachment::id).sorted().toList();
    }

    // ---- VPC attachments ------------------------------------------------------------------------------------

    @Override
    public TransitGatewayAttachment createVpcAttachment(String transitGatewayId, String vpcId, List<String> subnetIds,
                                                        VpcOptions options, Map<String, String> tags) {
        TagOps.validate(tags);
        if (subnetIds == null || subnetIds.isEmpty()) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter SubnetIds");
        }
        return session.write(tx -> {
            TransitGateway g = TransitGatewayDocs.availableGateway(tx, env, transitGatewayId);
            Network vpc = Lookup.vpc(tx, env, vpcId);
            List<Subnet> subnets = subnetsOf(tx, vpc, subnetIds, List.of());
            for (TransitGatewayAttachment a : TransitGatewayDocs.attachments(tx, env)) {
                if (!a.isEnded() && TransitGatewayAttachment.VPC.equals(a.resourceType())
                        && a.transitGatewayId().equals(transitGatewayId) && a.resourceId().equals(vpcId)) {
                    throw Errors.invalid("DuplicateTransitGatewayAttachment", transitGatewayId + " has non-deleted "
                            + "Transit Gateway Attachments with same VPC ID: " + a.id());
                }
            }
            String id = Ec2IdKind.TRANSIT_GATEWAY_ATTACHMENT.mint();
            Map<String, String> addresses = new LinkedHashMap<>();
            for (Subnet s : subnets) {
                addresses.put(s.id(), Addresses.allocatePrivate(tx, env, s, id));
            }
            TransitGateway.Options o = g.options();
            String associated = o.defaultRouteTableAssociation() ? o.associationDefaultRouteTableId() : null;
            TransitGatewayAttachment made = new TransitGatewayAttachment(id, transitGatewayId, env.account(),
                    TransitGatewayAttachment.VPC, vpcId, TransitGatewayAttachment.PENDING,
                    subnets.stream().map(Subnet::id).toList(), options == null ? VpcOptions.DEFAULT : options, null,
                    associated, Env.instant(env.now()), tags);
            TransitGatewayDocs.putAttachment(tx, env, made, TransitGatewayAttachment.AVAILABLE, 0, addresses);
            if (o.defaultRouteTablePropagation() && o.propagationDefaultRouteTableId() != null) {
                TransitGatewayTableOps.addPropagation(tx, env, o.propagationDefaultRouteTableId(), id);
            }
            return made;
        });
    }

    /**
     * The named subnets, all in the VPC, at most one per zone counting those the attachment keeps; EC2's
     * {@code DuplicateSubnetsInSameZone} otherwise.
     */
    private List<Subnet> subnetsOf(StateTx tx, Network vpc, List<String> subnetIds, List<String> kept) {
        Set<String> zones = new HashSet<>();
        for (String keptId : kept) {
            zones.add(Lookup.subnet(tx, env, keptId).zone());
        }
        List<Subnet> out = new ArrayList<>();
        for (String subnetId : subnetIds) {
            Subnet s = Lookup.subnet(tx, env, subnetId);
            if (!vpc.id().equals(s.networkId())) {
                throw Errors.invalidValue("Subnet " + subnetId + " is not in VPC " + vpc.id());
            }
            if (!zones.add(s.zone())) {
                throw Errors.invalid("DuplicateSubnetsInSameZone", "Duplicate Subnets for same AvailabilityZone ("
                        + s.zone() + "): a transit gateway attachment takes one subnet per zone");
            }
            out.add(s);
        }
        return out;
    }

    @Override
    public TransitGatewayAttachment modifyVpcAttachment(String id, List<String> addSubnetIds,
                                                        List<String> removeSubnetIds, VpcOptions options) {
        List<String> add = addSubnetIds == null ? List.of() : addSubnetIds;
        List<String> remove = removeSubnetIds == null ? List.of() : removeSubnetIds;
        return session.write(tx -> {
            AttachmentDoc doc = vpcAttachment(tx, id);
            TransitGatewayAttachment a = TransitGatewayDocs.read(doc, env.now());
            if (!a.isAvailable()) {
                throw incorrectState("Transit Gateway Attachment " + id + " is in invalid state (" + a.state() + ")");
            }
            List<String> kept = new ArrayList<>(a.subnetIds());
            Map<String, String> addresses = new LinkedHashMap<>(doc.addresses());
            for (String r : remove) {
                if (!kept.remove(r)) {
                    throw Errors.invalidValue("Subnet " + r + " is not part of Transit Gateway Attachment " + id);
                }
            }
            List<Subnet> added = subnetsOf(tx, Lookup.vpc(tx, env, a.resourceId()), add, kept);
            if (kept.isEmpty() && added.isEmpty()) {
                throw Errors.invalidValue("Transit Gateway Attachment " + id + " needs at least one subnet");
            }
            for (String r : remove) {
                String address = addresses.remove(r);
                if (address != null) {
                    Addresses.releasePrivate(tx, env, r, address);
                }
            }
            for (Subnet s : added) {
                kept.add(s.id());
                addresses.put(s.id(), Addresses.allocatePrivate(tx, env, s, id));
            }
            TransitGatewayAttachment modifying = a.withSubnets(kept, options == null ? a.options() : options)
                    .withState(TransitGatewayAttachment.MODIFYING);
            TransitGatewayDocs.putAttachment(tx, env, modifying, TransitGatewayAttachment.AVAILABLE, 0, addresses);
            return modifying;
        });
    }

    private AttachmentDoc vpcAttachment(StateTx tx, String id) {
        AttachmentDoc doc = TransitGatewayDocs.attachmentDoc(tx, env, id);
        if (!TransitGatewayAttachment.VPC.equals(doc.attachment().resourceType())) {
            throw TransitGatewayDocs.attachmentNotFound(id);
        }
        return doc;
    }

    // ---- peering attachments --------------------------------------------------------------------------------

    @Override
    public TransitGatewayAttachment createPeeringAttachment(String transitGatewayId, String peerTransitGatewayId,
                                                            String peerAccountId, String peerRegion,
                                                            Map<String, String> tags) {
        TagOps.validate(tags);
        if (peerAccountId != null && !peerAccountId.equals(env.account())) {
            throw Errors.invalid("UnsupportedOperation", "The local cloud peers transit gateways of the same "
                    + "account only (asked for " + peerAccountId + ")");
        }
        if (peerRegion != null && !peerRegion.equals(env.region())) {
            throw Errors.invalid("UnsupportedOperation", "The local cloud peers transit gateways of the same "
                    + "region only (asked for " + peerRegion + ")");
        }
        return session.write(tx -> {
            TransitGatewayDocs.availableGateway(tx, env, transitGatewayId);
            TransitGatewayDocs.availableGateway(tx, env, peerTransitGatewayId);
            if (transitGatewayId.equals(peerTransitGatewayId)) {
                throw Errors.invalidValue("A transit gateway cannot peer with itself (" + transitGatewayId + ")");
            }
            for (TransitGatewayAttachment a : TransitGatewayDocs.attachments(tx, env)) {
                if (!a.isEnded() && a.peer() != null && Set.of(a.transitGatewayId(), a.peer().transitGatewayId())
                        .equals(Set.of(transitGatewayId, peerTransitGatewayId))) {
                    throw Errors.invalid("DuplicateTransitGatewayAttachment", transitGatewayId + " and "
                            + peerTransitGatewayId + " are already peered by " + a.id());
                }
            }
            TransitGatewayAttachment made = new TransitGatewayAttachment(
                    Ec2IdKind.TRANSIT_GATEWAY_ATTACHMENT.mint(), transitGatewayId, env.account(),
                    TransitGatewayAttachment.PEERING, peerTransitGatewayId,
                    TransitGatewayAttachment.INITIATING_REQUEST, List.of(), null,
                    new TransitGatewayAttachment.Peer(peerTransitGatewayId, env.account(), env.region()), null,
                    Env.instant(env.now()), tags);
            TransitGatewayDocs.putAttachment(tx, env, made, TransitGatewayAttachment.PENDING_ACCEPTANCE, 0,
                    Map.of());
            return made;
        });
    }

    @Override
    public TransitGatewayAttachment acceptPeeringAttachment(String id) {
        return session.write(tx -> {
            TransitGatewayAttachment a = pendingPeering(tx, id);
            TransitGatewayAttachment accepted = a.withState(TransitGatewayAttachment.PENDING);
            TransitGatewayDocs.putAttachment(tx, env, accepted, TransitGatewayAttachment.AVAILABLE, 0, Map.of());
            return accepted;
        });
    }

    @Override
    public TransitGatewayAttachment rejectPeeringAttachment(String id) {
        return session.write(tx -> {
            TransitGatewayAttachment rejected = pendingPeering(tx, id).withState(TransitGatewayAttachment.REJECTED);
            TransitGatewayDocs.putAttachment(tx, env, rejected, null, env.now(), Map.of());
            return rejected;
        });
    }

    private TransitGatewayAttachment pendingPeering(StateTx tx, String id) {
        AttachmentDoc doc = TransitGatewayDocs.attachmentDoc(tx, env, id);
        TransitGatewayAttachment a = TransitGatewayDocs.read(doc, env.now());
        if (!TransitGatewayAttachment.PEERING.equals(a.resourceType())) {
            throw TransitGatewayDocs.attachmentNotFound(id);
        }
        if (!TransitGatewayAttachment.PENDING_ACCEPTANCE.equals(a.state())) {
            throw incorrectState("Transit Gateway Attachment " + id + " is in invalid state (" + a.state()
                    + "); only a pendingAcceptance peering can be accepted or rejected");
        }
        return a;
    }

    @Override
    public TransitGatewayAttachment deleteAttachment(String id, String resourceType) {
        return session.write(tx -> {
            AttachmentDoc doc = TransitGatewayDocs.attachmentDoc(tx, env, id);
            TransitGatewayAttachment a = TransitGatewayDocs.read(doc, env.now());
            if (!a.resourceType().equals(resourceType)) {
                throw TransitGatewayDocs.attachmentNotFound(id);
            }
            if (a.isEnded() || TransitGatewayAttachment.MODIFYING.equals(a.state())) {
                throw incorrectState("Transit Gateway Attachment " + id + " is in invalid state (" + a.state() + ")");
            }
            doc.addresses().forEach((subnetId, address) -> Addresses.releasePrivate(tx, env, subnetId, address));
            TransitGatewayTableOps.dropPropagations(tx, env, id);
            TransitGatewayAttachment deleting = a.withAssociation(null).withState(TransitGatewayAttachment.DELETING);
            TransitGatewayDocs.putAttachment(tx, env, deleting, TransitGatewayAttachment.DELETED, env.settleTime(),
                    Map.of());
            return deleting;
        });
    }

    @Override
    public List<TransitGatewayAttachment> transitGatewayAttachments() {
        return session.read(view -> TransitGatewayDocs.attachments(view, env));
    }

    // ---- route tables (see TransitGatewayTableOps) ----------------------------------------------------------

    @Override
    public TransitGatewayRouteTable createRouteTable(String transitGatewayId, Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> {
            TransitGatewayDocs.availableGateway(tx, env, transitGatewayId);
            return TransitGatewayTableOps.make(tx, env, transitGatewayId, false, false, tags);
        });
    }

    @Override
    public List<TransitGatewayRouteTable> transitGatewayRouteTables() {
        return session.read(view -> TransitGatewayDocs.tableDocs(view, env).stream()
                .map(d -> TransitGatewayDocs.read(d, env.now())).toList());
    }

    @Override
    public TransitGatewayRouteTable deleteRouteTable(String id) {
        return session.write(tx -> TransitGatewayTableOps.delete(tx, env, id));
    }

    @Override
    public List<TransitGatewayRoute> routes(String routeTableId) {
        return session.read(view -> TransitGatewayTableOps.routes(view, env, routeTableId));
    }

    @Override
    public TransitGatewayRoute createRoute(String routeTableId, String destinationCidr, String attachmentId,
                                           boolean blackhole) {
        return session.write(tx -> TransitGatewayTableOps.putRoute(tx, env, routeTableId, destinationCidr,
                attachmentId, blackhole, false));
    }

    @Override
    public TransitGatewayRoute replaceRoute(String routeTableId, String destinationCidr, String attachmentId,
                                            boolean blackhole) {
        return session.write(tx -> TransitGatewayTableOps.putRoute(tx, env, routeTableId, destinationCidr,
                attachmentId, blackhole, true));
    }

    @Override
    public TransitGatewayRoute deleteRoute(String routeTableId, String destinationCidr) {
        return session.write(tx -> TransitGatewayTableOps.deleteRoute(tx, env, routeTableId, destinationCidr));
    }

    @Override
    public TransitGatewayAttachment associate(String routeTableId, String attachmentId) {
        return session.write(tx -> TransitGatewayTableOps.associate(tx, env, routeTableId, attachmentId));
    }

    @Override
    public TransitGatewayAttachment disassociate(String routeTableId, String attachmentId) {
        return session.write(tx -> TransitGatewayTableOps.disassociate(tx, env, routeTableId, attachmentId));
    }

    @Override
    public TransitGatewayRouteTable enablePropagation(String routeTableId, String attachmentId) {
        return session.write(tx -> TransitGatewayTableOps.enablePropagation(tx, env, routeTableId, attachmentId));
    }

    @Override
    public TransitGatewayRouteTable disablePropagation(String routeTableId, String attachmentId) {
        return session.write(tx -> TransitGatewayTableOps.disablePropagation(tx, env, routeTableId, attachmentId));
    }

    /** Changes the tags of a gateway, attachment or route table (CreateTags and DeleteTags reach them here). */
    public static void retag(StateTx tx, Env env, String id,
                             java.util.function.UnaryOperator<Map<String, String>> change) {
        TransitGatewayDocs.retag(tx, env, id, change);
    }

    /** Whether a VPC route to the gateway carries traffic now (RouteOps reads route states through here). */
    static boolean routesTo(io.altostratus.store.StateView view, Env env, String transitGatewayId, String vpcId) {
        return TransitGatewayDocs.routes(view, env, transitGatewayId, vpcId);
    }

    /**
     * Checks a VPC route's transit gateway target: the gateway must exist and the VPC be attached to it, else
     * EC2's {@code InvalidTransitGatewayID.NotFound}.
     */
    static void checkRouteTarget(io.altostratus.store.StateView view, Env env, String transitGatewayId,
                                 String vpcId) {
        TransitGateway g = TransitGatewayDocs.gateway(view, env, transitGatewayId);
        if (g == null || g.isEnding() || !TransitGatewayDocs.attached(view, env, transitGatewayId, vpcId)) {
            throw TransitGatewayDocs.gatewayNotFound(transitGatewayId);
        }
    }
}
