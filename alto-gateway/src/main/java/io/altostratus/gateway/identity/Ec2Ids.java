package io.altostratus.gateway.identity;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.ec2.MetadataOptionsChange;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.ext.ConsoleOutput;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.Ownership;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.gateway.identity.Ec2IdMapping.Entry;
import io.altostratus.gateway.identity.Ec2IdMapping.Ref;
import io.altostratus.store.StateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * EC2-shaped ids over a backend whose own ids have other shapes (a provider that does not list
 * {@link Capability#EC2_IDS}): every id going out is replaced by its EC2 id from an {@link Ec2IdMapping}, minted on
 * first sight and kept in the gateway's store, and every EC2 id coming in is replaced by the backend's. An EC2 id
 * the mapping does not know is EC2's NotFound for its kind, as it would be on EC2.
 *
 * <p>Translated going out: instances (id, image, VPC, subnet, security groups, block device volumes, network
 * interfaces; a reservation id and launch index where the backend reports no EC2 details), images (id, snapshots,
 * source instance), state changes, pages of instances, partial launches, key pairs (id) and instance attributes
 * (instance id). Coming in: instance ids (single, lists, queries, state changes, image creation, attributes,
 * metadata options, console output), image ids (queries, references, launches, deletion), the subnet, security
 * groups and snapshots of a launch, the VPC and subnet of an instance query, and tag targets of any kind.
 *
 * <p>Extensions pass only where every id they carry is translated here: {@link KeyPairs}, {@link ConsoleOutput},
 * {@link Ownership}, {@link Ec2InstanceAttributes} and {@link Ec2MetadataOptions}. The others (volumes, snapshots,
 * networks, security groups, interfaces, EC2 networking, addresses, spot) are hidden, so the gateway answers their
 * actions with UnsupportedOperation rather than show a backend id. A page cursor that is an instance's id (as
 * {@link Page#of} cuts them) is translated both ways; other cursors are the backend's opaque tokens and pass as they
 * are.
 */
public final class Ec2Ids extends ForwardingComputeProvider {
    private final Ec2IdMapping ids;

    private Ec2Ids(ComputeProvider delegate, Ec2IdMapping ids) {
        super(delegate);
        this.ids = ids;
    }

    /** Whether a provider's ids need the mapping: it does not list {@link Capability#EC2_IDS}. */
    public static boolean needsMapping(ComputeProvider provider) {
        return !provider.traits().contains(Capability.EC2_IDS);
    }

    /**
     * {@code delegate} with EC2-shaped ids kept in {@code store} for {@code account}; a provider whose ids already
     * have EC2's shapes is returned as it is.
     */
    public static ComputeProvider wrap(ComputeProvider delegate, StateStore store, String account) {
        Objects.requireNonNull(delegate, "delegate");
        if (!needsMapping(delegate)) {
            return delegate;
        }
        return new Ec2Ids(delegate, new Ec2IdMapping(store, account, delegate.name(), delegate.region()));
    }

    // ---- images -----------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageQuery query) {
        ImageQuery backendQuery = query;
        if (!query.ids().isEmpty()) {
            Set<String> known = new LinkedHashSet<>();
            for (String id : query.ids()) {
                inbound(Ec2IdKind.IMAGE, id).ifPresent(known::add);
            }
            if (known.isEmpty()) {
                return List.of(); // none of the asked ids exists; an empty id set would list every image
            }
            backendQuery = new ImageQuery(known, query.owners(), query.namePattern(), query.distro(), query.release(),
                    query.architecture(), query.tags());
        }
        return images(delegate.images(backendQuery));
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        ImageRef backendRef = ref.isAlias() ? ref : new ImageRef(requireInbound(Ec2IdKind.IMAGE, ref.id()),
                ref.distro(), ref.release(), ref.architecture());
        return image(delegate.resolveImage(backendRef));
    }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        return image(delegate.createImage(requireInbound(Ec2IdKind.INSTANCE, instanceId), name, description, tags));
    }

    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        delegate.deleteImage(requireInbound(Ec2IdKind.IMAGE, imageId), deleteSnapshots);
    }

    // ---- instances --------------------------------------------------------------------------------------------

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        LaunchSpec.Builder b = spec.toBuilder();
        b.image(requireInbound(Ec2IdKind.IMAGE, spec.image()));
        if (spec.subnetId() != null) {
            b.subnetId(requireInbound(Ec2IdKind.SUBNET, spec.subnetId()));
        }
        b.securityGroupIds(requireInbound(Ec2IdKind.SECURITY_GROUP, spec.securityGroupIds()));
        List<DiskSpec> disks = new ArrayList<>(spec.disks().size());
        for (DiskSpec d : spec.disks()) {
            disks.add(d.snapshotId() == null ? d : new DiskSpec(d.deviceName(), d.sizeGiB(), d.type(), d.iops(),
                    requireInbound(Ec2IdKind.SNAPSHOT, d.snapshotId()), d.deleteOnTermination()));
        }
        b.disks(disks);
        try {
            return launched(delegate.launch(b.build()));
        } catch (PartialLaunchException partial) {
            throw partial.withLaunched(this::launched);
        }
    }

    @Override
    public Instance instance(String id) {
        return instances(List.of(delegate.instance(requireInbound(Ec2IdKind.INSTANCE, id)))).get(0);
    }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        InstanceQuery backendQuery = backendQuery(query);
        return backendQuery == null ? List.of() : instances(delegate.instances(backendQuery));
    }

    @Override
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        InstanceQuery backendQuery = backendQuery(query);
        if (backendQuery == null) {
            return new Page<>(List.of(), null);
        }
        PageRequest backendPage = page.cursor() == null ? page
                : page.next(inbound(Ec2IdKind.INSTANCE, page.cursor()).orElse(page.cursor()));
        Page<Instance> backend = delegate.instances(backendQuery, backendPage);
        List<Instance> items = instances(backend.items());
        String next = backend.nextCursor();
        // A cursor cut from a full listing is the last instance's id: show it as that instance's EC2 id (it comes
        // back through the mapping above). Any other cursor is the backend's own opaque token and passes as it is.
        for (int i = 0; i < items.size() && next != null; i++) {
            if (next.equals(backend.items().get(i).id())) {
                next = items.get(i).id();
                break;
            }
        }
        return new Page<>(items, next);
    }

    /**
     * The query in backend ids, or null when it names a VPC or subnet the mapping has never shown (no instance can
     * be in it). Unknown instance ids fail with NotFound, as the SPI asks.
     */
    private InstanceQuery backendQuery(InstanceQuery query) {
        Set<String> instanceIds = new LinkedHashSet<>(requireInbound(Ec2IdKind.INSTANCE, query.ids()));
        String network = null;
        if (query.networkId() != null) {
            network = inbound(Ec2IdKind.VPC, query.networkId()).orElse(null);
            if (network == null) {
                return null;
            }
        }
        String subnet = null;
        if (query.subnetId() != null) {
            subnet = inbound(Ec2IdKind.SUBNET, query.subnetId()).orElse(null);
            if (subnet == null) {
                return null;
            }
        }
        Set<String> images = new LinkedHashSet<>();
        for (String image : query.imageIds()) {
            inbound(Ec2IdKind.IMAGE, image).ifPresent(images::add);
        }
        if (!query.imageIds().isEmpty() && images.isEmpty()) {
            return null; // no instance can run an image the mapping has never shown
        }
        return query.withIds(instanceIds, network, subnet, images);
    }

    @Override
    public List<StateChange> start(Collection<String> ids) {
        return changes(delegate.start(requireInbound(Ec2IdKind.INSTANCE, ids)));
    }

    @Override
    public List<StateChange> stop(Collection<String> ids, boolean force) {
        return changes(delegate.stop(requireInbound(Ec2IdKind.INSTANCE, ids), force));
    }

    @Override
    public void reboot(Collection<String> ids) {
        delegate.reboot(requireInbound(Ec2IdKind.INSTANCE, ids));
    }

    @Override
    public List<StateChange> terminate(Collection<String> ids) {
        return changes(delegate.terminate(requireInbound(Ec2IdKind.INSTANCE, ids)));
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        delegate.tag(anyInbound(resourceId), tags);
    }

    @Override
    public void untag(String resourceId, Collection<String> keys) {
        delegate.untag(anyInbound(resourceId), keys);
    }

    // ---- extensions -------------------------------------------------------------------------------------------

    @Override
    protected <T extends Extension> Optional<T> decorate(Class<T> type, T extension) {
        Object wrapped;
        if (type == Ownership.class) {
            wrapped = extension; // no ids
        } else if (type == ConsoleOutput.class) {
            ConsoleOutput console = (ConsoleOutput) extension;
            wrapped = (ConsoleOutput) id -> console.consoleOutput(requireInbound(Ec2IdKind.INSTANCE, id));
        } else if (type == KeyPairs.class) {
            wrapped = new MappedKeyPairs((KeyPairs) extension);
        } else if (type == Ec2InstanceAttributes.class) {
            wrapped = new MappedAttributes((Ec2InstanceAttributes) extension);
        } else if (type == Ec2MetadataOptions.class) {
            Ec2MetadataOptions options = (Ec2MetadataOptions) extension;
            wrapped = new Ec2MetadataOptions() {
                @Override
                public InstanceMetadataOptions modifyMetadataOptions(String instanceId, MetadataOptionsChange change) {
                    return options.modifyMetadataOptions(requireInbound(Ec2IdKind.INSTANCE, instanceId), change);
                }
            };
        } else {
            return Optional.empty();
        }
        return Optional.of(type.cast(wrapped));
    }

    private final class MappedKeyPairs implements KeyPairs {
        private final KeyPairs backend;

        MappedKeyPairs(KeyPairs backend) {
            this.backend = backend;
        }

        @Override
        public CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags) {
            CreatedKeyPair created = backend.createKeyPair(name, type, tags);
            return new CreatedKeyPair(keyPair(created.keyPair()), created.privateKeyPem());
        }

        @Override
        public KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
            return keyPair(backend.importKeyPair(name, publicKey, tags));
        }

        @Override
        public List<KeyPair> keyPairs() {
            List<KeyPair> keys = backend.keyPairs();
            List<Ref> refs = new ArrayList<>();
            for (KeyPair k : keys) {
                if (k.id() != null) {
                    refs.add(new Ref(Ec2IdKind.KEY_PAIR, k.id()));
                }
            }
            Map<Ref, Entry> known = ids.toEc2(refs);
            List<KeyPair> out = new ArrayList<>(keys.size());
            for (KeyPair k : keys) {
                out.add(k.id() == null ? k : withId(k, known.get(new Ref(Ec2IdKind.KEY_PAIR, k.id())).ec2Id()));
            }
            return out;
        }

        @Override
        public void deleteKeyPair(String name) {
            backend.deleteKeyPair(name);
        }

        private KeyPair keyPair(KeyPair k) {
            return k.id() == null ? k : withId(k, ids.toEc2(Ec2IdKind.KEY_PAIR, k.id()).ec2Id());
        }

        private KeyPair withId(KeyPair k, String id) {
            return new KeyPair(id, k.name(), k.fingerprint(), k.type(), k.publicKey(), k.createTime(), k.tags());
        }
    }

    private final class MappedAttributes implements Ec2InstanceAttributes {
        private final Ec2InstanceAttributes backend;

        MappedAttributes(Ec2InstanceAttributes backend) {
            this.backend = backend;
        }

        @Override
        public InstanceAttributes instanceAttributes(String instanceId) {
            return attributes(instanceId, backend.instanceAttributes(requireInbound(Ec2IdKind.INSTANCE, instanceId)));
        }

        @Override
        public String userData(String instanceId) {
            return backend.userData(requireInbound(Ec2IdKind.INSTANCE, instanceId));
        }

        @Override
        public InstanceAttributes modifyInstance(String instanceId, InstanceChange change) {
            return attributes(instanceId,
                    backend.modifyInstance(requireInbound(Ec2IdKind.INSTANCE, instanceId), change));
        }

        private InstanceAttributes attributes(String ec2Id, InstanceAttributes a) {
            return new InstanceAttributes(ec2Id, a.instanceType(), a.disableApiTermination(), a.userData());
        }
    }

    // ---- coming in --------------------------------------------------------------------------------------------

    /**
     * The backend id for an id of that kind: an EC2-shaped id must be one the mapping handed out (else EC2's
     * NotFound); anything else (an image alias, an id the backend itself understands) passes as it is.
     */
    private String requireInbound(Ec2IdKind kind, String id) {
        if (id == null || !kind.isWellFormed(id)) {
            return id;
        }
        return ids.requireNative(kind, id);
    }

    private List<String> requireInbound(Ec2IdKind kind, Collection<String> given) {
        List<String> out = new ArrayList<>(given.size());
        for (String id : given) {
            out.add(requireInbound(kind, id));
        }
        return out;
    }

    /** Like {@link #requireInbound(Ec2IdKind, String)}, but empty for an EC2 id the mapping does not know. */
    private Optional<String> inbound(Ec2IdKind kind, String id) {
        if (id == null || !kind.isWellFormed(id)) {
            return Optional.ofNullable(id);
        }
        return ids.toNative(kind, id);
    }

    /** A tag target of any kind, known by its prefix. */
    private String anyInbound(String id) {
        Ec2IdKind kind = Ec2IdKind.ofId(id);
        return kind == null ? id : requireInbound(kind, id);
    }

    // ---- going out --------------------------------------------------------------------------------------------

    private List<Instance> launched(List<Instance> made) {
        List<String> nativeIds = new ArrayList<>(made.size());
        for (Instance i : made) {
            nativeIds.add(i.id());
        }
        ids.launched(nativeIds); // the launch's reservation, before the records are read back
        return instances(made);
    }

    private List<Instance> instances(List<Instance> found) {
        List<Ref> refs = new ArrayList<>();
        for (Instance i : found) {
            refs.add(new Ref(Ec2IdKind.INSTANCE, i.id()));
            add(refs, Ec2IdKind.IMAGE, i.imageId());
            add(refs, Ec2IdKind.VPC, i.vpcId());
            add(refs, Ec2IdKind.SUBNET, i.subnetId());
            for (GroupRef g : i.securityGroups()) {
                add(refs, Ec2IdKind.SECURITY_GROUP, g.id());
            }
            for (BlockDevice d : i.blockDevices()) {
                add(refs, Ec2IdKind.VOLUME, d.volumeId());
            }
            for (String eni : i.networkInterfaceIds()) {
                add(refs, Ec2IdKind.NETWORK_INTERFACE, eni);
            }
        }
        Map<Ref, Entry> known = ids.toEc2(refs);
        List<Instance> out = new ArrayList<>(found.size());
        for (Instance i : found) {
            Entry self = known.get(new Ref(Ec2IdKind.INSTANCE, i.id()));
            List<GroupRef> groups = new ArrayList<>(i.securityGroups().size());
            for (GroupRef g : i.securityGroups()) {
                groups.add(new GroupRef(ec2(known, Ec2IdKind.SECURITY_GROUP, g.id()), g.name()));
            }
            List<BlockDevice> devices = new ArrayList<>(i.blockDevices().size());
            for (BlockDevice d : i.blockDevices()) {
                devices.add(new BlockDevice(d.deviceName(), ec2(known, Ec2IdKind.VOLUME, d.volumeId()),
                        d.deleteOnTermination()));
            }
            List<String> interfaces = new ArrayList<>(i.networkInterfaceIds().size());
            for (String eni : i.networkInterfaceIds()) {
                interfaces.add(ec2(known, Ec2IdKind.NETWORK_INTERFACE, eni));
            }
            Instance.Builder b = i.toBuilder()
                    .id(self.ec2Id())
                    .imageId(ec2(known, Ec2IdKind.IMAGE, i.imageId()))
                    .vpcId(ec2(known, Ec2IdKind.VPC, i.vpcId()))
                    .subnetId(ec2(known, Ec2IdKind.SUBNET, i.subnetId()))
                    .securityGroups(groups)
                    .blockDevices(devices)
                    .networkInterfaceIds(interfaces);
            if (i.details(Ec2InstanceDetails.class).isEmpty()) {
                // EC2 clients group instances by reservation; the mapping remembers the launch each one came from.
                b.details(new Ec2InstanceDetails(self.reservationId(), self.launchIndex(), null, null, null));
            }
            out.add(b.build());
        }
        return out;
    }

    private Image image(Image image) {
        return images(List.of(image)).get(0);
    }

    private List<Image> images(List<Image> found) {
        List<Ref> refs = new ArrayList<>();
        for (Image i : found) {
            refs.add(new Ref(Ec2IdKind.IMAGE, i.id()));
            for (String snapshot : i.snapshotIds()) {
                add(refs, Ec2IdKind.SNAPSHOT, snapshot);
            }
            add(refs, Ec2IdKind.INSTANCE, i.sourceInstanceId());
        }
        Map<Ref, Entry> known = ids.toEc2(refs);
        List<Image> out = new ArrayList<>(found.size());
        for (Image i : found) {
            List<String> snapshots = new ArrayList<>(i.snapshotIds().size());
            for (String snapshot : i.snapshotIds()) {
                snapshots.add(ec2(known, Ec2IdKind.SNAPSHOT, snapshot));
            }
            out.add(new Image(ec2(known, Ec2IdKind.IMAGE, i.id()), i.name(), i.description(), i.ownerId(),
                    i.ownerAlias(), i.distro(), i.release(), i.architecture(), i.state(), i.isPublic(),
                    i.rootDeviceName(), i.rootSizeGiB(), snapshots, ec2(known, Ec2IdKind.INSTANCE, i.sourceInstanceId()),
                    i.creationDate(), i.tags()));
        }
        return out;
    }

    private List<StateChange> changes(List<StateChange> changes) {
        List<Ref> refs = new ArrayList<>(changes.size());
        for (StateChange c : changes) {
            refs.add(new Ref(Ec2IdKind.INSTANCE, c.instanceId()));
        }
        Map<Ref, Entry> known = ids.toEc2(refs);
        List<StateChange> out = new ArrayList<>(changes.size());
        for (StateChange c : changes) {
            out.add(new StateChange(ec2(known, Ec2IdKind.INSTANCE, c.instanceId()), c.previous(), c.current()));
        }
        return out;
    }

    private static void add(List<Ref> refs, Ec2IdKind kind, String nativeId) {
        if (nativeId != null && !nativeId.isEmpty()) {
            refs.add(new Ref(kind, nativeId));
        }
    }

    private static String ec2(Map<Ref, Entry> known, Ec2IdKind kind, String nativeId) {
        if (nativeId == null || nativeId.isEmpty()) {
            return nativeId;
        }
        return known.get(new Ref(kind, nativeId)).ec2Id();
    }

    @Override
    public String toString() {
        return "Ec2Ids[" + delegate + "]";
    }
}
