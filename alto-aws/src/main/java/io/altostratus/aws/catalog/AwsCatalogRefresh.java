package io.altostratus.aws.catalog;

import static io.altostratus.catalog.refresh.RefreshCalls.join;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.catalog.refresh.CarryOver;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.catalog.refresh.RefreshBuilder;
import io.altostratus.catalog.prices.PriceGaps;
import io.altostratus.catalog.refresh.RefreshCalls;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.SpotPrice;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.PricingClientBuilder;

/**
 * Builds an AWS {@link CatalogSnapshot} from the EC2 API: DescribeRegions, then for every region in parallel
 * DescribeAvailabilityZones, DescribeInstanceTypeOfferings by region and by zone (one call chain per zone),
 * DescribeImages for {@link ImagePatterns}' owners and names, and DescribeSpotPriceHistory; finally
 * DescribeInstanceTypes for the union of offered types, each type described once, in batches of 100 names spread
 * over the regions that offer them.
 *
 * <p>On-demand Linux prices come from the AWS Price List Query API ({@link OnDemandPrices}: GetProducts per region,
 * in parallel with the EC2 calls), against AWS's Pricing endpoint or {@link Builder#pricingEndpoint}; against an EC2
 * endpoint override without a pricing endpoint it is not called (an emulator serves no prices). A type the Pricing
 * API does not price keeps the fallback catalog's quoted price, and the gaps left are filled by the catalog's gap
 * rule ({@link PriceGaps}) over those prices, so estimates stand on the freshest figures; every price keeps its
 * source and date, and estimated ones are marked.
 *
 * <p>Calls run on virtual threads with at most {@code concurrency} in flight; every NextToken is followed. The SDK
 * retries throttled calls with its adaptive strategy, which also slows a client down once EC2 starts throttling.
 * A source that does not answer an optional call (spot prices on an emulator; a region the Pricing API fails for,
 * which keeps the other regions' fetched prices) is noted in the snapshot. Any other failure aborts the refresh: it
 * throws, in-flight calls are interrupted, and nothing is returned to be written.
 */
public final class AwsCatalogRefresh {
    private static final int TYPE_BATCH = 100;
    private static final int MAX_ATTEMPTS = 8;
    private static final String SPOT_PRODUCT = "Linux/UNIX";

    private final URI endpoint;
    private final List<String> wantedRegions;
    private final AwsCredentialsProvider credentials;
    private final List<ExecutionInterceptor> interceptors;
    private final Catalog fallback;
    private final Clock clock;
    private final int keepBuilds;
    private final boolean carryOver;
    private final URI pricingEndpoint;
    private final boolean pricing;

    private final RefreshCalls calls;
    private final Set<String> notes = ConcurrentHashMap.newKeySet();
    private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();
    private volatile PricingClient pricingClient;

    private AwsCatalogRefresh(Builder b) {
        this.endpoint = b.endpoint;
        this.wantedRegions = b.regions() == null ? null : List.copyOf(b.regions());
        this.credentials = b.credentials != null ? b.credentials : DefaultCredentialsProvider.builder().build();
        this.interceptors = List.copyOf(b.interceptors);
        this.fallback = b.fallback();
        this.clock = b.clock();
        this.keepBuilds = b.keepBuilds;
        this.carryOver = b.carryOver();
        this.pricingEndpoint = b.pricingEndpoint;
        this.pricing = b.pricing != null ? b.pricing : endpoint == null || pricingEndpoint != null;
        this.calls = new RefreshCalls(b.concurrency(), b.listener());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options of a refresh; every one has a default. Without {@link #regions}, every region DescribeRegions lists
     * that the account can use; with an endpoint override every region it lists, since an emulator enforces no
     * opt-in. The fallback catalog gives the on-demand prices the Pricing API does not (and the region display
     * names); the clock is the time spot prices are asked for and fetched prices are dated with.
     */
    public static final class Builder extends RefreshBuilder<Builder> {
        private URI endpoint;
        private AwsCredentialsProvider credentials;
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
        private int keepBuilds = 3;
        private URI pricingEndpoint;
        private Boolean pricing;

        private Builder() {
        }

        /** A Pricing API endpoint (a fake in tests) instead of AWS's {@code api.pricing.us-east-1} endpoint. */
        public Builder pricingEndpoint(URI pricingEndpoint) {
            this.pricingEndpoint = pricingEndpoint;
            return this;
        }

        /**
         * Whether to ask the Pricing API for on-demand prices; by default yes, except against an EC2 endpoint override
         * without a {@link #pricingEndpoint} (an emulator has no prices to give, and AWS would not take its keys).
         */
        public Builder pricing(boolean pricing) {
            this.pricing = pricing;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** An EC2-compatible endpoint (the gateway, an emulator) instead of AWS's regional endpoints. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** An SDK interceptor on every client (tests inject faults with one). */
        public Builder interceptor(ExecutionInterceptor interceptor) {
            this.interceptors.add(Objects.requireNonNull(interceptor));
            return this;
        }

        /** How many builds of each image series to keep, newest first (0 keeps every one; default 3). */
        public Builder keepBuilds(int keepBuilds) {
            this.keepBuilds = keepBuilds;
            return this;
        }

        public AwsCatalogRefresh build() {
            return new AwsCatalogRefresh(this);
        }
    }

    /** One region's answers before the instance types are described. */
    private record RegionAnswers(Region region, List<Zone> zones, Set<String> offered,
                                 Map<String, Set<String>> zonesByType, List<Image> images,
                                 Map<String, Double> spot, int depth) {
    }

    /**
     * Runs the refresh.
     *
     * @throws AltoException when a required call fails; nothing is written in that case
     */
    public CatalogRefresher.Result run() {
        long t0 = System.nanoTime();
        Instant takenAt = clock.instant();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            String home = wantedRegions != null ? wantedRegions.get(0) : "us-east-1";
            List<software.amazon.awssdk.services.ec2.model.Region> listed = call(1, () -> client(home)
                    .describeRegions(r -> r.allRegions(true))).regions();
            List<Region> regions = chooseRegions(listed);
            calls.regionsTotal(regions.size());

            // Prices depend on nothing but the region list: they run beside everything else.
            Map<String, Future<OnDemandPrices.Result>> fetched = new LinkedHashMap<>();
            if (pricing) {
                for (Region region : regions) {
                    fetched.put(region.name(), threads.submit(() -> onDemandPrices(region.name(), 1)));
                }
            }

            // Region offerings go first: describing the types waits for them, the rest of a region does not.
            Map<String, Future<Paged<Set<String>>>> offered = new LinkedHashMap<>();
            for (Region region : regions) {
                offered.put(region.name(), threads.submit(() -> regionOfferings(client(region.name()),
                        region.name(), 1)));
            }
            Map<String, Future<RegionAnswers>> answers = new LinkedHashMap<>();
            for (Region region : regions) {
                answers.put(region.name(), threads.submit(() -> regionAnswers(threads, region, 1,
                        offered.get(region.name()))));
            }
            Map<String, Paged<Set<String>>> offeredByRegion = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Paged<Set<String>>>> e : offered.entrySet()) {
                offeredByRegion.put(e.getKey(), join(e.getValue()));
            }
            Map<String, InstanceType> types = describeTypes(threads, offeredByRegion);
            Map<String, RegionAnswers> byRegion = new LinkedHashMap<>();
            for (Map.Entry<String, Future<RegionAnswers>> e : answers.entrySet()) {
                byRegion.put(e.getKey(), join(e.getValue()));
            }
            Map<String, Map<String, Double>> prices = new LinkedHashMap<>();
            for (Map.Entry<String, Future<OnDemandPrices.Result>> e : fetched.entrySet()) {
                OnDemandPrices.Result r = join(e.getValue());
                if (r != null) {
                    prices.put(e.getKey(), r.prices());
                }
            }
            CatalogSnapshot snapshot = assemble(takenAt, byRegion, types, prices);
            CatalogRefresher.Stats stats = calls.stats(Duration.ofNanos(System.nanoTime() - t0), byRegion.size(),
                    types.size(),
                    byRegion.values().stream().mapToInt(a -> a.offered().size()).sum(),
                    byRegion.values().stream().mapToInt(a -> a.images().size()).sum());
            return new CatalogRefresher.Result(snapshot, stats);
        } finally {
            // On failure this interrupts whatever is still in flight, so a failed refresh ends promptly.
            threads.shutdownNow();
            clients.values().forEach(Ec2Client::close);
            if (pricingClient != null) {
                pricingClient.close();
            }
        }
    }

    /**
     * One region's on-demand prices from the Pricing API, or null when the API failed for it (after the SDK's
     * retries): the failure is noted and the region keeps the fallback's prices, so one region cannot cost the
     * others theirs.
     */
    private OnDemandPrices.Result onDemandPrices(String region, int depth) {
        try {
            OnDemandPrices.Result r = OnDemandPrices.fetch(pricing(), region, depth, this::call);
            if (r.prices().isEmpty()) {
                notes.add("the Pricing API priced no instance type in " + region);
            }
            return r;
        } catch (AltoException e) {
            notes.add("the Pricing API failed for " + region + " (" + (e.providerCode() != null ? e.providerCode()
                    : e.code()) + "): its on-demand prices are the fallback's");
            return null;
        } catch (IllegalArgumentException e) {
            notes.add("the Pricing API answered " + region + " with an unreadable price list (" + e.getMessage()
                    + "): its on-demand prices are the fallback's");
            return null;
        }
    }

    /**
     * Runs the refresh and writes the snapshot into {@code store}, replacing the previous one atomically; a refresh
     * that fails writes nothing, so the previous snapshot stays as it was.
     */
    public CatalogRefresher.Result refreshInto(SnapshotStore store) {
        CatalogRefresher.Result result = run();
        store.write(result.snapshot());
        return result;
    }

    private List<Region> chooseRegions(List<software.amazon.awssdk.services.ec2.model.Region> listed) {
        List<Region> out = new ArrayList<>();
        Set<String> missing = wantedRegions == null ? new TreeSet<>() : new TreeSet<>(wantedRegions);
        for (software.amazon.awssdk.services.ec2.model.Region r : listed) {
            String name = r.regionName();
            missing.remove(name);
            boolean optIn = !"opt-in-not-required".equals(r.optInStatus());
            boolean usable = !"not-opted-in".equals(r.optInStatus()) || endpoint != null;
            if (wantedRegions != null ? !wantedRegions.contains(name) : !usable) {
                continue;
            }
            String display = name;
            if (fallback != null) {
                for (Region known : fallback.regions()) {
                    if (known.name().equals(name)) {
                        display = known.displayName();
                    }
                }
            }
            out.add(new Region(name, display, r.endpoint(), optIn));
        }
        if (!missing.isEmpty()) {
            throw AltoException.invalid("InvalidParameterValue", "DescribeRegions does not list " + missing);
        }
        out.sort(Comparator.comparing(Region::name));
        return out;
    }

    private RegionAnswers regionAnswers(ExecutorService threads, Region region, int depth,
                                        Future<Paged<Set<String>>> regionOffers) throws Exception {
        Ec2Client ec2 = client(region.name());
        Future<Map<String, Set<String>>> zoneOffers = threads.submit(() -> {
            List<AvailabilityZone> zones = call(depth + 1, () -> ec2.describeAvailabilityZones(r -> r
                    .filters(filter("region-name", region.name())))).availabilityZones();
            Map<String, Future<Paged<Set<String>>>> perZone = new TreeMap<>();
            for (AvailabilityZone z : zones) {
                perZone.put(z.zoneName() + "\t" + z.zoneId(), threads.submit(() -> zoneOfferings(ec2, z.zoneName(),
                        depth + 1)));
            }
            Map<String, Set<String>> out = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Paged<Set<String>>>> e : perZone.entrySet()) {
                out.put(e.getKey(), join(e.getValue()).value());
            }
            return out;
        });
        Future<List<Image>> images = threads.submit(() -> images(ec2, depth));
        Future<Map<String, Double>> spot = threads.submit(() -> spotPrices(ec2, region.name(), depth));

        Paged<Set<String>> offered = join(regionOffers);
        Map<String, Set<String>> byZone = join(zoneOffers);
        List<Zone> zones = new ArrayList<>();
        Map<String, Set<String>> zonesByType = new HashMap<>();
        for (Map.Entry<String, Set<String>> e : byZone.entrySet()) {
            String[] nameAndId = e.getKey().split("\t", 2);
            zones.add(new Zone(nameAndId[0], nameAndId[1], region.name(), "available"));
            for (String type : e.getValue()) {
                if (!offered.value().contains(type)) {
                    throw new AltoException(ErrorCode.PROVIDER_ERROR, nameAndId[0] + " offers " + type
                            + ", which its region " + region.name() + " does not");
                }
                zonesByType.computeIfAbsent(type, k -> new TreeSet<>()).add(nameAndId[0]);
            }
        }
        RegionAnswers out = new RegionAnswers(region, zones, offered.value(), zonesByType, join(images), join(spot),
                offered.depth());
        calls.regionDone();
        return out;
    }

    /** A paginated answer and the depth of its last call. */
    private record Paged<T>(T value, int depth) {
    }

    private Paged<Set<String>> regionOfferings(Ec2Client ec2, String region, int depth) {
        return offerings(ec2, LocationType.REGION, region, depth);
    }

    private Paged<Set<String>> zoneOfferings(Ec2Client ec2, String zone, int depth) {
        return offerings(ec2, LocationType.AVAILABILITY_ZONE, zone, depth);
    }

    private Paged<Set<String>> offerings(Ec2Client ec2, LocationType type, String location, int depth) {
        Set<String> out = new TreeSet<>();
        String token = null;
        int d = depth;
        do {
            String page = token;
            DescribeInstanceTypeOfferingsResponse r = call(++d, () -> ec2.describeInstanceTypeOfferings(q -> q
                    .locationType(type).filters(filter("location", location)).maxResults(1000).nextToken(page)));
            for (InstanceTypeOffering o : r.instanceTypeOfferings()) {
                out.add(o.instanceTypeAsString());
            }
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
        return new Paged<>(out, d);
    }

    private List<Image> images(Ec2Client ec2, int depth) {
        List<Image> out = new ArrayList<>();
        String token = null;
        int d = depth;
        do {
            String page = token;
            DescribeImagesResponse r = call(++d, () -> ec2.describeImages(q -> q
                    .owners(ImagePatterns.owners())
                    .filters(filter("name", ImagePatterns.patterns().toArray(String[]::new)),
                            filter("state", "available"))
                    .maxResults(1000).nextToken(page)));
            for (software.amazon.awssdk.services.ec2.model.Image image : r.images()) {
                Image converted = image(image);
                if (converted != null) {
                    out.add(converted);
                }
            }
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
        List<Image> kept = new ArrayList<>(ImagePatterns.newestPerSeries(out, Image::name,
                Comparator.comparing(Image::creationDate, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Image::name, Comparator.reverseOrder()), keepBuilds));
        kept.sort(Comparator.comparing(Image::name).thenComparing(Image::id));
        return kept;
    }

    private static Image image(software.amazon.awssdk.services.ec2.model.Image i) {
        ImagePatterns.Kind kind = ImagePatterns.kindOf(i.ownerId(), i.imageOwnerAlias(), i.name());
        Architecture arch;
        try {
            arch = Architecture.parse(i.architectureAsString());
        } catch (IllegalArgumentException e) {
            return null; // Mac and other hosts-only architectures cannot boot on the types the catalog describes.
        }
        if (kind == null) {
            return null;
        }
        int rootSize = 8;
        for (BlockDeviceMapping m : i.blockDeviceMappings()) {
            if (Objects.equals(m.deviceName(), i.rootDeviceName()) && m.ebs() != null && m.ebs().volumeSize() != null) {
                rootSize = m.ebs().volumeSize();
            }
        }
        return new Image(i.imageId(), i.name(), i.description(), i.ownerId(), i.imageOwnerAlias(), kind.distro(),
                kind.release(), arch, i.stateAsString(), Boolean.TRUE.equals(i.publicLaunchPermissions()),
                i.rootDeviceName(), rootSize, List.of(), null,
                i.creationDate() == null ? null : Instant.parse(i.creationDate()), Map.of());
    }

    /** The lowest current Linux spot price per type over the region's zones; empty when the source has none. */
    private Map<String, Double> spotPrices(Ec2Client ec2, String region, int depth) {
        Map<String, Double> lowest = new HashMap<>();
        Instant now = clock.instant();
        String token = null;
        int d = depth;
        try {
            do {
                String page = token;
                DescribeSpotPriceHistoryResponse r = call(++d, () -> ec2.describeSpotPriceHistory(q -> q
                        .productDescriptions(SPOT_PRODUCT).startTime(now).endTime(now).maxResults(1000)
                        .nextToken(page)));
                for (SpotPrice p : r.spotPriceHistory()) {
                    try {
                        lowest.merge(p.instanceTypeAsString(), Double.parseDouble(p.spotPrice()), Math::min);
                    } catch (NumberFormatException | NullPointerException e) {
                        // A price EC2 did not give as a number is no price.
                    }
                }
                token = r.nextToken();
            } while (token != null && !token.isEmpty());
        } catch (AltoException e) {
            if (e.code() == ErrorCode.THROTTLED || !(e.getCause() instanceof AwsServiceException)) {
                throw e;
            }
            notes.add("DescribeSpotPriceHistory was not answered (" + e.providerCode() + "): no spot prices");
            return Map.of();
        }
        return lowest;
    }

    /**
     * Describes every offered type once. Type figures are the same in every region, so each type is asked of one
     * region that offers it (the first by name); batches of 100 names go out in parallel.
     */
    private Map<String, InstanceType> describeTypes(ExecutorService threads,
                                                    Map<String, Paged<Set<String>>> offered) {
        int depth = 0;
        Map<String, List<String>> byRegion = new TreeMap<>();
        Set<String> assigned = new TreeSet<>();
        for (Map.Entry<String, Paged<Set<String>>> e : offered.entrySet()) {
            depth = Math.max(depth, e.getValue().depth());
            for (String type : e.getValue().value()) {
                if (assigned.add(type)) {
                    byRegion.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(type);
                }
            }
        }
        int base = depth;
        List<Future<List<InstanceTypeInfo>>> batches = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byRegion.entrySet()) {
            Ec2Client ec2 = client(e.getKey());
            List<String> names = e.getValue();
            for (int i = 0; i < names.size(); i += TYPE_BATCH) {
                List<String> batch = names.subList(i, Math.min(names.size(), i + TYPE_BATCH));
                batches.add(threads.submit(() -> describeBatch(ec2, batch, base)));
            }
        }
        Map<String, InstanceType> out = new TreeMap<>();
        for (Future<List<InstanceTypeInfo>> batch : batches) {
            for (InstanceTypeInfo info : join(batch)) {
                InstanceType t = type(info);
                out.put(t.name(), t);
            }
        }
        for (String type : assigned) {
            if (!out.containsKey(type)) {
                throw new AltoException(ErrorCode.PROVIDER_ERROR, "DescribeInstanceTypes did not describe " + type
                        + ", which DescribeInstanceTypeOfferings lists");
            }
        }
        return out;
    }

    private List<InstanceTypeInfo> describeBatch(Ec2Client ec2, List<String> names, int depth) {
        List<InstanceTypeInfo> out = new ArrayList<>();
        String token = null;
        int d = depth;
        do {
            String page = token;
            DescribeInstanceTypesResponse r = call(++d, () -> ec2.describeInstanceTypes(q -> q
                    .instanceTypesWithStrings(names).nextToken(page)));
            out.addAll(r.instanceTypes());
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    static InstanceType type(InstanceTypeInfo info) {
        int gpus = 0;
        Set<String> models = new LinkedHashSet<>();
        if (info.gpuInfo() != null) {
            for (GpuDeviceInfo g : info.gpuInfo().gpus()) {
                gpus += g.count() == null ? 0 : g.count();
                String model = ((g.manufacturer() == null ? "" : g.manufacturer()) + " "
                        + (g.name() == null ? "" : g.name())).trim();
                if (!model.isEmpty()) {
                    models.add(model);
                }
            }
        }
        List<Architecture> arches = new ArrayList<>();
        if (info.processorInfo() != null) {
            for (String a : info.processorInfo().supportedArchitecturesAsStrings()) {
                switch (a) {
                    case "x86_64" -> arches.add(Architecture.X86_64);
                    case "arm64" -> arches.add(Architecture.ARM64);
                    case "i386" -> arches.add(Architecture.I386);
                    default -> {
                        // Mac hosts (arm64_mac, x86_64_mac) boot no ordinary image of either architecture.
                    }
                }
            }
        }
        long storage = info.instanceStorageInfo() == null || info.instanceStorageInfo().totalSizeInGB() == null
                ? 0 : info.instanceStorageInfo().totalSizeInGB();
        return new InstanceType(info.instanceTypeAsString(),
                info.vCpuInfo() == null || info.vCpuInfo().defaultVCpus() == null ? 0 : info.vCpuInfo().defaultVCpus(),
                info.memoryInfo() == null || info.memoryInfo().sizeInMiB() == null ? 0 : info.memoryInfo().sizeInMiB(),
                gpus, models.isEmpty() ? null : String.join(", ", models), arches, null,
                Boolean.TRUE.equals(info.burstablePerformanceSupported()),
                Boolean.TRUE.equals(info.currentGeneration()),
                info.networkInfo() == null ? null : info.networkInfo().networkPerformance(), storage);
    }

    private CatalogSnapshot assemble(Instant takenAt, Map<String, RegionAnswers> answers,
                                     Map<String, InstanceType> types, Map<String, Map<String, Double>> fetched) {
        Map<String, InstanceType> allTypes = new TreeMap<>(types);
        List<CatalogSnapshot.RegionData> regions = new ArrayList<>();
        Map<String, Map<String, Price>> prices = prices(takenAt, answers, types, fetched);
        PriceSource spot = PriceSource.quoted(PriceSource.SPOT, takenAt);
        Map<String, Integer> bySource = new TreeMap<>();
        int estimated = 0;
        int unknown = 0;
        for (RegionAnswers a : answers.values()) {
            List<CatalogSnapshot.Offer> offers = new ArrayList<>();
            Map<String, Price> regionPrices = prices.getOrDefault(a.region().name(), Map.of());
            for (String type : a.offered()) {
                Price p = regionPrices.get(type);
                Double spotPrice = a.spot().get(type);
                offers.add(new CatalogSnapshot.Offer(type, p == null ? null : p.perHour(), spotPrice,
                        List.copyOf(a.zonesByType().getOrDefault(type, Set.of())), p == null ? null : p.source(),
                        spotPrice == null ? null : spot));
                if (p == null) {
                    unknown++;
                } else if (p.estimated()) {
                    estimated++;
                } else {
                    bySource.merge(p.source().dated(), 1, Integer::sum);
                }
            }
            regions.add(new CatalogSnapshot.RegionData(a.region(), a.zones(), offers, a.images()));
        }
        if (!pricing) {
            notes.add("the Pricing API was not queried (an EC2 endpoint override without [aws] pricing_endpoint)");
        }
        List<String> quotedBy = new ArrayList<>();
        bySource.forEach((source, n) -> quotedBy.add(n + " from " + source));
        notes.add("on-demand prices of region/type pairs: " + (quotedBy.isEmpty() ? "none quoted"
                : String.join(", ", quotedBy)) + "; " + estimated + " estimated by the gap rule; " + unknown
                + " unknown");
        List<String> allNotes = new ArrayList<>(new TreeSet<>(notes));
        if (carryOver && fallback != null) {
            CarryOver.regionsNotRefreshed(fallback, answers.keySet(), regions, allTypes, allNotes);
        }
        regions.sort(Comparator.comparing(CatalogSnapshot.RegionData::name));
        String description = "AWS EC2 API at " + (endpoint == null ? "AWS's regional endpoints" : endpoint)
                + " (DescribeRegions, DescribeAvailabilityZones, DescribeInstanceTypes, DescribeInstanceTypeOfferings, "
                + "DescribeImages, DescribeSpotPriceHistory)";
        return new CatalogSnapshot(CatalogSnapshot.FORMAT, "aws", new Catalog.Source(description, takenAt), allNotes,
                List.copyOf(allTypes.values()), regions);
    }

    /**
     * The on-demand prices of the refreshed regions: the Pricing API's where it gave one (dated now), else the
     * fallback's quoted price with its own source and date; then the gap rule over those, so no estimate of the
     * fallback survives where a fresher base exists.
     */
    private Map<String, Map<String, Price>> prices(Instant takenAt, Map<String, RegionAnswers> answers,
                                                   Map<String, InstanceType> types,
                                                   Map<String, Map<String, Double>> fetched) {
        PriceSource api = PriceSource.quoted(PriceSource.AWS_PRICING_API, takenAt);
        Map<String, Set<String>> offered = new TreeMap<>();
        Map<String, Map<String, Price>> quoted = new TreeMap<>();
        for (RegionAnswers a : answers.values()) {
            String region = a.region().name();
            offered.put(region, a.offered());
            Map<String, Double> fresh = fetched.getOrDefault(region, Map.of());
            boolean known = fallback != null && knows(fallback, region);
            Map<String, Price> q = new HashMap<>();
            for (String type : a.offered()) {
                Double usd = fresh.get(type);
                if (usd != null && usd > 0) {
                    q.put(type, new Price(usd, api));
                } else if (known) {
                    fallback.onDemandPrice(region, type).filter(p -> !p.estimated()).ifPresent(p -> q.put(type, p));
                }
            }
            quoted.put(region, q);
        }
        // The regions not refreshed still inform the rule (their price levels, their quoted types), as they did when
        // the fallback was made; only the refreshed regions' prices are taken from the answer.
        Map<String, InstanceType> allTypes = new HashMap<>(types);
        if (fallback != null) {
            for (Region r : fallback.regions()) {
                if (offered.containsKey(r.name())) {
                    continue;
                }
                Set<String> names = new TreeSet<>();
                Map<String, Price> q = new HashMap<>();
                for (InstanceType t : fallback.instanceTypes(r.name())) {
                    names.add(t.name());
                    allTypes.putIfAbsent(t.name(), t);
                    fallback.onDemandPrice(r.name(), t.name()).filter(p -> !p.estimated())
                            .ifPresent(p -> q.put(t.name(), p));
                }
                offered.put(r.name(), names);
                quoted.put(r.name(), q);
            }
        }
        Map<String, Map<String, Price>> filled = PriceGaps.fill(allTypes, offered, quoted);
        filled.keySet().retainAll(answers.keySet());
        return filled;
    }

    private static boolean knows(Catalog catalog, String region) {
        for (Region r : catalog.regions()) {
            if (r.name().equals(region)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- calls

    /** One Pricing API client for every region's query: the API answers for all regions from one endpoint. */
    private PricingClient pricing() {
        PricingClient local = pricingClient;
        if (local == null) {
            synchronized (this) {
                local = pricingClient;
                if (local == null) {
                    PricingClientBuilder b = PricingClient.builder()
                            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                            .credentialsProvider(credentials)
                            .overrideConfiguration(o -> {
                                // As for EC2: the Pricing API throttles bursts, and a lost page loses a region.
                                o.retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                                        .maxAttempts(MAX_ATTEMPTS).build());
                                o.addExecutionInterceptor(new AttemptCounter());
                                interceptors.forEach(o::addExecutionInterceptor);
                            });
                    if (pricingEndpoint != null) {
                        b.endpointOverride(pricingEndpoint);
                    }
                    local = b.build();
                    pricingClient = local;
                }
            }
        }
        return local;
    }

    private Ec2Client client(String region) {
        return clients.computeIfAbsent(region, r -> {
            Ec2ClientBuilder b = Ec2Client.builder()
                    .region(software.amazon.awssdk.regions.Region.of(r))
                    .credentialsProvider(credentials)
                    .overrideConfiguration(o -> {
                        // Adaptive: backs off and rate-limits the client once EC2 throttles; more attempts than the
                        // default 3, since a refresh is many calls and losing one fails all of them.
                        o.retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS).build());
                        o.addExecutionInterceptor(new AttemptCounter());
                        interceptors.forEach(o::addExecutionInterceptor);
                    });
            if (endpoint != null) {
                b.endpointOverride(endpoint);
            }
            return b.build();
        });
    }

    /** Counts HTTP attempts, so retries (throttling, transient faults) show next to the call count. */
    private final class AttemptCounter implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            calls.attempted();
        }
    }

    private <T> T call(int depth, Supplier<T> sdkCall) {
        return calls.call(depth, () -> {
            try {
                return sdkCall.get();
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                ErrorCode kind = e.isThrottlingException() ? ErrorCode.THROTTLED
                        : e.statusCode() == 401 || e.statusCode() == 403 || "AuthFailure".equals(code)
                        || "UnauthorizedOperation".equals(code) ? ErrorCode.AUTH_FAILURE : ErrorCode.PROVIDER_ERROR;
                throw new AltoException(kind, code, "EC2 refused a catalog call: " + e.getMessage(), e);
            } catch (AbortedException e) {
                throw new CancellationException("refresh aborted");
            } catch (SdkException e) {
                throw new AltoException(ErrorCode.PROVIDER_ERROR, null, "a catalog call failed: " + e.getMessage(), e);
            } catch (AltoException | CancellationException e) {
                throw e;
            } catch (RuntimeException e) {
                // An interceptor or the SDK's plumbing failed outside its own exception types: still a failed call.
                throw new AltoException(ErrorCode.PROVIDER_ERROR, null, "a catalog call failed: " + e.getMessage(), e);
            }
        });
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }
}
