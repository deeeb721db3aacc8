package io.altostratus.aws;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.aws.internal.ImageAliases;
import io.altostratus.aws.internal.PrivateKeys;
import io.altostratus.aws.internal.Retrier;
import io.altostratus.catalog.Catalog;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.model.Address;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceAttributes;
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
import io.altostratus.core.query.TagFilter;
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.InstanceChange;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.RouteTarget;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The {@code aws} provider: the SPI on EC2 through the AWS SDK for Java v2, against AWS itself or any EC2-compatible
 * endpoint. One session is bound to one region and one set of credentials, and may be used from several threads.
 *
 * <p>What it adds over plain SDK calls: every call goes through one {@link Retrier} (throttling and 5xx retried with
 * bounded backoff and jitter, the SDK's own retries off); ids this session just made are read through EC2's
 * eventual consistency; everything it makes carries ownership tags ({@code alto:owner}, {@code alto:created},
 * {@code alto:run-id}); launches of many instances go out as MaxCount batches with bounded parallelism, may fall back
 * to other zones and types when capacity runs out, and roll back what they made when they fail.
 */
public final class AwsProvider implements ComputeProvider {
    /** The tag keys of ownership. */
    public static final String OWNER_TAG = "alto:owner";
    public static final String CREATED_TAG = "alto:created";
    public static final String RUN_TAG = "alto:run-id";

    private static final List<String> HOT_ADD_DEVICES = List.of("/dev/sdf", "/dev/sdg", "/dev/sdh", "/dev/sdi",
            "/dev/sdj", "/dev/sdk", "/dev/sdl", "/dev/sdm", "/dev/sdn", "/dev/sdo", "/dev/sdp");
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.STOP_START, Capability.REBOOT,
            Capability.FORCE_STOP, Capability.CREATE_IMAGE, Capability.KEY_PAIRS, Capability.NETWORKS,
            Capability.VOLUMES, Capability.SNAPSHOTS, Capability.NETWORK_INTERFACES, Capability.TAGS, Capability.SPOT,
            Capability.CLIENT_TOKEN, Capability.CONSOLE_OUTPUT, Capability.INTERNET_GATEWAYS, Capability.ROUTE_TABLES,
            Capability.NETWORK_ACLS, Capability.ELASTIC_IPS, Capability.SECURITY_GROUP_RULES,
            Capability.NETWORK_ATTRIBUTES, Capability.INSTANCE_ATTRIBUTES);

    private final Ec2Client ec2;
    private final SsmClient ssm;
    private final String region;
    private final AwsSettings settings;
    private final Retrier retrier;
    private final Clock clock;
    private final Catalog catalog;
    private final PrivateKeys privateKeys;
    private final String runId;
    private final Map<String, Instant> madeAt = new ConcurrentHashMap<>();
    private final ExecutorService launchers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight;
    private volatile boolean ssmAnswers = true;
    private volatile Map<String, Set<String>> offerings;
    private volatile List<InstanceType> types;

    /**
     * A session over clients the caller built (the factory builds them from a context; tests pass their own).
     *
     * @param ssm     SSM for public image parameters, or null to use DescribeImages only
     * @param catalog where prices come from (EC2 does not say)
     */
    public AwsProvider(Ec2Client ec2, SsmClient ssm, String region, AwsSettings settings, Retrier retrier,
                       Catalog catalog) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.ssm = settings.useSsm() ? ssm : null;
        this.region = Objects.requireNonNull(region, "region");
        this.settings = settings;
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.clock = retrier.clock();
        this.catalog = catalog;
        this.privateKeys = new PrivateKeys(settings.keyDir());
        this.runId = settings.runId() != null ? settings.runId() : "r" + UUID.randomUUID().toString().substring(0, 8);
        this.inFlight = new Semaphore(settings.parallelism());
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> out = EnumSet.copyOf(CAPABILITIES);
        if (settings.guestAccess()) {
            out.add(Capability.GUEST_ACCESS);
        }
        return out;
    }

    @Override
    public Duration consistencyGrace() {
        return settings.consistencyGrace();
    }

    /** The value of the {@code alto:owner} tag on what this session makes. */
    public String owner() {
        return settings.owner();
    }

    /** The run id this session tags what it makes with. */
    public String runId() {
        return runId;
    }

    /** The ownership tags for something made now, under the caller's own tags (which win). */
    public Map<String, String> owned(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(OWNER_TAG, settings.owner());
        out.put(CREATED_TAG, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        out.put(RUN_TAG, runId);
        if (tags != null) {
            out.putAll(tags);
        }
        return out;
    }

    private TagSpecification tagSpec(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type).tags(Ec2Convert.sdkTags(owned(tags))).build();
    }

    private void remember(String id) {
        madeAt.put(id, clock.instant());
    }

    /** Until when a NOT_FOUND for these ids means "not visible yet" rather than "gone". */
    private Instant visibleBy(Collection<String> ids) {
        Instant latest = null;
        for (String id : ids) {
            Instant made = madeAt.get(id);
            if (made != null && (latest == null || made.isAfter(latest))) {
                latest = made;
            }
        }
        return latest == null ? Instant.MIN : latest.plus(settings.consistencyGrace());
    }

    // ---- places and sizes -----------------------------------------------------------------------------------

    @Override
    public List<Region> regions() {
        return retrier.call("DescribeRegions", () -> ec2.describeRegions(r -> r.allRegions(false))).regions().stream()
                .map(r -> new Region(r.regionName(), r.regionName(), r.endpoint(),
                        "opted-in".equals(r.optInStatus()) || "not-opted-in".equals(r.optInStatus())))
                .sorted(Comparator.comparing(Region::name))
                .toList();
    }

    @Override
    public List<Zone> zones() {
        return retrier.call("DescribeAvailabilityZones", () -> ec2.describeAvailabilityZones(r -> {
                })).availabilityZones().stream()
                .map(z -> new Zone(z.zoneName(), z.zoneId(), z.regionName() == null ? region : z.regionName(),
                        z.stateAsString()))
                .sorted(Comparator.comparing(Zone::name))
                .toList();
    }

    @Override
    public List<InstanceType> instanceTypes() {
        List<InstanceType> cached = types;
        if (cached != null) {
            return cached;
        }
        List<InstanceType> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = retrier.call("DescribeInstanceTypes", () -> ec2.describeInstanceTypes(r -> r.nextToken(next)
                    .maxResults(100)));
            for (var t : page.instanceTypes()) {
                out.add(instanceType(t));
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        out.sort(Comparator.comparing(InstanceType::name));
        types = List.copyOf(out);
        return types;
    }

    private InstanceType instanceType(software.amazon.awssdk.services.ec2.model.InstanceTypeInfo t) {
        String name = t.instanceTypeAsString();
        int vcpus = t.vCpuInfo() == null || t.vCpuInfo().defaultVCpus() == null ? 0 : t.vCpuInfo().defaultVCpus();
        long memory = t.memoryInfo() == null || t.memoryInfo().sizeInMiB() == null ? 0 : t.memoryInfo().sizeInMiB();
        int gpus = 0;
        String gpuModel = null;
        if (t.gpuInfo() != null) {
            for (var g : t.gpuInfo().gpus()) {
                gpus += g.count() == null ? 0 : g.count();
                gpuModel = gpuModel == null ? g.name() : gpuModel;
            }
        }
        List<Architecture> arches = t.processorInfo() == null ? List.of() : t.processorInfo()
                .supportedArchitecturesAsStrings().stream().map(Ec2Convert::architecture).filter(Objects::nonNull)
                .distinct().toList();
        Double price = catalog == null ? null : catalog.instanceType(region, name).map(InstanceType::pricePerHour)
                .orElse(null);
        long local = t.instanceStorageInfo() == null || t.instanceStorageInfo().totalSizeInGB() == null ? 0
                : t.instanceStorageInfo().totalSizeInGB();
        return new InstanceType(name, vcpus, memory, gpus, gpuModel, arches, price,
                Boolean.TRUE.equals(t.burstablePerformanceSupported()), Boolean.TRUE.equals(t.currentGeneration()),
                t.networkInfo() == null ? null : t.networkInfo().networkPerformance(), local);
    }

    @Override
    public Map<String, Set<String>> instanceTypeOfferingsByZone() {
        Map<String, Set<String>> cached = offerings;
        if (cached != null) {
            return cached;
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Zone z : zones()) {
            out.put(z.name(), new LinkedHashSet<>());
        }
        String token = null;
        do {
            String next = token;
            var page = retrier.call("DescribeInstanceTypeOfferings", () -> ec2.describeInstanceTypeOfferings(r -> r
                    .locationType(LocationType.AVAILABILITY_ZONE).nextToken(next).maxResults(1000)));
            for (var o : page.instanceTypeOfferings()) {
                out.computeIfAbsent(o.location(), k -> new LinkedHashSet<>()).add(o.instanceTypeAsString());
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        Map<String, Set<String>> frozen = new java.util.TreeMap<>();
        out.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        // Sorted by zone name and kept in that order: fallback tries zones in it.
        offerings = java.util.Collections.unmodifiableMap(frozen);
        return offerings;
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
            Optional<InstanceType> named = instanceTypes().stream().filter(t -> t.name().equals(spec.instanceType()))
                    .findFirst();
            if (named.isEmpty()) {
                return List.of(spec.instanceType());
            }
            minVcpus = Math.max(minVcpus, named.get().vcpus());
            minMemory = Math.max(minMemory, named.get().memoryMiB());
        }
        Set<String> offered = zone == null ? null : instanceTypeOfferingsByZone().get(zone);
        int vcpus = minVcpus;
        long memory = minMemory;
        List<String> out = new ArrayList<>();
        if (spec.instanceType() != null && !spec.instanceType().isBlank()) {
            out.add(spec.instanceType());
        }
        // Types whose architectures the source did not report are kept: an unknown is not a mismatch.
        instanceTypes().stream()
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

    // ---- instances --------------------------------------------------------------------------------------------

    /** What a launch made for itself besides instances, so that a failure can take it back. */
    private static final class Made {
        String keyName;
        String groupId;
    }

    /** One RunInstances call's worth of a launch. */
    private record Batch(int index, int size, int minCount) {
    }

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        ImageRef ref = ImageRef.parse(spec.image());
        String imageId;
        Architecture arch = spec.architecture();
        if (ref.isAlias()) {
            Image image = resolveImage(ref);
            imageId = image.id();
            arch = arch != null ? arch : image.architecture();
        } else {
            imageId = ref.id();
        }
        String zone = spec.zone();
        String subnetId = spec.subnetId();
        Subnet subnet = null;
        if (subnetId != null && (zone == null || settings.capacityFallback() || settings.sshGroup())) {
            subnet = subnetById(subnetId);
            zone = zone == null ? subnet.zone() : zone;
        }
        boolean typeFromRequirements = spec.instanceType() == null || spec.instanceType().isBlank();
        List<String> typeChoices = typeFromRequirements || settings.capacityFallback()
                ? fittingTypes(spec, zone != null ? zone : firstZone(), arch) : List.of(spec.instanceType());

        Made made = new Made();
        List<String> groups = new ArrayList<>(spec.securityGroupIds());
        try {
            if (spec.keyName() != null && settings.createMissingKey() && !keyExists(spec.keyName())) {
                createKeyPair(spec.keyName(), KeyType.ED25519, Map.of());
                made.keyName = spec.keyName();
            }
            if (groups.isEmpty() && settings.sshGroup()) {
                String vpcId = subnet != null ? subnet.networkId() : defaultVpcId();
                SecurityGroup group = createSecurityGroup(new SecurityGroupSpec(vpcId,
                        "alto-ssh-" + runId + "-" + UUID.randomUUID().toString().substring(0, 6),
                        "SSH for a launch by alto", Map.of()));
                made.groupId = group.id();
                authorize(group.id(), true, List.of(SecurityRule.tcp(22, "0.0.0.0/0")));
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
                    return runBatch(spec, batch, imageId, typeChoices, firstZone, firstSubnet, groups, batchToken);
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
                terminate(launched.stream().map(Instance::id).toList());
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
                deleteKeyPair(made.keyName);
            } catch (AltoException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private List<Instance> runBatch(LaunchSpec spec, Batch batch, String imageId, List<String> typeChoices,
                                    String zone, Subnet subnet, List<String> groups, String token) {
        try {
            return runInstances(spec, batch, imageId, typeChoices.get(0), zone, subnet, groups, token);
        } catch (AltoException e) {
            if (e.code() != ErrorCode.INSUFFICIENT_CAPACITY || !settings.capacityFallback()) {
                throw e;
            }
            AltoException last = e;
            int attempt = 1;
            // Same type elsewhere first (a zone is the likelier shortage), then the next fitting types anywhere.
            for (String type : typeChoices) {
                for (String otherZone : fallbackZones(type, type.equals(typeChoices.get(0)) ? zone : null, zone)) {
                    Subnet otherSubnet = subnet == null ? null : subnetIn(subnet.networkId(), otherZone);
                    if (subnet != null && otherSubnet == null) {
                        continue;
                    }
                    try {
                        String fallbackToken = UUID.nameUUIDFromBytes((token + "/" + attempt++)
                                .getBytes(StandardCharsets.UTF_8)).toString();
                        return runInstances(spec, batch, imageId, type, otherZone, otherSubnet, groups, fallbackToken);
                    } catch (AltoException again) {
                        if (again.code() != ErrorCode.INSUFFICIENT_CAPACITY) {
                            throw again;
                        }
                        last = again;
                    }
                }
            }
            throw last;
        }
    }

    /**
     * The zones to try a type in, those that offer it: the {@code preferred} zone first (unless it is the one that
     * ran out, {@code exclude}), then the others by name.
     */
    private List<String> fallbackZones(String type, String exclude, String preferred) {
        List<String> out = new ArrayList<>();
        instanceTypeOfferingsByZone().forEach((zone, offered) -> {
            if (!zone.equals(exclude) && (offered.isEmpty() || offered.contains(type))) {
                out.add(zone);
            }
        });
        if (preferred != null && out.remove(preferred)) {
            out.add(0, preferred);
        }
        return out;
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
        List<String> free = new ArrayList<>(HOT_ADD_DEVICES);
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
        if (settings.imdsV2Required()) {
            r.metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED)
                    .httpEndpoint(InstanceMetadataEndpointState.ENABLED).httpPutResponseHopLimit(2));
        }
        if (spec.disableApiTermination()) {
            r.disableApiTermination(true);
        }
        // Volumes that die with their instance need no ownership of their own (and tagging each one costs the
        // gateway a backend call per device); only disks that outlive the instance are tagged for gc to find.
        if (spec.disks().stream().anyMatch(d -> !d.deleteOnTermination())) {
            r.tagSpecifications(tagSpec(ResourceType.INSTANCE, spec.tags()), tagSpec(ResourceType.VOLUME, spec.tags()));
        } else {
            r.tagSpecifications(tagSpec(ResourceType.INSTANCE, spec.tags()));
        }
        RunInstancesRequest request = r.build();
        RunInstancesResponse response = retrier.call("RunInstances", () -> ec2.runInstances(request));
        List<Instance> out = new ArrayList<>();
        for (var i : response.instances()) {
            remember(i.instanceId());
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
        List<Zone> zones = zones();
        return zones.isEmpty() ? null : zones.get(0).name();
    }

    private String defaultVpcId() {
        return retrier.call("DescribeVpcs", () -> ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))))
                .vpcs().stream().findFirst().map(v -> v.vpcId())
                .orElseThrow(() -> new AltoException(ErrorCode.INVALID_PARAMETER, "VPCIdNotSpecified",
                        "no default VPC in " + region + ": give a subnet"));
    }

    private Subnet subnetById(String id) {
        return retrier.call("DescribeSubnets", () -> ec2.describeSubnets(r -> r.subnetIds(id))).subnets().stream()
                .findFirst().map(Ec2Convert::subnet)
                .orElseThrow(() -> AltoException.notFound("InvalidSubnetID.NotFound", "subnet " + id + " does not exist"));
    }

    private Subnet subnetIn(String vpcId, String zone) {
        return retrier.call("DescribeSubnets", () -> ec2.describeSubnets(r -> r.filters(filter("vpc-id", vpcId),
                        filter("availability-zone", zone)))).subnets().stream()
                .findFirst().map(Ec2Convert::subnet).orElse(null);
    }

    private boolean keyExists(String name) {
        return retrier.call("DescribeKeyPairs", () -> ec2.describeKeyPairs(r -> r.filters(filter("key-name", name))))
                .keyPairs().stream().anyMatch(k -> name.equals(k.keyName()));
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Override
    public Instance instance(String id) {
        List<Instance> found = instances(InstanceQuery.ids(List.of(id)));
        if (found.isEmpty()) {
            throw AltoException.notFound("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        return found.get(0);
    }

    /** The query as EC2 filters, so EC2 does the selecting; names and tags keep their wildcards. */
    static List<Filter> filters(InstanceQuery query) {
        List<Filter> out = new ArrayList<>();
        if (!query.states().isEmpty()) {
            out.add(filter("instance-state-name", query.states().stream().map(s -> s.wireName()).sorted().toList()));
        }
        if (!query.names().isEmpty()) {
            out.add(filter("tag:" + Tags.NAME, query.names()));
        }
        for (TagFilter t : query.tags()) {
            out.add(t.values().isEmpty() ? filter("tag-key", t.key()) : filter("tag:" + t.key(), t.values()));
        }
        if (query.zone() != null) {
            out.add(filter("availability-zone", query.zone()));
        }
        if (query.networkId() != null) {
            out.add(filter("vpc-id", query.networkId()));
        }
        if (query.subnetId() != null) {
            out.add(filter("subnet-id", query.subnetId()));
        }
        return out;
    }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        List<Filter> filters = filters(query);
        List<Instance> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeInstancesRequest.Builder r = DescribeInstancesRequest.builder().nextToken(next);
            if (!query.ids().isEmpty()) {
                r.instanceIds(query.ids());
            } else {
                r.maxResults(1000);
            }
            if (!filters.isEmpty()) {
                r.filters(filters);
            }
            DescribeInstancesRequest request = r.build();
            var response = query.ids().isEmpty()
                    ? retrier.call("DescribeInstances", () -> ec2.describeInstances(request))
                    : retrier.callUntilVisible("DescribeInstances", visibleBy(query.ids()),
                            () -> ec2.describeInstances(request));
            for (Reservation res : response.reservations()) {
                for (var i : res.instances()) {
                    Instance instance = Ec2Convert.instance(i, region, res.reservationId());
                    // EC2 matches names and tags with its own wildcards; the query's own matcher has the last word.
                    if (query.matches(instance)) {
                        out.add(instance);
                    }
                }
            }
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    @Override
    public List<StateChange> start(Collection<String> ids) {
        return retrier.callUntilVisible("StartInstances", visibleBy(ids), () -> ec2.startInstances(r -> r
                .instanceIds(ids))).startingInstances().stream().map(Ec2Convert::stateChange).toList();
    }

    @Override
    public List<StateChange> stop(Collection<String> ids, boolean force) {
        return retrier.callUntilVisible("StopInstances", visibleBy(ids), () -> ec2.stopInstances(r -> r
                .instanceIds(ids).force(force))).stoppingInstances().stream().map(Ec2Convert::stateChange).toList();
    }

    @Override
    public void reboot(Collection<String> ids) {
        retrier.callUntilVisible("RebootInstances", visibleBy(ids), () -> ec2.rebootInstances(r -> r.instanceIds(ids)));
    }

    @Override
    public List<StateChange> terminate(Collection<String> ids) {
        List<StateChange> out = new ArrayList<>();
        List<String> all = List.copyOf(ids);
        // EC2 takes up to 1,000 ids per call.
        for (int i = 0; i < all.size(); i += 1000) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 1000));
            out.addAll(retrier.callUntilVisible("TerminateInstances", visibleBy(chunk), () -> ec2.terminateInstances(
                    r -> r.instanceIds(chunk))).terminatingInstances().stream().map(Ec2Convert::stateChange).toList());
        }
        return out;
    }

    @Override
    public String userData(String instanceId) {
        return instanceAttributes(instanceId).userData();
    }

    @Override
    public InstanceAttributes instanceAttributes(String instanceId) {
        Instant by = visibleBy(List.of(instanceId));
        var type = retrier.callUntilVisible("DescribeInstanceAttribute", by, () -> ec2.describeInstanceAttribute(r -> r
                .instanceId(instanceId).attribute(InstanceAttributeName.INSTANCE_TYPE)));
        var protection = retrier.call("DescribeInstanceAttribute", () -> ec2.describeInstanceAttribute(r -> r
                .instanceId(instanceId).attribute(InstanceAttributeName.DISABLE_API_TERMINATION)));
        var data = retrier.call("DescribeInstanceAttribute", () -> ec2.describeInstanceAttribute(r -> r
                .instanceId(instanceId).attribute(InstanceAttributeName.USER_DATA)));
        String userData = data.userData() == null || data.userData().value() == null ? null
                : new String(Base64.getDecoder().decode(data.userData().value()), StandardCharsets.UTF_8);
        return new InstanceAttributes(instanceId, type.instanceType() == null ? null : type.instanceType().value(),
                protection.disableApiTermination() != null
                        && Boolean.TRUE.equals(protection.disableApiTermination().value()), userData);
    }

    @Override
    public InstanceAttributes modifyInstance(String instanceId, InstanceChange change) {
        if (change.instanceType() != null) {
            retrier.run("ModifyInstanceAttribute", () -> ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId)
                    .instanceType(v -> v.value(change.instanceType()))));
        }
        if (change.disableApiTermination() != null) {
            retrier.run("ModifyInstanceAttribute", () -> ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId)
                    .disableApiTermination(AttributeBooleanValue.builder().value(change.disableApiTermination())
                            .build())));
        }
        if (change.userData() != null) {
            // The attribute's value is base64 on the wire, and the SDK does not encode this one for us.
            String encoded = Base64.getEncoder().encodeToString(change.userData().getBytes(StandardCharsets.UTF_8));
            retrier.run("ModifyInstanceAttribute", () -> ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId)
                    .userData(v -> v.value(software.amazon.awssdk.core.SdkBytes.fromUtf8String(encoded)))));
        }
        return instanceAttributes(instanceId);
    }

    @Override
    public String consoleOutput(String instanceId) {
        String output = retrier.callUntilVisible("GetConsoleOutput", visibleBy(List.of(instanceId)),
                () -> ec2.getConsoleOutput(r -> r.instanceId(instanceId))).output();
        return output == null ? "" : new String(Base64.getDecoder().decode(output), StandardCharsets.UTF_8);
    }

    // ---- images -----------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageQuery query) {
        DescribeImagesRequest.Builder r = DescribeImagesRequest.builder();
        List<Filter> filters = new ArrayList<>();
        Set<String> owners = new LinkedHashSet<>(query.owners());
        if (!query.ids().isEmpty()) {
            r.imageIds(query.ids());
        }
        if (query.distro() != null) {
            ImageAliases.Lookup lookup = ImageAliases.lookup(query.distro(),
                    query.release() == null ? "*" : query.release(), query.architecture());
            if (owners.isEmpty()) {
                owners.addAll(lookup.owners());
            }
            filters.add(filter("name", lookup.namePattern()));
        }
        if (query.namePattern() != null) {
            filters.add(filter("name", query.namePattern()));
        }
        if (query.architecture() != null) {
            filters.add(filter("architecture", query.architecture().wireName()));
        }
        for (TagFilter t : query.tags()) {
            filters.add(t.values().isEmpty() ? filter("tag-key", t.key()) : filter("tag:" + t.key(), t.values()));
        }
        if (!owners.isEmpty()) {
            r.owners(owners);
        } else if (query.ids().isEmpty() && filters.isEmpty()) {
            // All public images of a real region are hundreds of thousands; unasked, list the account's own.
            r.owners("self");
        }
        if (!filters.isEmpty()) {
            r.filters(filters);
        }
        DescribeImagesRequest request = r.build();
        return retrier.callUntilVisible("DescribeImages", visibleBy(query.ids()), () -> ec2.describeImages(request))
                .images().stream().map(Ec2Convert::image).filter(query::matchesIgnoringOwner)
                .sorted(Comparator.comparing(Image::creationDate, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed())
                .toList();
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        if (!ref.isAlias()) {
            List<Image> found = images(new ImageQuery(Set.of(ref.id()), null, null, null, null, null, null));
            if (found.isEmpty()) {
                throw AltoException.notFound("InvalidAMIID.NotFound", "The image id '[" + ref.id() + "]' does not exist");
            }
            return found.get(0);
        }
        ImageAliases.Lookup lookup = ImageAliases.lookup(ref.distro(), ref.release(), ref.architecture());
        String fromSsm = ssmImageId(lookup);
        if (fromSsm != null) {
            List<Image> found = retrier.call("DescribeImages", () -> ec2.describeImages(r -> r.imageIds(fromSsm)))
                    .images().stream().map(Ec2Convert::image).toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        return retrier.call("DescribeImages", () -> ec2.describeImages(r -> r.owners(lookup.owners())
                        .filters(filter("name", lookup.namePattern()),
                                filter("architecture", ref.architecture().wireName()),
                                filter("state", Image.AVAILABLE))))
                .images().stream().map(Ec2Convert::image)
                .filter(i -> Image.AVAILABLE.equals(i.state()))
                .max(Comparator.comparing(Image::creationDate, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Image::name, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElseThrow(() -> AltoException.notFound("InvalidAMIID.NotFound",
                        "no available image for " + ref + " in " + region));
    }

    /**
     * The image id SSM's public parameters name for the alias, or null. An endpoint without SSM (most EC2-compatible
     * ones) is asked once per session: any failure other than "no such parameter" turns SSM off for the session.
     */
    private String ssmImageId(ImageAliases.Lookup lookup) {
        if (ssm == null || !ssmAnswers) {
            return null;
        }
        for (String name : lookup.ssmParameters()) {
            try {
                String value = ssm.getParameter(r -> r.name(name)).parameter().value();
                if (value != null && value.startsWith("ami-")) {
                    return value;
                }
            } catch (software.amazon.awssdk.services.ssm.model.ParameterNotFoundException e) {
                continue;
            } catch (SdkException e) {
                ssmAnswers = false;
                return null;
            }
        }
        return null;
    }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        String id = retrier.callUntilVisible("CreateImage", visibleBy(List.of(instanceId)), () -> ec2.createImage(r -> r
                .instanceId(instanceId).name(name).description(description)
                .tagSpecifications(tagSpec(ResourceType.IMAGE, tags), tagSpec(ResourceType.SNAPSHOT, tags))))
                .imageId();
        remember(id);
        return resolveImage(new ImageRef(id, null, null, null));
    }

    /**
     * Makes an image and waits (through the retrier's sleeper and clock) until it is available: on AWS that takes
     * minutes. A failed image fails with {@code PROVIDER_ERROR}; running out of {@code timeout} with {@code TIMEOUT}.
     */
    public Image createImageAndWait(String instanceId, String name, String description, Map<String, String> tags,
                                    Duration timeout, io.altostratus.core.wait.Sleeper sleeper) {
        Image made = createImage(instanceId, name, description, tags);
        Instant deadline = clock.instant().plus(timeout);
        Duration pause = Duration.ofSeconds(2);
        while (true) {
            Image now = resolveImage(new ImageRef(made.id(), null, null, null));
            if (Image.AVAILABLE.equals(now.state())) {
                return now;
            }
            if ("failed".equals(now.state()) || "error".equals(now.state()) || "invalid".equals(now.state())) {
                throw new AltoException(ErrorCode.PROVIDER_ERROR, "ImageFailed", "image " + made.id() + " is " + now.state());
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new AltoException(ErrorCode.TIMEOUT, null, "image " + made.id() + " not available after " + timeout);
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AltoException(ErrorCode.PROVIDER_ERROR, null, "interrupted", e);
            }
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(15)) > 0 ? Duration.ofSeconds(15)
                    : pause.multipliedBy(2);
        }
    }

    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        Image image = resolveImage(new ImageRef(imageId, null, null, null));
        retrier.run("DeregisterImage", () -> ec2.deregisterImage(r -> r.imageId(imageId)));
        if (deleteSnapshots) {
            for (String snapshot : image.snapshotIds()) {
                try {
                    retrier.run("DeleteSnapshot", () -> ec2.deleteSnapshot(r -> r.snapshotId(snapshot)));
                } catch (AltoException e) {
                    // Public images report snapshots this account does not own; those are not ours to delete.
                    if (e.code() != ErrorCode.NOT_FOUND && e.code() != ErrorCode.AUTH_FAILURE) {
                        throw e;
                    }
                }
            }
        }
    }

    // ---- key pairs --------------------------------------------------------------------------------------------

    @Override
    public CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags) {
        var made = retrier.call("CreateKeyPair", () -> ec2.createKeyPair(r -> r.keyName(name)
                .keyType(type == null ? "ed25519" : type.wireName())
                .tagSpecifications(tagSpec(ResourceType.KEY_PAIR, tags))));
        privateKeys.save(region, name, made.keyMaterial());
        KeyPair pair = new KeyPair(made.keyPairId(), made.keyName(), made.keyFingerprint(), type, null,
                clock.instant(), Ec2Convert.tags(made.tags()));
        return new CreatedKeyPair(pair, made.keyMaterial());
    }

    /** Where the private key of a key pair this provider made is kept (mode 0600). */
    public java.nio.file.Path privateKeyPath(String keyName) {
        return privateKeys.path(region, keyName);
    }

    @Override
    public KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
        var made = retrier.call("ImportKeyPair", () -> ec2.importKeyPair(r -> r.keyName(name)
                .publicKeyMaterial(software.amazon.awssdk.core.SdkBytes.fromUtf8String(publicKey))
                .tagSpecifications(tagSpec(ResourceType.KEY_PAIR, tags))));
        return keyPairs().stream().filter(k -> k.name().equals(name)).findFirst()
                .orElse(new KeyPair(made.keyPairId(), made.keyName(), made.keyFingerprint(), null, publicKey,
                        clock.instant(), Ec2Convert.tags(made.tags())));
    }

    @Override
    public List<KeyPair> keyPairs() {
        return retrier.call("DescribeKeyPairs", () -> ec2.describeKeyPairs(r -> r.includePublicKey(true))).keyPairs()
                .stream().map(Ec2Convert::keyPair).toList();
    }

    @Override
    public void deleteKeyPair(String name) {
        retrier.run("DeleteKeyPair", () -> ec2.deleteKeyPair(r -> r.keyName(name)));
        privateKeys.delete(region, name);
    }

    // ---- networks ---------------------------------------------------------------------------------------------

    @Override
    public Network createNetwork(NetworkSpec spec) {
        var vpc = retrier.call("CreateVpc", () -> ec2.createVpc(r -> r.cidrBlock(spec.cidr())
                .tagSpecifications(tagSpec(ResourceType.VPC, spec.tags())))).vpc();
        remember(vpc.vpcId());
        return Ec2Convert.network(vpc, region, true, false);
    }

    @Override
    public List<Network> networks() {
        return retrier.call("DescribeVpcs", () -> ec2.describeVpcs(r -> {
        })).vpcs().stream().map(v -> Ec2Convert.network(v, region, vpcAttribute(v.vpcId(),
                VpcAttributeName.ENABLE_DNS_SUPPORT), vpcAttribute(v.vpcId(), VpcAttributeName.ENABLE_DNS_HOSTNAMES)))
                .toList();
    }

    private boolean vpcAttribute(String vpcId, VpcAttributeName name) {
        var answer = retrier.call("DescribeVpcAttribute", () -> ec2.describeVpcAttribute(r -> r.vpcId(vpcId)
                .attribute(name)));
        AttributeBooleanValue value = name == VpcAttributeName.ENABLE_DNS_SUPPORT ? answer.enableDnsSupport()
                : answer.enableDnsHostnames();
        return value != null && Boolean.TRUE.equals(value.value());
    }

    @Override
    public Network modifyNetwork(String networkId, Boolean enableDnsSupport, Boolean enableDnsHostnames) {
        // EC2 takes one attribute per call, and hostnames need support: switch support on first and off last.
        Runnable support = () -> retrier.run("ModifyVpcAttribute", () -> ec2.modifyVpcAttribute(r -> r.vpcId(networkId)
                .enableDnsSupport(AttributeBooleanValue.builder().value(enableDnsSupport).build())));
        Runnable hostnames = () -> retrier.run("ModifyVpcAttribute", () -> ec2.modifyVpcAttribute(r -> r
                .vpcId(networkId).enableDnsHostnames(AttributeBooleanValue.builder().value(enableDnsHostnames)
                        .build())));
        if (Boolean.TRUE.equals(enableDnsSupport)) {
            support.run();
        }
        if (enableDnsHostnames != null) {
            hostnames.run();
        }
        if (Boolean.FALSE.equals(enableDnsSupport)) {
            support.run();
        }
        return networkById(networkId);
    }

    private Network networkById(String id) {
        var vpc = retrier.callUntilVisible("DescribeVpcs", visibleBy(List.of(id)), () -> ec2.describeVpcs(r -> r
                .vpcIds(id))).vpcs().get(0);
        return Ec2Convert.network(vpc, region, vpcAttribute(id, VpcAttributeName.ENABLE_DNS_SUPPORT),
                vpcAttribute(id, VpcAttributeName.ENABLE_DNS_HOSTNAMES));
    }

    @Override
    public void deleteNetwork(String networkId, boolean cascade) {
        if (cascade) {
            for (NetworkInterface n : networkInterfaces()) {
                if (networkId.equals(n.networkId()) && n.attachment() == null) {
                    deleteNetworkInterface(n.id());
                }
            }
            for (RouteTable t : routeTables()) {
                if (!networkId.equals(t.networkId()) || t.isMain()) {
                    continue;
                }
                for (RouteTable.Association a : t.associations()) {
                    disassociateRouteTable(a.id());
                }
                deleteRouteTable(t.id());
            }
            for (Subnet s : subnets()) {
                if (networkId.equals(s.networkId())) {
                    deleteSubnet(s.id());
                }
            }
            for (SecurityGroup g : securityGroups()) {
                if (networkId.equals(g.networkId()) && !"default".equals(g.name())) {
                    deleteSecurityGroup(g.id());
                }
            }
            for (NetworkAcl acl : networkAcls()) {
                if (networkId.equals(acl.networkId()) && !acl.isDefault()) {
                    retrier.run("DeleteNetworkAcl", () -> ec2.deleteNetworkAcl(r -> r.networkAclId(acl.id())));
                }
            }
            for (InternetGateway g : internetGateways()) {
                if (networkId.equals(g.attachedNetworkId())) {
                    detachInternetGateway(g.id(), networkId);
                }
            }
        }
        retrier.run("DeleteVpc", () -> ec2.deleteVpc(r -> r.vpcId(networkId)));
    }

    @Override
    public Subnet createSubnet(SubnetSpec spec) {
        var subnet = retrier.callUntilVisible("CreateSubnet", visibleBy(List.of(spec.networkId())),
                () -> ec2.createSubnet(r -> r.vpcId(spec.networkId()).cidrBlock(spec.cidr())
                        .availabilityZone(spec.zone()).tagSpecifications(tagSpec(ResourceType.SUBNET, spec.tags()))))
                .subnet();
        remember(subnet.subnetId());
        if (spec.mapPublicIpOnLaunch()) {
            return modifySubnet(subnet.subnetId(), true);
        }
        return Ec2Convert.subnet(subnet);
    }

    @Override
    public List<Subnet> subnets() {
        return retrier.call("DescribeSubnets", () -> ec2.describeSubnets(r -> {
        })).subnets().stream().map(Ec2Convert::subnet).toList();
    }

    @Override
    public void deleteSubnet(String subnetId) {
        retrier.run("DeleteSubnet", () -> ec2.deleteSubnet(r -> r.subnetId(subnetId)));
    }

    @Override
    public Subnet modifySubnet(String subnetId, boolean mapPublicIpOnLaunch) {
        retrier.callUntilVisible("ModifySubnetAttribute", visibleBy(List.of(subnetId)),
                () -> ec2.modifySubnetAttribute(r -> r.subnetId(subnetId).mapPublicIpOnLaunch(
                        AttributeBooleanValue.builder().value(mapPublicIpOnLaunch).build())));
        return subnetById(subnetId);
    }

    @Override
    public SecurityGroup createSecurityGroup(SecurityGroupSpec spec) {
        String id = retrier.callUntilVisible("CreateSecurityGroup", visibleBy(List.of(spec.networkId())),
                () -> ec2.createSecurityGroup(r -> r.vpcId(spec.networkId()).groupName(spec.name())
                        .description(spec.description())
                        .tagSpecifications(tagSpec(ResourceType.SECURITY_GROUP, spec.tags())))).groupId();
        remember(id);
        return securityGroup(id);
    }

    private SecurityGroup securityGroup(String id) {
        return retrier.callUntilVisible("DescribeSecurityGroups", visibleBy(List.of(id)),
                () -> ec2.describeSecurityGroups(r -> r.groupIds(id))).securityGroups().stream()
                .map(Ec2Convert::securityGroup).findFirst()
                .orElseThrow(() -> AltoException.notFound("InvalidGroup.NotFound", "group " + id + " does not exist"));
    }

    @Override
    public List<SecurityGroup> securityGroups() {
        return retrier.call("DescribeSecurityGroups", () -> ec2.describeSecurityGroups(r -> {
        })).securityGroups().stream().map(Ec2Convert::securityGroup).toList();
    }

    @Override
    public SecurityGroup authorize(String groupId, boolean ingress, List<SecurityRule> rules) {
        List<IpPermission> permissions = rules.stream().map(Ec2Convert::permission).toList();
        if (ingress) {
            retrier.callUntilVisible("AuthorizeSecurityGroupIngress", visibleBy(List.of(groupId)),
                    () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions)));
        } else {
            retrier.callUntilVisible("AuthorizeSecurityGroupEgress", visibleBy(List.of(groupId)),
                    () -> ec2.authorizeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(permissions)));
        }
        return securityGroup(groupId);
    }

    @Override
    public SecurityGroup revoke(String groupId, boolean ingress, List<SecurityRule> rules) {
        List<IpPermission> permissions = rules.stream().map(Ec2Convert::permission).toList();
        if (ingress) {
            retrier.run("RevokeSecurityGroupIngress", () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId)
                    .ipPermissions(permissions)));
        } else {
            retrier.run("RevokeSecurityGroupEgress", () -> ec2.revokeSecurityGroupEgress(r -> r.groupId(groupId)
                    .ipPermissions(permissions)));
        }
        return securityGroup(groupId);
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        retrier.run("DeleteSecurityGroup", () -> ec2.deleteSecurityGroup(r -> r.groupId(groupId)));
    }

    @Override
    public List<SecurityGroupRule> securityGroupRules(Collection<String> groupIds) {
        List<SecurityGroupRule> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = retrier.call("DescribeSecurityGroupRules", () -> ec2.describeSecurityGroupRules(r -> {
                r.nextToken(next).maxResults(1000);
                if (!groupIds.isEmpty()) {
                    r.filters(filter("group-id", groupIds));
                }
            }));
            page.securityGroupRules().forEach(x -> out.add(Ec2Convert.groupRule(x)));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        if (!groupIds.isEmpty()) {
            // A filter quietly matches nothing for an unknown group; EC2's NotFound comes from asking by id.
            Set<String> seen = new LinkedHashSet<>();
            out.forEach(x -> seen.add(x.groupId()));
            List<String> unseen = groupIds.stream().filter(g -> !seen.contains(g)).toList();
            if (!unseen.isEmpty()) {
                retrier.call("DescribeSecurityGroups", () -> ec2.describeSecurityGroups(r -> r.groupIds(unseen)));
            }
        }
        return out;
    }

    // ---- internet gateways ------------------------------------------------------------------------------------

    @Override
    public InternetGateway createInternetGateway(Map<String, String> tags) {
        var made = retrier.call("CreateInternetGateway", () -> ec2.createInternetGateway(r -> r
                .tagSpecifications(tagSpec(ResourceType.INTERNET_GATEWAY, tags)))).internetGateway();
        remember(made.internetGatewayId());
        return Ec2Convert.internetGateway(made);
    }

    @Override
    public List<InternetGateway> internetGateways() {
        return retrier.call("DescribeInternetGateways", () -> ec2.describeInternetGateways(r -> {
        })).internetGateways().stream().map(Ec2Convert::internetGateway).toList();
    }

    private InternetGateway internetGateway(String id) {
        return retrier.callUntilVisible("DescribeInternetGateways", visibleBy(List.of(id)),
                () -> ec2.describeInternetGateways(r -> r.internetGatewayIds(id))).internetGateways().stream()
                .map(Ec2Convert::internetGateway).findFirst().orElseThrow(() -> AltoException.notFound(
                        "InvalidInternetGatewayID.NotFound", "internet gateway " + id + " does not exist"));
    }

    @Override
    public InternetGateway attachInternetGateway(String gatewayId, String networkId) {
        retrier.callUntilVisible("AttachInternetGateway", visibleBy(List.of(gatewayId, networkId)),
                () -> ec2.attachInternetGateway(r -> r.internetGatewayId(gatewayId).vpcId(networkId)));
        return internetGateway(gatewayId);
    }

    @Override
    public InternetGateway detachInternetGateway(String gatewayId, String networkId) {
        retrier.run("DetachInternetGateway", () -> ec2.detachInternetGateway(r -> r.internetGatewayId(gatewayId)
                .vpcId(networkId)));
        return internetGateway(gatewayId);
    }

    @Override
    public void deleteInternetGateway(String gatewayId) {
        retrier.run("DeleteInternetGateway", () -> ec2.deleteInternetGateway(r -> r.internetGatewayId(gatewayId)));
    }

    // ---- route tables -----------------------------------------------------------------------------------------

    @Override
    public RouteTable createRouteTable(String networkId, Map<String, String> tags) {
        var made = retrier.callUntilVisible("CreateRouteTable", visibleBy(List.of(networkId)),
                () -> ec2.createRouteTable(r -> {
                    r.vpcId(networkId);
                    // No ownership tags: a table lives and dies with its network, which carries them.
                    if (!tags.isEmpty()) {
                        r.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.ROUTE_TABLE)
                                .tags(Ec2Convert.sdkTags(tags)).build());
                    }
                })).routeTable();
        remember(made.routeTableId());
        return Ec2Convert.routeTable(made);
    }

    @Override
    public List<RouteTable> routeTables() {
        return retrier.call("DescribeRouteTables", () -> ec2.describeRouteTables(r -> {
        })).routeTables().stream().map(Ec2Convert::routeTable).toList();
    }

    private RouteTable routeTable(String id) {
        return retrier.callUntilVisible("DescribeRouteTables", visibleBy(List.of(id)),
                () -> ec2.describeRouteTables(r -> r.routeTableIds(id))).routeTables().stream()
                .map(Ec2Convert::routeTable).findFirst().orElseThrow(() -> AltoException.notFound(
                        "InvalidRouteTableID.NotFound", "route table " + id + " does not exist"));
    }

    @Override
    public void deleteRouteTable(String routeTableId) {
        retrier.run("DeleteRouteTable", () -> ec2.deleteRouteTable(r -> r.routeTableId(routeTableId)));
    }

    @Override
    public String associateRouteTable(String routeTableId, String subnetId) {
        return retrier.callUntilVisible("AssociateRouteTable", visibleBy(List.of(routeTableId, subnetId)),
                () -> ec2.associateRouteTable(r -> r.routeTableId(routeTableId).subnetId(subnetId))).associationId();
    }

    @Override
    public String replaceRouteTableAssociation(String associationId, String routeTableId) {
        return retrier.call("ReplaceRouteTableAssociation", () -> ec2.replaceRouteTableAssociation(r -> r
                .associationId(associationId).routeTableId(routeTableId))).newAssociationId();
    }

    @Override
    public void disassociateRouteTable(String associationId) {
        retrier.run("DisassociateRouteTable", () -> ec2.disassociateRouteTable(r -> r.associationId(associationId)));
    }

    @Override
    public RouteTable createRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        retrier.callUntilVisible("CreateRoute", visibleBy(List.of(routeTableId)), () -> ec2.createRoute(r -> r
                .routeTableId(routeTableId).destinationCidrBlock(destinationCidr).gatewayId(target.gatewayId())
                .instanceId(target.instanceId()).networkInterfaceId(target.networkInterfaceId())));
        return routeTable(routeTableId);
    }

    @Override
    public RouteTable replaceRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        retrier.run("ReplaceRoute", () -> ec2.replaceRoute(r -> r.routeTableId(routeTableId)
                .destinationCidrBlock(destinationCidr).gatewayId(target.gatewayId()).instanceId(target.instanceId())
                .networkInterfaceId(target.networkInterfaceId())));
        return routeTable(routeTableId);
    }

    @Override
    public RouteTable deleteRoute(String routeTableId, String destinationCidr) {
        retrier.run("DeleteRoute", () -> ec2.deleteRoute(r -> r.routeTableId(routeTableId)
                .destinationCidrBlock(destinationCidr)));
        return routeTable(routeTableId);
    }

    @Override
    public List<NetworkAcl> networkAcls() {
        return retrier.call("DescribeNetworkAcls", () -> ec2.describeNetworkAcls(r -> {
        })).networkAcls().stream().map(Ec2Convert::networkAcl).toList();
    }

    // ---- elastic IPs ------------------------------------------------------------------------------------------

    @Override
    public Address allocateAddress(Map<String, String> tags) {
        String id = retrier.call("AllocateAddress", () -> ec2.allocateAddress(r -> r.domain("vpc")
                .tagSpecifications(tagSpec(ResourceType.ELASTIC_IP, tags)))).allocationId();
        remember(id);
        return address(id);
    }

    private Address address(String allocationId) {
        return retrier.callUntilVisible("DescribeAddresses", visibleBy(List.of(allocationId)),
                () -> ec2.describeAddresses(r -> r.allocationIds(allocationId))).addresses().stream()
                .map(Ec2Convert::address).findFirst().orElseThrow(() -> AltoException.notFound(
                        "InvalidAllocationID.NotFound", "address " + allocationId + " does not exist"));
    }

    @Override
    public List<Address> addresses() {
        return retrier.call("DescribeAddresses", () -> ec2.describeAddresses(r -> {
        })).addresses().stream().map(Ec2Convert::address).toList();
    }

    @Override
    public Address associateAddress(String allocationId, String instanceId, String networkInterfaceId,
                                    boolean allowReassociation) {
        retrier.callUntilVisible("AssociateAddress", visibleBy(List.of(allocationId)),
                () -> ec2.associateAddress(r -> r.allocationId(allocationId).instanceId(instanceId)
                        .networkInterfaceId(networkInterfaceId).allowReassociation(allowReassociation)));
        return address(allocationId);
    }

    @Override
    public void disassociateAddress(String associationId) {
        retrier.run("DisassociateAddress", () -> ec2.disassociateAddress(r -> r.associationId(associationId)));
    }

    @Override
    public void releaseAddress(String allocationId) {
        retrier.run("ReleaseAddress", () -> ec2.releaseAddress(r -> r.allocationId(allocationId)));
    }

    // ---- volumes and snapshots --------------------------------------------------------------------------------

    @Override
    public Volume createVolume(VolumeSpec spec) {
        var made = retrier.call("CreateVolume", () -> ec2.createVolume(r -> {
            r.availabilityZone(spec.zone()).volumeType(spec.type()).encrypted(spec.encrypted())
                    .tagSpecifications(tagSpec(ResourceType.VOLUME, spec.tags()));
            if (spec.sizeGiB() > 0) {
                r.size(spec.sizeGiB());
            }
            if (spec.iops() > 0) {
                r.iops(spec.iops());
            }
            if (spec.snapshotId() != null) {
                r.snapshotId(spec.snapshotId());
            }
        }));
        remember(made.volumeId());
        return volume(made.volumeId());
    }

    private Volume volume(String id) {
        return retrier.callUntilVisible("DescribeVolumes", visibleBy(List.of(id)),
                () -> ec2.describeVolumes(r -> r.volumeIds(id))).volumes().stream().map(Ec2Convert::volume)
                .findFirst().orElseThrow(() -> AltoException.notFound("InvalidVolume.NotFound",
                        "volume " + id + " does not exist"));
    }

    @Override
    public List<Volume> volumes() {
        List<Volume> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = retrier.call("DescribeVolumes", () -> ec2.describeVolumes(r -> r.nextToken(next)
                    .maxResults(500)));
            page.volumes().forEach(v -> out.add(Ec2Convert.volume(v)));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    /**
     * Attaches at {@code device}, or hot-adds at the first of {@code /dev/sdf}..{@code /dev/sdp} that neither the
     * instance's block devices nor any attached volume uses.
     */
    @Override
    public Volume attachVolume(String volumeId, String instanceId, String device) {
        String at = device != null ? device : nextFreeDevice(instanceId);
        retrier.callUntilVisible("AttachVolume", visibleBy(List.of(volumeId, instanceId)),
                () -> ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(instanceId).device(at)));
        return volume(volumeId);
    }

    String nextFreeDevice(String instanceId) {
        Instance instance = instance(instanceId);
        Set<String> used = new LinkedHashSet<>();
        instance.blockDevices().forEach(b -> used.add(normalDevice(b.deviceName())));
        retrier.call("DescribeVolumes", () -> ec2.describeVolumes(r -> r.filters(filter("attachment.instance-id",
                        instanceId)))).volumes()
                .forEach(v -> v.attachments().forEach(a -> used.add(normalDevice(a.device()))));
        return HOT_ADD_DEVICES.stream().filter(d -> !used.contains(normalDevice(d))).findFirst()
                .orElseThrow(() -> new AltoException(ErrorCode.QUOTA_EXCEEDED, "AttachmentLimitExceeded",
                        "instance " + instanceId + " has no free device between /dev/sdf and /dev/sdp"));
    }

    /** Linux renames sdX to xvdX; both names are the same slot. */
    private static String normalDevice(String device) {
        return device == null ? "" : device.replace("/dev/xvd", "/dev/sd");
    }

    @Override
    public Volume detachVolume(String volumeId, boolean force) {
        retrier.run("DetachVolume", () -> ec2.detachVolume(r -> r.volumeId(volumeId).force(force)));
        return volume(volumeId);
    }

    @Override
    public void deleteVolume(String volumeId) {
        retrier.run("DeleteVolume", () -> ec2.deleteVolume(r -> r.volumeId(volumeId)));
    }

    @Override
    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        var made = retrier.callUntilVisible("CreateSnapshot", visibleBy(List.of(volumeId)),
                () -> ec2.createSnapshot(r -> r.volumeId(volumeId).description(description)
                        .tagSpecifications(tagSpec(ResourceType.SNAPSHOT, tags))));
        remember(made.snapshotId());
        return new Snapshot(made.snapshotId(), made.volumeId(), made.volumeSize() == null ? 0 : made.volumeSize(),
                made.stateAsString(), 0, made.description(), made.ownerId(), made.startTime(),
                Ec2Convert.tags(made.tags()));
    }

    @Override
    public List<Snapshot> snapshots() {
        return retrier.call("DescribeSnapshots", () -> ec2.describeSnapshots(r -> r.ownerIds("self"))).snapshots()
                .stream().map(Ec2Convert::snapshot).toList();
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        retrier.run("DeleteSnapshot", () -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId)));
    }

    // ---- network interfaces -----------------------------------------------------------------------------------

    @Override
    public NetworkInterface createNetworkInterface(InterfaceSpec spec) {
        var made = retrier.callUntilVisible("CreateNetworkInterface", visibleBy(List.of(spec.subnetId())),
                () -> ec2.createNetworkInterface(r -> {
                    r.subnetId(spec.subnetId()).privateIpAddress(spec.privateIp()).description(spec.description())
                            .tagSpecifications(tagSpec(ResourceType.NETWORK_INTERFACE, spec.tags()));
                    if (!spec.securityGroupIds().isEmpty()) {
                        r.groups(spec.securityGroupIds());
                    }
                })).networkInterface();
        remember(made.networkInterfaceId());
        return Ec2Convert.networkInterface(made);
    }

    @Override
    public List<NetworkInterface> networkInterfaces() {
        return retrier.call("DescribeNetworkInterfaces", () -> ec2.describeNetworkInterfaces(r -> {
        })).networkInterfaces().stream().map(Ec2Convert::networkInterface).toList();
    }

    private NetworkInterface networkInterface(String id) {
        return retrier.callUntilVisible("DescribeNetworkInterfaces", visibleBy(List.of(id)),
                () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(id))).networkInterfaces().stream()
                .map(Ec2Convert::networkInterface).findFirst().orElseThrow(() -> AltoException.notFound(
                        "InvalidNetworkInterfaceID.NotFound", "interface " + id + " does not exist"));
    }

    @Override
    public NetworkInterface attachNetworkInterface(String interfaceId, String instanceId, int deviceIndex) {
        retrier.callUntilVisible("AttachNetworkInterface", visibleBy(List.of(interfaceId, instanceId)),
                () -> ec2.attachNetworkInterface(r -> r.networkInterfaceId(interfaceId).instanceId(instanceId)
                        .deviceIndex(deviceIndex)));
        return networkInterface(interfaceId);
    }

    @Override
    public NetworkInterface detachNetworkInterface(String interfaceId, boolean force) {
        NetworkInterface current = networkInterface(interfaceId);
        if (current.attachment() == null) {
            throw new AltoException(ErrorCode.INVALID_STATE, "InvalidAttachmentID.NotFound",
                    "interface " + interfaceId + " is not attached");
        }
        retrier.run("DetachNetworkInterface", () -> ec2.detachNetworkInterface(r -> r
                .attachmentId(current.attachment().attachmentId()).force(force)));
        return networkInterface(interfaceId);
    }

    @Override
    public void deleteNetworkInterface(String interfaceId) {
        retrier.run("DeleteNetworkInterface", () -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(interfaceId)));
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        retrier.callUntilVisible("CreateTags", visibleBy(List.of(resourceId)), () -> ec2.createTags(r -> r
                .resources(resourceId).tags(Ec2Convert.sdkTags(tags))));
    }

    @Override
    public void untag(String resourceId, Collection<String> keys) {
        retrier.run("DeleteTags", () -> ec2.deleteTags(r -> r.resources(resourceId).tags(keys.stream()
                .map(k -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(k).build()).toList())));
    }

    @Override
    public void close() {
        launchers.shutdown();
        ec2.close();
        if (ssm != null) {
            ssm.close();
        }
    }

    /** For tests of the launch plan: the EC2 client this session calls. */
    Ec2Client client() {
        return ec2;
    }
}
