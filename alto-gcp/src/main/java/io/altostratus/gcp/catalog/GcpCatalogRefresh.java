package io.altostratus.gcp.catalog;

import static io.altostratus.catalog.refresh.RefreshCalls.join;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.billing.v1.CloudCatalogClient;
import com.google.cloud.billing.v1.ListSkusRequest;
import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.cloud.billing.v1.Sku;
import com.google.cloud.compute.v1.ListMachineTypesRequest;
import com.google.cloud.compute.v1.ListRegionsRequest;
import com.google.cloud.compute.v1.ListZonesRequest;
import com.google.cloud.compute.v1.MachineType;
import com.google.cloud.compute.v1.MachineTypeList;
import com.google.cloud.compute.v1.RegionList;
import com.google.cloud.compute.v1.ZoneList;
import com.google.protobuf.Timestamp;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.catalog.refresh.CarryOver;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.catalog.refresh.RefreshBuilder;
import io.altostratus.catalog.refresh.RefreshCalls;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gcp.internal.BillingClient;
import io.altostratus.gcp.internal.GceClients;
import io.altostratus.gcp.internal.GceConvert;
import io.altostratus.gcp.internal.GceErrors;
import io.altostratus.gcp.internal.GceNames;
import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Builds a GCP {@link CatalogSnapshot} from the Compute Engine API and the Cloud Billing Catalog API.
 *
 * <p>Calls, all on virtual threads with at most {@code concurrency} in flight, every page token followed:
 * <ul>
 *   <li>at once, side by side: {@code regions.list}, {@code zones.list}, {@code images.getFromFamily} for each public
 *       family alto knows, and the Compute Engine service's {@code skus.list} (pages of 5000, one after another);</li>
 *   <li>as soon as the zones are known: {@code machineTypes.list} per zone of the regions asked for, all zones in
 *       parallel. Not {@code machineTypes.aggregatedList}: that is one chain of pages over every zone of every region
 *       (tens of pages of 500 on Google's side, each waiting for the one before), while per zone each list is a
 *       page or two and all of them overlap; it also asks only the zones of the regions wanted. The critical path
 *       stays two calls deep (zones, then a zone's types), or the SKU pages, whichever is longer.</li>
 * </ul>
 *
 * <p>A type's price in a region is assembled from the Compute Engine SKUs' unit prices ({@link SkuPrices},
 * {@link MachinePrices}); types of families without unit prices there stay unpriced. When the billing API does not
 * answer (an endpoint without it answers 404; a project without the API enabled, 403), the refresh goes on: it says
 * so in the snapshot's notes and carries the prices over from the fallback catalog. An image family that is gone
 * (404) is left out with a note. Any other failure aborts the refresh: it throws, calls in flight are interrupted,
 * and nothing is returned to be written. Rate limits and 5xx are retried by the {@link Retrier}, with the provider's
 * policy ({@link GceErrors}); the client libraries' own retries are off.
 *
 * <p>Images are global on GCE, so every region gets the same list: the newest image of each family, one build per
 * family ({@code getFromFamily} answers only the newest, so a request's {@code keepBuilds} has nothing to trim), and
 * {@link CatalogRefresher.Stats#images()} counts those images once, not once per region.
 */
public final class GcpCatalogRefresh {
    /** A public image family: the project that publishes it and the family name. */
    public record Family(String project, String family) {
    }

    /**
     * The public families the GCP catalog lists (the {@code ubuntu:} and {@code debian:} aliases the shipped catalog
     * resolves), newest image of each.
     */
    public static final List<Family> FAMILIES = List.of(
            new Family("ubuntu-os-cloud", "ubuntu-2404-lts-amd64"),
            new Family("ubuntu-os-cloud", "ubuntu-2404-lts-arm64"),
            new Family("ubuntu-os-cloud", "ubuntu-2204-lts"),
            new Family("ubuntu-os-cloud", "ubuntu-2204-lts-arm64"),
            new Family("debian-cloud", "debian-12"),
            new Family("debian-cloud", "debian-12-arm64"));

    private static final String GOOGLE_COMPUTE_HOST = "compute.googleapis.com";
    private static final int MACHINE_TYPES_PAGE = 500;
    private static final int SKUS_PAGE = 5000;
    /** Billing answers that mean "this source has no prices for you", not "the refresh is broken". */
    private static final Set<ErrorCode> PRICES_NOT_ANSWERED = Set.of(ErrorCode.NOT_FOUND, ErrorCode.AUTH_FAILURE,
            ErrorCode.INVALID_PARAMETER, ErrorCode.UNSUPPORTED);

    private final String endpoint;
    private final String billingEndpoint;
    private final String project;
    private final CredentialsProvider credentials;
    private final List<String> wantedRegions;
    private final List<Family> families;
    private final Catalog fallback;
    private final Clock clock;
    private final boolean carryOver;
    private final Retrier retrier;

    private final RefreshCalls calls;
    private final Set<String> notes = ConcurrentHashMap.newKeySet();

    private GcpCatalogRefresh(Builder b) {
        this.endpoint = b.endpoint;
        this.billingEndpoint = b.billingEndpoint != null ? b.billingEndpoint : b.endpoint;
        this.project = Objects.requireNonNull(b.project, "project");
        this.credentials = b.credentials != null ? b.credentials : NoCredentialsProvider.create();
        this.wantedRegions = b.regions() == null ? null : List.copyOf(new TreeSet<>(b.regions()));
        this.families = List.copyOf(b.families);
        this.fallback = b.fallback();
        this.clock = b.clock();
        this.carryOver = b.carryOver();
        this.retrier = new Retrier(b.maxAttempts, GceErrors.FAILURES, b.backoff, b.sleeper, b.clock(),
                new SecureRandom(), b.retryListener);
        this.calls = new RefreshCalls(b.concurrency(), b.listener());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options of a refresh; every one but the project has a default. Without {@link #regions}, every region
     * {@code regions.list} lists; the fallback catalog gives the region display names ({@code regions.list}
     * describes a region by its name) and the prices when the billing API does not answer; the clock is also the
     * retrier's.
     */
    public static final class Builder extends RefreshBuilder<Builder> {
        private String endpoint;
        private String billingEndpoint;
        private String project;
        private CredentialsProvider credentials;
        private List<Family> families = FAMILIES;
        private int maxAttempts = 6;
        private Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), 2.0, true);
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Retrier.Listener retryListener = Retrier.Listener.NONE;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * A GCE-compatible endpoint ({@code http://127.0.0.1:8773}, no trailing slash) instead of Google's; also the
         * billing endpoint unless {@link #billingEndpoint} says otherwise (alto serve answers both on one port).
         */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** A Cloud Billing-compatible endpoint, when it is not {@link #endpoint}'s. */
        public Builder billingEndpoint(String billingEndpoint) {
            this.billingEndpoint = billingEndpoint;
            return this;
        }

        /** The project whose view of regions, zones and machine types is read (required). */
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        /** How calls authenticate (default: none, as an emulator takes). */
        public Builder credentials(CredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** The public image families to take the newest image of (default {@link #FAMILIES}). */
        public Builder families(List<Family> families) {
            this.families = List.copyOf(families);
            return this;
        }

        /** The retry policy for rate limits and 5xx (default: 6 tries, 0.5 s doubling to 20 s, with jitter). */
        public Builder retries(int maxAttempts, Backoff backoff, Sleeper sleeper) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            this.backoff = Objects.requireNonNull(backoff);
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /** Told about every retry. */
        public Builder retryListener(Retrier.Listener retryListener) {
            this.retryListener = retryListener == null ? Retrier.Listener.NONE : retryListener;
            return this;
        }

        public GcpCatalogRefresh build() {
            return new GcpCatalogRefresh(this);
        }
    }

    /** A paginated answer and the depth of its last call. */
    private record Paged<T>(T value, int depth) {
    }

    /** The zones of one region being refreshed and the machine types each one lists. */
    private record RegionTypes(String region, List<com.google.cloud.compute.v1.Zone> zones,
                               Map<String, Future<List<MachineType>>> typesByZone) {
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
        GceClients compute = new GceClients(endpoint, credentials);
        CloudCatalogClient billing = BillingClient.open(billingEndpoint, credentials);
        // Known at once when regions are asked for; otherwise once zones.list has said which regions have zones.
        calls.regionsTotal(wantedRegions == null ? 0 : wantedRegions.size());
        try {
            Future<Paged<List<com.google.cloud.compute.v1.Region>>> regionsAnswer = threads.submit(() ->
                    listRegions(compute));
            Future<Paged<List<com.google.cloud.compute.v1.Zone>>> zonesAnswer = threads.submit(() ->
                    listZones(compute));
            List<Future<Image>> images = new ArrayList<>();
            for (Family family : families) {
                images.add(threads.submit(() -> newestOf(compute, family)));
            }
            Future<SkuPrices.Read> prices = threads.submit(() -> prices(billing));

            Paged<List<com.google.cloud.compute.v1.Zone>> zones = join(zonesAnswer);
            Map<String, List<com.google.cloud.compute.v1.Zone>> zonesByRegion = new TreeMap<>();
            for (com.google.cloud.compute.v1.Zone zone : zones.value()) {
                String region = GceNames.last(zone.getRegion());
                if (region != null && (wantedRegions == null || wantedRegions.contains(region))) {
                    zonesByRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(zone);
                }
            }
            if (wantedRegions == null) {
                calls.regionsTotal(zonesByRegion.size());
            }
            Map<String, RegionTypes> byRegion = new TreeMap<>();
            for (Map.Entry<String, List<com.google.cloud.compute.v1.Zone>> e : zonesByRegion.entrySet()) {
                AtomicInteger zonesLeft = new AtomicInteger(e.getValue().size());
                Map<String, Future<List<MachineType>>> typesByZone = new TreeMap<>();
                for (com.google.cloud.compute.v1.Zone zone : e.getValue()) {
                    typesByZone.put(zone.getName(), threads.submit(() -> {
                        List<MachineType> types = machineTypes(compute, zone.getName(), zones.depth());
                        if (zonesLeft.decrementAndGet() == 0) {
                            calls.regionDone();
                        }
                        return types;
                    }));
                }
                byRegion.put(e.getKey(), new RegionTypes(e.getKey(), e.getValue(), typesByZone));
            }

            List<Region> regions = chooseRegions(join(regionsAnswer).value());
            List<Image> found = new ArrayList<>();
            for (Future<Image> image : images) {
                Image i = join(image);
                if (i != null) {
                    found.add(i);
                }
            }
            found.sort(Comparator.comparing(Image::name).thenComparing(Image::id));
            return assemble(takenAt, t0, regions, byRegion, List.copyOf(found), join(prices));
        } finally {
            // On failure this interrupts whatever is still in flight, so a failed refresh ends promptly.
            threads.shutdownNow();
            compute.close();
            billing.close();
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

    // ---------------------------------------------------------------- the calls

    private Paged<List<com.google.cloud.compute.v1.Region>> listRegions(GceClients compute) {
        List<com.google.cloud.compute.v1.Region> out = new ArrayList<>();
        String token = "";
        int depth = 0;
        do {
            ListRegionsRequest.Builder request = ListRegionsRequest.newBuilder().setProject(project);
            if (!token.isEmpty()) {
                request.setPageToken(token);
            }
            RegionList page = call(++depth, "regions.list", () -> compute.regions().listCallable()
                    .call(request.build()));
            out.addAll(page.getItemsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return new Paged<>(out, depth);
    }

    private Paged<List<com.google.cloud.compute.v1.Zone>> listZones(GceClients compute) {
        List<com.google.cloud.compute.v1.Zone> out = new ArrayList<>();
        String token = "";
        int depth = 0;
        do {
            ListZonesRequest.Builder request = ListZonesRequest.newBuilder().setProject(project);
            if (!token.isEmpty()) {
                request.setPageToken(token);
            }
            ZoneList page = call(++depth, "zones.list", () -> compute.zones().listCallable().call(request.build()));
            out.addAll(page.getItemsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return new Paged<>(out, depth);
    }

    private List<MachineType> machineTypes(GceClients compute, String zone, int after) {
        List<MachineType> out = new ArrayList<>();
        String token = "";
        int depth = after;
        do {
            ListMachineTypesRequest.Builder request = ListMachineTypesRequest.newBuilder().setProject(project)
                    .setZone(zone).setMaxResults(MACHINE_TYPES_PAGE);
            if (!token.isEmpty()) {
                request.setPageToken(token);
            }
            MachineTypeList page = call(++depth, "machineTypes.list " + zone, () -> compute.machineTypes()
                    .listCallable().call(request.build()));
            out.addAll(page.getItemsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return out;
    }

    /** The newest image of a family, or null (noted) when the family is gone. */
    private Image newestOf(GceClients compute, Family family) {
        try {
            com.google.cloud.compute.v1.Image image = call(1, "images.getFromFamily " + family.project() + "/"
                    + family.family(), () -> compute.images().getFromFamily(family.project(), family.family()));
            return GceConvert.image(image, project);
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            notes.add("image family " + family.project() + "/" + family.family() + " was not found: left out");
            return null;
        }
    }

    /**
     * Every Compute Engine SKU read into unit prices, or null (noted) when the billing API does not answer.
     *
     * <p>The prices are asked for as of a moment ago, explicitly: the REST transport of Google's client sends an
     * unset {@code startTime}/{@code endTime} as 1970-01-01T00:00:00Z, which would ask for the prices of 1970 rather
     * than leave the range out. A minute back keeps the instant out of the future by the server's clock as well.
     */
    private SkuPrices.Read prices(CloudCatalogClient billing) {
        Instant asOf = clock.instant().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        Timestamp at = Timestamp.newBuilder().setSeconds(asOf.getEpochSecond()).build();
        List<Sku> skus = new ArrayList<>();
        String token = "";
        int depth = 0;
        try {
            do {
                ListSkusRequest.Builder request = ListSkusRequest.newBuilder().setParent(SkuPrices.COMPUTE_SERVICE)
                        .setCurrencyCode("USD").setPageSize(SKUS_PAGE).setStartTime(at).setEndTime(at);
                if (!token.isEmpty()) {
                    request.setPageToken(token);
                }
                ListSkusResponse page = call(++depth, "skus.list", () -> billing.listSkusCallable()
                        .call(request.build()));
                skus.addAll(page.getSkusList());
                token = page.getNextPageToken();
            } while (!token.isEmpty());
        } catch (AltoException e) {
            if (!PRICES_NOT_ANSWERED.contains(e.code())) {
                throw e;
            }
            notes.add("the Cloud Billing Catalog API at " + (billingEndpoint == null ? "Google's endpoint"
                    : billingEndpoint) + " did not list " + SkuPrices.COMPUTE_SERVICE + " SKUs (" + e.providerCode()
                    + "): " + (fallback != null ? "prices carried over from " + fallback.source().description()
                    + " (taken " + fallback.source().takenAt() + ")" : "no prices"));
            return null;
        }
        return SkuPrices.read(skus);
    }

    private <T> T call(int depth, String operation, Supplier<T> clientCall) {
        return calls.call(depth, retrier, operation, clientCall);
    }

    // ---------------------------------------------------------------- the snapshot

    private List<Region> chooseRegions(List<com.google.cloud.compute.v1.Region> listed) {
        Map<String, Region> known = new LinkedHashMap<>();
        if (fallback != null) {
            fallback.regions().forEach(r -> known.put(r.name(), r));
        }
        String host = endpoint == null ? GOOGLE_COMPUTE_HOST : URI.create(endpoint).getAuthority();
        List<Region> out = new ArrayList<>();
        Set<String> missing = wantedRegions == null ? new TreeSet<>() : new TreeSet<>(wantedRegions);
        for (com.google.cloud.compute.v1.Region r : listed) {
            missing.remove(r.getName());
            if (wantedRegions != null && !wantedRegions.contains(r.getName())) {
                continue;
            }
            // GCE describes a region by its name; the catalog's display names say where it is.
            String display = known.containsKey(r.getName()) ? known.get(r.getName()).displayName()
                    : r.getDescription().isEmpty() ? r.getName() : r.getDescription();
            out.add(new Region(r.getName(), display, host, false));
        }
        if (!missing.isEmpty()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidRegion", "regions.list does not list "
                    + missing);
        }
        out.sort(Comparator.comparing(Region::name));
        return out;
    }

    private CatalogRefresher.Result assemble(Instant takenAt, long t0, List<Region> regions,
                                             Map<String, RegionTypes> byRegion, List<Image> images,
                                             SkuPrices.Read prices) {
        Map<String, InstanceType> allTypes = new TreeMap<>();
        List<CatalogSnapshot.RegionData> out = new ArrayList<>();
        Set<String> refreshedTypes = new TreeSet<>();
        Set<String> unpricedFamilies = new TreeSet<>();
        int offerCount = 0;
        int unpriced = 0;
        for (Region region : regions) {
            RegionTypes answer = byRegion.get(region.name());
            List<Zone> zones = new ArrayList<>();
            Map<String, Set<String>> zonesByType = new TreeMap<>();
            if (answer != null) {
                for (com.google.cloud.compute.v1.Zone zone : answer.zones()) {
                    zones.add(GceConvert.zone(zone));
                    for (MachineType type : join(answer.typesByZone().get(zone.getName()))) {
                        allTypes.putIfAbsent(type.getName(), GceConvert.instanceType(type));
                        zonesByType.computeIfAbsent(type.getName(), k -> new TreeSet<>()).add(zone.getName());
                    }
                }
            } else {
                // A region without zones finishes at once.
                calls.regionDone();
            }
            zones.sort(Comparator.comparing(Zone::name));
            List<CatalogSnapshot.Offer> offers = new ArrayList<>();
            for (Map.Entry<String, Set<String>> e : zonesByType.entrySet()) {
                InstanceType type = allTypes.get(e.getKey());
                Double onDemand;
                Double spot;
                if (prices != null) {
                    onDemand = price(prices, region.name(), type, false);
                    spot = price(prices, region.name(), type, true);
                    if (onDemand == null) {
                        unpriced++;
                        unpricedFamilies.add(MachinePrices.family(type.name()));
                    }
                } else if (fallbackKnows(region.name())) {
                    onDemand = fallback.instanceType(region.name(), type.name()).map(InstanceType::pricePerHour)
                            .orElse(null);
                    spot = fallback.spotPricePerHour(region.name(), type.name()).orElse(null);
                } else {
                    onDemand = null;
                    spot = null;
                }
                offers.add(new CatalogSnapshot.Offer(type.name(), onDemand, spot, List.copyOf(e.getValue())));
                refreshedTypes.add(type.name());
            }
            offerCount += offers.size();
            out.add(new CatalogSnapshot.RegionData(region, zones, offers, images));
        }
        allTypes.keySet().retainAll(refreshedTypes);
        int typeCount = allTypes.size();

        List<String> allNotes = new ArrayList<>(new TreeSet<>(notes));
        if (prices != null) {
            allNotes.add("on-demand and spot prices assembled from " + prices.prices().all().size()
                    + " unit prices of the Cloud Billing Catalog (" + prices.skus() + " SKUs of "
                    + SkuPrices.COMPUTE_SERVICE + ")" + (unpriced == 0 ? ""
                    : "; " + unpriced + " region/type pairs unpriced, of families without unit prices there: "
                    + String.join(", ", unpricedFamilies)));
            allNotes.addAll(prices.notes());
        }
        if (carryOver && fallback != null && wantedRegions != null) {
            Set<String> refreshed = new TreeSet<>();
            regions.forEach(r -> refreshed.add(r.name()));
            CarryOver.regionsNotRefreshed(fallback, refreshed, out, allTypes, allNotes);
        }
        out.sort(Comparator.comparing(CatalogSnapshot.RegionData::name));
        String description = "Compute Engine API at " + (endpoint == null ? GOOGLE_COMPUTE_HOST : endpoint)
                + " (regions.list, zones.list, machineTypes.list per zone, images.getFromFamily) and Cloud Billing"
                + " Catalog API at " + (billingEndpoint == null ? "cloudbilling.googleapis.com" : billingEndpoint)
                + " (" + SkuPrices.COMPUTE_SERVICE + "/skus)";
        CatalogSnapshot snapshot = new CatalogSnapshot(CatalogSnapshot.FORMAT, "gcp",
                new Catalog.Source(description, takenAt), allNotes, List.copyOf(allTypes.values()), out);
        CatalogRefresher.Stats stats = calls.stats(Duration.ofNanos(System.nanoTime() - t0), regions.size(),
                typeCount, offerCount, images.size());
        return new CatalogRefresher.Result(snapshot, stats);
    }

    /** Exact sums written as doubles, as the shipped catalog writes them. */
    private static Double price(SkuPrices.Read prices, String region, InstanceType type, boolean spot) {
        Optional<BigDecimal> price = MachinePrices.hourly(prices.prices(), region, type, spot);
        return price.map(BigDecimal::doubleValue).orElse(null);
    }

    private boolean fallbackKnows(String region) {
        return fallback != null && fallback.regions().stream().anyMatch(r -> r.name().equals(region));
    }
}
