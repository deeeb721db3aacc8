package io.altostratus.core;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Address;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceAttributes;
import io.altostratus.core.model.InstanceMetadataOptions;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.InternetGateway;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkAcl;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.RouteTable;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityGroupRule;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.TypeQuery;
import io.altostratus.core.spec.Cidr;
import io.altostratus.core.spec.InstanceChange;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.MetadataOptionsChange;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.RouteTarget;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.Providers;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.core.wait.Outcome;
import io.altostratus.core.wait.Waiter;
import io.altostratus.core.model.Architecture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The portable façade: one object per provider session, the API the CLI, the gateway and library users call.
 * It adds what every provider shares on top of the {@link ComputeProvider} SPI: capability checks, client tokens,
 * explicit waiting, get-or-create of networks, and cascade clean-up. Nothing here waits unless asked to.
 */
public final class Cloud implements AutoCloseable {
    private final ComputeProvider provider;
    private final Waiter.Builder waiterTemplate;

    public Cloud(ComputeProvider provider, Waiter.Builder waiterTemplate) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.waiterTemplate = waiterTemplate == null ? Waiter.builder() : waiterTemplate;
    }

    public Cloud(ComputeProvider provider) {
        this(provider, null);
    }

    /** Opens the named provider (found on the class path) with the given context. */
    public static Cloud open(String providerName, ProviderContext context) {
        ComputeProvider p = Providers.named(providerName).open(context);
        Waiter.Builder waiters = Waiter.builder().clock(context.clock());
        if (context.clock() instanceof io.altostratus.core.wait.Sleeper sleeper) {
            // A manual clock must also be what waiters sleep on, or a wait would never see time pass.
            waiters.sleeper(sleeper);
        }
        return new Cloud(p, waiters);
    }

    /** The SPI underneath, for provider-specific needs. */
    public ComputeProvider provider() {
        return provider;
    }

    public String providerName() {
        return provider.name();
    }

    public String region() {
        return provider.region();
    }

    public boolean supports(Capability capability) {
        return provider.capabilities().contains(capability);
    }

    private void require(Capability capability, String what) {
        if (!supports(capability)) {
            throw AltoException.unsupported(provider.name(), what);
        }
    }

    // ---- places and sizes -----------------------------------------------------------------------------------

    public List<Region> regions() {
        return provider.regions();
    }

    public List<Zone> zones() {
        return provider.zones();
    }

    public List<InstanceType> instanceTypes() {
        return provider.instanceTypes();
    }

    /** The names of the instance types each zone of this region offers, by zone name. */
    public Map<String, Set<String>> instanceTypeOfferingsByZone() {
        return provider.instanceTypeOfferingsByZone();
    }

    /**
     * The cheapest offered type with at least the given vCPUs and memory (and architecture, when given); types
     * without a known price come after priced ones, smallest first.
     */
    public InstanceType cheapestType(int minVcpus, long minMemoryMiB, Architecture architecture) {
        List<InstanceType> fitting = new TypeQuery(minVcpus, minMemoryMiB, null, architecture, null)
                .select(instanceTypes());
        if (fitting.isEmpty()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "NoMatchingInstanceType",
                    "no instance type in " + region() + " has at least " + minVcpus + " vCPUs and "
                            + minMemoryMiB + " MiB" + (architecture == null ? "" : " on " + architecture));
        }
        return fitting.get(0);
    }


    // ---- instances --------------------------------------------------------------------------------------------

    /**
     * Launches instances and returns at once (they are usually pending). A client token is added when the spec
     * has none, so a retry of this same spec object inside a provider can never launch twice.
     */
    public List<Instance> launch(LaunchSpec spec) {
        if (spec.spot() != null) {
            require(Capability.SPOT, "spot instances");
        }
        if (spec.metadataOptions() != null) {
            require(Capability.INSTANCE_METADATA_OPTIONS, "instance metadata options");
        }
        if (!spec.volumeTags().isEmpty() || !spec.interfaceTags().isEmpty()) {
            require(Capability.TAGS, "volume and network-interface tags at launch");
        }
        LaunchSpec effective = spec;
        if (spec.clientToken() == null && supports(Capability.CLIENT_TOKEN)) {
            effective = spec.toBuilder().clientToken(UUID.randomUUID().toString()).build();
        }
        return provider.launch(effective);
    }

    public List<Instance> launch(UnaryOperator<LaunchSpec.Builder> customizer) {
        return launch(customizer.apply(LaunchSpec.builder()).build());
    }

    public Instance instance(String id) {
        return provider.instance(id);
    }

    public List<Instance> instances(InstanceQuery query) {
        return provider.instances(query);
    }

    public List<Instance> instances() {
        return provider.instances(InstanceQuery.all());
    }

    public List<StateChange> start(Collection<String> ids) {
        require(Capability.STOP_START, "starting stopped instances");
        return provider.start(ids);
    }

    public List<StateChange> stop(Collection<String> ids, boolean force) {
        require(Capability.STOP_START, "stopping instances");
        if (force) {
            require(Capability.FORCE_STOP, "forced stop");
        }
        return provider.stop(ids, force);
    }

    public void reboot(Collection<String> ids) {
        require(Capability.REBOOT, "reboot");
        provider.reboot(ids);
    }

    public List<StateChange> terminate(Collection<String> ids) {
        return provider.terminate(ids);
    }

    public String userData(String instanceId) {
        return provider.userData(instanceId);
    }

    public InstanceAttributes instanceAttributes(String instanceId) {
        require(Capability.INSTANCE_ATTRIBUTES, "instance attributes");
        return provider.instanceAttributes(instanceId);
    }

    public InstanceAttributes modifyInstance(String instanceId, InstanceChange change) {
        require(Capability.INSTANCE_ATTRIBUTES, "instance attributes");
        return provider.modifyInstance(instanceId, Objects.requireNonNull(change, "change"));
    }

    /** Changes an instance's metadata options; see {@link ComputeProvider#modifyMetadataOptions}. */
    public InstanceMetadataOptions modifyMetadataOptions(String instanceId, MetadataOptionsChange change) {
        require(Capability.INSTANCE_METADATA_OPTIONS, "instance metadata options");
        return provider.modifyMetadataOptions(instanceId, Objects.requireNonNull(change, "change"));
    }

    public String consoleOutput(String instanceId) {
        require(Capability.CONSOLE_OUTPUT, "console output");
        return provider.consoleOutput(instanceId);
    }

    /** Spot requests by id, or all when none are named; see {@link ComputeProvider#spotRequests}. */
    public List<io.altostratus.core.model.SpotRequest> spotRequests(Collection<String> ids) {
        require(Capability.SPOT, "spot requests");
        return provider.spotRequests(List.copyOf(ids));
    }

    /** Cancels spot requests, leaving their instances as they are; see {@link ComputeProvider#cancelSpotRequests}. */
    public List<io.altostratus.core.model.SpotRequest> cancelSpotRequests(Collection<String> ids) {
        require(Capability.SPOT, "spot requests");
        return provider.cancelSpotRequests(List.copyOf(ids));
    }

    /** Current spot prices, narrowed to types and zones when given; see {@link ComputeProvider#spotPrices}. */
    public List<io.altostratus.core.model.SpotPrice> spotPrices(Collection<String> instanceTypes,
                                                               Collection<String> zones) {
        require(Capability.SPOT, "spot prices");
        return provider.spotPrices(List.copyOf(instanceTypes), List.copyOf(zones));
    }

    // ---- waiting ----------------------------------------------------------------------------------------------

    /** A waiter with this cloud's clock and sleeper and the given timeout. */
    public Waiter waiter(Duration timeout) {
        return waiterTemplate.copy().timeout(timeout).build();
    }

    /** A waiter like {@link #waiter(Duration)} that reports each poll to {@code listener} (progress displays). */
    public Waiter waiter(Duration timeout, Waiter.Listener listener) {
        return waiterTemplate.copy().timeout(timeout).listener(listener).build();
    }

    /** Waits until the instance meets the condition; an instance that disappears counts as terminated. */
    public Instance waitFor(String id, InstanceCondition condition, Duration timeout) {
        return waitFor(id, condition, waiter(timeout));
    }

    public Instance waitFor(String id, InstanceCondition condition, Waiter waiter) {
        String what = id + " to be " + condition;
        java.time.Clock clock = waiter.clock();
        java.time.Instant graceEnds = clock.instant().plus(provider.consistencyGrace());
        Instance[] last = new Instance[1];
        return waiter.until(what,
                () -> {
                    try {
                        last[0] = provider.instance(id);
                        return last[0];
                    } catch (AltoException e) {
                        if (e.code() != ErrorCode.NOT_FOUND) {
                            throw e;
                        }
                        if (last[0] != null) {
                            // Gone from listings after termination: that is terminated, not an error.
                            return last[0].toBuilder().state(io.altostratus.core.model.InstanceState.TERMINATED).build();
                        }
                        if (clock.instant().isBefore(graceEnds)) {
                            return null; // not visible yet on an eventually consistent provider
                        }
                        throw e;
                    }
                },
                i -> i == null ? Outcome.RETRY : condition.judge(i),
                i -> i == null ? "not visible yet" : i.state().wireName());
    }

    /**
     * Waits until every instance meets the condition, polling them together within one timeout; fails as soon as
     * one of them can no longer get there.
     */
    public List<Instance> waitForAll(Collection<String> ids, InstanceCondition condition, Duration timeout) {
        List<String> wanted = List.copyOf(ids);
        if (wanted.isEmpty()) {
            return List.of();
        }
        if (wanted.size() == 1) {
            return List.of(waitFor(wanted.get(0), condition, timeout));
        }
        return waiter(timeout).until(wanted.size() + " instances to be " + condition,
                () -> provider.instances(InstanceQuery.ids(wanted)),
                list -> {
                    Outcome all = list.size() < wanted.size() ? Outcome.RETRY : Outcome.SUCCESS;
                    for (Instance i : list) {
                        Outcome o = condition.judge(i);
                        if (o == Outcome.FAILURE) {
                            return Outcome.FAILURE;
                        }
                        if (o == Outcome.RETRY) {
                            all = Outcome.RETRY;
                        }
                    }
                    return all;
                },
                list -> String.join(", ", list.stream().map(i -> i.id() + " " + i.state()).toList()));
    }

    // ---- images -----------------------------------------------------------------------------------------------

    public List<Image> images(ImageQuery query) {
        return provider.images(query);
    }

    /** Resolves an image id or an alias such as {@code ubuntu:24.04/arm64}. */
    public Image image(String idOrAlias) {
        return provider.resolveImage(ImageRef.parse(idOrAlias));
    }

    /** The newest available image of a distro release for an architecture. */
    public Image latestImage(String distro, String release, Architecture architecture) {
        return provider.resolveImage(new ImageRef(null, distro, release,
                architecture == null ? Architecture.X86_64 : architecture));
    }

    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        require(Capability.CREATE_IMAGE, "creating images");
        return provider.createImage(instanceId, name, description, tags);
    }

    public void deleteImage(String imageId, boolean deleteSnapshots) {
        require(Capability.CREATE_IMAGE, "deleting images");
        provider.deleteImage(imageId, deleteSnapshots);
    }

    // ---- key pairs --------------------------------------------------------------------------------------------

    public CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags) {
        require(Capability.KEY_PAIRS, "key pairs");
        return provider.createKeyPair(name, type == null ? KeyType.ED25519 : type, tags);
    }

    public KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
        require(Capability.KEY_PAIRS, "key pairs");
        return provider.importKeyPair(name, publicKey, tags);
    }

    public List<KeyPair> keyPairs() {
        require(Capability.KEY_PAIRS, "key pairs");
        return provider.keyPairs();
    }

    public void deleteKeyPair(String name) {
        require(Capability.KEY_PAIRS, "key pairs");
        provider.deleteKeyPair(name);
    }

    // ---- networks ---------------------------------------------------------------------------------------------

    /**
     * A network made ready for instances: the VPC, one subnet per zone, a group that admits SSH, and, where the
     * provider has them, the internet gateway and the route table whose default route goes through it (null otherwise).
     */
    public record NetworkSetup(Network network, List<Subnet> subnets, SecurityGroup securityGroup,
                               InternetGateway internetGateway, RouteTable routeTable) {
    }

    /**
     * Finds the network whose {@code Name} tag is {@code name}, or makes it with {@code cidr}; then makes sure it
     * has a subnet in every zone (carved as /20s, or smaller for small networks), a security group
     * {@code <name>-ssh} that admits TCP 22 from anywhere and, where the provider offers internet gateways and route
     * tables, an attached internet gateway with a {@code 0.0.0.0/0} route in the network's main route table, so
     * instances with public addresses are reachable. Calling it twice makes nothing the second time.
     */
    public NetworkSetup ensureNetwork(String name, String cidr) {
        require(Capability.NETWORKS, "networks");
        Cidr block = Cidr.parse(cidr);
        Network network = provider.networks().stream()
                .filter(n -> name.equals(n.name()))
                .findFirst()
                .orElseGet(() -> provider.createNetwork(new NetworkSpec(name, cidr, Map.of())));
        if (!network.cidr().equals(block.toString())) {
            throw new AltoException(ErrorCode.ALREADY_EXISTS, "NetworkCidrMismatch", "network '" + name
                    + "' exists with CIDR " + network.cidr() + ", not " + cidr);
        }
        List<Zone> zones = provider.zones();
        List<Subnet> existing = provider.subnets().stream().filter(s -> s.networkId().equals(network.id())).toList();
        List<Subnet> subnets = new ArrayList<>(existing);
        int subnetPrefix = Math.min(28, Math.max(block.prefixLength() + ceilLog2(Math.max(1, zones.size())), 20));
        long step = 1L << (32 - subnetPrefix);
        long next = block.base();
        for (Zone zone : zones) {
            if (subnets.stream().anyMatch(s -> zone.name().equals(s.zone()))) {
                continue;
            }
            while (next + step - 1 <= block.last()) {
                Cidr candidate = new Cidr(next, subnetPrefix);
                next += step;
                boolean taken = subnets.stream().anyMatch(s -> Cidr.parse(s.cidr()).overlaps(candidate));
                if (!taken) {
                    subnets.add(provider.createSubnet(new SubnetSpec(network.id(), candidate.toString(), zone.name(),
                            name + "-" + zone.name(), true, Map.of())));
                    break;
                }
            }
        }
        String groupName = name + "-ssh";
        SecurityGroup group = provider.securityGroups().stream()
                .filter(g -> network.id().equals(g.networkId()) && groupName.equals(g.name()))
                .findFirst()
                .orElseGet(() -> provider.createSecurityGroup(new SecurityGroupSpec(network.id(), groupName,
                        "SSH from anywhere, made by alto", Map.of(Tags.NAME, groupName))));
        SecurityRule ssh = SecurityRule.tcp(22, "0.0.0.0/0");
        boolean hasSsh = group.ingress().stream().anyMatch(r -> r.protocol().equals("tcp") && r.fromPort() <= 22
                && r.toPort() >= 22 && r.cidrs().contains("0.0.0.0/0"));
        if (!hasSsh) {
            group = provider.authorize(group.id(), true, List.of(ssh));
        }
        InternetGateway gateway = null;
        RouteTable routes = null;
        if (supports(Capability.INTERNET_GATEWAYS) && supports(Capability.ROUTE_TABLES)) {
            gateway = provider.internetGateways().stream()
                    .filter(g -> network.id().equals(g.attachedNetworkId()))
                    .findFirst()
                    .orElseGet(() -> provider.attachInternetGateway(
                            provider.createInternetGateway(Map.of(Tags.NAME, name)).id(), network.id()));
            routes = provider.routeTables().stream()
                    .filter(t -> network.id().equals(t.networkId()) && t.isMain())
                    .findFirst()
                    .orElseThrow(() -> new AltoException(ErrorCode.PROVIDER_ERROR, "MainRouteTableMissing",
                            "network " + network.id() + " has no main route table"));
            String gatewayId = gateway.id();
            boolean hasDefault = routes.routes().stream().anyMatch(r -> "0.0.0.0/0".equals(r.destinationCidr()));
            if (!hasDefault) {
                routes = provider.createRoute(routes.id(), "0.0.0.0/0", RouteTarget.gateway(gatewayId));
            }
        }
        return new NetworkSetup(network, List.copyOf(subnets), group, gateway, routes);
    }

    private static int ceilLog2(int n) {
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    public Network createNetwork(NetworkSpec spec) {
        require(Capability.NETWORKS, "networks");
        return provider.createNetwork(spec);
    }

    public List<Network> networks() {
        require(Capability.NETWORKS, "networks");
        return provider.networks();
    }

    public void deleteNetwork(String networkId, boolean cascade) {
        require(Capability.NETWORKS, "networks");
        provider.deleteNetwork(networkId, cascade);
    }

    public Subnet createSubnet(SubnetSpec spec) {
        require(Capability.NETWORKS, "networks");
        return provider.createSubnet(spec);
    }

    public List<Subnet> subnets() {
        require(Capability.NETWORKS, "networks");
        return provider.subnets();
    }

    public void deleteSubnet(String id) {
        require(Capability.NETWORKS, "networks");
        provider.deleteSubnet(id);
    }

    public Network modifyNetwork(String networkId, Boolean enableDnsSupport, Boolean enableDnsHostnames) {
        require(Capability.NETWORK_ATTRIBUTES, "network attributes");
        return provider.modifyNetwork(networkId, enableDnsSupport, enableDnsHostnames);
    }

    public Subnet modifySubnet(String subnetId, boolean mapPublicIpOnLaunch) {
        require(Capability.NETWORK_ATTRIBUTES, "subnet attributes");
        return provider.modifySubnet(subnetId, mapPublicIpOnLaunch);
    }

    public SecurityGroup createSecurityGroup(SecurityGroupSpec spec) {
        require(Capability.NETWORKS, "security groups");
        return provider.createSecurityGroup(spec);
    }

    public List<SecurityGroup> securityGroups() {
        require(Capability.NETWORKS, "security groups");
        return provider.securityGroups();
    }

    public SecurityGroup authorize(String groupId, boolean ingress, List<SecurityRule> rules) {
        require(Capability.NETWORKS, "security groups");
        return provider.authorize(groupId, ingress, rules);
    }

    public SecurityGroup revoke(String groupId, boolean ingress, List<SecurityRule> rules) {
        require(Capability.NETWORKS, "security groups");
        return provider.revoke(groupId, ingress, rules);
    }

    public void deleteSecurityGroup(String id) {
        require(Capability.NETWORKS, "security groups");
        provider.deleteSecurityGroup(id);
    }

    /** The rules of the given groups (all groups when empty), one per peer, with their ids. */
    public List<SecurityGroupRule> securityGroupRules(Collection<String> groupIds) {
        require(Capability.SECURITY_GROUP_RULES, "security group rules");
        return provider.securityGroupRules(groupIds == null ? List.of() : groupIds);
    }

    // ---- internet gateways, route tables, ACLs, elastic IPs ---------------------------------------------------

    public InternetGateway createInternetGateway(Map<String, String> tags) {
        require(Capability.INTERNET_GATEWAYS, "internet gateways");
        return provider.createInternetGateway(tags == null ? Map.of() : tags);
    }

    public List<InternetGateway> internetGateways() {
        require(Capability.INTERNET_GATEWAYS, "internet gateways");
        return provider.internetGateways();
    }

    public InternetGateway attachInternetGateway(String gatewayId, String networkId) {
        require(Capability.INTERNET_GATEWAYS, "internet gateways");
        return provider.attachInternetGateway(gatewayId, networkId);
    }

    public InternetGateway detachInternetGateway(String gatewayId, String networkId) {
        require(Capability.INTERNET_GATEWAYS, "internet gateways");
        return provider.detachInternetGateway(gatewayId, networkId);
    }

    public void deleteInternetGateway(String gatewayId) {
        require(Capability.INTERNET_GATEWAYS, "internet gateways");
        provider.deleteInternetGateway(gatewayId);
    }

    public RouteTable createRouteTable(String networkId, Map<String, String> tags) {
        require(Capability.ROUTE_TABLES, "route tables");
        return provider.createRouteTable(networkId, tags == null ? Map.of() : tags);
    }

    public List<RouteTable> routeTables() {
        require(Capability.ROUTE_TABLES, "route tables");
        return provider.routeTables();
    }

    public void deleteRouteTable(String routeTableId) {
        require(Capability.ROUTE_TABLES, "route tables");
        provider.deleteRouteTable(routeTableId);
    }

    public String associateRouteTable(String routeTableId, String subnetId) {
        require(Capability.ROUTE_TABLES, "route tables");
        return provider.associateRouteTable(routeTableId, subnetId);
    }

    public String replaceRouteTableAssociation(String associationId, String routeTableId) {
        require(Capability.ROUTE_TABLES, "route tables");
        return provider.replaceRouteTableAssociation(associationId, routeTableId);
    }

    public void disassociateRouteTable(String associationId) {
        require(Capability.ROUTE_TABLES, "route tables");
        provider.disassociateRouteTable(associationId);
    }

    public RouteTable createRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        require(Capability.ROUTE_TABLES, "route tables");
        return provider.createRoute(routeTableId, destinationCidr, Objects.requireNonNull(target, "target"));
    }

    public RouteTable replaceRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        require(Capability.ROUTE_TABLES, "route tables");
        return provider.replaceRoute(routeTableId, destinationCidr, Objects.requireNonNull(target, "target"));
    }

    public RouteTable deleteRoute(String routeTableId, String destinationCidr) {
        require(Capability.ROUTE_TABLES, "route tables");
        return provider.deleteRoute(routeTableId, destinationCidr);
    }

    public List<NetworkAcl> networkAcls() {
        require(Capability.NETWORK_ACLS, "network ACLs");
        return provider.networkAcls();
    }

    public Address allocateAddress(Map<String, String> tags) {
        require(Capability.ELASTIC_IPS, "elastic IPs");
        return provider.allocateAddress(tags == null ? Map.of() : tags);
    }

    public List<Address> addresses() {
        require(Capability.ELASTIC_IPS, "elastic IPs");
        return provider.addresses();
    }

    /** Associates with an instance (its primary interface) or an interface: exactly one of the two. */
    public Address associateAddress(String allocationId, String instanceId, String networkInterfaceId,
                                    boolean allowReassociation) {
        require(Capability.ELASTIC_IPS, "elastic IPs");
        if ((instanceId == null) == (networkInterfaceId == null)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameterCombination",
                    "associate an address with either an instance or a network interface");
        }
        return provider.associateAddress(allocationId, instanceId, networkInterfaceId, allowReassociation);
    }

    public void disassociateAddress(String associationId) {
        require(Capability.ELASTIC_IPS, "elastic IPs");
        provider.disassociateAddress(associationId);
    }

    public void releaseAddress(String allocationId) {
        require(Capability.ELASTIC_IPS, "elastic IPs");
        provider.releaseAddress(allocationId);
    }

    // ---- volumes, snapshots, interfaces -----------------------------------------------------------------------

    public Volume createVolume(VolumeSpec spec) {
        require(Capability.VOLUMES, "volumes");
        return provider.createVolume(spec);
    }

    public List<Volume> volumes() {
        require(Capability.VOLUMES, "volumes");
        return provider.volumes();
    }

    /** The volumes with these ids that exist; missing ids are left out. */
    public List<Volume> volumes(Collection<String> ids) {
        require(Capability.VOLUMES, "volumes");
        return provider.volumes(ids);
    }

    public Volume attachVolume(String volumeId, String instanceId, String device) {
        require(Capability.VOLUMES, "volumes");
        return provider.attachVolume(volumeId, instanceId, device);
    }

    public Volume detachVolume(String volumeId, boolean force) {
        require(Capability.VOLUMES, "volumes");
        return provider.detachVolume(volumeId, force);
    }

    public void deleteVolume(String volumeId) {
        require(Capability.VOLUMES, "volumes");
        provider.deleteVolume(volumeId);
    }

    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        require(Capability.SNAPSHOTS, "snapshots");
        return provider.createSnapshot(volumeId, description, tags);
    }

    public List<Snapshot> snapshots() {
        require(Capability.SNAPSHOTS, "snapshots");
        return provider.snapshots();
    }

    public void deleteSnapshot(String snapshotId) {
        require(Capability.SNAPSHOTS, "snapshots");
        provider.deleteSnapshot(snapshotId);
    }

    public NetworkInterface createNetworkInterface(InterfaceSpec spec) {
        require(Capability.NETWORK_INTERFACES, "network interfaces");
        return provider.createNetworkInterface(spec);
    }

    public List<NetworkInterface> networkInterfaces() {
        require(Capability.NETWORK_INTERFACES, "network interfaces");
        return provider.networkInterfaces();
    }

    /** The network interfaces with these ids that exist; missing ids are left out. */
    public List<NetworkInterface> networkInterfaces(Collection<String> ids) {
        require(Capability.NETWORK_INTERFACES, "network interfaces");
        return provider.networkInterfaces(ids);
    }

    public NetworkInterface attachNetworkInterface(String interfaceId, String instanceId, int deviceIndex) {
        require(Capability.NETWORK_INTERFACES, "network interfaces");
        return provider.attachNetworkInterface(interfaceId, instanceId, deviceIndex);
    }

    public NetworkInterface detachNetworkInterface(String interfaceId, boolean force) {
        require(Capability.NETWORK_INTERFACES, "network interfaces");
        return provider.detachNetworkInterface(interfaceId, force);
    }

    public void deleteNetworkInterface(String interfaceId) {
        require(Capability.NETWORK_INTERFACES, "network interfaces");
        provider.deleteNetworkInterface(interfaceId);
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    public void tag(String resourceId, Map<String, String> tags) {
        require(Capability.TAGS, "tags");
        provider.tag(resourceId, tags);
    }

    public void untag(String resourceId, Collection<String> keys) {
        require(Capability.TAGS, "tags");
        provider.untag(resourceId, keys);
    }

    /** Capabilities as a sorted set, for display. */
    public Set<Capability> capabilities() {
        return provider.capabilities();
    }

    @Override
    public void close() {
        provider.close();
    }

}
