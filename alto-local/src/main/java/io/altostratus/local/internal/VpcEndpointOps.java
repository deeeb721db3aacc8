package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.PrefixList;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.VpcEndpoint;
import io.altostratus.core.ec2.VpcEndpointService;
import io.altostratus.core.ec2.VpcEndpoints;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Zone;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * VPC endpoints. A Gateway endpoint is a record of the route tables it serves (the local cloud adds no prefix-list
 * routes); an Interface endpoint leases an address in each of its subnets (DeleteSubnet does not yet look at such
 * leases, as it does not for NAT gateways'). Endpoints are available at once and gone once deleted. The services
 * are a fixed list of AWS's common ones in every region; the prefix lists are those of the Gateway services. An
 * instance is a session's {@link VpcEndpoints}.
 */
public final class VpcEndpointOps implements VpcEndpoints {
    static final String KIND = "local.vpc-endpoint";
    /** EC2's policy for an endpoint made without one: everything, for everyone. */
    static final String FULL_ACCESS = "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    /** Services offered as Gateway and Interface endpoints. */
    private static final List<String> GATEWAY_SERVICES = List.of("dynamodb", "s3");
    /** Services offered as Interface endpoints only, with private DNS for {@code <service>.<region>.amazonaws.com}. */
    private static final List<String> INTERFACE_SERVICES = List.of("ec2", "ec2messages", "ecr.api", "ecr.dkr",
            "elasticloadbalancing", "kms", "logs", "monitoring", "secretsmanager", "sns", "sqs", "ssm",
            "ssmmessages", "sts");
    /** The ids AWS gives the managed prefix lists in us-east-1; other regions get ids derived from their name. */
    private static final Map<String, String> US_EAST_1_IDS = Map.of("s3", "pl-63a5400a", "dynamodb", "pl-02cd2c6b");
    /** The ranges AWS publishes for these services in us-east-1 (a subset suffices for rules that name the list). */
    private static final Map<String, List<String>> US_EAST_1_CIDRS = Map.of(
            "s3", List.of("16.182.0.0/16", "18.34.0.0/19", "3.5.0.0/19", "52.216.0.0/15", "54.231.0.0/16"),
            "dynamodb", List.of("3.218.180.0/22", "52.94.0.0/22", "52.119.224.0/20"));

    private final Session session;
    private final Env env;

    public VpcEndpointOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public List<VpcEndpointService> vpcEndpointServices() {
        List<String> zones = env.zones().stream().map(Zone::name).toList();
        List<VpcEndpointService> out = new ArrayList<>();
        for (String s : GATEWAY_SERVICES) {
            out.add(new VpcEndpointService(serviceName(s), List.of(VpcEndpoint.GATEWAY, VpcEndpoint.INTERFACE),
                    null, zones));
        }
        for (String s : INTERFACE_SERVICES) {
            out.add(new VpcEndpointService(serviceName(s), List.of(VpcEndpoint.INTERFACE),
                    s + "." + env.region() + ".amazonaws.com", zones));
        }
        out.sort(java.util.Comparator.comparing(VpcEndpointService::serviceName));
        return out;
    }

    private String serviceName(String service) {
        return "com.amazonaws." + env.region() + "." + service;
    }

    @Override
    public List<PrefixList> prefixLists() {
        List<PrefixList> out = new ArrayList<>();
        for (String s : GATEWAY_SERVICES) {
            boolean known = env.region().equals("us-east-1");
            out.add(new PrefixList(known ? US_EAST_1_IDS.get(s) : derivedId(serviceName(s)), serviceName(s),
                    known ? US_EAST_1_CIDRS.get(s) : List.of()));
        }
        return out;
    }

    private static String derivedId(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "pl-" + HexFormat.of().formatHex(hash).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    @Override
    public VpcEndpoint createVpcEndpoint(Spec spec) {
        TagOps.validate(spec.tags());
        String type = spec.type() == null ? VpcEndpoint.GATEWAY : spec.type();
        if (!type.equals(VpcEndpoint.GATEWAY) && !type.equals(VpcEndpoint.INTERFACE)) {
            throw Errors.invalidValue("Value (" + spec.type() + ") for parameter VpcEndpointType is invalid. "
                    + "Valid values: Gateway, Interface");
        }
        VpcEndpointService service = vpcEndpointServices().stream()
                .filter(s -> s.serviceName().equals(spec.serviceName())).findFirst()
                .orElseThrow(() -> Errors.invalid("InvalidServiceName", "The Vpc Endpoint Service '"
                        + spec.serviceName() + "' does not exist"));
        if (!service.types().contains(type)) {
            throw Errors.invalid("InvalidParameter", "The service " + spec.serviceName() + " does not offer "
                    + type + " endpoints");
        }
        boolean gateway = type.equals(VpcEndpoint.GATEWAY);
        if (gateway && (!empty(spec.subnetIds()) || !empty(spec.securityGroupIds())
                || spec.privateDnsEnabled() != null)) {
            throw Errors.invalid("InvalidParameter", "Subnets, security groups and private DNS are for Interface "
                    + "endpoints; a Gateway endpoint takes route tables");
        }
        if (!gateway && !empty(spec.routeTableIds())) {
            throw Errors.invalid("InvalidParameter", "Route tables are for Gateway endpoints; an Interface endpoint "
                    + "takes subnets");
        }
        return session.write(tx -> {
            Network vpc = Lookup.vpc(tx, env, spec.vpcId());
            String id = Ec2IdKind.VPC_ENDPOINT.mint();
            List<String> tables = routeTables(tx, vpc.id(), List.of(), spec.routeTableIds());
            if (gateway) {
                for (VpcEndpoint other : list(tx)) {
                    if (other.serviceName().equals(spec.serviceName()) && other.networkId().equals(vpc.id())
                            && other.routeTableIds().stream().anyMatch(tables::contains)) {
                        throw Errors.invalid("RouteAlreadyExists", "route table already has a route to "
                                + spec.serviceName() + " (endpoint " + other.id() + ")");
                    }
                }
            }
            List<String> groups = gateway ? List.of() : groups(tx, vpc.id(), empty(spec.securityGroupIds())
                    ? defaultGroup(tx, vpc.id()) : spec.securityGroupIds());
            Interfaces enis = gateway ? new Interfaces(List.of(), List.of(), List.of())
                    : lease(tx, vpc.id(), new Interfaces(List.of(), List.of(), List.of()), spec.subnetIds(), id);
            boolean privateDns = !gateway && (spec.privateDnsEnabled() == null || spec.privateDnsEnabled());
            VpcEndpoint made = new VpcEndpoint(id, type, vpc.id(), spec.serviceName(), VpcEndpoint.AVAILABLE,
                    spec.policyDocument() == null ? FULL_ACCESS : spec.policyDocument(), tables, enis.subnets(),
                    groups, enis.interfaces(), enis.addresses(), privateDns, env.account(),
                    Env.instant(env.now()), spec.tags());
            tx.put(KIND, env.scope(), id, made);
            return made;
        });
    }

    /** An Interface endpoint's subnets with their interface ids and addresses, index by index. */
    private record Interfaces(List<String> subnets, List<String> interfaces, List<String> addresses) {
    }

    private Interfaces lease(StateTx tx, String vpcId, Interfaces current, List<String> add, String holder) {
        List<String> subnets = new ArrayList<>(current.subnets());
        List<String> interfaces = new ArrayList<>(current.interfaces());
        List<String> addresses = new ArrayList<>(current.addresses());
        Set<String> zones = new LinkedHashSet<>();
        for (String s : subnets) {
            zones.add(Lookup.subnet(tx, env, s).zone());
        }
        for (String subnetId : add == null ? List.<String>of() : add) {
            Subnet subnet = Lookup.subnet(tx, env, subnetId);
            if (!subnet.networkId().equals(vpcId)) {
                throw Errors.invalidValue("The subnet " + subnetId + " is not in the endpoint's VPC " + vpcId);
            }
            if (subnets.contains(subnetId)) {
                continue;
            }
            if (!zones.add(subnet.zone())) {
                throw Errors.invalid("DuplicateSubnetsInSameZone", "Found another subnet in zone " + subnet.zone()
                        + "; an endpoint takes at most one subnet per zone");
            }
            String eni = Ec2IdKind.NETWORK_INTERFACE.mint();
            subnets.add(subnetId);
            interfaces.add(eni);
            addresses.add(Addresses.allocatePrivate(tx, env, subnet, eni));
        }
        return new Interfaces(subnets, interfaces, addresses);
    }

    private Interfaces release(StateTx tx, Interfaces current, List<String> remove) {
        List<String> subnets = new ArrayList<>();
        List<String> interfaces = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < current.subnets().size(); i++) {
            String subnetId = current.subnets().get(i);
            if (remove.contains(subnetId)) {
                Addresses.releasePrivate(tx, env, subnetId, current.addresses().get(i));
            } else {
                subnets.add(subnetId);
                interfaces.add(current.interfaces().get(i));
                addresses.add(current.addresses().get(i));
            }
        }
        return new Interfaces(subnets, interfaces, addresses);
    }

    private List<String> routeTables(StateView view, String vpcId, List<String> current, List<String> add) {
        LinkedHashSet<String> out = new LinkedHashSet<>(current);
        for (String id : add == null ? List.<String>of() : add) {
            RouteTable table = Lookup.routeTable(view, env, id);
            if (!table.networkId().equals(vpcId)) {
                throw Errors.invalidValue("The route table " + id + " is not in the endpoint's VPC " + vpcId);
            }
            out.add(id);
        }
        return List.copyOf(out);
    }

    private List<String> groups(StateView view, String vpcId, List<String> ids) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            SecurityGroup group = Lookup.group(view, env, id);
            if (!vpcId.equals(group.networkId())) {
                throw Errors.invalidValue("The security group " + id + " is not in the endpoint's VPC " + vpcId);
            }
            out.add(id);
        }
        return List.copyOf(out);
    }

    private List<String> defaultGroup(StateView view, String vpcId) {
        return view.list(Docs.GROUP, env.scope(), SecurityGroup.class).stream()
                .filter(g -> vpcId.equals(g.networkId()) && "default".equals(g.name()))
                .map(SecurityGroup::id).limit(1).toList();
    }

    private static boolean empty(List<String> list) {
        return list == null || list.isEmpty();
    }

    @Override
    public VpcEndpoint modifyVpcEndpoint(String id, Change change) {
        return session.write(tx -> {
            VpcEndpoint e = find(tx, id);
            boolean gateway = e.type().equals(VpcEndpoint.GATEWAY);
            if (gateway && (!empty(change.addSubnetIds()) || !empty(change.removeSubnetIds())
                    || !empty(change.addSecurityGroupIds()) || !empty(change.removeSecurityGroupIds())
                    || change.privateDnsEnabled() != null)) {
                throw Errors.invalid("InvalidParameter", "Subnets, security groups and private DNS are for "
                        + "Interface endpoints; " + id + " is a Gateway endpoint");
            }
            if (!gateway && (!empty(change.addRouteTableIds()) || !empty(change.removeRouteTableIds()))) {
                throw Errors.invalid("InvalidParameter", "Route tables are for Gateway endpoints; " + id
                        + " is an Interface endpoint");
            }
            List<String> tables = new ArrayList<>(routeTables(tx, e.networkId(), e.routeTableIds(),
                    change.addRouteTableIds()));
            if (change.removeRouteTableIds() != null) {
                tables.removeAll(change.removeRouteTableIds());
            }
            Interfaces enis = new Interfaces(e.subnetIds(), e.networkInterfaceIds(), e.privateAddresses());
            if (!empty(change.removeSubnetIds())) {
                enis = release(tx, enis, change.removeSubnetIds());
            }
            enis = lease(tx, e.networkId(), enis, change.addSubnetIds(), id);
            List<String> groups = new ArrayList<>(e.securityGroupIds());
            if (!empty(change.addSecurityGroupIds())) {
                for (String g : groups(tx, e.networkId(), change.addSecurityGroupIds())) {
                    if (!groups.contains(g)) {
                        groups.add(g);
                    }
                }
            }
            if (change.removeSecurityGroupIds() != null) {
                groups.removeAll(change.removeSecurityGroupIds());
            }
            if (!gateway && groups.isEmpty()) {
                throw Errors.invalidValue("An Interface endpoint needs at least one security group");
            }
            String policy = change.resetPolicy() ? FULL_ACCESS
                    : change.policyDocument() != null ? change.policyDocument() : e.policyDocument();
            boolean dns = change.privateDnsEnabled() != null ? change.privateDnsEnabled() : e.privateDnsEnabled();
            VpcEndpoint changed = new VpcEndpoint(e.id(), e.type(), e.networkId(), e.serviceName(), e.state(), policy,
                    tables, enis.subnets(), groups, enis.interfaces(), enis.addresses(), dns, e.ownerId(),
                    e.createTime(), e.tags());
            tx.put(KIND, env.scope(), id, changed);
            return changed;
        });
    }

    @Override
    public void deleteVpcEndpoint(String id) {
        session.update(tx -> {
            VpcEndpoint e = find(tx, id);
            for (int i = 0; i < e.subnetIds().size(); i++) {
                Addresses.releasePrivate(tx, env, e.subnetIds().get(i), e.privateAddresses().get(i));
            }
            tx.delete(KIND, env.scope(), id);
        });
    }

    @Override
    public List<VpcEndpoint> vpcEndpoints() {
        return session.read(this::list);
    }

    private List<VpcEndpoint> list(StateView view) {
        return view.list(KIND, env.scope(), VpcEndpoint.class);
    }

    private VpcEndpoint find(StateView view, String id) {
        Ec2IdKind.VPC_ENDPOINT.check(id);
        return view.get(KIND, env.scope(), id, VpcEndpoint.class).orElseThrow(() -> notFound(id));
    }

    /** Changes an endpoint's tags (CreateTags and DeleteTags reach endpoints through here). */
    static void retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        Ec2IdKind.VPC_ENDPOINT.check(id);
        VpcEndpoint e = tx.get(KIND, env.scope(), id, VpcEndpoint.class).orElseThrow(() -> notFound(id));
        tx.put(KIND, env.scope(), id, e.withTags(change.apply(e.tags())));
    }

    static AltoException notFound(String id) {
        return Errors.notFound(Ec2IdKind.VPC_ENDPOINT.notFoundCode(),
                "The Vpc Endpoint Id '" + id + "' does not exist");
    }
}
