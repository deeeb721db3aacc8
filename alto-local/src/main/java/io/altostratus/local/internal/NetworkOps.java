package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spec.Cidr;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.local.internal.Docs.LeaseDoc;
import io.altostratus.local.internal.Docs.VpcDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * VPCs, subnets and security groups, and what a VPC has from the start: a session's {@link Networks} and
 * {@link SecurityGroups}. The static methods are the steps other areas share.
 */
public final class NetworkOps implements Networks, SecurityGroups {
    public static final String DEFAULT_GROUP = "default";

    private final Session session;
    private final Env env;

    public NetworkOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    // ---- VPCs -----------------------------------------------------------------------------------------------

    @Override
    public Network createNetwork(NetworkSpec spec) {
        TagOps.validate(spec.tags());
        // AWS allows VPCs with overlapping blocks (they are separate networks), so no check against siblings.
        // New VPCs resolve names but give instances no public DNS names until asked, as in AWS.
        return session.write(tx -> {
            Network vpc = new Network(Ec2IdKind.VPC.mint(), spec.tags().get(Tags.NAME),
                    List.of(Cidr.parse(spec.cidr()).toString()), env.region(), false, "available", true, false,
                    spec.tags());
            tx.put(Docs.VPC, env.scope(), vpc.id(), VpcDoc.of(vpc));
            putNetworkDefaults(tx, env, vpc, null);
            return vpc;
        });
    }

    /** What every VPC has from the start: its default security group, main route table and default ACL. */
    static void putNetworkDefaults(StateTx tx, Env env, Network vpc, String internetGatewayId) {
        putDefaultGroup(tx, env, vpc.id());
        RouteOps.putMainTable(tx, env, vpc, internetGatewayId);
        AclOps.putDefaultAcl(tx, env, vpc.id());
    }

    public static Network modifyNetwork(StateTx tx, Env env, String vpcId, Boolean dnsSupport, Boolean dnsHostnames) {
        Network vpc = Lookup.vpc(tx, env, vpcId);
        boolean support = dnsSupport == null ? vpc.enableDnsSupport() : dnsSupport;
        boolean hostnames = dnsHostnames == null ? vpc.enableDnsHostnames() : dnsHostnames;
        if (hostnames && !support) {
            throw Errors.invalidValue("DNS hostnames need DNS support: enable enableDnsSupport on " + vpcId
                    + " first (or keep it)");
        }
        Network updated = vpc.withDns(support, hostnames);
        tx.put(Docs.VPC, env.scope(), vpc.id(), VpcDoc.of(updated));
        return updated;
    }

    public static Subnet modifySubnet(StateTx tx, Env env, String subnetId, boolean mapPublicIpOnLaunch) {
        Subnet subnet = Lookup.subnet(tx, env, subnetId);
        Subnet updated = subnet.withMapPublicIpOnLaunch(mapPublicIpOnLaunch);
        tx.put(Docs.SUBNET, env.scope(), subnet.id(), updated);
        return subnetView(tx, env, updated);
    }

    /** The account's VPCs in this region, each with its secondary IPv4 blocks after the primary one. */
    public static List<Network> networks(StateView view, Env env) {
        Map<String, List<String>> secondary = new java.util.HashMap<>();
        for (var a : VpcCidrOps.live(view, env)) {
            if (!a.ipv6()) {
                secondary.computeIfAbsent(a.resourceId(), k -> new ArrayList<>()).add(a.cidrBlock());
            }
        }
        return view.list(Docs.VPC, env.scope(), VpcDoc.class).stream().map(VpcDoc::network)
                .map(n -> withBlocks(n, secondary.getOrDefault(n.id(), List.of()))).toList();
    }

    private static Network withBlocks(Network n, List<String> secondary) {
        if (secondary.isEmpty()) {
            return n;
        }
        List<String> blocks = new ArrayList<>(n.cidrs());
        blocks.addAll(secondary);
        return new Network(n.id(), n.name(), blocks, n.region(), n.isDefault(), n.state(), n.enableDnsSupport(),
                n.enableDnsHostnames(), n.tags());
    }

    @Override
    public List<Network> networks() {
        return session.read(view -> networks(view, env));
    }

    /** The VPC's default group: all traffic in from members of the group itself, all traffic out. */
    static SecurityGroup putDefaultGroup(StateTx tx, Env env, String vpcId) {
        String id = Ec2IdKind.SECURITY_GROUP.mint();
        SecurityRule fromSelf = new SecurityRule("-1", -1, -1, List.of(), List.of(), List.of(id), null);
        SecurityGroup group = new SecurityGroup(id, DEFAULT_GROUP, "default VPC security group", vpcId, env.account(),
                List.of(fromSelf), List.of(SecurityRule.allowAll()), Map.of());
        tx.put(Docs.GROUP, env.scope(), id, group);
        GroupRuleOps.sync(tx, env, group);
        return group;
    }

    public static Network defaultVpc(StateView view, Env env) {
        return networks(view, env).stream().filter(Network::isDefault).findFirst()
                .orElseThrow(() -> Errors.invalid("VPCIdNotSpecified",
                        "No default VPC for this account in " + env.region() + "; name a network or subnet"));
    }

    @Override
    public void deleteNetwork(String vpcId, boolean cascade) {
        session.update(tx -> {
            Network vpc = Lookup.vpc(tx, env, vpcId);
            long now = env.now();
            for (InstanceDoc doc : tx.list(Docs.INSTANCE, env.scope(), InstanceDoc.class)) {
                if (vpc.id().equals(doc.vpcId()) && Transitions.effective(doc, now) != InstanceState.TERMINATED) {
                    throw Errors.dependency("The vpc '" + vpcId + "' has dependencies and cannot be deleted: instance "
                            + doc.id() + " is " + Transitions.effective(doc, now));
                }
            }
            List<Subnet> subnets = subnets(tx, env).stream().filter(s -> s.networkId().equals(vpc.id())).toList();
            List<SecurityGroup> groups = groups(tx, env).stream().filter(g -> vpc.id().equals(g.networkId())).toList();
            List<NetworkInterface> interfaces = tx.list(Docs.INTERFACE, env.scope(), NetworkInterface.class).stream()
                    .filter(n -> vpc.id().equals(n.networkId())).toList();
            InternetGateway gateway = GatewayOps.attachedTo(tx, env, vpc.id());
            List<RouteTable> tables = RouteOps.ofNetwork(tx, env, vpc.id());
            List<NetworkAcl> acls = AclOps.ofNetwork(tx, env, vpc.id());
            if (!cascade) {
                List<String> blockers = new ArrayList<>();
                subnets.forEach(s -> blockers.add(s.id()));
                groups.stream().filter(g -> !DEFAULT_GROUP.equals(g.name())).forEach(g -> blockers.add(g.id()));
                interfaces.forEach(n -> blockers.add(n.id()));
                if (gateway != null) {
                    blockers.add(gateway.id());
                }
                tables.stream().filter(t -> !t.isMain()).forEach(t -> blockers.add(t.id()));
                acls.stream().filter(a -> !a.isDefault()).forEach(a -> blockers.add(a.id()));
                blockers.addAll(gatewaysAndEndpoints(tx, env, vpc.id()));
                if (!blockers.isEmpty()) {
                    throw Errors.dependency("The vpc '" + vpcId + "' has dependencies and cannot be deleted: "
                            + String.join(", ", blockers));
                }
            }
            for (NetworkInterface eni : interfaces) {
                if (eni.attachment() != null) {
                    InterfaceOps.detachFromInstance(tx, env, eni);
                }
                InterfaceAddressOps.forget(tx, env, eni);
                FlowLogOps.forget(tx, env, eni.id());
                InterfaceOps.deleteDoc(tx, env, eni);
            }
            VpcCidrOps.forget(tx, env, vpc.id());
            FlowLogOps.forget(tx, env, vpc.id());
            CarrierGatewayOps.forget(tx, env, vpc.id());
            for (Subnet subnet : subnets) {
                removeSubnet(tx, env, subnet);
            }
            for (SecurityGroup group : groups) {
                tx.delete(Docs.GROUP, env.scope(), group.id());
                GroupRuleOps.delete(tx, env, group.id());
            }
            if (gateway != null) {
                // Detached, not deleted: a gateway outlives its network, as in AWS.
                GatewayOps.detach(tx, env, gateway.id(), vpc.id());
            }
            for (RouteTable table : tables) {
                tx.delete(Docs.ROUTE_TABLE, env.scope(), table.id());
            }
            for (NetworkAcl acl : acls) {
                tx.delete(Docs.NETWORK_ACL, env.scope(), acl.id());
            }
            tx.delete(Docs.VPC, env.scope(), vpc.id());
        });
    }

    /**
     * What EC2 names in a VPC's DependencyViolation beyond subnets, groups, interfaces, tables and ACLs: live NAT
     * gateways, VPC endpoints, egress-only internet gateways and live carrier gateways.
     */
    private static List<String> gatewaysAndEndpoints(StateView view, Env env, String vpcId) {
        List<String> out = new ArrayList<>();
        NatGatewayOps.list(view, env).stream().filter(g -> g.isLive() && vpcId.equals(g.networkId()))
                .forEach(g -> out.add(g.id()));
        view.list(VpcEndpointOps.KIND, env.scope(), io.altostratus.core.ec2.VpcEndpoint.class).stream()
                .filter(e -> vpcId.equals(e.networkId())).forEach(e -> out.add(e.id()));
        view.list(EgressOnlyInternetGatewayOps.KIND, env.scope(),
                        io.altostratus.core.ec2.EgressOnlyInternetGateway.class).stream()
                .filter(g -> vpcId.equals(g.networkId())).forEach(g -> out.add(g.id()));
        CarrierGatewayOps.list(view, env).stream().filter(g -> g.isLive() && vpcId.equals(g.vpcId()))
                .forEach(g -> out.add(g.id()));
        return out;
    }

    // ---- subnets --------------------------------------------------------------------------------------------

    @Override
    public Subnet createSubnet(SubnetSpec spec) {
        TagOps.validate(spec.tags());
        return session.write(tx -> {
            Network vpc = Lookup.vpc(tx, env, spec.networkId());
            Cidr block = Cidr.parse(spec.cidr());
            List<String> vpcBlocks = new ArrayList<>(vpc.cidrs());
            vpcBlocks.addAll(VpcCidrOps.secondaryIpv4(tx, env, vpc.id()));
            if (vpcBlocks.stream().noneMatch(b -> Cidr.parse(b).contains(block))) {
                throw Errors.invalid("InvalidSubnet.Range", "The CIDR '" + spec.cidr() + "' is invalid for VPC "
                        + vpc.id() + " (" + vpc.cidr() + ")");
            }
            List<Subnet> siblings = subnets(tx, env).stream().filter(s -> s.networkId().equals(vpc.id())).toList();
            for (Subnet sibling : siblings) {
                if (Cidr.parse(sibling.cidr()).overlaps(block)) {
                    throw Errors.invalid("InvalidSubnet.Conflict", "The CIDR '" + spec.cidr()
                            + "' conflicts with another subnet (" + sibling.id() + " " + sibling.cidr() + ")");
                }
            }
            String zone = spec.zone();
            if (zone == null) {
                // Like AWS, pick a zone for the caller; the one with fewest subnets of this VPC spreads them out.
                zone = env.zones().stream()
                        .min(Comparator.comparingLong((Zone z) -> siblings.stream()
                                .filter(s -> s.zone().equals(z.name())).count()).thenComparing(Zone::name))
                        .map(Zone::name).orElseThrow();
            } else if (env.zone(zone) == null) {
                throw Errors.invalidValue("Value (" + zone + ") for parameter availabilityZone is invalid. Subnets can "
                        + "currently only be created in the zones of " + env.region());
            }
            Subnet subnet = new Subnet(Ec2IdKind.SUBNET.mint(), spec.tags().get(Tags.NAME), vpc.id(), block.toString(), zone,
                    Addresses.usable(block), false, spec.mapPublicIpOnLaunch(), "available", spec.tags());
            tx.put(Docs.SUBNET, env.scope(), subnet.id(), subnet);
            AclOps.associateWithDefault(tx, env, subnet);
            return subnetView(tx, env, subnet);
        });
    }

    /** Subnets as stored (their free address count is filled in by {@link #subnetView}). */
    public static List<Subnet> subnets(StateView view, Env env) {
        return view.list(Docs.SUBNET, env.scope(), Subnet.class);
    }

    public static Subnet subnetView(StateView view, Env env, Subnet s) {
        return new Subnet(s.id(), s.name(), s.networkId(), s.cidr(), s.zone(), Addresses.availableIps(view, env, s),
                s.defaultForZone(), s.mapPublicIpOnLaunch(), s.state(), s.tags());
    }

    @Override
    public List<Subnet> subnets() {
        return session.read(view -> subnets(view, env).stream().map(s -> subnetView(view, env, s)).toList());
    }

    @Override
    public void deleteSubnet(String subnetId) {
        session.update(tx -> {
            Subnet subnet = Lookup.subnet(tx, env, subnetId);
            long now = env.now();
            for (InstanceDoc doc : tx.list(Docs.INSTANCE, env.scope(), InstanceDoc.class)) {
                if (subnet.id().equals(doc.subnetId())
                        && Transitions.effective(doc, now) != InstanceState.TERMINATED) {
                    throw Errors.dependency("The subnet '" + subnetId + "' has dependencies and cannot be deleted: "
                            + "instance " + doc.id());
                }
            }
            for (NetworkInterface eni : tx.list(Docs.INTERFACE, env.scope(), NetworkInterface.class)) {
                if (subnet.id().equals(eni.subnetId())) {
                    throw Errors.dependency("The subnet '" + subnetId + "' has dependencies and cannot be deleted: "
                            + "network interface " + eni.id());
                }
            }
            // NAT gateways and interface endpoints hold addresses of the subnet without an interface document.
            for (var nat : NatGatewayOps.list(tx, env)) {
                if (nat.isLive() && subnet.id().equals(nat.subnetId())) {
                    throw Errors.dependency("The subnet '" + subnetId + "' has dependencies and cannot be deleted: "
                            + "NAT gateway " + nat.id());
                }
            }
            for (var endpoint : tx.list(VpcEndpointOps.KIND, env.scope(),
                    io.altostratus.core.ec2.VpcEndpoint.class)) {
                if (endpoint.subnetIds().contains(subnet.id())) {
                    throw Errors.dependency("The subnet '" + subnetId + "' has dependencies and cannot be deleted: "
                            + "VPC endpoint " + endpoint.id());
                }
            }
            removeSubnet(tx, env, subnet);
        });
    }

    private static void removeSubnet(StateTx tx, Env env, Subnet subnet) {
        // Leases left here belong to interfaces deleted above; drop them with the pool.
        String prefix = subnet.id() + "/";
        for (LeaseDoc lease : tx.list(Docs.LEASE, env.scope(), LeaseDoc.class)) {
            String id = prefix + lease.address();
            if (tx.get(Docs.LEASE, env.scope(), id, LeaseDoc.class).isPresent()) {
                tx.delete(Docs.LEASE, env.scope(), id);
            }
        }
        tx.delete(Docs.POOL, env.scope(), subnet.id());
        tx.delete(Docs.SUBNET, env.scope(), subnet.id());
        VpcCidrOps.forget(tx, env, subnet.id());
        FlowLogOps.forget(tx, env, subnet.id());
        RouteOps.forgetSubnet(tx, env, subnet.id());
        AclOps.forgetSubnet(tx, env, subnet.id());
    }

    // ---- security groups ------------------------------------------------------------------------------------

    public static List<SecurityGroup> groups(StateView view, Env env) {
        return view.list(Docs.GROUP, env.scope(), SecurityGroup.class);
    }

    public static SecurityGroup groupView(SecurityGroup stored) {
        return stored.withRules(merge(stored.ingress()), merge(stored.egress()));
    }

    @Override
    public List<SecurityGroup> securityGroups() {
        return session.read(view -> groups(view, env).stream().map(NetworkOps::groupView).toList());
    }

    public static SecurityGroup defaultGroup(StateView view, Env env, String vpcId) {
        return groups(view, env).stream()
                .filter(g -> vpcId.equals(g.networkId()) && DEFAULT_GROUP.equals(g.name()))
                .findFirst()
                .orElseThrow(() -> Errors.notFound("InvalidGroup.NotFound",
                        "The VPC '" + vpcId + "' has no default security group"));
    }

    /** The groups named by id, all of which must be in {@code vpcId}; the VPC's default group when none are named. */
    public static List<GroupRef> resolveGroups(StateView view, Env env, List<String> ids, String vpcId) {
        if (ids.isEmpty()) {
            SecurityGroup group = defaultGroup(view, env, vpcId);
            return List.of(new GroupRef(group.id(), group.name()));
        }
        List<GroupRef> refs = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(ids)) {
            SecurityGroup group = Lookup.group(view, env, id);
            if (!vpcId.equals(group.networkId())) {
                throw Errors.notFound("InvalidGroup.NotFound", "The security group '" + id
                        + "' does not exist in VPC '" + vpcId + "'");
            }
            refs.add(new GroupRef(group.id(), group.name()));
        }
        return refs;
    }

    @Override
    public SecurityGroup createSecurityGroup(SecurityGroupSpec spec) {
        TagOps.validate(spec.tags());
        return session.write(tx -> {
            String vpcId = spec.networkId() == null ? defaultVpc(tx, env).id()
                    : Lookup.vpc(tx, env, spec.networkId()).id();
            for (SecurityGroup g : groups(tx, env)) {
                if (vpcId.equals(g.networkId()) && g.name().equals(spec.name())) {
                    throw Errors.duplicate("InvalidGroup.Duplicate", "The security group '" + spec.name()
                            + "' already exists for VPC '" + vpcId + "'");
                }
            }
            SecurityGroup group = new SecurityGroup(Ec2IdKind.SECURITY_GROUP.mint(), spec.name(), spec.description(),
                    vpcId, env.account(), List.of(), List.of(SecurityRule.allowAll()), spec.tags());
            tx.put(Docs.GROUP, env.scope(), group.id(), group);
            GroupRuleOps.sync(tx, env, group);
            return groupView(group);
        });
    }

    @Override
    public SecurityGroup authorize(String groupId, boolean ingress, List<SecurityRule> rules) {
        return session.write(tx -> {
            SecurityGroup group = Lookup.group(tx, env, groupId);
            List<SecurityRule> current = new ArrayList<>(ingress ? group.ingress() : group.egress());
            for (SecurityRule atom : atoms(tx, env, rules)) {
                if (current.stream().anyMatch(existing -> sameGrant(existing, atom))) {
                    throw Errors.duplicate("InvalidPermission.Duplicate", "the specified rule \"" + describe(atom)
                            + "\" already exists in " + groupId);
                }
                current.add(atom);
            }
            return putRules(tx, env, group, ingress, current);
        });
    }

    @Override
    public SecurityGroup revoke(String groupId, boolean ingress, List<SecurityRule> rules) {
        return session.write(tx -> {
            SecurityGroup group = Lookup.group(tx, env, groupId);
            List<SecurityRule> current = new ArrayList<>(ingress ? group.ingress() : group.egress());
            for (SecurityRule atom : atoms(tx, env, rules)) {
                boolean removed = current.removeIf(existing -> sameGrant(existing, atom));
                if (!removed) {
                    throw Errors.notFound("InvalidPermission.NotFound", "The specified rule \"" + describe(atom)
                            + "\" does not exist in " + groupId);
                }
            }
            return putRules(tx, env, group, ingress, current);
        });
    }

    /** Stores the group with one direction's rules replaced (and their rule ids in step), as listed. */
    private static SecurityGroup putRules(StateTx tx, Env env, SecurityGroup group, boolean ingress,
                                          List<SecurityRule> rules) {
        SecurityGroup updated = ingress ? group.withRules(rules, group.egress()) : group.withRules(group.ingress(), rules);
        tx.put(Docs.GROUP, env.scope(), group.id(), updated);
        GroupRuleOps.sync(tx, env, updated);
        return groupView(updated);
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        session.update(tx -> {
            SecurityGroup group = Lookup.group(tx, env, groupId);
            if (DEFAULT_GROUP.equals(group.name())) {
                throw Errors.invalid("CannotDelete", "the default security group of a VPC cannot be deleted: " + groupId);
            }
            long now = env.now();
            for (InstanceDoc doc : tx.list(Docs.INSTANCE, env.scope(), InstanceDoc.class)) {
                if (Transitions.effective(doc, now) != InstanceState.TERMINATED
                        && doc.securityGroups().stream().anyMatch(g -> g.id().equals(groupId))) {
                    throw Errors.dependency("resource " + groupId + " has a dependent object: instance " + doc.id());
                }
            }
            for (NetworkInterface eni : tx.list(Docs.INTERFACE, env.scope(), NetworkInterface.class)) {
                if (eni.securityGroups().stream().anyMatch(g -> g.id().equals(groupId))) {
                    throw Errors.dependency("resource " + groupId + " has a dependent object: network interface " + eni.id());
                }
            }
            for (SecurityGroup other : groups(tx, env)) {
                if (!other.id().equals(groupId) && (references(other.ingress(), groupId) || references(other.egress(), groupId))) {
                    throw Errors.dependency("resource " + groupId + " has a dependent object: rules of group " + other.id());
                }
            }
            tx.delete(Docs.GROUP, env.scope(), groupId);
            GroupRuleOps.delete(tx, env, groupId);
        });
    }

    private static boolean references(List<SecurityRule> rules, String groupId) {
        return rules.stream().anyMatch(r -> r.groupIds().contains(groupId));
    }

    /**
     * Splits rules into single grants (one protocol and port range to one source), normalised and checked: AWS
     * treats each source of a permission as its own rule for duplicates and revocation, and so do we.
     */
    static List<SecurityRule> atoms(StateView view, Env env, List<SecurityRule> rules) {
        if (rules == null || rules.isEmpty()) {
            throw Errors.invalid("MissingParameter", "at least one rule is required");
        }
        List<SecurityRule> atoms = new ArrayList<>();
        for (SecurityRule rule : rules) {
            String protocol = protocol(rule.protocol());
            int from = rule.fromPort();
            int to = rule.toPort();
            if (protocol.equals("-1")) {
                from = -1;
                to = -1;
            } else if (protocol.equals("tcp") || protocol.equals("udp")) {
                if (from < 0 || to > 65535 || from > to) {
                    throw Errors.invalidValue("Invalid port range " + from + "-" + to + " for " + protocol);
                }
            } else if (protocol.equals("icmp")) {
                if (from < -1 || from > 255 || to < -1 || to > 255) {
                    throw Errors.invalidValue("Invalid ICMP type/code " + from + "/" + to);
                }
            }
            if (rule.cidrs().isEmpty() && rule.ipv6Cidrs().isEmpty() && rule.groupIds().isEmpty()) {
                throw Errors.invalid("MissingParameter", "a rule needs at least one CIDR block or security group");
            }
            for (String cidr : rule.cidrs()) {
                String canonical;
                try {
                    canonical = Cidr.parse(cidr).toString();
                } catch (IllegalArgumentException e) {
                    throw Errors.invalidValue("CIDR block " + cidr + " is malformed");
                }
                atoms.add(new SecurityRule(protocol, from, to, List.of(canonical), List.of(), List.of(), rule.description()));
            }
            for (String cidr : rule.ipv6Cidrs()) {
                if (!cidr.contains(":") || !cidr.contains("/")) {
                    throw Errors.invalidValue("CIDR block " + cidr + " is malformed");
                }
                atoms.add(new SecurityRule(protocol, from, to, List.of(), List.of(cidr.toLowerCase(Locale.ROOT)),
                        List.of(), rule.description()));
            }
            for (String groupId : rule.groupIds()) {
                Lookup.group(view, env, groupId);
                atoms.add(new SecurityRule(protocol, from, to, List.of(), List.of(), List.of(groupId), rule.description()));
            }
        }
        return atoms;
    }

    private static String protocol(String text) {
        String p = text.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "-1", "all" -> "-1";
            case "6", "tcp" -> "tcp";
            case "17", "udp" -> "udp";
            case "1", "icmp" -> "icmp";
            default -> {
                try {
                    int number = Integer.parseInt(p);
                    if (number < 0 || number > 255) {
                        throw Errors.invalidValue("Invalid IP protocol: " + text);
                    }
                    yield p;
                } catch (NumberFormatException e) {
                    throw Errors.invalidValue("Invalid IP protocol: " + text);
                }
            }
        };
    }

    private static boolean sameGrant(SecurityRule a, SecurityRule b) {
        return a.protocol().equals(b.protocol()) && a.fromPort() == b.fromPort() && a.toPort() == b.toPort()
                && a.cidrs().equals(b.cidrs()) && a.ipv6Cidrs().equals(b.ipv6Cidrs()) && a.groupIds().equals(b.groupIds());
    }

    private static String describe(SecurityRule atom) {
        String source = !atom.cidrs().isEmpty() ? atom.cidrs().get(0)
                : !atom.ipv6Cidrs().isEmpty() ? atom.ipv6Cidrs().get(0) : atom.groupIds().get(0);
        return "peer: " + source + ", " + (atom.protocol().equals("-1") ? "ALL" : atom.protocol().toUpperCase(Locale.ROOT))
                + ", from port: " + atom.fromPort() + ", to port: " + atom.toPort() + ", ALLOW";
    }

    /** Joins stored single grants back into rules, one per protocol, port range and description, as EC2 lists them. */
    static List<SecurityRule> merge(List<SecurityRule> atoms) {
        record Key(String protocol, int from, int to, String description) {
        }
        Map<Key, List<SecurityRule>> grouped = new LinkedHashMap<>();
        for (SecurityRule atom : atoms) {
            grouped.computeIfAbsent(new Key(atom.protocol(), atom.fromPort(), atom.toPort(), atom.description()),
                    k -> new ArrayList<>()).add(atom);
        }
        List<SecurityRule> merged = new ArrayList<>();
        grouped.forEach((key, list) -> {
            List<String> cidrs = new ArrayList<>();
            List<String> v6 = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            for (SecurityRule r : list) {
                cidrs.addAll(r.cidrs());
                v6.addAll(r.ipv6Cidrs());
                groups.addAll(r.groupIds());
            }
            merged.add(new SecurityRule(key.protocol(), key.from(), key.to(), cidrs, v6, groups, key.description()));
        });
        return merged;
    }
}
