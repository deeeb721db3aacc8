package io.altostratus.core;

import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.RouteTarget;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.SecurityGroup;
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
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.query.TypeQuery;
import io.altostratus.core.spec.Cidr;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.Providers;
import io.altostratus.core.spi.Scope;
import io.altostratus.core.wait.Condition;
import io.altostratus.core.wait.Conditions;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.core.wait.Outcome;
import io.altostratus.core.wait.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The portable façade: one object per provider session, the API the CLI, the gateway and library users call.
 * It adds what every provider shares on top of the core {@link ComputeProvider} SPI: capability checks, client
 * tokens, explicit waiting for any resource, get-or-create of networks. Features beyond the core are the provider's
 * extensions, reached with {@link #extension} or {@link #require}; the façade does not repeat their methods.
 * Nothing here waits unless asked to.
 */
public final class Cloud implements AutoCloseable {
    private final ComputeProvider provider;
    private final Waiter.Builder waiterTemplate;
    private final Set<Capability> capabilities;

    public Cloud(ComputeProvider provider, Waiter.Builder waiterTemplate) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.waiterTemplate = waiterTemplate == null ? Waiter.builder() : waiterTemplate;
        this.capabilities = Capability.of(provider);
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

    /** The provider's scope inside the region (project, resource group, node, datacenter), where it has one. */
    public Optional<Scope> scope() {
        return provider.scope();
    }

    /** What the provider offers: its extensions and traits (fixed for the session). */
    public Set<Capability> capabilities() {
        return capabilities;
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    /** The provider's extension of that type, if it offers one. */
    public <T extends Extension> Optional<T> extension(Class<T> type) {
        return provider.extension(type);
    }

    /** The provider's extension of that type, or {@code UNSUPPORTED} naming it. */
    public <T extends Extension> T require(Class<T> type) {
        return provider.extension(type).orElseThrow(() -> AltoException.unsupported(provider.name(),
                Capability.ofExtension(type).map(Capability::what).orElse(type.getSimpleName())));
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
        if (spec.spot() != null && !supports(Capability.SPOT)) {
            require(Capability.SPOT_LAUNCH, "spot instances");
        }
        if (spec.metadataOptions() != null) {
            require(Capability.INSTANCE_METADATA_OPTIONS, "instance metadata options");
        }
        if (!spec.volumeTags().isEmpty()) {
            require(Capability.VOLUMES, "volume tags at launch");
        }
        if (!spec.interfaceTags().isEmpty()) {
            require(Capability.NETWORK_INTERFACES, "network-interface tags at launch");
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

    /** One page of the matching instances; pass the page's cursor back for the next. */
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return provider.instances(query, page);
    }

    public List<StateChange> start(Collection<String> ids) {
        return provider.start(ids);
    }

    public List<StateChange> stop(Collection<String> ids, boolean force) {
        if (force) {
            require(Capability.FORCE_STOP, "forced stop");
        }
        return provider.stop(ids, force);
    }

    public void reboot(Collection<String> ids) {
        provider.reboot(ids);
    }

    public List<StateChange> terminate(Collection<String> ids) {
        return provider.terminate(ids);
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
                Cloud::lastSeen);
    }

    /**
     * An instance as a timeout message shows it: its state, and the provider's reason when it gives one, which is
     * often the answer ("no QEMU guest agent answering on pve1/100", "VMware Tools not reporting on vm-42").
     */
    static String lastSeen(Instance i) {
        if (i == null) {
            return "not visible yet";
        }
        String reason = i.stateReason();
        return reason == null || reason.isBlank() ? i.stateName() : i.stateName() + "; " + reason;
    }

    /**
     * Polls {@code poll} until {@code condition} holds, with this cloud's clock and sleeper: the one way to wait for
     * any resource (images, volumes, snapshots, clusters, a provider's long-running operations).
     */
    public <T> T await(String what, java.util.function.Supplier<T> poll, Condition<T> condition, Duration timeout,
                       java.util.function.Function<T, String> describe) {
        return waiter(timeout).await(what, poll, condition, describe);
    }

    /** Waits until the image can be launched (see {@link Conditions#imageAvailable()}). */
    public Image waitForImage(String imageId, Duration timeout) {
        return await(imageId + " to be available", () -> {
            List<Image> found = provider.images(new ImageQuery(Set.of(imageId), null, null, null, null, null, null));
            if (found.isEmpty()) {
                throw AltoException.notFound("InvalidAMIID.NotFound", "image " + imageId + " does not exist");
            }
            return found.get(0);
        }, Conditions.imageAvailable(), timeout, i -> i == null ? "not found" : i.state());
    }

    /** Waits until the volume meets the condition (e.g. {@link Conditions#volumeAvailable()}). */
    public Volume waitForVolume(String volumeId, Condition<Volume> condition, Duration timeout) {
        Volumes volumes = require(Volumes.class);
        return await(volumeId + " to be " + condition, () -> {
            List<Volume> found = volumes.volumes(List.of(volumeId));
            if (found.isEmpty()) {
                throw AltoException.notFound("InvalidVolume.NotFound", "volume " + volumeId + " does not exist");
            }
            return found.get(0);
        }, condition, timeout, v -> v == null ? "not found" : v.state());
    }

    /** Waits until the snapshot is complete. */
    public Snapshot waitForSnapshot(String snapshotId, Duration timeout) {
        Snapshots snapshots = require(Snapshots.class);
        return await(snapshotId + " to be completed", () -> snapshots.snapshots().stream()
                .filter(x -> x.id().equals(snapshotId)).findFirst()
                .orElseThrow(() -> AltoException.notFound("InvalidSnapshot.NotFound",
                        "snapshot " + snapshotId + " does not exist")),
                Conditions.snapshotCompleted(), timeout, x -> x == null ? "not found" : x.state() + " " + x.progress() + "%");
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
                list -> String.join(", ", list.stream().map(i -> i.id() + " " + lastSeen(i)).toList()));
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
        return provider.createImage(instanceId, name, description, tags);
    }

    public void deleteImage(String imageId, boolean deleteSnapshots) {
        provider.deleteImage(imageId, deleteSnapshots);
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    public void tag(String resourceId, Map<String, String> tags) {
        provider.tag(resourceId, tags);
    }

    public void untag(String resourceId, Collection<String> keys) {
        provider.untag(resourceId, keys);
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
     * {@code <name>-ssh} that admits TCP 22 from anywhere and, where the provider offers EC2's networking (internet
     * gateways and route tables), an attached internet gateway with a {@code 0.0.0.0/0} route in the network's main route table, so
     * instances with public addresses are reachable. Calling it twice makes nothing the second time.
     */
    public NetworkSetup ensureNetwork(String name, String cidr) {
        Networks nets = require(Networks.class);
        SecurityGroups groups = require(SecurityGroups.class);
        Cidr block = Cidr.parse(cidr);
        Network network = nets.networks().stream()
                .filter(n -> name.equals(n.name()))
                .findFirst()
                .orElseGet(() -> nets.createNetwork(new NetworkSpec(name, cidr, Map.of())));
        if (!network.cidrs().contains(block.toString())) {
            throw new AltoException(ErrorCode.ALREADY_EXISTS, "NetworkCidrMismatch", "network '" + name
                    + "' exists with CIDR " + network.cidr() + ", not " + cidr);
        }
        List<Zone> zones = provider.zones();
        List<Subnet> existing = nets.subnets().stream().filter(s -> s.networkId().equals(network.id())).toList();
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
                    subnets.add(nets.createSubnet(new SubnetSpec(network.id(), candidate.toString(), zone.name(),
                            name + "-" + zone.name(), true, Map.of())));
                    break;
                }
            }
        }
        String groupName = name + "-ssh";
        SecurityGroup group = groups.securityGroups().stream()
                .filter(g -> network.id().equals(g.networkId()) && groupName.equals(g.name()))
                .findFirst()
                .orElseGet(() -> groups.createSecurityGroup(new SecurityGroupSpec(network.id(), groupName,
                        "SSH from anywhere, made by alto", Map.of(Tags.NAME, groupName))));
        SecurityRule ssh = SecurityRule.tcp(22, "0.0.0.0/0");
        boolean hasSsh = group.ingress().stream().anyMatch(r -> r.protocol().equals("tcp") && r.fromPort() <= 22
                && r.toPort() >= 22 && r.cidrs().contains("0.0.0.0/0"));
        if (!hasSsh) {
            group = groups.authorize(group.id(), true, List.of(ssh));
        }
        InternetGateway gateway = null;
        RouteTable routes = null;
        Ec2Networking ec2 = extension(Ec2Networking.class).orElse(null);
        if (ec2 != null) {
            gateway = ec2.internetGateways().stream()
                    .filter(g -> network.id().equals(g.attachedNetworkId()))
                    .findFirst()
                    .orElseGet(() -> ec2.attachInternetGateway(
                            ec2.createInternetGateway(Map.of(Tags.NAME, name)).id(), network.id()));
            routes = ec2.routeTables().stream()
                    .filter(t -> network.id().equals(t.networkId()) && t.isMain())
                    .findFirst()
                    .orElseThrow(() -> new AltoException(ErrorCode.PROVIDER_ERROR, "MainRouteTableMissing",
                            "network " + network.id() + " has no main route table"));
            String gatewayId = gateway.id();
            boolean hasDefault = routes.routes().stream().anyMatch(r -> "0.0.0.0/0".equals(r.destinationCidr()));
            if (!hasDefault) {
                routes = ec2.createRoute(routes.id(), "0.0.0.0/0", RouteTarget.gateway(gatewayId));
            }
        }
        return new NetworkSetup(network, List.copyOf(subnets), group, gateway, routes);
    }

    private static int ceilLog2(int n) {
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    @Override
    public void close() {
        provider.close();
    }
}
