package io.altostratus.local;

import io.altostratus.catalog.Catalog;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.Scope;
import io.altostratus.local.internal.AccountSettingsOps;
import io.altostratus.local.internal.CapacityReservationOps;
import io.altostratus.local.internal.CustomerPrefixListOps;
import io.altostratus.local.internal.EbsEncryptionOps;
import io.altostratus.local.internal.FleetOps;
import io.altostratus.local.internal.GroupRuleEditOps;
import io.altostratus.local.internal.ImageRegistryOps;
import io.altostratus.local.internal.SnapshotSharingOps;
import io.altostratus.local.internal.FastSnapshotRestoreOps;
import io.altostratus.local.internal.HostOps;
import io.altostratus.local.internal.DhcpOptionsOps;
import io.altostratus.local.internal.Ec2NetworkingOps;
import io.altostratus.local.internal.EgressOnlyInternetGatewayOps;
import io.altostratus.local.internal.ElasticIpOps;
import io.altostratus.local.internal.Env;
import io.altostratus.local.internal.Errors;
import io.altostratus.local.internal.ImageOps;
import io.altostratus.local.internal.StoreIndexes;
import io.altostratus.local.internal.InstanceOps;
import io.altostratus.local.internal.InterfaceOps;
import io.altostratus.local.internal.KeyPairOps;
import io.altostratus.local.internal.LaunchTemplateOps;
import io.altostratus.local.internal.NatGatewayOps;
import io.altostratus.local.internal.NetworkAclOps;
import io.altostratus.local.internal.PlacementGroupOps;
import io.altostratus.local.internal.NetworkOps;
import io.altostratus.local.internal.Session;
import io.altostratus.local.internal.Settings;
import io.altostratus.local.internal.SnapshotCopyOps;
import io.altostratus.local.internal.SpotOps;
import io.altostratus.local.internal.StorageOps;
import io.altostratus.local.internal.TagOps;
import io.altostratus.local.internal.TransitGatewayOps;
import io.altostratus.local.internal.VolumeModificationOps;
import io.altostratus.local.internal.VpcEndpointOps;
import io.altostratus.local.internal.VpcPeeringOps;
import io.altostratus.local.internal.VpnOps;
import io.altostratus.local.internal.InstanceExtrasOps;
import io.altostratus.local.internal.IamInstanceProfileOps;
import io.altostratus.local.internal.EventNotificationOps;
import io.altostratus.local.internal.VolumeIoOps;
import io.altostratus.local.internal.VpcCidrOps;
import io.altostratus.local.internal.InterfaceAddressOps;
import io.altostratus.local.internal.DefaultVpcOps;
import io.altostratus.local.internal.CarrierGatewayOps;
import io.altostratus.local.internal.FlowLogOps;
import io.altostratus.store.StateStore;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A session on the local cloud, bound to one account and region. Every call is one store transaction: a mutation is
 * atomic and durable before the call returns, and reads see every write committed before them, from any thread or
 * process. States that change with time (pending, stopping, shutting-down, pending images and snapshots) are
 * stored with the time they settle and read through the session's clock; nothing runs in the background.
 *
 * <p>The core operations are here; the extensions (volumes, snapshots, key pairs, networks, security groups,
 * interfaces, console output, and EC2's networking, elastic addresses, spot, metadata options and instance
 * attributes) are the session's operation objects in {@code internal}, handed out by {@link #extension}.
 * Instances carry {@link io.altostratus.core.ec2.Ec2InstanceDetails} and EC2's {@code shutting-down} as their raw
 * state while terminating.
 *
 * <p>Launches are all-or-nothing within their transaction: they make between {@code minCount} and {@code count}
 * instances (as many as the {@code max_instances} quota and the subnet's free addresses allow) or fail having made
 * none, so they never throw {@link io.altostratus.core.error.PartialLaunchException}. Spot capacity is offered at
 * a fixed fraction of the on-demand price and never interrupted (see {@link SpotOps}), and no guest runs
 * ({@code GUEST_ACCESS} is not a trait); the console output says it is simulated.
 */
public final class LocalCloud implements ComputeProvider {
    private static final Set<Capability> TRAITS = Collections.unmodifiableSet(
            EnumSet.of(Capability.FORCE_STOP, Capability.CLIENT_TOKEN, Capability.EC2_IDS));

    private final Session session;
    private final Env env;
    private final List<Extension> extensions;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalCloud(Session session, Runnable onClose) {
        this.session = session;
        this.env = session.env();
        this.onClose = onClose;
        this.extensions = List.of(new StorageOps(session), new KeyPairOps(session), new NetworkOps(session),
                new InterfaceOps(session), new InstanceOps(session), new Ec2NetworkingOps(session),
                new ElasticIpOps(session), new SpotOps(session), new NatGatewayOps(session),
                new LaunchTemplateOps(session), new NetworkAclOps(session), new PlacementGroupOps(session),
                new DhcpOptionsOps(session), new EgressOnlyInternetGatewayOps(session), new VpcPeeringOps(session),
                new VpcEndpointOps(session), new VolumeModificationOps(session),
                new HostOps(session), new CapacityReservationOps(session), new AccountSettingsOps(session),
                new FastSnapshotRestoreOps(session),
                new TransitGatewayOps(session),
                new EbsEncryptionOps(session), new SnapshotSharingOps(session), new ImageRegistryOps(session),
                new GroupRuleEditOps(session), new FleetOps(session),
                new VpnOps(session), new InstanceExtrasOps(session), new IamInstanceProfileOps(session),
                new EventNotificationOps(session), new VolumeIoOps(session),
                new VpcCidrOps(session), new InterfaceAddressOps(session), new DefaultVpcOps(session),
                new CarrierGatewayOps(session), new FlowLogOps(session),
                new SnapshotCopyOps(session), new CustomerPrefixListOps(session));
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
        StoreIndexes.register(store);
        return new LocalCloud(new Session(env, store), onClose);
    }

    /** Where the state lives ({@code memory} or a file path), for messages. */
    public String stateLocation() {
        return session.store().location();
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

    /** None: a local session works in a region of an account, with no level in between. */
    @Override
    public Optional<Scope> scope() {
        return Optional.empty();
    }

    @Override
    public Set<Capability> traits() {
        return TRAITS;
    }

    /** Reads see every write committed before them. */
    @Override
    public Duration consistencyGrace() {
        return Duration.ZERO;
    }

    @Override
    public <T extends Extension> Optional<T> extension(Class<T> type) {
        return Extension.find(type, extensions);
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
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Zone zone : env.zones()) {
            out.put(zone.name(), env.catalog().typesOfferedInZone(zone.name()));
        }
        return Collections.unmodifiableMap(out);
    }

    // ---- instances ------------------------------------------------------------------------------------------

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        return session.write(tx -> {
            List<Instance> made = InstanceOps.launch(tx, env, spec);
            // In the same transaction, so a spot price check that fails keeps nothing of the launch.
            return spec.spot() == null ? made : SpotOps.afterLaunch(tx, env, spec, made);
        });
    }

    @Override
    public Instance instance(String id) {
        return session.read(view -> InstanceOps.get(view, env, id));
    }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        return session.read(view -> InstanceOps.list(view, env, query));
    }

    @Override
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return session.read(view -> InstanceOps.page(view, env, query, page));
    }

    @Override
    public List<StateChange> start(Collection<String> ids) {
        return session.write(tx -> {
            List<StateChange> changes = InstanceOps.start(tx, env, ids);
            SpotOps.afterStart(tx, env, changes);
            return changes;
        });
    }

    @Override
    public List<StateChange> stop(Collection<String> ids, boolean force) {
        return session.write(tx -> {
            List<StateChange> changes = InstanceOps.stop(tx, env, ids, force);
            SpotOps.afterStop(tx, env, changes); // may refuse (one-time spot): then nothing was stopped
            return changes;
        });
    }

    @Override
    public void reboot(Collection<String> ids) {
        session.update(tx -> InstanceOps.reboot(tx, env, ids));
    }

    @Override
    public List<StateChange> terminate(Collection<String> ids) {
        return session.write(tx -> {
            List<StateChange> changes = InstanceOps.terminate(tx, env, ids);
            SpotOps.afterTerminate(tx, env, changes);
            return changes;
        });
    }

    // ---- images ---------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageQuery query) {
        return session.read(view -> ImageOps.images(view, env, query));
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        return session.read(view -> ImageOps.resolve(view, env, ref));
    }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> ImageOps.create(tx, env, instanceId, name, description, tags));
    }

    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        session.update(tx -> ImageOps.delete(tx, env, imageId, deleteSnapshots));
    }

    // ---- tags -----------------------------------------------------------------------------------------------

    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        session.update(tx -> TagOps.tag(tx, env, resourceId, tags));
    }

    @Override
    public void untag(String resourceId, Collection<String> keys) {
        session.update(tx -> TagOps.untag(tx, env, resourceId, keys));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }
}
