package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.ec2.MetadataOptionsChange;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.ConsoleOutput;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.InterfaceAttachment;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.VolumeAttachment;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.query.TypeQuery;
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.local.internal.Docs.RegionMeta;
import io.altostratus.local.internal.Docs.TokenDoc;
import io.altostratus.local.internal.Docs.UserDataDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Instances: launch, the lifecycle, and how stored instances read. The static methods are the core operations the
 * session runs in its transactions; an instance is a session's instance attributes, metadata options and console
 * ({@link Ec2InstanceAttributes}, {@link Ec2MetadataOptions}, {@link ConsoleOutput}).
 */
public final class InstanceOps implements Ec2InstanceAttributes, Ec2MetadataOptions, ConsoleOutput {
    /** EC2's word for {@link InstanceState#TERMINATING}, which the local cloud speaks as an EC2-shaped cloud. */
    static final String SHUTTING_DOWN = "shutting-down";
    private static final String USER_SHUTDOWN = "Client.UserInitiatedShutdown: User initiated shutdown";
    private static final String DEFAULT_ROOT_DEVICE = "/dev/sda1";
    private static final int DEFAULT_ROOT_GIB = 8;

    private final Session session;
    private final Env env;

    public InstanceOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /** The instance as read now, with a public DNS name only where its VPC gives hostnames (as in AWS). */
    public static Instance view(StateView view, InstanceDoc d, Env env, long now) {
        return view(d, env, now, publicDnsNames(view, env, d.vpcId()));
    }

    static boolean publicDnsNames(StateView view, Env env, String vpcId) {
        return vpcId == null || view.get(Docs.VPC, env.scope(), vpcId, Docs.VpcDoc.class)
                .map(Docs.VpcDoc::enableDnsHostnames).orElse(true);
    }

    private static Instance view(InstanceDoc d, Env env, long now, boolean publicDnsNames) {
        InstanceState state = Transitions.effective(d, now);
        return Instance.builder()
                .id(d.id())
                .name(d.tags().get(Tags.NAME))
                .provider(env.provider())
                .region(env.region())
                .zone(d.zone())
                .state(state)
                .rawState(state == InstanceState.TERMINATING ? SHUTTING_DOWN : null)
                .stateReason(d.stateReason())
                .imageId(d.imageId())
                .instanceType(d.instanceType())
                .architecture(d.architecture())
                .privateIp(d.privateIp())
                .publicIp(d.publicIp())
                .privateDnsName(Addresses.privateDnsName(env.region(), d.privateIp()))
                .publicDnsName(publicDnsNames ? Addresses.publicDnsName(env.region(), d.publicIp()) : null)
                .keyName(d.keyName())
                .vpcId(d.vpcId())
                .subnetId(d.subnetId())
                .securityGroups(d.securityGroups())
                .blockDevices(d.blockDevices())
                .networkInterfaceIds(d.networkInterfaceIds())
                .spot(d.spotRequestId() != null)
                .clientToken(d.clientToken())
                .tags(d.tags())
                .launchTime(Env.instant(d.launchTime()))
                .details(new Ec2InstanceDetails(d.reservationId(), d.launchIndex(), d.rootDeviceName(),
                        d.effectiveMetadataOptions(), d.spotRequestId()))
                .build();
    }

    public static Instance get(StateView view, Env env, String id) {
        return view(view, Lookup.instance(view, env, id), env, env.now());
    }

    public static List<Instance> list(StateView view, Env env, InstanceQuery query) {
        long now = env.now();
        for (String id : query.ids()) {
            Lookup.instance(view, env, id); // unknown ids fail rather than read as an empty answer
        }
        List<Instance> result = new ArrayList<>();
        if (!query.ids().isEmpty() && query.ids().size() < 64) {
            for (String id : query.ids()) {
                Instance instance = view(view, Lookup.instance(view, env, id), env, now);
                if (query.matches(instance)) {
                    result.add(instance);
                }
            }
            return result;
        }
        Reader reader = new Reader(view, env, now);
        for (InstanceDoc doc : candidates(view, env, query)) {
            if (Transitions.expired(doc, now, env.settings().retentionMs())) {
                continue;
            }
            Instance instance = reader.read(doc);
            if (query.matches(instance)) {
                result.add(instance);
            }
        }
        return result;
    }

    /**
     * One page of {@link #list}, in id order. It walks, from the cursor on, the ids the index files under the query's
     * narrowest criterion (or every instance, in id order, when the index cannot narrow it), reading instances only
     * until the page is full and one more match says whether a next page exists: the first and the hundredth page
     * of a large fleet cost the same, and nothing is sorted. The cursor is the page's last id: the next page starts
     * after it, so instances deleted or added between pages never make one repeat or skip another.
     */
    public static Page<Instance> page(StateView view, Env env, InstanceQuery query, PageRequest request) {
        long now = env.now();
        long retention = env.settings().retentionMs();
        Reader reader = new Reader(view, env, now);
        List<Instance> items = new ArrayList<>(Math.min(request.limit(), 1024));
        Iterator<InstanceDoc> docs = walk(view, env, query, request.cursor());
        while (docs.hasNext()) {
            InstanceDoc doc = docs.next();
            if (Transitions.expired(doc, now, retention)) {
                continue;
            }
            Instance instance = reader.read(doc);
            if (!query.matches(instance)) {
                continue;
            }
            if (items.size() == request.limit()) {
                return new Page<>(items, items.get(items.size() - 1).id());
            }
            items.add(instance);
        }
        return new Page<>(items, null);
    }

    /** The stored instances that can match, in id order after {@code cursor}, read as the caller goes. */
    private static Iterator<InstanceDoc> walk(StateView view, Env env, InstanceQuery query, String cursor) {
        if (!query.ids().isEmpty()) {
            TreeMap<String, InstanceDoc> named = new TreeMap<>();
            for (String id : query.ids()) {
                InstanceDoc doc = Lookup.instance(view, env, id); // unknown ids fail, as in a full listing
                if (cursor == null || doc.id().compareTo(cursor) > 0) {
                    named.put(doc.id(), doc);
                }
            }
            return named.values().iterator();
        }
        Optional<List<String>> keys = InstanceIndex.narrowest(view, env.scope(), query);
        if (keys.isEmpty()) {
            return view.scan(Docs.INSTANCE, env.scope(), InstanceDoc.class, cursor);
        }
        Iterator<String> ids = view.lookupFrom(Docs.INSTANCE, env.scope(), InstanceIndex.NAME, keys.get(), cursor);
        return view.getEach(Docs.INSTANCE, env.scope(), ids, InstanceDoc.class);
    }

    /** Reads stored instances as of one moment, looking each VPC's DNS setting up once. */
    private static final class Reader {
        private final StateView view;
        private final Env env;
        private final long now;
        private final Map<String, Boolean> dnsByVpc = new HashMap<>();

        Reader(StateView view, Env env, long now) {
            this.view = view;
            this.env = env;
            this.now = now;
        }

        Instance read(InstanceDoc doc) {
            boolean dns = doc.vpcId() == null || dnsByVpc.computeIfAbsent(doc.vpcId(),
                    vpc -> publicDnsNames(view, env, vpc));
            return view(doc, env, now, dns);
        }
    }

    /** The stored instances that can match: those the index names when it can narrow the query, else all. */
    private static List<InstanceDoc> candidates(StateView view, Env env, InstanceQuery query) {
        var ids = InstanceIndex.candidates(view, env.scope(), query);
        if (ids.isEmpty()) {
            return view.list(Docs.INSTANCE, env.scope(), InstanceDoc.class);
        }
        return view.getAll(Docs.INSTANCE, env.scope(), ids.get(), InstanceDoc.class);
    }

    @Override
    public String userData(String instanceId) {
        return session.read(view -> userData(view, env, instanceId));
    }

    private static String userData(StateView view, Env env, String id) {
        Lookup.instance(view, env, id);
        return view.get(Docs.USER_DATA, env.scope(), id, UserDataDoc.class).map(UserDataDoc::data).orElse(null);
    }

    @Override
    public InstanceAttributes instanceAttributes(String instanceId) {
        return session.read(view -> attributes(view, env, instanceId));
    }

    private static InstanceAttributes attributes(StateView view, Env env, String id) {
        InstanceDoc doc = Lookup.instance(view, env, id);
        return new InstanceAttributes(doc.id(), doc.instanceType(), doc.disableApiTermination(),
                userData(view, env, id));
    }

    /** Type and user data change only while stopped, as in EC2; termination protection at any time. */
    @Override
    public InstanceAttributes modifyInstance(String id, InstanceChange change) {
        return session.write(tx -> {
            InstanceDoc doc = Lookup.instance(tx, env, id);
            String type = doc.instanceType();
            if (change.instanceType() != null || change.userData() != null) {
                if (doc.state() != InstanceState.STOPPED) {
                    throw Errors.incorrectInstanceState(id, doc.state(), "modified (it must be stopped)");
                }
            }
            if (change.instanceType() != null) {
                InstanceType offered = env.catalog().instanceType(env.region(), change.instanceType())
                        .orElseThrow(() -> Errors.invalidValue("The instance type '" + change.instanceType()
                                + "' is not offered in " + env.region()));
                if (!offered.supports(doc.architecture())) {
                    throw Errors.invalidValue("The instance type " + offered.name() + " does not support the "
                            + doc.architecture() + " architecture of instance " + id);
                }
                type = offered.name();
            }
            boolean protect = change.disableApiTermination() == null ? doc.disableApiTermination()
                    : change.disableApiTermination();
            tx.put(Docs.INSTANCE, env.scope(), id, doc.withAttributes(type, protect));
            if (change.userData() != null) {
                tx.put(Docs.USER_DATA, env.scope(), id, new UserDataDoc(id, change.userData()));
            }
            return attributes(tx, env, id);
        });
    }

    /**
     * Metadata options change at any time before the instance goes away, as in EC2 (a stopped instance simply
     * starts with them); the change is applied at once, so reads never see a pending state.
     */
    @Override
    public InstanceMetadataOptions modifyMetadataOptions(String id, MetadataOptionsChange change) {
        return session.write(tx -> {
            InstanceDoc doc = Lookup.instance(tx, env, id);
            InstanceState state = Transitions.effective(doc, env.now());
            if (Transitions.isGoingOrGone(state)) {
                throw Errors.incorrectInstanceState(id, state, "modified");
            }
            InstanceMetadataOptions changed = change.applyTo(doc.effectiveMetadataOptions());
            if (!changed.equals(doc.metadataOptions())) {
                tx.put(Docs.INSTANCE, env.scope(), id, doc.withMetadataOptions(changed));
            }
            return changed;
        });
    }

    @Override
    public String consoleOutput(String instanceId) {
        return session.read(view -> {
            InstanceDoc doc = Lookup.instance(view, env, instanceId);
            return ConsoleLog.render(view(view, doc, env, env.now()), doc.bootCount());
        });
    }

    // ---- launching ------------------------------------------------------------------------------------------

    /**
     * Launches all-or-nothing within one transaction: either {@code n} instances (minCount &lt;= n &lt;= count, as
     * many as quota and addresses allow) are made with everything they need, or nothing is, so a
     * {@link io.altostratus.core.error.PartialLaunchException} never arises here.
     */
    public static List<Instance> launch(StateTx tx, Env env, LaunchSpec spec) {
        long now = env.now();
        String fingerprint = fingerprint(spec);
        if (spec.clientToken() != null) {
            var previous = tx.get(Docs.TOKEN, env.scope(), spec.clientToken(), TokenDoc.class);
            if (previous.isPresent()) {
                if (!previous.get().specFingerprint().equals(fingerprint)) {
                    throw Errors.invalid("IdempotentParameterMismatch", "The client token '" + spec.clientToken()
                            + "' was already used with different parameters");
                }
                List<Instance> earlier = new ArrayList<>();
                for (String id : previous.get().instanceIds()) {
                    tx.get(Docs.INSTANCE, env.scope(), id, InstanceDoc.class)
                            .filter(d -> !Transitions.expired(d, now, env.settings().retentionMs()))
                            .ifPresent(d -> earlier.add(view(tx, d, env, now)));
                }
                return earlier;
            }
        }
        TagOps.validate(spec.tags(), LaunchTemplateOps.SYSTEM_TAGS);
        TagOps.validate(spec.volumeTags());
        TagOps.validate(spec.interfaceTags());
        Image image = resolveImage(tx, env, spec);
        Architecture arch = image.architecture();
        if (spec.architecture() != null && spec.architecture() != arch) {
            throw Errors.invalidValue("The architecture '" + spec.architecture() + "' does not match the architecture '"
                    + arch + "' of image " + image.id());
        }
        if (spec.keyName() != null && Lookup.keyPair(tx, env, spec.keyName()).isEmpty()) {
            throw Errors.notFound("InvalidKeyPair.NotFound", "The key pair '" + spec.keyName() + "' does not exist");
        }
        InstanceType type = chooseType(env, spec, arch);
        RegionMeta meta = Bootstrap.meta(tx, env);
        List<Subnet> placement = placement(tx, env, spec, type.name(), meta);
        String vpcId = placement.get(0).networkId();
        List<GroupRef> groups = NetworkOps.resolveGroups(tx, env, spec.securityGroupIds(), vpcId);

        int rootSize = image.rootSizeGiB() > 0 ? image.rootSizeGiB() : DEFAULT_ROOT_GIB;
        if (spec.rootVolumeSizeGiB() != null) {
            if (spec.rootVolumeSizeGiB() < rootSize) {
                throw Errors.invalid("InvalidBlockDeviceMapping", "Volume of size " + spec.rootVolumeSizeGiB()
                        + "GB is smaller than the image's root volume (" + rootSize + "GB)");
            }
            rootSize = spec.rootVolumeSizeGiB();
        }
        String rootDevice = image.rootDeviceName() == null ? DEFAULT_ROOT_DEVICE : image.rootDeviceName();
        String rootSnapshot = Lookup.ownImage(tx, env, image.id()).isPresent() && !image.snapshotIds().isEmpty()
                ? image.snapshotIds().get(0) : null;
        List<String> devices = new ArrayList<>(List.of(rootDevice));
        for (DiskSpec disk : spec.disks()) {
            String device = disk.deviceName() == null ? StorageOps.nextDevice(devices) : disk.deviceName();
            StorageOps.checkDevice(device, devices, null);
            devices.add(device);
            if (disk.snapshotId() != null) {
                Lookup.snapshot(tx, env, disk.snapshotId());
            }
        }

        int free = env.settings().maxInstances() - meta.liveInstances();
        int wanted = Math.min(spec.count(), Math.max(0, free));
        if (wanted < spec.minCount()) {
            throw new AltoException(ErrorCode.QUOTA_EXCEEDED, "InstanceLimitExceeded", "You have requested more "
                    + "instances (" + spec.minCount() + ") than your current instance limit of "
                    + env.settings().maxInstances() + " allows for " + env.region() + " (" + meta.liveInstances()
                    + " in use)");
        }
        // Kept explicitly even when defaulted, so what an instance launched with never shifts under it.
        InstanceMetadataOptions metadataOptions = spec.metadataOptions() == null
                ? InstanceMetadataOptions.defaults() : spec.metadataOptions();
        List<InstanceDoc> made = new ArrayList<>();
        String reservationId = Ec2IdKind.RESERVATION.mint();
        for (int i = 0; i < wanted; i++) {
            Subnet subnet = placement.get(i % placement.size());
            String instanceId = Ec2IdKind.INSTANCE.mint();
            String eniId = Ec2IdKind.NETWORK_INTERFACE.mint();
            String privateIp;
            try {
                // First, so that running out of addresses leaves nothing of this instance behind.
                privateIp = Addresses.allocatePrivate(tx, env, subnet, eniId);
            } catch (AltoException full) {
                if (made.size() >= spec.minCount()) {
                    break;
                }
                throw full;
            }
            String publicIp = subnet.mapPublicIpOnLaunch() ? Addresses.allocatePublic(tx, eniId) : null;
            List<BlockDevice> blockDevices = new ArrayList<>();
            VolumeAttachment rootAttachment = new VolumeAttachment(instanceId, rootDevice, "attached", true,
                    Env.instant(now));
            Volume root = StorageOps.newVolume(tx, env, subnet.zone(), rootSize, "gp3", 0, false, rootSnapshot,
                    spec.volumeTags(), rootAttachment);
            if (rootSnapshot != null && root.sizeGiB() != rootSize) {
                root = StorageOps.newVolume(tx, env, subnet.zone(), root.sizeGiB(), "gp3", 0, false, rootSnapshot,
                        spec.volumeTags(), rootAttachment);
            }
            tx.put(Docs.VOLUME, env.scope(), root.id(), root);
            blockDevices.add(new BlockDevice(rootDevice, root.id(), true));
            for (int d = 0; d < spec.disks().size(); d++) {
                DiskSpec disk = spec.disks().get(d);
                String device = devices.get(d + 1);
                Volume volume = StorageOps.newVolume(tx, env, subnet.zone(), disk.sizeGiB(), disk.type(), disk.iops(),
                        false, disk.snapshotId(), spec.volumeTags(), new VolumeAttachment(instanceId, device, "attached",
                                disk.deleteOnTermination(), Env.instant(now)));
                tx.put(Docs.VOLUME, env.scope(), volume.id(), volume);
                blockDevices.add(new BlockDevice(device, volume.id(), disk.deleteOnTermination()));
            }
            NetworkInterface eni = new NetworkInterface(eniId, subnet.id(), subnet.networkId(), subnet.zone(),
                    privateIp, publicIp, InterfaceOps.macAddress(), groups, "Primary network interface", "in-use",
                    new InterfaceAttachment(Ec2IdKind.INTERFACE_ATTACHMENT.mint(), instanceId, 0, true, Env.instant(now)),
                    spec.interfaceTags());
            tx.put(Docs.INTERFACE, env.scope(), eniId, eni);
            InstanceDoc doc = new InstanceDoc(instanceId, subnet.zone(), InstanceState.PENDING, env.settleTime(), null,
                    image.id(), type.name(), arch, privateIp, publicIp, spec.keyName(), subnet.networkId(),
                    subnet.id(), groups, blockDevices, List.of(eniId), rootDevice, spec.clientToken(), spec.tags(),
                    now, 1, spec.disableApiTermination(), reservationId, i, metadataOptions);
            tx.put(Docs.INSTANCE, env.scope(), instanceId, doc);
            if (spec.userData() != null) {
                tx.put(Docs.USER_DATA, env.scope(), instanceId, new UserDataDoc(instanceId, spec.userData()));
            }
            made.add(doc);
        }
        Bootstrap.putMeta(tx, env, new RegionMeta(meta.liveInstances() + made.size(),
                meta.zoneCursor() + made.size(), meta.nextPurgeAt()));
        if (spec.clientToken() != null) {
            tx.put(Docs.TOKEN, env.scope(), spec.clientToken(),
                    new TokenDoc(spec.clientToken(), fingerprint, made.stream().map(InstanceDoc::id).toList()));
        }
        purgeIfDue(tx, env);
        return made.stream().map(d -> view(tx, d, env, now)).toList();
    }

    private static Image resolveImage(StateView view, Env env, LaunchSpec spec) {
        ImageRef ref;
        try {
            ref = ImageRef.parse(spec.image());
        } catch (IllegalArgumentException e) {
            throw Errors.invalid("InvalidAMIID.Malformed", e.getMessage());
        }
        if (ref.isAlias() && spec.architecture() != null && !spec.image().contains("/")) {
            // "ubuntu:24.04" names no architecture; the spec's architecture decides which build is meant.
            ref = new ImageRef(null, ref.distro(), ref.release(), spec.architecture());
        }
        Image image = ImageOps.resolve(view, env, ref);
        if (!Image.AVAILABLE.equals(image.state())) {
            throw Errors.state("InvalidAMIID.Unavailable", "Image " + image.id() + " is " + image.state()
                    + ", not available");
        }
        return image;
    }

    private static InstanceType chooseType(Env env, LaunchSpec spec, Architecture arch) {
        if (spec.instanceType() != null && !spec.instanceType().isBlank()) {
            InstanceType type = env.catalog().instanceType(env.region(), spec.instanceType())
                    .orElseThrow(() -> Errors.invalidValue("The instance type '" + spec.instanceType()
                            + "' is not offered in " + env.region()));
            if (!type.supports(arch)) {
                throw Errors.invalidValue("The architecture '" + arch + "' of the image does not match the "
                        + "architectures " + type.architectures() + " of instance type " + type.name());
            }
            return type;
        }
        return new TypeQuery(spec.minVcpus(), spec.minMemoryMiB(), null, arch, null)
                .select(env.catalog().instanceTypes(env.region())).stream()
                .filter(t -> spec.zone() == null || offered(env, spec.zone(), t.name()))
                .findFirst()
                .orElseThrow(() -> Errors.invalid("NoMatchingInstanceType", "no instance type in " + env.region()
                        + " has at least " + spec.minVcpus() + " vCPUs and " + spec.minMemoryMiB() + " MiB on " + arch));
    }

    /** Whether a zone offers a type; a zone the catalog has no offering data for is taken to offer every type. */
    static boolean offered(Env env, String zone, String type) {
        Set<String> types = env.catalog().typesOfferedInZone(zone);
        return types.isEmpty() || types.contains(type);
    }

    /** Where each instance goes: the given subnet, the zone's default subnet, or the default subnets in turn. */
    private static List<Subnet> placement(StateView view, Env env, LaunchSpec spec, String type, RegionMeta meta) {
        if (spec.subnetId() != null) {
            Subnet subnet = Lookup.subnet(view, env, spec.subnetId());
            if (spec.zone() != null && !spec.zone().equals(subnet.zone())) {
                throw Errors.invalidValue("The subnet " + subnet.id() + " is in " + subnet.zone() + ", not "
                        + spec.zone());
            }
            requireOffered(env, subnet.zone(), type);
            return List.of(subnet);
        }
        Network vpc = NetworkOps.defaultVpc(view, env);
        List<Subnet> defaults = NetworkOps.subnets(view, env).stream()
                .filter(s -> s.defaultForZone() && s.networkId().equals(vpc.id()))
                .sorted(Comparator.comparing(Subnet::zone))
                .toList();
        if (spec.zone() != null) {
            if (env.zone(spec.zone()) == null) {
                throw Errors.invalidValue("Invalid availability zone: [" + spec.zone() + "]");
            }
            requireOffered(env, spec.zone(), type);
            return List.of(defaults.stream().filter(s -> s.zone().equals(spec.zone())).findFirst()
                    .orElseThrow(() -> Errors.invalid("MissingInput", "No default subnet for availability zone: '"
                            + spec.zone() + "'")));
        }
        List<Subnet> usable = defaults.stream().filter(s -> offered(env, s.zone(), type)).toList();
        if (usable.isEmpty()) {
            if (defaults.isEmpty()) {
                throw Errors.invalid("MissingInput", "No default subnet in " + env.region() + "; give a subnet");
            }
            throw Errors.invalid("Unsupported", "Your requested instance type (" + type + ") is not supported in "
                    + "any zone with a default subnet in " + env.region());
        }
        List<Subnet> rotated = new ArrayList<>();
        int start = Math.floorMod(meta.zoneCursor(), usable.size());
        for (int i = 0; i < usable.size(); i++) {
            rotated.add(usable.get((start + i) % usable.size()));
        }
        return rotated;
    }

    private static void requireOffered(Env env, String zone, String type) {
        if (!offered(env, zone, type)) {
            throw Errors.invalid("Unsupported", "Your requested instance type (" + type + ") is not supported in "
                    + "your requested Availability Zone (" + zone + ")");
        }
    }

    /** A stable digest of everything a launch asks for, so a reused client token can be told from a different launch. */
    static String fingerprint(LaunchSpec s) {
        StringBuilder b = new StringBuilder();
        for (Object part : new Object[] {s.name(), s.image(), s.instanceType(), s.minVcpus(), s.minMemoryMiB(),
                s.architecture(), s.userData(), s.keyName(), s.zone(), s.subnetId(), s.securityGroupIds(), s.disks(),
                s.rootVolumeSizeGiB(), s.spot(), new TreeMap<>(s.tags()), s.count(), s.minCount()}) {
            b.append(part).append('\u0000');
        }
        if (s.disableApiTermination()) {
            // Only when set, so tokens stored before the flag existed keep their fingerprints.
            b.append("disableApiTermination");
        }
        if (s.metadataOptions() != null) {
            // Likewise only when given.
            b.append('\u0000').append(s.metadataOptions());
        }
        if (!s.volumeTags().isEmpty() || !s.interfaceTags().isEmpty()) {
            b.append('\u0000').append(new TreeMap<>(s.volumeTags())).append('\u0000')
                    .append(new TreeMap<>(s.interfaceTags()));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    /** Applies a change to every instance after checking all of them, so one bad id changes nothing. */
    private static List<StateChange> change(StateTx tx, Env env, Collection<String> ids,
                                            BiFunction<InstanceDoc, Boolean, InstanceDoc> apply) {
        long now = env.now();
        List<InstanceDoc> docs = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            docs.add(Lookup.instance(tx, env, id));
        }
        for (InstanceDoc doc : docs) {
            apply.apply(doc, true); // validation pass
        }
        List<StateChange> changes = new ArrayList<>();
        for (InstanceDoc doc : docs) {
            InstanceDoc updated = apply.apply(doc, false);
            if (updated != doc) {
                tx.put(Docs.INSTANCE, env.scope(), doc.id(), updated);
            }
            changes.add(new StateChange(doc.id(), doc.state(), Transitions.effective(updated, now)));
        }
        return changes;
    }

    public static List<StateChange> start(StateTx tx, Env env, Collection<String> ids) {
        long now = env.now();
        return change(tx, env, ids, (doc, check) -> switch (doc.state()) {
            case RUNNING, PENDING -> doc;
            case STOPPED -> {
                if (check) {
                    yield doc;
                }
                // An elastic IP stays with a stopped instance; only an ordinary address is new on each start.
                String publicIp = doc.publicIp();
                Subnet subnet = tx.get(Docs.SUBNET, env.scope(), doc.subnetId(), Subnet.class).orElse(null);
                if (publicIp == null && subnet != null && subnet.mapPublicIpOnLaunch()) {
                    String holder = doc.networkInterfaceIds().isEmpty() ? doc.id() : doc.networkInterfaceIds().get(0);
                    publicIp = Addresses.allocatePublic(tx, holder);
                }
                InstanceDoc started = doc.withState(InstanceState.PENDING, env.settleTime(), null)
                        .withPublicIp(publicIp).withBoot(now, doc.bootCount() + 1);
                InterfaceOps.setPublicIp(tx, env, started, publicIp);
                yield started;
            }
            default -> throw Errors.incorrectInstanceState(doc.id(), doc.state(), "started");
        });
    }

    /** Stops; like EC2 the public address is given back and a new one comes with the next start. */
    public static List<StateChange> stop(StateTx tx, Env env, Collection<String> ids, boolean force) {
        return change(tx, env, ids, (doc, check) -> switch (doc.state()) {
            case STOPPED, STOPPING -> doc;
            case RUNNING -> {
                if (check) {
                    yield doc;
                }
                InstanceDoc stopping = doc.withState(InstanceState.STOPPING, env.settleTime(),
                        force ? "Client.UserInitiatedShutdown: User initiated forced shutdown" : USER_SHUTDOWN);
                if (!ElasticIpOps.isElastic(tx, doc.publicIp())) {
                    Addresses.releasePublic(tx, doc.publicIp());
                    stopping = stopping.withPublicIp(null);
                    InterfaceOps.setPublicIp(tx, env, stopping, null);
                }
                yield stopping;
            }
            default -> throw Errors.incorrectInstanceState(doc.id(), doc.state(), "stopped");
        });
    }

    public static void reboot(StateTx tx, Env env, Collection<String> ids) {
        change(tx, env, ids, (doc, check) -> {
            if (doc.state() != InstanceState.RUNNING) {
                throw Errors.incorrectInstanceState(doc.id(), doc.state(), "rebooted");
            }
            return check ? doc : doc.withBoot(doc.launchTime(), doc.bootCount() + 1);
        });
    }

    /**
     * Terminates: volumes marked delete-on-termination go, others are detached, the primary interface is deleted
     * and other interfaces detached, addresses are given back, and the instance stays listed for the retention time.
     */
    public static List<StateChange> terminate(StateTx tx, Env env, Collection<String> ids) {
        int[] terminated = {0};
        long[] expiry = {Long.MAX_VALUE};
        List<StateChange> changes = change(tx, env, ids, (doc, check) -> {
            if (Transitions.isGoingOrGone(doc.state())) {
                return doc;
            }
            if (doc.disableApiTermination()) {
                throw Errors.state("OperationNotPermitted", "The instance '" + doc.id() + "' may not be terminated. "
                        + "Modify its 'disableApiTermination' instance attribute and try again.");
            }
            if (check) {
                return doc;
            }
            for (BlockDevice device : doc.blockDevices()) {
                tx.get(Docs.VOLUME, env.scope(), device.volumeId(), Volume.class).ifPresent(volume -> {
                    boolean deleteIt = volume.attachment() != null ? volume.attachment().deleteOnTermination()
                            : device.deleteOnTermination();
                    if (deleteIt) {
                        tx.delete(Docs.VOLUME, env.scope(), volume.id());
                    } else {
                        tx.put(Docs.VOLUME, env.scope(), volume.id(), volume.withAttachment("available", null));
                    }
                });
            }
            for (String eniId : doc.networkInterfaceIds()) {
                tx.get(Docs.INTERFACE, env.scope(), eniId, NetworkInterface.class).ifPresent(eni -> {
                    if (eni.attachment() != null && eni.attachment().deleteOnTermination()) {
                        InterfaceOps.deleteDoc(tx, env, eni);
                    } else {
                        tx.put(Docs.INTERFACE, env.scope(), eni.id(), eni.withAttachment("available", null));
                    }
                });
            }
            ElasticIpOps.giveBack(tx, env, doc.publicIp());
            long settlesAt = env.settleTime();
            terminated[0]++;
            expiry[0] = Math.min(expiry[0], settlesAt + env.settings().retentionMs());
            return doc.withState(InstanceState.TERMINATING, settlesAt, USER_SHUTDOWN)
                    .withPublicIp(null).withDevices(List.of(), List.of());
        });
        if (terminated[0] > 0) {
            RegionMeta meta = Bootstrap.meta(tx, env);
            Bootstrap.putMeta(tx, env, new RegionMeta(Math.max(0, meta.liveInstances() - terminated[0]),
                    meta.zoneCursor(), Math.min(meta.nextPurgeAt(), expiry[0])));
        }
        purgeIfDue(tx, env);
        return changes;
    }

    /**
     * Removes terminated instances whose retention has passed (they already read as gone), and client tokens whose
     * instances are all gone. It scans, so it runs only when the earliest known expiry has come.
     */
    static void purgeIfDue(StateTx tx, Env env) {
        long now = env.now();
        RegionMeta meta = Bootstrap.meta(tx, env);
        if (now < meta.nextPurgeAt()) {
            return;
        }
        long next = Long.MAX_VALUE;
        long retention = env.settings().retentionMs();
        for (InstanceDoc doc : tx.list(Docs.INSTANCE, env.scope(), InstanceDoc.class)) {
            if (Transitions.expired(doc, now, retention)) {
                tx.delete(Docs.INSTANCE, env.scope(), doc.id());
                tx.delete(Docs.USER_DATA, env.scope(), doc.id());
            } else if (Transitions.isGoingOrGone(doc.state())) {
                next = Math.min(next, doc.settlesAt() + retention);
            }
        }
        for (TokenDoc token : tx.list(Docs.TOKEN, env.scope(), TokenDoc.class)) {
            boolean anyLeft = token.instanceIds().stream()
                    .anyMatch(id -> tx.get(Docs.INSTANCE, env.scope(), id, InstanceDoc.class).isPresent());
            if (!anyLeft) {
                tx.delete(Docs.TOKEN, env.scope(), token.token());
            }
        }
        Bootstrap.putMeta(tx, env, new RegionMeta(meta.liveInstances(), meta.zoneCursor(), next));
    }
}
