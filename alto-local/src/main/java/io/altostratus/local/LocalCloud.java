package io.altostratus.local;

import io.altostratus.catalog.Catalog;
import io.altostratus.core.ec2.Address;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.model.Network;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Region;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.ec2.SpotPrice;
import io.altostratus.core.ec2.SpotRequest;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.ec2.MetadataOptionsChange;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.ec2.RouteTarget;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.local.internal.Bootstrap;
import io.altostratus.local.internal.Docs;
import io.altostratus.local.internal.Env;
import io.altostratus.local.internal.ElasticIpOps;
import io.altostratus.local.internal.Errors;
import io.altostratus.local.internal.GatewayOps;
import io.altostratus.local.internal.GroupRuleOps;
import io.altostratus.local.internal.AclOps;
import io.altostratus.local.internal.RouteOps;
import io.altostratus.local.internal.ImageOps;
import io.altostratus.local.internal.InstanceOps;
import io.altostratus.local.internal.InstanceIndex;
import io.altostratus.local.internal.InterfaceOps;
import io.altostratus.local.internal.KeyPairOps;
import io.altostratus.local.internal.NetworkOps;
import io.altostratus.local.internal.Settings;
import io.altostratus.local.internal.SpotOps;
import io.altostratus.local.internal.StorageOps;
import io.altostratus.local.internal.TagOps;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A session on the local cloud, bound to one account and region. Every call is one store transaction: a mutation is
 * atomic and durable before the call returns, and reads see every write committed before them, from any thread or
 * process. States that change with time (pending, stopping, shutting-down, pending images and snapshots) are
 * stored with the time they settle and read through the session's clock; nothing runs in the background.
 *
 * <p>Launches are all-or-nothing within their transaction: they make between {@code minCount} and {@code count}
 * instances (as many as the {@code max_instances} quota and the subnet's free addresses allow) or fail having made
 * none, so they never throw {@link io.altostratus.core.error.PartialLaunchException}. Spot capacity is offered at
 * a fixed fraction of the on-demand price and never interrupted (see {@link SpotOps}), and no guest runs ({@code GUEST_ACCESS} is not declared); the console output says it is simulated.
 */
public final class LocalCloud implements ComputeProvider {
    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
            Capability.STOP_START, Capability.REBOOT, Capability.FORCE_STOP, Capability.CREATE_IMAGE,
            Capability.KEY_PAIRS, Capability.NETWORKS, Capability.VOLUMES, Capability.SNAPSHOTS,
            Capability.NETWORK_INTERFACES, Capability.TAGS, Capability.CLIENT_TOKEN, Capability.CONSOLE_OUTPUT,
            Capability.INTERNET_GATEWAYS, Capability.ROUTE_TABLES, Capability.NETWORK_ACLS, Capability.ELASTIC_IPS,
            Capability.SECURITY_GROUP_RULES, Capability.NETWORK_ATTRIBUTES, Capability.INSTANCE_ATTRIBUTES,
            Capability.INSTANCE_METADATA_OPTIONS, Capability.SPOT));

    private final Env env;
    private final StateStore store;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean bootstrapped;

    private LocalCloud(Env env, StateStore store, Runnable onClose) {
        this.env = env;
        this.store = store;
        this.onClose = onClose;
    }

    /**
     * Opens a session on a store the caller provides; {@code onClose} runs once when the session closes.
     * An unknown region fails here with {@code INVALID_PARAMETER}.
     */
    public static LocalCloud open(ProviderContext context, Catalog catalog, StateStore store, Runnable onClose) {
        String region = context.region() == null ? LocalProviderFactory.DEFAULT_REGION : context.region();
        if (catalog.regions().stream().noneMatch(r -> r.name().equals(region))) {
            throw Errors.invalid("InvalidRegion", "the local cloud has no region '" + region + "' (it has the "
                    + catalog.provider() + " catalog's regions)");
        }
        Env env = Env.of(LocalProviderFactory.NAME, context.account(), region, catalog, context.clock(),
                Settings.from(context));
        InstanceIndex.register(store);
        return new LocalCloud(env, store, onClose);
    }

    /** Where the state lives ({@code memory} or a file path), for messages. */
    public String stateLocation() {
        return store.location();
    }

    // ---- transactions ---------------------------------------------------------------------------------------

    private <T> T write(Function<StateTx, T> work) {
        T result = store.write(tx -> {
            Bootstrap.ensure(tx, env);
            return work.apply(tx);
        });
        bootstrapped = true;
        return result;
    }

    private <T> T read(Function<StateView, T> work) {
        if (!bootstrapped) {
            bootstrapped = store.read(view -> Bootstrap.isDone(view, env));
            if (!bootstrapped) {
                // First use of this region by this account: its default network is made, then read in one go.
                return write(work::apply);
            }
        }
        return store.read(work);
    }

    // ---- identity and places --------------------------------------------------------------------------------

    @Override
    public String name() {
        return LocalProviderFactory.NAME;
    }

    @Override
    public String region() {
        return env.region();
    }

    /** The account this session acts for. */
    public String account() {
        return env.account();
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<Region> regions() {
        return env.catalog().regions();
    }

    @Override
    public List<Zone> zones() {
        return env.zones();
    }

    @Override
    public List<InstanceType> instanceTypes() {
        return env.catalog().instanceTypes(env.region());
    }

    /** The catalog's per-zone offerings (some types are missing from some zones, as in AWS). */
    @Override
    public Map<String, Set<String>> instanceTypeOfferingsByZone() {
        Map<String, Set<String>> out = new java.util.LinkedHashMap<>();
        for (Zone zone : env.zones()) {
            out.put(zone.name(), env.catalog().typesOfferedInZone(zone.name()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    // ---- instances ------------------------------------------------------------------------------------------

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        return write(tx -> {
            List<Instance> made = InstanceOps.launch(tx, env, spec);
            // In the same transaction, so a spot price check that fails keeps nothing of the launch.
            return spec.spot() == null ? made : SpotOps.afterLaunch(tx, env, spec, made);
        });
    }

    @Override
    public Instance instance(String id) {
        return read(view -> InstanceOps.get(view, env, id));
    }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        return read(view -> InstanceOps.list(view, env, query));
    }

    @Override
    public List<StateChange> start(Collection<String> ids) {
        return write(tx -> {
            List<StateChange> changes = InstanceOps.start(tx, env, ids);
            SpotOps.afterStart(tx, env, changes);
            return changes;
        });
    }

    @Override
    public List<StateChange> stop(Collection<String> ids, boolean force) {
        return write(tx -> {
            List<StateChange> changes = InstanceOps.stop(tx, env, ids, force);
            SpotOps.afterStop(tx, env, changes); // may refuse (one-time spot): then nothing was stopped
            return changes;
        });
    }

    @Override
    public void reboot(Collection<String> ids) {
        write(tx -> {
            InstanceOps.reboot(tx, env, ids);
            return null;
        });
    }

    @Override
    public List<StateChange> terminate(Collection<String> ids) {
        return write(tx -> {
            List<StateChange> changes = InstanceOps.terminate(tx, env, ids);
            SpotOps.afterTerminate(tx, env, changes);
            return changes;
        });
    }

    @Override
    public String userData(String instanceId) {
        return read(view -> InstanceOps.userData(view, env, instanceId));
    }

    @Override
    public InstanceAttributes instanceAttributes(String instanceId) {
        return read(view -> InstanceOps.attributes(view, env, instanceId));
    }

    @Override
    public InstanceAttributes modifyInstance(String instanceId, InstanceChange change) {
        return write(tx -> InstanceOps.modify(tx, env, instanceId, change));
    }

    @Override
    public InstanceMetadataOptions modifyMetadataOptions(String instanceId, MetadataOptionsChange change) {
        return write(tx -> InstanceOps.modifyMetadataOptions(tx, env, instanceId, change));
    }

    @Override
    public String consoleOutput(String instanceId) {
        return read(view -> InstanceOps.consoleOutput(view, env, instanceId));
    }

    // ---- spot requests --------------------------------------------------------------------------------------

    @Override
    public List<SpotRequest> spotRequests(Collection<String> ids) {
        return read(view -> SpotOps.list(view, env, ids));
    }

    @Override
    public List<SpotRequest> cancelSpotRequests(Collection<String> ids) {
        return write(tx -> SpotOps.cancel(tx, env, ids));
    }

    @Override
    public List<SpotPrice> spotPrices(Collection<String> instanceTypes, Collection<String> zones) {
        return SpotOps.prices(env, instanceTypes, zones);
    }

    // ---- images ---------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageQuery query) {
        return read(view -> ImageOps.images(view, env, query));
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        return read(view -> ImageOps.resolve(view, env, ref));
    }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        TagOps.validate(tags);
        return write(tx -> ImageOps.create(tx, env, instanceId, name, description, tags));
    }

    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        write(tx -> {
            ImageOps.delete(tx, env, imageId, deleteSnapshots);
            return null;
        });
    }

    // ---- key pairs ------------------------------------------------------------------------------------------

    @Override
    public CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags) {
        TagOps.validate(tags);
        return write(tx -> KeyPairOps.create(tx, env, name, type, tags));
    }

    @Override
    public KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
        TagOps.validate(tags);
        return write(tx -> KeyPairOps.importKey(tx, env, name, publicKey, tags));
    }

    @Override
    public List<KeyPair> keyPairs() {
        return read(view -> KeyPairOps.list(view, env));
    }

    @Override
    public void deleteKeyPair(String name) {
        write(tx -> {
            KeyPairOps.delete(tx, env, name);
            return null;
        });
    }

    // ---- networks -------------------------------------------------------------------------------------------

    @Override
    public Network createNetwork(NetworkSpec spec) {
        TagOps.validate(spec.tags());
        return write(tx -> NetworkOps.createNetwork(tx, env, spec));
    }

    @Override
    public List<Network> networks() {
        return read(view -> NetworkOps.networks(view, env));
    }

    @Override
    public void deleteNetwork(String networkId, boolean cascade) {
        write(tx -> {
            NetworkOps.deleteNetwork(tx, env, networkId, cascade);
            return null;
        });
    }

    @Override
    public Subnet createSubnet(SubnetSpec spec) {
        TagOps.validate(spec.tags());
        return write(tx -> NetworkOps.subnetView(tx, env, NetworkOps.createSubnet(tx, env, spec)));
    }

    @Override
    public List<Subnet> subnets() {
        return read(view -> NetworkOps.subnets(view, env).stream().map(s -> NetworkOps.subnetView(view, env, s)).toList());
    }

    @Override
    public void deleteSubnet(String subnetId) {
        write(tx -> {
            NetworkOps.deleteSubnet(tx, env, subnetId);
            return null;
        });
    }

    @Override
    public Network modifyNetwork(String networkId, Boolean enableDnsSupport, Boolean enableDnsHostnames) {
        return write(tx -> NetworkOps.modifyNetwork(tx, env, networkId, enableDnsSupport, enableDnsHostnames));
    }

    @Override
    public Subnet modifySubnet(String subnetId, boolean mapPublicIpOnLaunch) {
        return write(tx -> NetworkOps.modifySubnet(tx, env, subnetId, mapPublicIpOnLaunch));
    }

    @Override
    public SecurityGroup createSecurityGroup(SecurityGroupSpec spec) {
        TagOps.validate(spec.tags());
        return write(tx -> NetworkOps.createGroup(tx, env, spec));
    }

    @Override
    public List<SecurityGroup> securityGroups() {
        return read(view -> NetworkOps.groups(view, env).stream().map(NetworkOps::groupView).toList());
    }

    @Override
    public SecurityGroup authorize(String groupId, boolean ingress, List<SecurityRule> rules) {
        return write(tx -> NetworkOps.authorize(tx, env, groupId, ingress, rules));
    }

    @Override
    public SecurityGroup revoke(String groupId, boolean ingress, List<SecurityRule> rules) {
        return write(tx -> NetworkOps.revoke(tx, env, groupId, ingress, rules));
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        write(tx -> {
            NetworkOps.deleteGroup(tx, env, groupId);
            return null;
        });
    }

    @Override
    public List<SecurityGroupRule> securityGroupRules(Collection<String> groupIds) {
        return read(view -> GroupRuleOps.list(view, env, groupIds));
    }

    // ---- internet gateways, route tables, ACLs, elastic IPs -------------------------------------------------

    @Override
    public InternetGateway createInternetGateway(Map<String, String> tags) {
        TagOps.validate(tags);
        return write(tx -> GatewayOps.create(tx, env, tags));
    }

    @Override
    public List<InternetGateway> internetGateways() {
        return read(view -> GatewayOps.list(view, env));
    }

    @Override
    public InternetGateway attachInternetGateway(String gatewayId, String networkId) {
        return write(tx -> GatewayOps.attach(tx, env, gatewayId, networkId));
    }

    @Override
    public InternetGateway detachInternetGateway(String gatewayId, String networkId) {
        return write(tx -> GatewayOps.detach(tx, env, gatewayId, networkId));
    }

    @Override
    public void deleteInternetGateway(String gatewayId) {
        write(tx -> {
            GatewayOps.delete(tx, env, gatewayId);
            return null;
        });
    }

    @Override
    public RouteTable createRouteTable(String networkId, Map<String, String> tags) {
        TagOps.validate(tags);
        return write(tx -> RouteOps.create(tx, env, networkId, tags));
    }

    @Override
    public List<RouteTable> routeTables() {
        return read(view -> RouteOps.list(view, env));
    }

    @Override
    public void deleteRouteTable(String routeTableId) {
        write(tx -> {
            RouteOps.delete(tx, env, routeTableId);
            return null;
        });
    }

    @Override
    public String associateRouteTable(String routeTableId, String subnetId) {
        return write(tx -> RouteOps.associate(tx, env, routeTableId, subnetId));
    }

    @Override
    public String replaceRouteTableAssociation(String associationId, String routeTableId) {
        return write(tx -> RouteOps.replaceAssociation(tx, env, associationId, routeTableId));
    }

    @Override
    public void disassociateRouteTable(String associationId) {
        write(tx -> {
            RouteOps.disassociate(tx, env, associationId);
            return null;
        });
    }

    @Override
    public RouteTable createRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        return write(tx -> RouteOps.createRoute(tx, env, routeTableId, destinationCidr, target));
    }

    @Override
    public RouteTable replaceRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        return write(tx -> RouteOps.replaceRoute(tx, env, routeTableId, destinationCidr, target));
    }

    @Override
    public RouteTable deleteRoute(String routeTableId, String destinationCidr) {
        return write(tx -> RouteOps.deleteRoute(tx, env, routeTableId, destinationCidr));
    }

    @Override
    public List<NetworkAcl> networkAcls() {
        return read(view -> AclOps.list(view, env));
    }

    @Override
    public Address allocateAddress(Map<String, String> tags) {
        TagOps.validate(tags);
        return write(tx -> ElasticIpOps.allocate(tx, env, tags));
    }

    @Override
    public List<Address> addresses() {
        return read(view -> ElasticIpOps.list(view, env));
    }

    @Override
    public Address associateAddress(String allocationId, String instanceId, String networkInterfaceId,
                                    boolean allowReassociation) {
        if ((instanceId == null) == (networkInterfaceId == null)) {
            throw Errors.invalid("InvalidParameterCombination",
                    "associate an address with either an instance or a network interface");
        }
        return write(tx -> ElasticIpOps.associate(tx, env, allocationId, instanceId, networkInterfaceId,
                allowReassociation));
    }

    @Override
    public void disassociateAddress(String associationId) {
        write(tx -> {
            ElasticIpOps.disassociate(tx, env, associationId);
            return null;
        });
    }

    @Override
    public void releaseAddress(String allocationId) {
        write(tx -> {
            ElasticIpOps.release(tx, env, allocationId);
            return null;
        });
    }

    // ---- volumes and snapshots ------------------------------------------------------------------------------

    @Override
    public Volume createVolume(VolumeSpec spec) {
        TagOps.validate(spec.tags());
        return write(tx -> StorageOps.create(tx, env, spec));
    }

    @Override
    public List<Volume> volumes() {
        return read(view -> StorageOps.list(view, env));
    }

    /**
     * The volumes among {@code ids} that exist in this account and region, in the order asked, each read by its id;
     * unknown ids are left out.
     */
    @Override
    public List<Volume> volumes(Collection<String> ids) {
        return read(view -> byIds(view, Docs.VOLUME, ids, Volume.class));
    }

    private <T> List<T> byIds(StateView view, String kind, Collection<String> ids, Class<T> type) {
        List<T> found = new ArrayList<>(ids.size());
        for (String id : new LinkedHashSet<>(ids)) {
            view.get(kind, env.scope(), id, type).ifPresent(found::add);
        }
        return found;
    }

    @Override
    public Volume attachVolume(String volumeId, String instanceId, String device) {
        return write(tx -> StorageOps.attach(tx, env, volumeId, instanceId, device));
    }

    @Override
    public Volume detachVolume(String volumeId, boolean force) {
        return write(tx -> StorageOps.detach(tx, env, volumeId, force));
    }

    @Override
    public void deleteVolume(String volumeId) {
        write(tx -> {
            StorageOps.delete(tx, env, volumeId);
            return null;
        });
    }

    @Override
    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        TagOps.validate(tags);
        return write(tx -> StorageOps.createSnapshot(tx, env, volumeId, description, tags));
    }

    @Override
    public List<Snapshot> snapshots() {
        return read(view -> StorageOps.snapshots(view, env));
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        write(tx -> {
            StorageOps.deleteSnapshot(tx, env, snapshotId);
            return null;
        });
    }

    // ---- network interfaces ---------------------------------------------------------------------------------

    @Override
    public NetworkInterface createNetworkInterface(InterfaceSpec spec) {
        TagOps.validate(spec.tags());
        return write(tx -> InterfaceOps.create(tx, env, spec));
    }

    @Override
    public List<NetworkInterface> networkInterfaces() {
        return read(view -> InterfaceOps.list(view, env));
    }

    /**
     * The interfaces among {@code ids} that exist in this account and region, in the order asked, each read by its
     * id (the cost follows the ids asked for, not the account's interfaces); unknown ids are left out.
     */
    @Override
    public List<NetworkInterface> networkInterfaces(Collection<String> ids) {
        return read(view -> byIds(view, Docs.INTERFACE, ids, NetworkInterface.class));
    }

    @Override
    public NetworkInterface attachNetworkInterface(String interfaceId, String instanceId, int deviceIndex) {
        return write(tx -> InterfaceOps.attach(tx, env, interfaceId, instanceId, deviceIndex));
    }

    @Override
    public NetworkInterface detachNetworkInterface(String interfaceId, boolean force) {
        return write(tx -> InterfaceOps.detach(tx, env, interfaceId, force));
    }

    @Override
    public void deleteNetworkInterface(String interfaceId) {
        write(tx -> {
            InterfaceOps.delete(tx, env, interfaceId);
            return null;
        });
    }

    // ---- tags -----------------------------------------------------------------------------------------------

    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        write(tx -> {
            TagOps.tag(tx, env, resourceId, tags);
            return null;
        });
    }

    @Override
    public void untag(String resourceId, Collection<String> keys) {
        write(tx -> {
            TagOps.untag(tx, env, resourceId, keys);
            return null;
        });
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }
}
