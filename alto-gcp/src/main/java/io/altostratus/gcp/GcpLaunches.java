package io.altostratus.gcp;

import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.InsertInstanceRequest;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.Scheduling;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.TypeQuery;
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.gcp.internal.GceConvert;
import io.altostratus.gcp.internal.GceNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Launching: one {@code instances.insert} per instance, in parallel (bounded by {@code parallelism}), each waited
 * on until its operation is DONE. Parallel inserts rather than {@code bulkInsert}: each instance then has its own
 * operation, error and zone fallback, and a launch that made too few can say exactly which instances exist.
 *
 * <p>Names: with {@code count} 1 and a {@code Name} tag that is a valid GCE name, that is the instance name.
 * Otherwise each instance gets a generated name ({@code <name-or-alto>-<10 hex>}) and the {@code Name} tag, if any,
 * is kept as the {@code alto-name} metadata item, which is what the instance's portable name reads back as. With a
 * client token the generated names and the insert request ids are derived from the token, so a repeated launch
 * meets its own instances ({@code alreadyExists}) and returns them instead of making new ones.
 *
 * <p>Zones: the launch's zone, else the region's zones that offer the machine type, in name order; an instance whose
 * zone has no capacity ({@code ZONE_RESOURCE_POOL_EXHAUSTED} and friends) is tried in the next zone. A launch that
 * makes fewer than {@code minCount} deletes what it made and reports the failure (or, with {@code keep_on_failure},
 * keeps them and throws {@link PartialLaunchException}).
 */
final class GcpLaunches {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The metadata item that ties an instance to the launch token that made it. */
    static final String TOKEN_KEY = "alto-client-token";

    private final GcpContext context;
    private final GcpPlaces places;
    private final GcpImages images;
    private final GcpInstances instances;
    private final SshKeys sshKeys;

    GcpLaunches(GcpContext context, GcpPlaces places, GcpImages images, GcpInstances instances, SshKeys sshKeys) {
        this.context = context;
        this.places = places;
        this.images = images;
        this.instances = instances;
        this.sshKeys = sshKeys;
    }

    /** What every instance of one launch shares. */
    private record Plan(String machineType, String imageId, List<String> zones, Map<String, String> labels,
                        Map<String, String> diskLabels, List<Items> metadata, LaunchSpec spec) {
    }

    List<Instance> launch(LaunchSpec spec) {
        Map<String, String> labels = GceLabels.of(spec.tags());
        Map<String, String> diskLabels = GceLabels.of(spec.volumeTags());
        refuseWhatGceLacks(spec);
        String imageId = imageId(spec);
        String machineType = machineType(spec);
        List<String> zones = zones(spec, machineType);
        List<Items> metadata = new ArrayList<>();
        if (spec.userData() != null) {
            // cloud-init on Google's Ubuntu and Debian images reads the user-data metadata item.
            metadata.add(item("user-data", spec.userData()));
        }
        if (spec.keyName() != null) {
            metadata.add(item("ssh-keys", sshKeys.entry(spec.keyName())));
            metadata.add(item(GceConvert.KEY_NAME_KEY, spec.keyName()));
        }
        metadata.add(item(GceConvert.IMAGE_KEY, imageId));
        if (spec.clientToken() != null) {
            metadata.add(item(TOKEN_KEY, spec.clientToken()));
        }
        Plan plan = new Plan(machineType, imageId, zones, labels, diskLabels, metadata, spec);

        List<Future<Instance>> running = new ArrayList<>();
        for (int i = 0; i < spec.count(); i++) {
            String name = instanceName(spec, i);
            String requestId = spec.clientToken() == null ? UUID.randomUUID().toString()
                    : UUID.nameUUIDFromBytes((spec.clientToken() + "#" + i).getBytes(StandardCharsets.UTF_8)).toString();
            running.add(context.fanOut().submit(() -> {
                context.inFlight().acquire();
                try {
                    return insert(plan, name, requestId);
                } finally {
                    context.inFlight().release();
                }
            }));
        }
        List<Instance> launched = new ArrayList<>();
        AltoException failure = null;
        for (Future<Instance> f : running) {
            try {
                launched.add(f.get());
            } catch (ExecutionException e) {
                AltoException cause = e.getCause() instanceof AltoException a ? a
                        : new AltoException(ErrorCode.PROVIDER_ERROR, null, "launch failed: " + e.getCause(),
                        e.getCause());
                failure = failure == null ? cause : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new AltoException(ErrorCode.PROVIDER_ERROR, null, "launch interrupted", e);
            }
        }
        if (failure == null || launched.size() >= spec.minCount()) {
            return List.copyOf(launched);
        }
        if (context.settings().keepOnFailure()) {
            if (launched.isEmpty()) {
                throw failure;
            }
            throw new PartialLaunchException(spec.count(), launched, failure);
        }
        instances.deleteQuietly(launched);
        throw new AltoException(failure.code(), failure.providerCode(), failure.getMessage()
                + (launched.isEmpty() ? "" : " (rolled back: deleted " + launched.size() + " instance(s) "
                + launched.stream().map(Instance::id).toList() + ")"), failure);
    }

    /** Inserts one instance, moving to the next zone when one has no capacity. */
    private Instance insert(Plan plan, String name, String requestId) {
        AltoException last = null;
        for (String zone : plan.zones()) {
            // One request id per instance and zone: GCE answers a repeated id with the first request's operation, so
            // the insert in the next zone must not reuse the id of the one that found no capacity.
            String zoneRequestId = UUID.nameUUIDFromBytes((requestId + "@" + zone).getBytes(StandardCharsets.UTF_8))
                    .toString();
            try {
                context.calls().mutate("instances.insert", () -> context.clients().instances().insertCallable()
                        .call(InsertInstanceRequest.newBuilder().setProject(context.project()).setZone(zone)
                                .setRequestId(zoneRequestId).setInstanceResource(resource(plan, zone, name))
                                .build()));
            } catch (AltoException e) {
                if (e.code() == ErrorCode.INSUFFICIENT_CAPACITY && plan.spec().zone() == null) {
                    last = e;
                    continue;
                }
                if (e.code() == ErrorCode.ALREADY_EXISTS && plan.spec().clientToken() != null) {
                    com.google.cloud.compute.v1.Instance vm = instances.raw(new GceNames.InstanceRef(zone, name));
                    if (plan.spec().clientToken().equals(GceConvert.metadata(vm).get(TOKEN_KEY))) {
                        return instances.convert(vm);
                    }
                }
                throw e;
            }
            Instant visibleBy = context.clock().instant().plus(context.settings().consistencyGrace());
            return instances.convert(context.calls().callUntilVisible("instances.get", visibleBy,
                    () -> context.clients().instances().get(context.project(), zone, name)));
        }
        throw last;
    }

    private com.google.cloud.compute.v1.Instance resource(Plan plan, String zone, String name) {
        LaunchSpec spec = plan.spec();
        AttachedDiskInitializeParams.Builder boot = AttachedDiskInitializeParams.newBuilder()
                .setSourceImage(plan.imageId())
                // The boot disk carries the instance's name, so an image made from it names its instance.
                .setDiskName(name)
                .setDiskType("zones/" + zone + "/diskTypes/" + context.settings().diskType())
                .putAllLabels(plan.diskLabels());
        if (spec.rootVolumeSizeGiB() != null) {
            boot.setDiskSizeGb(spec.rootVolumeSizeGiB());
        }
        com.google.cloud.compute.v1.Instance.Builder vm = com.google.cloud.compute.v1.Instance.newBuilder()
                .setName(name)
                .setMachineType("zones/" + zone + "/machineTypes/" + plan.machineType())
                .addDisks(AttachedDisk.newBuilder().setBoot(true).setAutoDelete(true).setType("PERSISTENT")
                        .setInitializeParams(boot))
                .putAllLabels(plan.labels());
        int index = 1;
        for (DiskSpec disk : spec.disks()) {
            AttachedDiskInitializeParams.Builder params = AttachedDiskInitializeParams.newBuilder()
                    .setDiskName(name + "-disk-" + index)
                    .setDiskType("zones/" + zone + "/diskTypes/" + diskType(disk.type()))
                    .putAllLabels(plan.diskLabels());
            if (disk.sizeGiB() > 0) {
                params.setDiskSizeGb(disk.sizeGiB());
            }
            if (disk.snapshotId() != null) {
                GceNames.SnapshotRef snapshot = GceNames.snapshot(disk.snapshotId());
                params.setSourceSnapshot(GceNames.snapshotId(snapshot.project(), snapshot.name()));
            }
            AttachedDisk.Builder attached = AttachedDisk.newBuilder().setAutoDelete(disk.deleteOnTermination())
                    .setType("PERSISTENT").setInitializeParams(params);
            if (disk.deviceName() != null && GceNames.isName(disk.deviceName())) {
                attached.setDeviceName(disk.deviceName());
            }
            vm.addDisks(attached);
            index++;
        }
        NetworkInterface.Builder nic = NetworkInterface.newBuilder();
        if (spec.subnetId() != null) {
            nic.setSubnetwork("regions/" + context.region() + "/subnetworks/" + spec.subnetId());
        } else {
            nic.setNetwork("global/networks/" + context.settings().network());
        }
        if (context.settings().externalAddress()) {
            nic.addAccessConfigs(AccessConfig.newBuilder().setName("External NAT").setType("ONE_TO_ONE_NAT"));
        }
        vm.addNetworkInterfaces(nic);
        Metadata.Builder metadata = Metadata.newBuilder().addAllItems(plan.metadata());
        if (spec.name() != null && !spec.name().equals(name)) {
            metadata.addItems(item(GceConvert.NAME_KEY, spec.name()));
        }
        vm.setMetadata(metadata);
        if (spec.spot() != null) {
            // GCE requires spot VMs to neither restart automatically nor migrate; a one-time request's VM is deleted
            // when preempted (as EC2 terminates it), a persistent one is stopped and can be started again.
            vm.setScheduling(Scheduling.newBuilder().setProvisioningModel("SPOT").setAutomaticRestart(false)
                    .setOnHostMaintenance("TERMINATE")
                    .setInstanceTerminationAction(spec.spot().persistent() ? "STOP" : "DELETE"));
        }
        return vm.build();
    }

    /** Launch options GCE (or this provider) has no meaning for fail before anything is called. */
    private void refuseWhatGceLacks(LaunchSpec spec) {
        if (spec.metadataOptions() != null) {
            throw AltoException.unsupported("gcp", "instance metadata options (EC2's IMDS settings)");
        }
        if (!spec.interfaceTags().isEmpty()) {
            throw AltoException.unsupported("gcp", "network-interface tags at launch");
        }
        if (!spec.securityGroupIds().isEmpty()) {
            throw AltoException.unsupported("gcp", "security groups at launch (GCE applies firewall rules by "
                    + "network and network tags)");
        }
        if (spec.disableApiTermination()) {
            throw AltoException.unsupported("gcp", "termination protection at launch");
        }
        if (spec.spot() != null && spec.spot().maxPricePerHour() != null) {
            throw AltoException.unsupported("gcp", "a spot max price (GCE's Spot VMs have no bid)");
        }
        for (DiskSpec disk : spec.disks()) {
            if (disk.snapshotId() != null) {
                GceNames.snapshot(disk.snapshotId());
            }
        }
        if (spec.zone() != null && !places.zoneNames().contains(spec.zone())) {
            throw AltoException.invalid("InvalidZone", "zone " + spec.zone() + " is not in region "
                    + context.region() + " (zones: " + places.zoneNames() + ")");
        }
    }

    private String imageId(LaunchSpec spec) {
        ImageRef ref = ImageRef.parse(spec.image());
        if (ref.isAlias()) {
            return images.resolveImage(ref).id();
        }
        GceNames.ImageRef parsed = GceNames.image(ref.id());
        if (parsed.family()) {
            Image newest = images.get(ref.id());
            return newest.id();
        }
        return GceNames.imageId(parsed.project(), parsed.name());
    }

    /** The named machine type, or the smallest one that meets the launch's minimums (GCE lists no prices). */
    private String machineType(LaunchSpec spec) {
        if (spec.instanceType() != null && !spec.instanceType().isBlank()) {
            return spec.instanceType();
        }
        return places.instanceTypes().stream()
                .filter(t -> t.vcpus() >= spec.minVcpus() && t.memoryMiB() >= spec.minMemoryMiB())
                .filter(t -> spec.architecture() == null || t.supports(spec.architecture()))
                .sorted(TypeQuery.CHEAPEST_FIRST)
                .map(InstanceType::name)
                .findFirst()
                .orElseThrow(() -> AltoException.invalid("NoMatchingInstanceType", "no machine type in "
                        + context.region() + " has at least " + spec.minVcpus() + " vCPUs and "
                        + spec.minMemoryMiB() + " MiB"));
    }

    /** The zones to try, in order: the launch's own, else those offering the type. */
    private List<String> zones(LaunchSpec spec, String machineType) {
        Map<String, Set<String>> offered = places.instanceTypeOfferingsByZone();
        if (spec.zone() != null) {
            if (!offered.getOrDefault(spec.zone(), Set.of()).contains(machineType)) {
                throw AltoException.invalid("InvalidMachineType", "machine type " + machineType
                        + " is not offered in " + spec.zone());
            }
            return List.of(spec.zone());
        }
        List<String> out = new ArrayList<>();
        for (String zone : places.zoneNames()) {
            if (offered.getOrDefault(zone, Set.of()).contains(machineType)) {
                out.add(zone);
            }
        }
        if (out.isEmpty()) {
            throw AltoException.invalid("InvalidMachineType", "machine type " + machineType
                    + " is not offered in any zone of " + context.region());
        }
        return out;
    }

    private static String instanceName(LaunchSpec spec, int index) {
        if (spec.count() == 1 && GceNames.isName(spec.name())) {
            return spec.name();
        }
        String base = GceNames.isName(spec.name()) ? spec.name() : "alto";
        base = base.length() > 52 ? base.substring(0, 52) : base;
        base = base.endsWith("-") ? base.substring(0, base.length() - 1) : base;
        String suffix;
        if (spec.clientToken() != null) {
            suffix = HexFormat.of().formatHex(sha256(spec.clientToken() + "#" + index)).substring(0, 10);
        } else {
            byte[] bytes = new byte[5];
            RANDOM.nextBytes(bytes);
            suffix = HexFormat.of().formatHex(bytes);
        }
        return base + "-" + suffix;
    }

    /** GCE's disk types by name; EC2's names (the portable default {@code gp3}) mean the provider's default. */
    private String diskType(String type) {
        return type != null && (type.startsWith("pd-") || type.startsWith("hyperdisk-"))
                ? type : context.settings().diskType();
    }

    private static Items item(String key, String value) {
        return Items.newBuilder().setKey(key).setValue(value).build();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
