package io.altostratus.local.internal;

import io.altostratus.core.ec2.CustomerGateway;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.RouteTable.Route;
import io.altostratus.core.ec2.SiteToSiteVpn;
import io.altostratus.core.ec2.VpnConnection;
import io.altostratus.core.ec2.VpnConnection.StaticRoute;
import io.altostratus.core.ec2.VpnConnection.Tunnel;
import io.altostratus.core.ec2.VpnGateway;
import io.altostratus.core.ec2.VpnGateway.Attachment;
import io.altostratus.core.model.Network;
import io.altostratus.core.spec.Cidr;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Site-to-site VPN: customer gateways, virtual private gateways and their VPC attachments, connections and route
 * propagation. Each resource is stored with the time its current transition settles ({@code pending} becomes
 * {@code available}, {@code attaching} becomes {@code attached}, and so on), read through the clock like instances.
 * Deleted resources stay listed for an hour, as EC2 lists them. Route propagation is kept per route table in a
 * document of its own, so route tables themselves are unchanged; {@link RouteOps} asks {@link #propagatedRoutes}
 * for the routes to show. No tunnel ever comes up: there is no peer to talk to. An instance is a session's
 * {@link SiteToSiteVpn}.
 */
public final class VpnOps implements SiteToSiteVpn {
    static final String CUSTOMER_GATEWAY = "local.customer-gateway";
    static final String VPN_GATEWAY = "local.vpn-gateway";
    static final String VPN_CONNECTION = "local.vpn-connection";
    static final String PROPAGATION = "local.vgw-route-propagation";
    static final long DELETED_VISIBLE_MS = 60 * 60 * 1000L;
    /** EC2 takes private and public 16- and 32-bit ASNs for a customer gateway, except 7224 in us-east-1. */
    static final long MAX_ASN = 4_294_967_294L;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A customer gateway and when it was deleted (0 while not). */
    public record CustomerGatewayDoc(CustomerGateway gateway, long deletedAt) {
    }

    /**
     * A virtual private gateway as stored: {@code gateway}'s state and its attachments' states hold until
     * {@code settlesAt}, then read as settled; once deleted, {@code deletedAt} is when.
     */
    public record VpnGatewayDoc(VpnGateway gateway, long settlesAt, long deletedAt) {
    }

    /** A connection and its routes as stored, read as for gateways. */
    public record VpnConnectionDoc(VpnConnection connection, long settlesAt, long deletedAt) {
    }

    /** The gateways that propagate routes into one route table. */
    public record PropagationDoc(String routeTableId, List<String> vpnGatewayIds) {
        public PropagationDoc {
            vpnGatewayIds = vpnGatewayIds == null ? List.of() : List.copyOf(vpnGatewayIds);
        }
    }

    private final Session session;
    private final Env env;

    public VpnOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    // ---- customer gateways ----------------------------------------------------------------------------------

    @Override
    public CustomerGateway createCustomerGateway(long bgpAsn, String ipAddress, String deviceName,
                                                 Map<String, String> tags) {
        TagOps.validate(tags);
        if (bgpAsn < 1 || bgpAsn > MAX_ASN) {
            throw Errors.invalidValue("Value (" + bgpAsn + ") for parameter BgpAsn is invalid. It must be between 1"
                    + " and " + MAX_ASN);
        }
        String address = publicIpv4(ipAddress);
        return session.write(tx -> {
            // EC2 hands back the existing gateway when one with the same address and ASN is still there.
            for (CustomerGatewayDoc doc : tx.list(CUSTOMER_GATEWAY, env.scope(), CustomerGatewayDoc.class)) {
                CustomerGateway g = doc.gateway();
                if (doc.deletedAt() == 0 && g.bgpAsn() == bgpAsn && g.ipAddress().equals(address)) {
                    return g;
                }
            }
            CustomerGateway made = new CustomerGateway(Ec2IdKind.CUSTOMER_GATEWAY.mint(), bgpAsn, address,
                    CustomerGateway.TYPE_IPSEC, deviceName, VpnGateway.AVAILABLE, tags);
            tx.put(CUSTOMER_GATEWAY, env.scope(), made.id(), new CustomerGatewayDoc(made, 0));
            return made;
        });
    }

    private static String publicIpv4(String ipAddress) {
        if (ipAddress == null || ipAddress.isEmpty()) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter IpAddress");
        }
        long value;
        try {
            value = Cidr.parseAddress(ipAddress, "IpAddress");
        } catch (RuntimeException e) {
            throw Errors.invalidValue("Value (" + ipAddress + ") for parameter ipAddress is invalid. Invalid IPv4"
                    + " address");
        }
        return Cidr.format(value);
    }

    @Override
    public List<CustomerGateway> customerGateways() {
        return session.read(view -> {
            List<CustomerGateway> out = new ArrayList<>();
            for (CustomerGatewayDoc doc : view.list(CUSTOMER_GATEWAY, env.scope(), CustomerGatewayDoc.class)) {
                if (!gone(doc.deletedAt())) {
                    out.add(doc.gateway());
                }
            }
            return out;
        });
    }

    @Override
    public CustomerGateway deleteCustomerGateway(String id) {
        return session.write(tx -> {
            CustomerGatewayDoc doc = customerGatewayDoc(tx, id);
            if (doc.deletedAt() != 0) {
                return doc.gateway();
            }
            for (VpnConnection c : connections(tx)) {
                if (c.isLive() && id.equals(c.customerGatewayId())) {
                    throw Errors.state("IncorrectState", "The customer gateway '" + id + "' is in use by the VPN"
                            + " connection '" + c.id() + "'");
                }
            }
            CustomerGateway deleted = doc.gateway().withState(VpnGateway.DELETED);
            tx.put(CUSTOMER_GATEWAY, env.scope(), id, new CustomerGatewayDoc(deleted, env.now()));
            return deleted;
        });
    }

    private CustomerGatewayDoc customerGatewayDoc(StateView view, String id) {
        Ec2IdKind.CUSTOMER_GATEWAY.check(id);
        CustomerGatewayDoc doc = view.get(CUSTOMER_GATEWAY, env.scope(), id, CustomerGatewayDoc.class).orElse(null);
        if (doc == null || gone(doc.deletedAt())) {
            throw Ec2IdKind.CUSTOMER_GATEWAY.notFound(id);
        }
        return doc;
    }

    // ---- virtual private gateways ---------------------------------------------------------------------------

    @Override
    public VpnGateway createVpnGateway(Long amazonSideAsn, Map<String, String> tags) {
        TagOps.validate(tags);
        long asn = amazonSideAsn == null ? VpnGateway.DEFAULT_ASN : amazonSideAsn;
        // EC2 takes a private ASN for Amazon's side: 64512-65534 or 4200000000-4294967294.
        if (!(asn >= 64512 && asn <= 65534) && !(asn >= 4_200_000_000L && asn <= MAX_ASN)) {
            throw Errors.invalidValue("Value (" + asn + ") for parameter AmazonSideAsn is invalid. It must be a"
                    + " private ASN (64512-65534 or 4200000000-4294967294)");
        }
        return session.write(tx -> {
            VpnGateway made = new VpnGateway(Ec2IdKind.VPN_GATEWAY.mint(), CustomerGateway.TYPE_IPSEC, asn,
                    VpnGateway.PENDING, List.of(), tags);
            tx.put(VPN_GATEWAY, env.scope(), made.id(), new VpnGatewayDoc(made, env.settleTime(), 0));
            return made;
        });
    }

    @Override
    public List<VpnGateway> vpnGateways() {
        return session.read(this::gateways);
    }

    private List<VpnGateway> gateways(StateView view) {
        List<VpnGateway> out = new ArrayList<>();
        for (VpnGatewayDoc doc : view.list(VPN_GATEWAY, env.scope(), VpnGatewayDoc.class)) {
            if (!gone(doc.deletedAt())) {
                out.add(settled(doc, env.now()));
            }
        }
        return out;
    }

    @Override
    public VpnGateway deleteVpnGateway(String id) {
        return session.write(tx -> {
            VpnGatewayDoc doc = gatewayDoc(tx, id);
            VpnGateway g = settled(doc, env.now());
            if (!g.isLive()) {
                return g;
            }
            if (g.attachedVpcId() != null) {
                throw Errors.state("IncorrectState", "The VPN gateway '" + id + "' is attached to '"
                        + g.attachedVpcId() + "'; detach it first");
            }
            for (VpnConnection c : connections(tx)) {
                if (c.isLive() && id.equals(c.vpnGatewayId())) {
                    throw Errors.state("IncorrectState", "The VPN gateway '" + id + "' is in use by the VPN"
                            + " connection '" + c.id() + "'");
                }
            }
            VpnGateway deleting = g.withState(VpnGateway.DELETING);
            tx.put(VPN_GATEWAY, env.scope(), id, new VpnGatewayDoc(deleting, env.settleTime(), env.settleTime()));
            return deleting;
        });
    }

    @Override
    public Attachment attachVpnGateway(String vpnGatewayId, String vpcId) {
        return session.write(tx -> {
            VpnGateway g = liveGateway(tx, vpnGatewayId);
            Network vpc = Lookup.vpc(tx, env, vpcId);
            if (g.attachedVpcId() != null) {
                throw Errors.state("VpnGatewayAttachmentLimitExceeded", "The VPN gateway '" + vpnGatewayId
                        + "' is already attached to '" + g.attachedVpcId() + "'");
            }
            for (VpnGateway other : gateways(tx)) {
                if (vpc.id().equals(other.attachedVpcId())) {
                    throw Errors.duplicate("VpnGatewayAttachmentLimitExceeded", "The VPC '" + vpc.id()
                            + "' already has a VPN gateway attached ('" + other.id() + "')");
                }
            }
            Attachment attaching = new Attachment(vpc.id(), Attachment.ATTACHING);
            List<Attachment> attachments = new ArrayList<>();
            // EC2 keeps showing one past attachment; the new one replaces it.
            attachments.add(attaching);
            tx.put(VPN_GATEWAY, env.scope(), g.id(), new VpnGatewayDoc(g.withAttachments(attachments),
                    env.settleTime(), 0));
            return attaching;
        });
    }

    @Override
    public void detachVpnGateway(String vpnGatewayId, String vpcId) {
        session.update(tx -> {
            VpnGateway g = liveGateway(tx, vpnGatewayId);
            Network vpc = Lookup.vpc(tx, env, vpcId);
            if (!vpc.id().equals(g.attachedVpcId())) {
                throw Errors.notFound("InvalidVpnGatewayAttachment.NotFound", "The attachment with VPN gateway ID '"
                        + vpnGatewayId + "' and VPC ID '" + vpcId + "' does not exist");
            }
            tx.put(VPN_GATEWAY, env.scope(), g.id(), new VpnGatewayDoc(
                    g.withAttachments(List.of(new Attachment(vpc.id(), Attachment.DETACHING))), env.settleTime(), 0));
        });
    }

    private VpnGatewayDoc gatewayDoc(StateView view, String id) {
        Ec2IdKind.VPN_GATEWAY.check(id);
        VpnGatewayDoc doc = view.get(VPN_GATEWAY, env.scope(), id, VpnGatewayDoc.class).orElse(null);
        if (doc == null || gone(doc.deletedAt())) {
            throw Ec2IdKind.VPN_GATEWAY.notFound(id);
        }
        return doc;
    }

    private VpnGateway liveGateway(StateView view, String id) {
        VpnGateway g = settled(gatewayDoc(view, id), env.now());
        if (!g.isLive()) {
            throw Errors.state("IncorrectState", "The VPN gateway '" + id + "' is " + g.state());
        }
        return g;
    }

    /** The gateway as it reads now, or null when unknown or long deleted (routes read their target so). */
    static VpnGateway find(StateView view, Env env, String id) {
        VpnGatewayDoc doc = view.get(VPN_GATEWAY, env.scope(), id, VpnGatewayDoc.class).orElse(null);
        if (doc == null || gone(doc.deletedAt(), env.now())) {
            return null;
        }
        return settled(doc, env.now());
    }

    private static VpnGateway settled(VpnGatewayDoc doc, long now) {
        VpnGateway g = doc.gateway();
        if (now < doc.settlesAt()) {
            return g;
        }
        String state = switch (g.state()) {
            case VpnGateway.PENDING -> VpnGateway.AVAILABLE;
            case VpnGateway.DELETING -> VpnGateway.DELETED;
            default -> g.state();
        };
        List<Attachment> attachments = new ArrayList<>();
        for (Attachment a : g.attachments()) {
            attachments.add(switch (a.state()) {
                case Attachment.ATTACHING -> new Attachment(a.vpcId(), Attachment.ATTACHED);
                case Attachment.DETACHING -> new Attachment(a.vpcId(), Attachment.DETACHED);
                default -> a;
            });
        }
        return g.withState(state).withAttachments(attachments);
    }

    // ---- connections ----------------------------------------------------------------------------------------

    @Override
    public VpnConnection createVpnConnection(String customerGatewayId, String vpnGatewayId, String transitGatewayId,
                                             boolean staticRoutesOnly, Map<String, String> tags) {
        TagOps.validate(tags);
        if ((vpnGatewayId == null) == (transitGatewayId == null)) {
            throw Errors.invalid("InvalidParameterCombination", "A VPN connection needs exactly one of VpnGatewayId"
                    + " and TransitGatewayId");
        }
        return session.write(tx -> {
            CustomerGatewayDoc cgw = customerGatewayDoc(tx, customerGatewayId);
            if (cgw.deletedAt() != 0) {
                throw Errors.state("IncorrectState", "The customer gateway '" + customerGatewayId + "' is deleted");
            }
            if (vpnGatewayId != null) {
                liveGateway(tx, vpnGatewayId);
            }
            String id = Ec2IdKind.VPN_CONNECTION.mint();
            List<Tunnel> tunnels = new ArrayList<>();
            Set<String> insides = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                String inside;
                do {
                    inside = insideCidr();
                } while (!insides.add(inside));
                tunnels.add(new Tunnel(Addresses.allocatePublic(tx, id), inside, "DOWN"));
            }
            VpnConnection made = new VpnConnection(id, customerGatewayId, vpnGatewayId, transitGatewayId,
                    CustomerGateway.TYPE_IPSEC, staticRoutesOnly, VpnConnection.PENDING, tunnels, List.of(),
                    Env.instant(env.now()), tags);
            tx.put(VPN_CONNECTION, env.scope(), id, new VpnConnectionDoc(made, env.settleTime(), 0));
            return made;
        });
    }

    /**
     * A random /30 of 169.254.0.0/16 for a tunnel's inside addresses, outside the blocks EC2 reserves there
     * (169.254.0.0/24 through 169.254.5.0/24 and 169.254.169.252/30).
     */
    private static String insideCidr() {
        while (true) {
            int third = RANDOM.nextInt(256);
            int fourth = RANDOM.nextInt(64) * 4;
            if (third <= 5 || (third == 169 && fourth == 252)) {
                continue;
            }
            return "169.254." + third + "." + fourth + "/30";
        }
    }

    @Override
    public List<VpnConnection> vpnConnections() {
        return session.read(this::connections);
    }

    private List<VpnConnection> connections(StateView view) {
        return connections(view, env);
    }

    private static List<VpnConnection> connections(StateView view, Env env) {
        List<VpnConnection> out = new ArrayList<>();
        for (VpnConnectionDoc doc : view.list(VPN_CONNECTION, env.scope(), VpnConnectionDoc.class)) {
            if (!gone(doc.deletedAt(), env.now())) {
                out.add(settled(doc, env.now()));
            }
        }
        return out;
    }

    @Override
    public VpnConnection deleteVpnConnection(String id) {
        return session.write(tx -> {
            VpnConnectionDoc doc = connectionDoc(tx, id);
            VpnConnection c = settled(doc, env.now());
            if (!c.isLive()) {
                return c;
            }
            for (Tunnel t : c.tunnels()) {
                Addresses.releasePublic(tx, t.outsideIpAddress());
            }
            List<StaticRoute> routes = c.routes().stream()
                    .map(r -> new StaticRoute(r.destinationCidr(), VpnConnection.DELETING)).toList();
            VpnConnection deleting = c.withState(VpnConnection.DELETING).withRoutes(routes);
            tx.put(VPN_CONNECTION, env.scope(), id, new VpnConnectionDoc(deleting, env.settleTime(),
                    env.settleTime()));
            return deleting;
        });
    }

    @Override
    public VpnConnection modifyVpnConnection(String id, String vpnGatewayId, String transitGatewayId) {
        if ((vpnGatewayId == null) == (transitGatewayId == null)) {
            throw Errors.invalid("InvalidParameterCombination", "Give exactly one of VpnGatewayId and"
                    + " TransitGatewayId as the connection's new target");
        }
        return session.write(tx -> {
            VpnConnection c = liveConnection(tx, id);
            if (vpnGatewayId != null) {
                liveGateway(tx, vpnGatewayId);
            }
            if ((vpnGatewayId != null && vpnGatewayId.equals(c.vpnGatewayId()))
                    || (transitGatewayId != null && transitGatewayId.equals(c.transitGatewayId()))) {
                throw Errors.invalidValue("The VPN connection '" + id + "' already uses that gateway");
            }
            // The connection keeps its state and tunnels; only the gateway behind it changes.
            VpnConnection moved = c.withTarget(vpnGatewayId, transitGatewayId);
            rewrite(tx, moved);
            return moved;
        });
    }

    @Override
    public void createVpnConnectionRoute(String vpnConnectionId, String destinationCidr) {
        String cidr = cidr(destinationCidr);
        session.update(tx -> {
            VpnConnection c = liveConnection(tx, vpnConnectionId);
            if (!c.staticRoutesOnly()) {
                throw Errors.invalidValue("The VPN connection '" + vpnConnectionId + "' uses BGP; static routes"
                        + " need a connection made with StaticRoutesOnly");
            }
            if (c.routes().stream().anyMatch(r -> r.destinationCidr().equals(cidr))) {
                throw Errors.duplicate("RouteAlreadyExists", "The route identified by " + cidr
                        + " already exists in " + vpnConnectionId);
            }
            List<StaticRoute> routes = new ArrayList<>(c.routes());
            routes.add(new StaticRoute(cidr, VpnConnection.AVAILABLE));
            rewrite(tx, c.withRoutes(routes));
        });
    }

    @Override
    public void deleteVpnConnectionRoute(String vpnConnectionId, String destinationCidr) {
        String cidr = cidr(destinationCidr);
        session.update(tx -> {
            VpnConnection c = liveConnection(tx, vpnConnectionId);
            List<StaticRoute> routes = new ArrayList<>(c.routes());
            if (!routes.removeIf(r -> r.destinationCidr().equals(cidr))) {
                throw Errors.notFound("InvalidRoute.NotFound", "no route with destination-cidr-block " + cidr
                        + " in VPN connection " + vpnConnectionId);
            }
            rewrite(tx, c.withRoutes(routes));
        });
    }

    private static String cidr(String text) {
        if (text == null) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter DestinationCidrBlock");
        }
        try {
            return Cidr.parse(text).toString();
        } catch (RuntimeException e) {
            throw Errors.invalidValue("Value (" + text + ") for parameter destinationCidrBlock is invalid");
        }
    }

    /** Stores a changed connection, its pending transition still settling when it would have. */
    private void rewrite(StateTx tx, VpnConnection changed) {
        long settlesAt = tx.get(VPN_CONNECTION, env.scope(), changed.id(), VpnConnectionDoc.class)
                .map(VpnConnectionDoc::settlesAt).orElse(0L);
        tx.put(VPN_CONNECTION, env.scope(), changed.id(), new VpnConnectionDoc(changed, settlesAt, 0));
    }

    private VpnConnectionDoc connectionDoc(StateView view, String id) {
        Ec2IdKind.VPN_CONNECTION.check(id);
        VpnConnectionDoc doc = view.get(VPN_CONNECTION, env.scope(), id, VpnConnectionDoc.class).orElse(null);
        if (doc == null || gone(doc.deletedAt())) {
            throw Ec2IdKind.VPN_CONNECTION.notFound(id);
        }
        return doc;
    }

    private VpnConnection liveConnection(StateView view, String id) {
        VpnConnection c = settled(connectionDoc(view, id), env.now());
        if (!c.isLive()) {
            throw Errors.state("IncorrectState", "The VPN connection '" + id + "' is " + c.state());
        }
        return c;
    }

    private static VpnConnection settled(VpnConnectionDoc doc, long now) {
        VpnConnection c = doc.connection();
        if (now < doc.settlesAt()) {
            return c;
        }
        return switch (c.state()) {
            case VpnConnection.PENDING -> c.withState(VpnConnection.AVAILABLE);
            case VpnConnection.DELETING -> c.withState(VpnConnection.DELETED).withRoutes(c.routes().stream()
                    .map(r -> new StaticRoute(r.destinationCidr(), VpnConnection.DELETED)).toList());
            default -> c;
        };
    }

    // ---- route propagation ----------------------------------------------------------------------------------

    @Override
    public void enableVgwRoutePropagation(String routeTableId, String vpnGatewayId) {
        session.update(tx -> {
            RouteTable table = Lookup.routeTable(tx, env, routeTableId);
            VpnGateway g = liveGateway(tx, vpnGatewayId);
            if (!table.networkId().equals(g.attachedVpcId())) {
                throw Errors.state("Gateway.NotAttached", "The VPN gateway '" + vpnGatewayId
                        + "' is not attached to '" + table.networkId() + "', the VPC of route table '"
                        + routeTableId + "'");
            }
            List<String> gateways = new ArrayList<>(propagating(tx, env, routeTableId));
            if (!gateways.contains(vpnGatewayId)) {
                gateways.add(vpnGatewayId);
                tx.put(PROPAGATION, env.scope(), routeTableId, new PropagationDoc(routeTableId, gateways));
            }
        });
    }

    @Override
    public void disableVgwRoutePropagation(String routeTableId, String vpnGatewayId) {
        session.update(tx -> {
            Lookup.routeTable(tx, env, routeTableId);
            gatewayDoc(tx, vpnGatewayId);
            List<String> gateways = new ArrayList<>(propagating(tx, env, routeTableId));
            if (!gateways.remove(vpnGatewayId)) {
                throw Errors.invalidValue("The VPN gateway '" + vpnGatewayId + "' does not propagate routes to"
                        + " route table '" + routeTableId + "'");
            }
            if (gateways.isEmpty()) {
                tx.delete(PROPAGATION, env.scope(), routeTableId);
            } else {
                tx.put(PROPAGATION, env.scope(), routeTableId, new PropagationDoc(routeTableId, gateways));
            }
        });
    }

    @Override
    public Map<String, List<String>> vgwRoutePropagations() {
        return session.read(view -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (PropagationDoc doc : view.list(PROPAGATION, env.scope(), PropagationDoc.class)) {
                out.put(doc.routeTableId(), doc.vpnGatewayIds());
            }
            return out;
        });
    }

    private static List<String> propagating(StateView view, Env env, String routeTableId) {
        return view.get(PROPAGATION, env.scope(), routeTableId, PropagationDoc.class)
                .map(PropagationDoc::vpnGatewayIds).orElse(List.of());
    }

    /**
     * The routes propagated into a table now: each propagating gateway attached to the table's VPC brings the
     * static routes of its available connections, unless the table already routes that block itself (its own
     * routes win, as on EC2).
     */
    static List<Route> propagatedRoutes(StateView view, Env env, RouteTable table) {
        List<String> gatewayIds = propagating(view, env, table.id());
        if (gatewayIds.isEmpty()) {
            return List.of();
        }
        Set<String> taken = new HashSet<>();
        table.routes().forEach(r -> taken.add(r.destinationCidr()));
        List<Route> out = new ArrayList<>();
        List<VpnConnection> connections = connections(view, env);
        for (String gatewayId : gatewayIds) {
            VpnGateway g = find(view, env, gatewayId);
            if (g == null || !g.isLive() || !table.networkId().equals(g.attachedVpcId())) {
                continue;
            }
            for (VpnConnection c : connections) {
                if (!gatewayId.equals(c.vpnGatewayId()) || !VpnConnection.AVAILABLE.equals(c.state())) {
                    continue;
                }
                for (StaticRoute r : c.routes()) {
                    if (VpnConnection.AVAILABLE.equals(r.state()) && taken.add(r.destinationCidr())) {
                        out.add(new Route(r.destinationCidr(), gatewayId, null, null, Route.ACTIVE,
                                Route.ORIGIN_PROPAGATION));
                    }
                }
            }
        }
        return out;
    }

    /** Whether a route to the gateway works from the VPC: the gateway is live and attached there. */
    static boolean routesFrom(StateView view, Env env, String vpnGatewayId, String vpcId) {
        VpnGateway g = find(view, env, vpnGatewayId);
        return g != null && g.isLive() && vpcId.equals(g.attachedVpcId());
    }

    /**
     * The virtual private gateway attached (or attaching) to the VPC, or null: a VPC with one cannot be deleted
     * (EC2's DependencyViolation), for the VPC code to ask.
     */
    static String attachedGateway(StateView view, Env env, String vpcId) {
        for (VpnGatewayDoc doc : view.list(VPN_GATEWAY, env.scope(), VpnGatewayDoc.class)) {
            VpnGateway g = settled(doc, env.now());
            if (g.isLive() && vpcId.equals(g.attachedVpcId())) {
                return g.id();
            }
        }
        return null;
    }

    // ---- tags -----------------------------------------------------------------------------------------------

    /** Changes the tags of a customer gateway, VPN gateway or VPN connection (CreateTags/DeleteTags reach here). */
    static void retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        Ec2IdKind kind = Ec2IdKind.ofId(id);
        if (kind == Ec2IdKind.CUSTOMER_GATEWAY) {
            CustomerGatewayDoc d = tx.get(CUSTOMER_GATEWAY, env.scope(), id, CustomerGatewayDoc.class)
                    .orElseThrow(() -> Ec2IdKind.CUSTOMER_GATEWAY.notFound(id));
            tx.put(CUSTOMER_GATEWAY, env.scope(), id, new CustomerGatewayDoc(
                    d.gateway().withTags(change.apply(d.gateway().tags())), d.deletedAt()));
        } else if (kind == Ec2IdKind.VPN_GATEWAY) {
            VpnGatewayDoc d = tx.get(VPN_GATEWAY, env.scope(), id, VpnGatewayDoc.class)
                    .orElseThrow(() -> Ec2IdKind.VPN_GATEWAY.notFound(id));
            tx.put(VPN_GATEWAY, env.scope(), id, new VpnGatewayDoc(
                    d.gateway().withTags(change.apply(d.gateway().tags())), d.settlesAt(), d.deletedAt()));
        } else if (kind == Ec2IdKind.VPN_CONNECTION) {
            VpnConnectionDoc d = tx.get(VPN_CONNECTION, env.scope(), id, VpnConnectionDoc.class)
                    .orElseThrow(() -> Ec2IdKind.VPN_CONNECTION.notFound(id));
            tx.put(VPN_CONNECTION, env.scope(), id, new VpnConnectionDoc(
                    d.connection().withTags(change.apply(d.connection().tags())), d.settlesAt(), d.deletedAt()));
        } else {
            throw Errors.invalid("InvalidID", "Not a VPN resource id: " + id);
        }
    }

    private boolean gone(long deletedAt) {
        return gone(deletedAt, env.now());
    }

    private static boolean gone(long deletedAt, long now) {
        return deletedAt != 0 && now - deletedAt > DELETED_VISIBLE_MS;
    }
}
