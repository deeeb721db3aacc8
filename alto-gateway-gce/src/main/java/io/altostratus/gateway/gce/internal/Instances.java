package io.altostratus.gateway.gce.internal;

import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstanceAggregatedList;
import com.google.cloud.compute.v1.InstanceList;
import com.google.cloud.compute.v1.InstancesScopedList;
import com.google.cloud.compute.v1.InstancesSetLabelsRequest;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.Scheduling;
import com.google.cloud.compute.v1.Tags;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.SpotOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** instances: Compute Engine's VMs over the backend's instances, named through {@link InstanceNames}. */
public final class Instances {
    /** An insert that reserved a name and never finished (a crash between reserve and bind) stops blocking it. */
    private static final Duration STALE_RESERVATION = Duration.ofMinutes(5);

    private final Sessions sessions;
    private final InstanceNames names;
    private final Images images;
    private final Operations operations;
    private final Clock clock;
    private final DiskNames disks;

    public Instances(Sessions sessions, InstanceNames names, Images images, Operations operations, DiskNames disks,
                     Clock clock) {
        this.disks = disks;
        this.sessions = sessions;
        this.names = names;
        this.images = images;
        this.operations = operations;
        this.clock = clock;
    }

    private static String path(String project, String zone, String name) {
        return "projects/" + project + "/zones/" + zone + "/instances/" + name;
    }

    /** A backend instance Compute Engine would still show (not being or having been deleted). */
    private static boolean visible(io.altostratus.core.model.Instance instance) {
        return instance.state() != InstanceState.TERMINATING && instance.state() != InstanceState.TERMINATED;
    }

    private record Live(InstanceNames.Entry entry, io.altostratus.core.model.Instance instance, Cloud cloud) {
    }

    /** The instance a (zone, name) names, or 404; a mapping whose backend instance is gone is dropped. */
    private Live live(String project, String zone, String name) {
        Cloud cloud = sessions.cloudOfZone(project, zone);
        Optional<InstanceNames.Entry> entry = names.byName(project, zone, name);
        if (entry.isEmpty()) {
            // Not yet seen: adopt the zone's instances made by other fronts, then look again.
            cloud.instances(InstanceQuery.builder().zone(zone).build()).stream().filter(Instances::visible)
                    .forEach(i -> names.of(project, i));
            entry = names.byName(project, zone, name);
        }
        if (entry.isEmpty() || entry.get().backendId() == null) {
            throw GceException.notFound(path(project, zone, name));
        }
        try {
            io.altostratus.core.model.Instance instance = cloud.instance(entry.get().backendId());
            if (instance.state() == InstanceState.TERMINATED) {
                names.forget(project, zone, name);
            }
            if (!visible(instance)) {
                throw GceException.notFound(path(project, zone, name));
            }
            return new Live(entry.get(), instance, cloud);
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                names.forget(project, zone, name);
                throw GceException.notFound(path(project, zone, name));
            }
            throw GceException.from(e, path(project, zone, name));
        }
    }

    static String status(io.altostratus.core.model.Instance instance) {
        return switch (instance.state()) {
            case PENDING -> "PROVISIONING";
            case RUNNING -> "RUNNING";
            case STOPPING -> "STOPPING";
            case STOPPED -> "TERMINATED";
            case SUSPENDED -> "SUSPENDED";
            // A state the backend could not place: Compute Engine's word for a VM being recovered.
            case ERROR -> "REPAIRING";
            case TERMINATING, TERMINATED -> "TERMINATED";
        };
    }

    /** Every visible instance of a zone with its entry, adopting instances made by other fronts. */
    List<Map.Entry<InstanceNames.Entry, io.altostratus.core.model.Instance>> entries(String project, String zone) {
        Cloud cloud = sessions.cloudOfZone(project, zone);
        List<Map.Entry<InstanceNames.Entry, io.altostratus.core.model.Instance>> out = new ArrayList<>();
        try {
            for (io.altostratus.core.model.Instance instance
                    : cloud.instances(InstanceQuery.builder().zone(zone).build())) {
                if (visible(instance)) {
                    out.add(Map.entry(names.of(project, instance), instance));
                }
            }
        } catch (AltoException e) {
            throw GceException.from(e, "projects/" + project + "/zones/" + zone + "/instances");
        }
        return out;
    }

    /** The instance behind a (zone, name), as {@link #get} finds it. */
    Map.Entry<InstanceNames.Entry, io.altostratus.core.model.Instance> entry(String project, String zone,
                                                                              String name) {
        Live live = live(project, zone, name);
        return Map.entry(live.entry(), live.instance());
    }

    Instance view(Request req, InstanceNames.Entry entry, io.altostratus.core.model.Instance instance) {
        String project = req.project();
        String zone = entry.zone();
        Links links = req.links();
        AttachedDisk.Builder boot = AttachedDisk.newBuilder().setKind("compute#attachedDisk").setBoot(true)
                .setAutoDelete(true).setDeviceName("persistent-disk-0").setIndex(0).setMode("READ_WRITE")
                .setType("PERSISTENT").setInterface("SCSI").setSource(links.disk(project, zone, entry.name()));
        if (entry.bootDiskSizeGb() != null) {
            boot.setDiskSizeGb(entry.bootDiskSizeGb());
        }
        List<AttachedDisk> data = new ArrayList<>();
        Map<String, DiskNames.Entry> standalone = disks.byVolume(project, zone);
        for (io.altostratus.core.model.BlockDevice device : instance.blockDevices()) {
            DiskNames.Entry disk = standalone.get(device.volumeId());
            if (disk != null) {
                data.add(AttachedDisk.newBuilder().setKind("compute#attachedDisk").setBoot(false)
                        .setAutoDelete(device.deleteOnTermination())
                        .setDeviceName(disk.deviceName() != null ? disk.deviceName() : disk.name())
                        .setIndex(data.size() + 1).setMode("READ_WRITE").setType("PERSISTENT").setInterface("SCSI")
                        .setSource(links.disk(project, zone, disk.name())).build());
            }
        }
        NetworkInterface.Builder nic = NetworkInterface.newBuilder().setKind("compute#networkInterface")
                .setName("nic0").setNetwork(links.network(project, "default"));
        if (instance.privateIp() != null) {
            nic.setNetworkIP(instance.privateIp());
        }
        if (instance.publicIp() != null) {
            nic.addAccessConfigs(AccessConfig.newBuilder().setKind("compute#accessConfig").setName("External NAT")
                    .setNatIP(instance.publicIp()).setType("ONE_TO_ONE_NAT").setNetworkTier("PREMIUM"));
        }
        Metadata.Builder metadata = Metadata.newBuilder().setKind("compute#metadata")
                .setFingerprint(MetadataItems.fingerprint(entry.metadata()));
        new java.util.TreeMap<>(entry.metadata()).forEach((k, v) -> metadata.addItems(
                Items.newBuilder().setKey(k).setValue(v)));
        boolean spot = entry.spot() || instance.spot();
        Instance.Builder out = Instance.newBuilder().setKind("compute#instance")
                .setId(Ids.stable("instance", Links.regionOfZone(zone), instance.id()))
                .setCreationTimestamp(Ids.timestamp(entry.created())).setName(entry.name())
                .setZone(links.zone(project, zone)).setStatus(status(instance))
                .setSelfLink(links.instance(project, zone, entry.name())).setCanIpForward(false)
                .addDisks(boot).addAllDisks(data).addNetworkInterfaces(nic).setMetadata(metadata)
                .setScheduling(Scheduling.newBuilder().setAutomaticRestart(!spot)
                        .setOnHostMaintenance(spot ? "TERMINATE" : "MIGRATE").setPreemptible(false)
                        .setProvisioningModel(spot ? "SPOT" : "STANDARD"))
                .setTags(Tags.newBuilder().setFingerprint(Labels.fingerprint(Map.of())))
                .putAllLabels(Labels.fromTags(instance.tags()))
                .setLabelFingerprint(Labels.fingerprint(instance.tags()));
        if (instance.instanceType() != null) {
            out.setMachineType(links.machineType(project, zone, instance.instanceType()));
        }
        if (entry.description() != null) {
            out.setDescription(entry.description());
        }
        if (instance.stateReason() != null && !instance.stateReason().isBlank()) {
            out.setStatusMessage(instance.stateReason());
        }
        return out.build();
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    public Instance get(Request req, String zone, String name) {
        Live live = live(req.project(), zone, name);
        return view(req, live.entry(), live.instance());
    }

    private List<Instance> inZone(Request req, String zone, Filter filter) {
        List<Instance> out = new ArrayList<>();
        for (Map.Entry<InstanceNames.Entry, io.altostratus.core.model.Instance> e : entries(req.project(), zone)) {
            Instance view = view(req, e.getKey(), e.getValue());
            if (filter.matches(view)) {
                out.add(view);
            }
        }
        out.sort(Comparator.comparing(Instance::getName));
        return out;
    }

    public InstanceList list(Request req, String zone) {
        List<Instance> all = inZone(req, zone, Filter.parse(req.param("filter")));
        Pages.Slice<Instance> page = Pages.slice(all, Instance::getName, req);
        InstanceList.Builder out = InstanceList.newBuilder().setKind("compute#instanceList")
                .setId("projects/" + req.project() + "/zones/" + zone + "/instances").addAllItems(page.items())
                .setSelfLink(req.links().zone(req.project(), zone) + "/instances");
        if (page.nextPageToken() != null) {
            out.setNextPageToken(page.nextPageToken());
        }
        return out.build();
    }

    public InstanceAggregatedList aggregatedList(Request req) {
        Filter filter = Filter.parse(req.param("filter"));
        List<Instance> all = new ArrayList<>();
        List<String> zones = sessions.allZoneNames(req.project());
        // One backend call per zone, side by side; answers in zone order.
        Fanout.map(zones, zone -> inZone(req, zone, filter)).forEach(all::addAll);
        all.sort(Comparator.comparing(Instances::zoneAndName));
        Pages.Slice<Instance> page = Pages.slice(all, Instances::zoneAndName, req);
        Map<String, List<Instance>> byZone = new LinkedHashMap<>();
        zones.forEach(z -> byZone.put(z, new ArrayList<>()));
        page.items().forEach(i -> byZone.get(Links.lastSegment(i.getZone())).add(i));
        InstanceAggregatedList.Builder out = InstanceAggregatedList.newBuilder()
                .setKind("compute#instanceAggregatedList")
                .setId("projects/" + req.project() + "/aggregated/instances")
                .setSelfLink(req.links().project(req.project()) + "/aggregated/instances");
        byZone.forEach((zone, items) -> {
            InstancesScopedList.Builder scoped = InstancesScopedList.newBuilder().addAllInstances(items);
            if (items.isEmpty()) {
                scoped.setWarning(Places.noResults("zones/" + zone));
            }
            out.putItems("zones/" + zone, scoped.build());
        });
        if (page.nextPageToken() != null) {
            out.setNextPageToken(page.nextPageToken());
        }
        return out.build();
    }

    private static String zoneAndName(Instance instance) {
        return Links.lastSegment(instance.getZone()) + "/" + instance.getName();
    }

    // ---- insert ---------------------------------------------------------------------------------------------

    public Operation insert(Request req, String zone) {
        String project = req.project();
        Instance body = Json.parse(req.body(), Instance.newBuilder()).build();
        if (!body.hasName() || body.getName().isEmpty()) {
            throw GceException.required("Required field 'resource.name' not specified");
        }
        String name = body.getName();
        if (!InstanceNames.NAME.matcher(name).matches()) {
            throw GceException.invalid("Invalid value for field 'resource.name': '" + name
                    + "'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'");
        }
        Cloud cloud = sessions.cloudOfZone(project, zone);
        String region = Links.regionOfZone(zone);
        if (!body.hasMachineType() || body.getMachineType().isEmpty()) {
            throw GceException.required("Required field 'resource.machineType' not specified");
        }
        String typeZone = Links.zoneOf(body.getMachineType());
        if (typeZone != null && !typeZone.equals(zone)) {
            throw GceException.invalid("Invalid value for field 'resource.machineType': '" + body.getMachineType()
                    + "'. Machine type must be in the same zone as the instance.");
        }
        String machineType = Links.lastSegment(body.getMachineType());
        if (!cloud.instanceTypeOfferingsByZone().getOrDefault(zone, Set.of()).contains(machineType)) {
            throw GceException.invalid("Invalid value for field 'resource.machineType': '" + body.getMachineType()
                    + "'. Machine type with name '" + machineType + "' does not exist in zone '" + zone + "'.");
        }
        AttachedDisk boot = body.getDisksList().stream().filter(AttachedDisk::getBoot).findFirst()
                .orElse(body.getDisksCount() > 0 ? body.getDisks(0) : null);
        if (boot == null || !boot.getInitializeParams().hasSourceImage()) {
            throw GceException.required("Required field 'resource.disks[0].initializeParams.sourceImage' not "
                    + "specified (a boot disk made from an image)");
        }
        Images.Found image = images.resolve(project, boot.getInitializeParams().getSourceImage(), region);
        Map<String, String> metadata = MetadataItems.of(body.getMetadata(), "resource.metadata");
        Map<String, String> tags = Labels.toTags(body.getLabelsMap());
        boolean spot = "SPOT".equals(body.getScheduling().getProvisioningModel());

        LaunchSpec.Builder spec = LaunchSpec.builder().name(name).image(image.image().id())
                .instanceType(machineType).zone(zone).tags(tags).clientToken(null);
        if (metadata.containsKey("user-data")) {
            spec.userData(metadata.get("user-data"));
        }
        if (metadata.containsKey("ssh-keys")) {
            keyPairFor(cloud, metadata.get("ssh-keys")).ifPresent(spec::keyName);
        }
        if (boot.getInitializeParams().hasDiskSizeGb()) {
            long size = boot.getInitializeParams().getDiskSizeGb();
            if (size < 1 || size > 65_536) {
                throw GceException.invalid("Invalid value for field 'resource.disks[0].initializeParams.diskSizeGb':"
                        + " '" + size + "'.");
            }
            spec.rootVolumeSizeGiB((int) size);
        }
        if (spot) {
            spec.spot(SpotOptions.oneTime());
        }
        LaunchSpec launch;
        try {
            launch = spec.build();
        } catch (IllegalArgumentException e) {
            throw GceException.invalid(e.getMessage());
        }

        freeIfGone(project, zone, name, cloud);
        InstanceNames.Entry entry = new InstanceNames.Entry(zone, name, null, clock.instant(),
                body.hasDescription() ? body.getDescription() : null, metadata,
                boot.getInitializeParams().hasDiskSizeGb() ? boot.getInitializeParams().getDiskSizeGb()
                        : (long) Math.max(10, image.image().rootSizeGiB()),
                boot.getInitializeParams().hasDiskType() ? boot.getInitializeParams().getDiskType() : null, spot,
                req.links().image(image.project(), image.name()));
        names.reserve(project, entry);
        String target = req.links().instance(project, zone, name);
        io.altostratus.core.model.Instance made;
        try {
            made = cloud.launch(launch).get(0);
        } catch (AltoException e) {
            names.forget(project, zone, name);
            return switch (e.code()) {
                // Capacity and quota are found while the operation runs on Compute Engine: they are its error.
                case INSUFFICIENT_CAPACITY -> operations.recordFailure(req, "zones/" + zone, "insert", target, 0,
                        "ZONE_RESOURCE_POOL_EXHAUSTED", "The zone 'projects/" + project + "/zones/" + zone
                                + "' does not have enough resources available to fulfill the request.  Try a "
                                + "different zone, or try again later.", 503, "SERVICE UNAVAILABLE");
                case QUOTA_EXCEEDED -> operations.recordFailure(req, "zones/" + zone, "insert", target, 0,
                        "QUOTA_EXCEEDED", "Quota exceeded: " + e.getMessage(), 403, "FORBIDDEN");
                default -> throw GceException.from(e, path(project, zone, name));
            };
        } catch (RuntimeException e) {
            names.forget(project, zone, name);
            throw e;
        }
        names.bind(project, entry, made.id());
        return operations.record(req, "zones/" + zone, "insert", target, Ids.stable("instance", region, made.id()),
                Operations.Until.INSTANCE_RUNNING, region, made.id());
    }

    /** Drops the mapping of a name whose instance is gone (or whose insert died), so the name can be used again. */
    private void freeIfGone(String project, String zone, String name, Cloud cloud) {
        Optional<InstanceNames.Entry> entry = names.byName(project, zone, name);
        if (entry.isEmpty()) {
            return;
        }
        if (entry.get().backendId() == null) {
            if (entry.get().created().plus(STALE_RESERVATION).isBefore(clock.instant())) {
                names.forget(project, zone, name);
            }
            return;
        }
        try {
            if (cloud.instance(entry.get().backendId()).state() == InstanceState.TERMINATED) {
                names.forget(project, zone, name);
            }
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                names.forget(project, zone, name);
            }
        }
    }

    /**
     * The first key of an {@code ssh-keys} item ({@code user:ssh-ed25519 AAAA... comment}) as a backend key pair,
     * where the backend has key pairs; the whole item stays in the metadata either way.
     */
    private static Optional<String> keyPairFor(Cloud cloud, String sshKeys) {
        Optional<KeyPairs> keyPairs = cloud.extension(KeyPairs.class);
        String first = sshKeys.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse(null);
        if (keyPairs.isEmpty() || first == null) {
            return Optional.empty();
        }
        int colon = first.indexOf(':');
        String key = colon > 0 && !first.substring(0, colon).contains(" ") ? first.substring(colon + 1) : first;
        String name = "gce-" + Long.toUnsignedString(Ids.stable("ssh-key", key), 16);
        try {
            keyPairs.get().importKeyPair(name, key, Map.of());
        } catch (AltoException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw GceException.invalid("Invalid value for field 'resource.metadata.items[ssh-keys]': "
                        + e.getMessage());
            }
        }
        return Optional.of(name);
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    private Operation change(Request req, String zone, String name, String type, Operations.Until until,
                             java.util.function.Consumer<Live> call) {
        Live live = live(req.project(), zone, name);
        try {
            call.accept(live);
        } catch (AltoException e) {
            throw GceException.from(e, path(req.project(), zone, name));
        }
        String region = Links.regionOfZone(zone);
        return operations.record(req, "zones/" + zone, type, req.links().instance(req.project(), zone, name),
                Ids.stable("instance", region, live.instance().id()), until, region, live.instance().id());
    }

    public Operation delete(Request req, String zone, String name) {
        return change(req, zone, name, "delete", Operations.Until.INSTANCE_GONE,
                live -> live.cloud().terminate(List.of(live.instance().id())));
    }

    public Operation stop(Request req, String zone, String name) {
        // Stopping a stopping or stopped instance is a no-op operation on Compute Engine, not an error.
        return change(req, zone, name, "stop", Operations.Until.INSTANCE_STOPPED, live -> {
            InstanceState state = live.instance().state();
            if (state != InstanceState.STOPPED && state != InstanceState.STOPPING) {
                live.cloud().stop(List.of(live.instance().id()), false);
            }
        });
    }

    public Operation start(Request req, String zone, String name) {
        return change(req, zone, name, "start", Operations.Until.INSTANCE_RUNNING, live -> {
            InstanceState state = live.instance().state();
            if (state != InstanceState.RUNNING && state != InstanceState.PENDING) {
                live.cloud().start(List.of(live.instance().id()));
            }
        });
    }

    public Operation reset(Request req, String zone, String name) {
        return change(req, zone, name, "reset", Operations.Until.NOTHING, live -> {
            if (live.instance().state() != InstanceState.RUNNING) {
                throw GceException.notReady(path(req.project(), zone, name), "the instance is not running");
            }
            live.cloud().reboot(List.of(live.instance().id()));
        });
    }

    /**
     * The core SPI has no suspend or resume: answered with Google's error for an operation the backend cannot do,
     * after the usual 404 for an unknown instance.
     */
    public Operation suspendOrResume(Request req, String zone, String name, String type) {
        live(req.project(), zone, name);
        throw GceException.unsupported("instances." + type);
    }

    public Operation setLabels(Request req, String zone, String name) {
        InstancesSetLabelsRequest body = Json.parse(req.body(), InstancesSetLabelsRequest.newBuilder()).build();
        Map<String, String> wanted = Labels.toTags(body.getLabelsMap());
        return change(req, zone, name, "setLabels", Operations.Until.NOTHING, live -> {
            Map<String, String> current = Labels.fromTags(live.instance().tags());
            if (body.hasLabelFingerprint() && !body.getLabelFingerprint().isEmpty()
                    && !body.getLabelFingerprint().equals(Labels.fingerprint(live.instance().tags()))) {
                throw new GceException(412, "conditionNotMet", "Labels fingerprint either invalid or resource "
                        + "labels have changed");
            }
            Set<String> removed = new HashSet<>(current.keySet());
            removed.removeAll(wanted.keySet());
            if (!removed.isEmpty()) {
                live.cloud().untag(live.instance().id(), removed);
            }
            if (!wanted.isEmpty()) {
                live.cloud().tag(live.instance().id(), wanted);
            }
        });
    }

    /**
     * instances.setMetadata: replaces every item when the request quotes the current fingerprint (Google's 412
     * {@code conditionNotMet} otherwise, a missing fingerprint included). The items are the front's record; the core
     * has no call to change a launched instance's user data, so a new {@code user-data} is shown back but reaches
     * the guest only on backends that read it from the front (none yet).
     */
    public Operation setMetadata(Request req, String zone, String name) {
        Metadata body = Json.parse(req.body(), Metadata.newBuilder()).build();
        Map<String, String> items = MetadataItems.of(body, "resource");
        Live live = live(req.project(), zone, name);
        names.replaceMetadata(req.project(), zone, live.entry().name(), body.getFingerprint(), items);
        String region = Links.regionOfZone(zone);
        return operations.record(req, "zones/" + zone, "setMetadata", req.links().instance(req.project(), zone, name),
                Ids.stable("instance", region, live.instance().id()), Operations.Until.NOTHING, null, null);
    }
}
