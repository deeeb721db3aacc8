package io.altostratus.aws;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Zone;
import io.altostratus.core.placement.Candidate;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.TypeQuery;
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.wait.Retrier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Launching instances: the type choice, MaxCount batches with bounded parallelism, fallback to other zones and types
 * when capacity runs out (walked by the core failover policy, see {@link AwsCapacityWalk}), and the rollback of what a
 * failed launch made.
 */
final class AwsLaunches {
    private final ExecutorService launchers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight;

    private final AwsContext context;
    private final Ec2Client ec2;
    private final String region;
    private final AwsSettings settings;
    private final Retrier retrier;
    private final Clock clock;
    private final String runId;
    private final AwsPlaces places;
    private final AwsImages images;
    private final AwsKeyPairs keyPairs;
    private final AwsNetworks networks;
    private final AwsSecurityGroups securityGroups;
    private final AwsInstances instances;

    AwsLaunches(AwsContext context, AwsPlaces places, AwsImages images, AwsKeyPairs keyPairs, AwsNetworks networks,
                AwsSecurityGroups securityGroups, AwsInstances instances) {
        this.context = context;
        this.ec2 = context.ec2();
        this.region = context.region();
        this.settings = context.settings();
        this.retrier = context.retrier();
        this.clock = context.clock();
        this.runId = context.runId();
        this.places = places;
        this.images = images;
        this.keyPairs = keyPairs;
        this.networks = networks;
        this.securityGroups = securityGroups;
        this.instances = instances;
        this.inFlight = new Semaphore(settings.parallelism());
    }

    /**
     * The types that fit the spec in the zone, best first: the named type alone (with capacity fallback, then the
     * types at least as large), or the cheapest offered types with at least the requested vCPUs, memory and
     * architecture. Types without a known price come after priced ones, smallest first.
     */
    List<String> fittingTypes(LaunchSpec spec, String zone, Architecture arch) {
        int minVcpus = spec.minVcpus();
        long minMemory = spec.minMemoryMiB();
        if (spec.instanceType() != null && !spec.instanceType().isBlank()) {
            if (!settings.capacityFallback()) {
                return List.of(spec.instanceType());
            }
            Optional<InstanceType> named = places.instanceTypes().stream()
                    .filter(t -> t.name().equals(spec.instanceType()))
                    .findFirst();
            if (named.isEmpty()) {
                return List.of(spec.instanceType());
            }
            minVcpus = Math.max(minVcpus, named.get().vcpus());
            minMemory = Math.max(minMemory, named.get().memoryMiB());
        }
        Set<String> offered = zone == null ? null : places.instanceTypeOfferingsByZone().get(zone);
        int vcpus = minVcpus;
        long memory = minMemory;
        List<String> out = new ArrayList<>();
        if (spec.instanceType() != null && !spec.instanceType().isBlank()) {
            out.add(spec.instanceType());
        }
        // Types whose architectures the source did not report are kept: an unknown is not a mismatch.
        places.instanceTypes().stream()
                .filter(t -> t.vcpus() >= vcpus && t.memoryMiB() >= memory)
                .filter(t -> arch == null || t.architectures().isEmpty() || t.supports(arch))
                .filter(t -> offered == null || offered.isEmpty() || offered.contains(t.name()))
                .sorted(TypeQuery.CHEAPEST_FIRST)
                .map(InstanceType::name)
                .filter(n -> !out.contains(n))
                .forEach(out::add);
        if (out.isEmpty()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "NoMatchingInstanceType", "no instance type"
                    + (zone == null ? " in " + region : " offered in " + zone) + " has at least " + vcpus
                    + " vCPUs and " + memory + " MiB" + (arch == null ? "" : " on " + arch));
        }
        return out;
    }

    /** What a launch made for itself besides instances, so that a failure can take it back. */
    private static final class Made {
        String keyName;
        String groupId;
    }

    /** One RunInstances call's worth of a launch. */
    private record Batch(int index, int size, int minCount) {
    }

    /**
     * Launches the spec in batches; with {@code capacity_fallback} each batch walks other zones and types through the
     * core failover policy.
     *
     * @param session the provider this launch came through: a capacity walk lists and cleans up through it
     */
    List<Instance> launch(LaunchSpec spec, ComputeProvider session) {
        ImageRef ref = ImageRef.parse(spec.image());
        String imageId;
        Architecture arch = spec.architecture();
        if (ref.isAlias()) {
            Image image = images.resolveImage(ref);
            imageId = image.id();
            arch = arch != null ? arch : image.architecture();
        } else {
            imageId = ref.id();
        }
        String zone = spec.zone();
        String subnetId = spec.subnetId();
        Subnet subnet = null;
        if (subnetId != null && (zone == null || settings.capacityFallback() || settings.sshGroup())) {
            subnet = networks.subnetById(subnetId);
            zone = zone == null ? subnet.zone() : zone;
        }
        boolean typeFromRequirements = spec.instanceType() == null || spec.instanceType().isBlank();
        List<String> typeChoices = typeFromRequirements || settings.capacityFallback()
                ? fittingTypes(spec, zone != null ? zone : firstZone(), arch) : List.of(spec.instanceType());
        Fallback fallback = settings.capacityFallback() ? fallback(session, typeChoices, zone, subnet) : null;

        Made made = new Made();
        List<String> groups = new ArrayList<>(spec.securityGroupIds());
        try {
            if (spec.keyName() != null && settings.createMissingKey() && !keyPairs.keyExists(spec.keyName())) {
                keyPairs.createKeyPair(spec.keyName(), KeyType.ED25519, Map.of());
                made.keyName = spec.keyName();
            }
            if (groups.isEmpty() && settings.sshGroup()) {
                String vpcId = subnet != null ? subnet.networkId() : networks.defaultVpcId();
                SecurityGroup group = securityGroups.createSecurityGroup(new SecurityGroupSpec(vpcId,
                        "alto-ssh-" + runId + "-" + UUID.randomUUID().toString().substring(0, 6),
                        "SSH for a launch by alto", Map.of()));
                made.groupId = group.id();
                securityGroups.authorize(group.id(), true, List.of(SecurityRule.tcp(22, "0.0.0.0/0")));
                groups.add(group.id());
            }
        } catch (AltoException e) {
            rollback(List.of(), made, e);
            throw e;
        }
        String token = spec.clientToken() != null ? spec.clientToken() : UUID.randomUUID().toString();
        List<Batch> batches = batches(spec);
        List<Future<List<Instance>>> running = new ArrayList<>();
        String firstZone = zone;
        Subnet firstSubnet = subnet;
        for (Batch batch : batches) {
            String batchToken = batches.size() == 1 ? token
                    : UUID.nameUUIDFromBytes((token + "#" + batch.index()).getBytes(StandardCharsets.UTF_8)).toString();
            running.add(launchers.submit(() -> {
                inFlight.acquire();
                try {
                    if (fallback == null) {
                        return runInstances(spec, batch, imageId, typeChoices.get(0), firstZone, firstSubnet, groups,
                                batchToken);
                    }
                    return fallback.walk.launch(fallback.candidates, spec, batchToken, fallback.subnets, firstSubnet,
                            (attempt, type, z, sn, t) -> runInstances(attempt, batch, imageId, type, z, sn, groups, t));
                } finally {
                    inFlight.release();
                }
            }));
        }
        List<Instance> launched = new ArrayList<>();
        AltoException failure = null;
        for (Future<List<Instance>> f : running) {
            try {
                launched.addAll(f.get());
            } catch (ExecutionException e) {
                AltoException cause = e.getCause() instanceof AltoException a ? a
                        : new AltoException(ErrorCode.PROVIDER_ERROR, null, "launch failed: " + e.getCause(), e.getCause());
                failure = failure == null ? cause : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new AltoException(ErrorCode.PROVIDER_ERROR, null, "launch interrupted", e);
            }
        }
        if (failure == null || launched.size() >= spec.minCount()) {
            return List.copyOf(launched);
        }
        if (settings.keepOnFailure()) {
            if (launched.isEmpty()) {
                throw failure;
            }
            throw new PartialLaunchException(spec.count(), launched, failure);
        }
        rollback(launched, made, failure);
        throw new AltoException(failure.code(), failure.providerCode(), failure.getMessage()
                + (launched.isEmpty() && made.groupId == null && made.keyName == null ? ""
                : " (rolled back: " + launched.size() + " instance(s)" + (made.groupId == null ? "" : ", " + made.groupId)
                + (made.keyName == null ? "" : ", key " + made.keyName) + ")"), failure);
    }

    private List<Batch> batches(LaunchSpec spec) {
        int size = settings.batchSize();
        if (spec.count() <= size) {
            return List.of(new Batch(0, spec.count(), spec.minCount()));
        }
        boolean allOrNothing = spec.minCount() == spec.count();
        List<Batch> out = new ArrayList<>();
        for (int start = 0, i = 0; start < spec.count(); start += size, i++) {
            int n = Math.min(size, spec.count() - start);
            out.add(new Batch(i, n, allOrNothing ? n : 1));
        }
        return out;
    }

    /** Undoes a failed launch: terminates what it made, then deletes the group and key made for it. */
    private void rollback(List<Instance> launched, Made made, AltoException cause) {
        if (settings.keepOnFailure()) {
            return;
        }
        if (!launched.isEmpty()) {
            try {
                instances.terminate(launched.stream().map(Instance::id).toList());
            } catch (AltoException e) {
                cause.addSuppressed(e);
            }
        }
        // Instances that are shutting down still hold the group: EC2 answers DependencyViolation until they are gone.
        Instant until = clock.instant().plus(Duration.ofMinutes(5));
        if (made.groupId != null) {
            String id = made.groupId;
            try {
                retrier.runWhile("DeleteSecurityGroup", ErrorCode.DEPENDENCY_VIOLATION, until,
                        () -> ec2.deleteSecurityGroup(r -> r.groupId(id)));
            } catch (AltoException e) {
                cause.addSuppressed(e);
            }
        }
        if (made.keyName != null) {
            try {
                keyPairs.deleteKeyPair(made.keyName);
            } catch (AltoException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** The capacity walk shared by a launch's batches: where to try, and the subnet of each zone when one is named. */
    private record Fallback(AwsCapacityWalk walk, List<Candidate> candidates, Map<String, Subnet> subnets) {
    }

    /**
     * The places a batch may fall back to. With a subnet named, each other zone needs a subnet of the same VPC; the
     * VPC's subnets are listed once per launch, before the first attempt, since the walk is a fixed list.
     */
    private Fallback fallback(ComputeProvider session, List<String> typeChoices, String zone, Subnet subnet) {
        Map<String, Set<String>> offerings = places.instanceTypeOfferingsByZone();
        Map<String, Subnet> subnets = null;
        if (subnet != null) {
            subnets = new HashMap<>(networks.subnetsByZone(subnet.networkId()));
            subnets.put(subnet.zone(), subnet);
        }
        AwsCapacityWalk walk = new AwsCapacityWalk(session, places.instanceTypes(), retrier.sleeper());
        return new Fallback(walk, walk.candidates(typeChoices, zone, offerings, subnets), subnets);
    }

    private List<Instance> runInstances(LaunchSpec spec, Batch batch, String imageId, String type, String zone,
                                        Subnet subnet, List<String> groups, String token) {
        RunInstancesRequest.Builder r = RunInstancesRequest.builder()
                .imageId(imageId).instanceType(type).minCount(batch.minCount()).maxCount(batch.size())
                .clientToken(token).keyName(spec.keyName());
        if (subnet != null) {
            r.subnetId(subnet.id());
        } else if (spec.subnetId() != null) {
            r.subnetId(spec.subnetId());
        } else if (zone != null) {
            r.placement(Placement.builder().availabilityZone(zone).build());
        }
        if (!groups.isEmpty()) {
            r.securityGroupIds(groups);
        }
        if (spec.userData() != null) {
            r.userData(Base64.getEncoder().encodeToString(spec.userData().getBytes(StandardCharsets.UTF_8)));
        }
        List<BlockDeviceMapping> disks = new ArrayList<>();
        if (spec.rootVolumeSizeGiB() != null) {
            disks.add(BlockDeviceMapping.builder().deviceName(rootDeviceOf(imageId))
                    .ebs(EbsBlockDevice.builder().volumeSize(spec.rootVolumeSizeGiB()).deleteOnTermination(true)
                            .build()).build());
        }
        List<String> free = new ArrayList<>(AwsStorage.HOT_ADD_DEVICES);
        for (DiskSpec d : spec.disks()) {
            String device = d.deviceName() != null ? d.deviceName() : free.remove(0);
            free.remove(device);
            EbsBlockDevice.Builder ebs = EbsBlockDevice.builder().volumeType(d.type())
                    .deleteOnTermination(d.deleteOnTermination());
            if (d.sizeGiB() > 0) {
                ebs.volumeSize(d.sizeGiB());
            }
            if (d.iops() > 0) {
                ebs.iops(d.iops());
            }
            if (d.snapshotId() != null) {
                ebs.snapshotId(d.snapshotId());
            }
            disks.add(BlockDeviceMapping.builder().deviceName(device).ebs(ebs.build()).build());
        }
        if (!disks.isEmpty()) {
            r.blockDeviceMappings(disks);
        }
        if (spec.spot() != null) {
            SpotMarketOptions.Builder spot = SpotMarketOptions.builder().spotInstanceType(spec.spot().persistent()
                    ? SpotInstanceType.PERSISTENT : SpotInstanceType.ONE_TIME);
            if (spec.spot().persistent()) {
                spot.instanceInterruptionBehavior("stop");
            }
            if (spec.spot().maxPricePerHour() != null) {
                spot.maxPrice(String.format(java.util.Locale.ROOT, "%.6f", spec.spot().maxPricePerHour()));
            }
            r.instanceMarketOptions(InstanceMarketOptionsRequest.builder().marketType(MarketType.SPOT)
                    .spotOptions(spot.build()).build());
        }
        InstanceMetadataOptions imds = spec.metadataOptions();
        if (imds != null) {
            // Every setting is sent, so the instance gets exactly what was asked for whatever the account's defaults.
            r.metadataOptions(m -> m.httpTokens(imds.httpTokens()).httpPutResponseHopLimit(imds.hopLimit())
                    .httpEndpoint(imds.httpEndpoint()).httpProtocolIpv6(imds.httpProtocolIpv6())
                    .instanceMetadataTags(imds.instanceMetadataTags()));
        } else if (settings.imdsV2Required()) {
            r.metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED)
                    .httpEndpoint(InstanceMetadataEndpointState.ENABLED).httpPutResponseHopLimit(2));
        }
        if (spec.disableApiTermination()) {
            r.disableApiTermination(true);
        }
        // Volumes that die with their instance need no ownership of their own (and tagging each one costs the
        // gateway a backend call per device); only disks that outlive the instance carry the instance's tags, for gc
        // to find. Volume and interface tags asked for go in the same call, so nothing is ever seen untagged.
        List<TagSpecification> tagSpecs = new ArrayList<>();
        tagSpecs.add(context.tagSpec(ResourceType.INSTANCE, spec.tags()));
        boolean outliving = spec.disks().stream().anyMatch(d -> !d.deleteOnTermination());
        if (outliving || !spec.volumeTags().isEmpty()) {
            tagSpecs.add(context.tagSpec(ResourceType.VOLUME, outliving ? Tags.merge(spec.tags(), spec.volumeTags())
                    : spec.volumeTags()));
        }
        if (!spec.interfaceTags().isEmpty()) {
            tagSpecs.add(context.tagSpec(ResourceType.NETWORK_INTERFACE, spec.interfaceTags()));
        }
        r.tagSpecifications(tagSpecs);
        RunInstancesRequest request = r.build();
        RunInstancesResponse response = retrier.call("RunInstances", () -> ec2.runInstances(request));
        List<Instance> out = new ArrayList<>();
        for (var i : response.instances()) {
            context.remember(i.instanceId());
            out.add(Ec2Convert.instance(i, region, response.reservationId()));
        }
        return out;
    }

    private String rootDeviceOf(String imageId) {
        var images = retrier.call("DescribeImages", () -> ec2.describeImages(r -> r.imageIds(imageId))).images();
        if (images.isEmpty()) {
            throw AltoException.notFound("InvalidAMIID.NotFound", "image " + imageId + " does not exist");
        }
        return images.get(0).rootDeviceName() != null ? images.get(0).rootDeviceName() : "/dev/xvda";
    }

    private String firstZone() {
        List<Zone> zones = places.zones();
        return zones.isEmpty() ? null : zones.get(0).name();
    }

    /** Stops taking launches; batches already running finish. */
    void shutdown() {
        launchers.shutdown();
    }
}
