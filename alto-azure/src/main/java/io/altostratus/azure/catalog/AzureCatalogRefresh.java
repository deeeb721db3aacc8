package io.altostratus.azure.catalog;

import static io.altostratus.catalog.refresh.RefreshCalls.join;

import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineImageResourceInner;
import com.azure.resourcemanager.resources.fluent.models.LocationInner;
import com.azure.resourcemanager.resources.models.RegionType;
import io.altostratus.azure.internal.ArmClients;
import io.altostratus.azure.internal.ArmErrors;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.refresh.CarryOver;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.catalog.refresh.RefreshBuilder;
import io.altostratus.catalog.refresh.RefreshCalls;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an Azure {@link CatalogSnapshot} from Azure Resource Manager and the Retail Prices API, starting from the
 * shipped Azure tier (the fallback, unless another is given): it names the locations and carries over the ones not
 * refreshed, and stands in for prices when the prices API does not answer.
 *
 * <p>Calls, all on virtual threads with at most {@code concurrency} in flight, every page followed:
 * <ul>
 *   <li>at once: the subscription's locations, the versions of each marketplace image series ({@link #IMAGES}) in
 *       one location (images are published to every public location), and, when the locations are named in the
 *       request, per location its resource SKUs ({@code Microsoft.Compute/skus?$filter=location eq 'x'}) and its VM
 *       prices ({@code /api/retail/prices}, Consumption, by {@code armRegionName}), all side by side;</li>
 *   <li>when every location is asked for, the per-location calls start as soon as the location list is in.</li>
 * </ul>
 * Per location rather than one subscription-wide SKU list and one price list: those are long chains of pages (ARM's
 * full SKU list is tens of megabytes; the VM price list is hundreds of pages of 1000), each page waiting for the
 * one before, while per location every chain is a page or a few and all of them overlap. The critical path is the
 * longest per-location chain (plus one, the location list, when no locations are named).
 *
 * <p>A failed ARM call aborts the refresh (nothing is returned to be written); 429 and 5xx are retried by the
 * {@link Retrier} first. When the prices API does not answer (404, 403, 400), the prices of the fallback catalog
 * are carried over and the notes say so; an image series that lists no version is left out with a note.
 */
public final class AzureCatalogRefresh {
    /** A marketplace image series: publisher, offer and SKU of a URN, and what alto knows it as. */
    public record ImageSeries(String publisher, String offer, String sku, String distro, String release,
                              Architecture architecture, String description) {
        String urn(String version) {
            return publisher + ":" + offer + ":" + sku + ":" + version;
        }
    }

    /** The series the shipped catalog resolves {@code ubuntu:24.04}, {@code ubuntu:22.04} and {@code debian:12} to. */
    public static final List<ImageSeries> IMAGES = List.of(
            new ImageSeries("Canonical", "ubuntu-24_04-lts", "server", "ubuntu", "24.04", Architecture.X86_64,
                    "Ubuntu Server 24.04 LTS (Noble Numbat), amd64, Gen2"),
            new ImageSeries("Canonical", "ubuntu-24_04-lts", "server-arm64", "ubuntu", "24.04", Architecture.ARM64,
                    "Ubuntu Server 24.04 LTS (Noble Numbat), arm64"),
            new ImageSeries("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", "ubuntu", "22.04",
                    Architecture.X86_64, "Ubuntu Server 22.04 LTS (Jammy Jellyfish), amd64, Gen2"),
            new ImageSeries("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-arm64", "ubuntu", "22.04",
                    Architecture.ARM64, "Ubuntu Server 22.04 LTS (Jammy Jellyfish), arm64"),
            new ImageSeries("Debian", "debian-12", "12-gen2", "debian", "12", Architecture.X86_64,
                    "Debian 12 (bookworm), amd64, Gen2"),
            new ImageSeries("Debian", "debian-12", "12-arm64", "debian", "12", Architecture.ARM64,
                    "Debian 12 (bookworm), arm64"));

    /** Microsoft's Retail Prices API. */
    public static final String PRICES_URL = "https://prices.azure.com";
    /** Where image versions are listed when no location is named. */
    public static final String IMAGE_LOCATION = "eastus";

    private static final String PUBLIC_ARM_HOST = "management.azure.com";
    private static final int ROOT_DISK_GIB = 30;
    private static final Set<ErrorCode> PRICES_NOT_ANSWERED = Set.of(ErrorCode.NOT_FOUND, ErrorCode.AUTH_FAILURE,
            ErrorCode.INVALID_PARAMETER, ErrorCode.UNSUPPORTED);
    private static final Pattern DATE_IN_VERSION = Pattern.compile("(20\\d{6})");

    private final ArmClients arm;
    private final String endpoint;
    private final RetailPricesClient prices;
    private final List<String> wantedRegions;
    private final List<ImageSeries> series;
    private final String imageLocation;
    private final int keepBuilds;
    private final Catalog fallback;
    private final java.time.Clock clock;
    private final boolean carryOver;
    private final Retrier armRetrier;
    private final Retrier pricesRetrier;

    private final RefreshCalls calls;
    private final Set<String> notes = ConcurrentHashMap.newKeySet();

    private AzureCatalogRefresh(Builder b) {
        this.arm = Objects.requireNonNull(b.clients, "clients");
        this.endpoint = b.endpoint;
        this.prices = new RetailPricesClient(b.pricesUrl, b.pricesHttp != null ? b.pricesHttp
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build());
        this.wantedRegions = b.regions() == null ? null : List.copyOf(new TreeSet<>(b.regions()));
        this.series = List.copyOf(b.series);
        this.imageLocation = b.imageLocation != null ? b.imageLocation
                : wantedRegions != null ? wantedRegions.getFirst() : IMAGE_LOCATION;
        this.keepBuilds = b.keepBuilds;
        this.fallback = b.fallback() != null ? b.fallback() : Catalogs.azure();
        this.clock = b.clock();
        this.carryOver = b.carryOver();
        this.armRetrier = new Retrier(b.maxAttempts, ArmErrors.FAILURES, b.backoff, b.sleeper, b.clock(),
                new SecureRandom(), b.retryListener);
        this.pricesRetrier = new Retrier(b.maxAttempts, RetailPricesClient.FAILURES, b.backoff, b.sleeper, b.clock(),
                new SecureRandom(), b.retryListener);
        this.calls = new RefreshCalls(b.concurrency(), b.listener());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options of a refresh; all but the ARM clients have a default. Without {@link #regions}, every physical
     * location the subscription lists.
     */
    public static final class Builder extends RefreshBuilder<Builder> {
        private ArmClients clients;
        private String endpoint;
        private String pricesUrl = PRICES_URL;
        private HttpClient pricesHttp;
        private List<ImageSeries> series = IMAGES;
        private String imageLocation;
        private int keepBuilds = 1;
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
         * The ARM clients to call through (required), and the endpoint they were made for (null for Azure's), which
         * the snapshot names as its source.
         */
        public Builder clients(ArmClients clients, String endpoint) {
            this.clients = Objects.requireNonNull(clients, "clients");
            this.endpoint = endpoint;
            return this;
        }

        /** The Retail Prices API's scheme, host and port (default {@value #PRICES_URL}). */
        public Builder pricesUrl(String pricesUrl) {
            this.pricesUrl = Objects.requireNonNull(pricesUrl, "pricesUrl");
            return this;
        }

        /** The HTTP client for the prices API (default: a JDK client of its own). */
        public Builder pricesHttp(HttpClient http) {
            this.pricesHttp = http;
            return this;
        }

        /** The image series to take the newest versions of (default {@link #IMAGES}). */
        public Builder images(List<ImageSeries> series) {
            this.series = List.copyOf(series);
            return this;
        }

        /** The location image versions are listed in (default: the first asked for, else {@value #IMAGE_LOCATION}). */
        public Builder imageLocation(String location) {
            this.imageLocation = location;
            return this;
        }

        /** Versions kept per image series, newest first; 0 keeps all (default 1). */
        public Builder keepBuilds(int keepBuilds) {
            if (keepBuilds < 0) {
                throw new IllegalArgumentException("keepBuilds must not be negative");
            }
            this.keepBuilds = keepBuilds;
            return this;
        }

        /** The retry policy for 429 and 5xx (default: 6 tries, 0.5 s doubling to 20 s, with jitter). */
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
        public Builder retryListener(Retrier.Listener listener) {
            this.retryListener = listener == null ? Retrier.Listener.NONE : listener;
            return this;
        }

        /** The request's regions, concurrency, fallback and progress, and its {@code keepBuilds}. */
        @Override
        public Builder request(CatalogRefresher.Request request) {
            return super.request(request).keepBuilds(request.keepBuilds());
        }

        public AzureCatalogRefresh build() {
            return new AzureCatalogRefresh(this);
        }
    }

    /** One location's answers: its resource SKUs and its prices (null when the prices API did not answer). */
    private record LocationAnswers(Future<List<ResourceSkuInner>> skus, Future<RetailPrices> prices) {
    }

    /**
     * Runs the refresh.
     *
     * @throws AltoException when a required call fails; nothing is written in that case
     */
    public CatalogRefresher.Result run() {
        long t0 = System.nanoTime();
        Instant takenAt = clock.instant();
        calls.regionsTotal(wantedRegions == null ? 0 : wantedRegions.size());
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<List<LocationInner>> locationsAnswer = threads.submit(this::listLocations);
            List<Future<List<Image>>> imageAnswers = new ArrayList<>();
            for (ImageSeries s : series) {
                imageAnswers.add(threads.submit(() -> versions(s)));
            }
            Map<String, LocationAnswers> perLocation = new TreeMap<>();
            if (wantedRegions != null) {
                for (String location : wantedRegions) {
                    perLocation.put(location, askLocation(threads, location, 0));
                }
            }
            List<LocationInner> listed = join(locationsAnswer);
            List<Region> regions = chooseRegions(listed);
            if (wantedRegions == null) {
                calls.regionsTotal(regions.size());
                for (Region region : regions) {
                    perLocation.put(region.name(), askLocation(threads, region.name(), 1));
                }
            }
            List<Image> images = new ArrayList<>();
            for (Future<List<Image>> answer : imageAnswers) {
                images.addAll(join(answer));
            }
            images.sort(Comparator.comparing(Image::name).thenComparing(Image::id));
            return assemble(takenAt, t0, regions, perLocation, List.copyOf(images));
        } finally {
            // On failure this interrupts whatever is still in flight, so a failed refresh ends promptly.
            threads.shutdownNow();
        }
    }

    private LocationAnswers askLocation(ExecutorService threads, String location, int after) {
        AtomicInteger left = new AtomicInteger(2);
        Runnable oneDone = () -> {
            if (left.decrementAndGet() == 0) {
                calls.regionDone();
            }
        };
        Future<List<ResourceSkuInner>> skus = threads.submit(() -> {
            try {
                return resourceSkus(location, after);
            } finally {
                oneDone.run();
            }
        });
        Future<RetailPrices> priced = threads.submit(() -> {
            try {
                return prices(location, after);
            } finally {
                oneDone.run();
            }
        });
        return new LocationAnswers(skus, priced);
    }

    // ---------------------------------------------------------------- the calls

    private List<LocationInner> listLocations() {
        return pages(0, "locations", () -> arm.subscriptions().getSubscriptions().listLocations(arm.subscription()));
    }

    private List<ResourceSkuInner> resourceSkus(String location, int after) {
        String filter = "location eq '" + location + "'";
        return pages(after, "resourceSkus " + location, () -> arm.compute().getResourceSkus()
                .list(filter, null, com.azure.core.util.Context.NONE));
    }

    /**
     * Every page of a list, one call per page, each page one deeper than the one before; a page is fetched on its
     * own (by its continuation token, ARM's {@code nextLink}) so that a retry repeats that page only.
     */
    private <T> List<T> pages(int after, String operation, Supplier<PagedIterable<T>> list) {
        List<T> out = new ArrayList<>();
        String token = null;
        int depth = after;
        do {
            String from = token;
            PagedResponse<T> page = calls.call(++depth, armRetrier, operation, () -> {
                PagedIterable<T> iterable = list.get();
                Iterator<PagedResponse<T>> it = (from == null ? iterable.iterableByPage()
                        : iterable.iterableByPage(from)).iterator();
                return it.hasNext() ? it.next() : null;
            });
            if (page == null) {
                break;
            }
            out.addAll(page.getValue());
            token = page.getContinuationToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    /** The newest {@code keepBuilds} versions of an image series, or none (noted) when it lists none. */
    private List<Image> versions(ImageSeries s) {
        List<VirtualMachineImageResourceInner> listed;
        try {
            listed = calls.call(1, armRetrier, "images " + s.urn("*"), () -> arm.compute()
                    .getVirtualMachineImages().list(imageLocation, s.publisher(), s.offer(), s.sku()));
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            listed = List.of();
        }
        List<String> versions = new ArrayList<>();
        for (VirtualMachineImageResourceInner v : listed == null ? List.<VirtualMachineImageResourceInner>of()
                : listed) {
            if (v.name() != null) {
                versions.add(v.name());
            }
        }
        if (versions.isEmpty()) {
            notes.add("image series " + s.urn("*") + " lists no version in " + imageLocation + ": left out");
            return List.of();
        }
        versions.sort(AzureCatalogRefresh::compareVersions);
        List<String> kept = versions.reversed();
        if (keepBuilds > 0 && kept.size() > keepBuilds) {
            kept = kept.subList(0, keepBuilds);
        }
        List<Image> out = new ArrayList<>();
        for (String version : kept) {
            out.add(new Image(s.urn(version), s.urn(version), s.description(), s.publisher(), s.publisher(),
                    s.distro(), s.release(), s.architecture(), Image.AVAILABLE, true, null, ROOT_DISK_GIB, List.of(),
                    null, dateOf(version), Map.of()));
        }
        return out;
    }

    /** Marketplace versions are dotted numbers ({@code 24.04.202411030}); compared part by part as numbers. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c;
            if (p.matches("\\d+") && q.matches("\\d+")) {
                c = new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The build date publishers put in their versions ({@code 24.04.202411030}, {@code 0.20241004.1888}). */
    private static Instant dateOf(String version) {
        Matcher m = DATE_IN_VERSION.matcher(version);
        if (m.find()) {
            try {
                return LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay()
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** A location's Linux prices, or null (noted) when the prices API does not answer. */
    private RetailPrices prices(String location, int after) {
        RetailPrices out = new RetailPrices();
        String url = prices.firstPage(location);
        int depth = after;
        try {
            while (url != null) {
                String page = url;
                RetailPricesClient.Page answer = calls.call(++depth, pricesRetrier, "retail prices " + location,
                        () -> prices.get(page));
                out.read(answer.items());
                url = answer.next();
            }
        } catch (AltoException e) {
            if (!PRICES_NOT_ANSWERED.contains(e.code())) {
                throw e;
            }
            notes.add("the Retail Prices API at " + prices.baseUrl() + " did not answer (" + e.providerCode()
                    + "): prices carried over from " + fallback.source().description() + " (taken "
                    + fallback.source().takenAt() + ")");
            return null;
        }
        return out;
    }

    // ---------------------------------------------------------------- the snapshot

    private List<Region> chooseRegions(List<LocationInner> listed) {
        Map<String, Region> known = new LinkedHashMap<>();
        fallback.regions().forEach(r -> known.put(r.name(), r));
        String host = endpoint == null ? PUBLIC_ARM_HOST : URI.create(endpoint).getAuthority();
        Set<String> missing = wantedRegions == null ? new TreeSet<>() : new TreeSet<>(wantedRegions);
        List<Region> out = new ArrayList<>();
        for (LocationInner l : listed) {
            if (l.name() == null) {
                continue;
            }
            missing.remove(l.name());
            // Logical locations (geographies like "europe") hold no VMs.
            boolean physical = l.metadata() == null || l.metadata().regionType() == null
                    || RegionType.PHYSICAL.equals(l.metadata().regionType());
            if (wantedRegions != null ? !wantedRegions.contains(l.name()) : !physical) {
                continue;
            }
            String display = l.displayName() != null ? l.displayName()
                    : known.containsKey(l.name()) ? known.get(l.name()).displayName() : l.name();
            out.add(new Region(l.name(), display, host, false));
        }
        if (!missing.isEmpty()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "LocationNotAvailableForResourceType",
                    "the subscription's locations do not list " + missing);
        }
        out.sort(Comparator.comparing(Region::name));
        return out;
    }

    private CatalogRefresher.Result assemble(Instant takenAt, long t0, List<Region> regions,
                                             Map<String, LocationAnswers> perLocation, List<Image> images) {
        Map<String, InstanceType> allTypes = new TreeMap<>();
        List<CatalogSnapshot.RegionData> out = new ArrayList<>();
        int offerCount = 0;
        int restricted = 0;
        int unpriced = 0;
        int rowsRead = 0;
        for (Region region : regions) {
            String location = region.name();
            LocationAnswers answers = perLocation.get(location);
            List<ResourceSkuInner> skus = join(answers.skus());
            RetailPrices priced = join(answers.prices());
            Set<String> zoneNumbers = new TreeSet<>();
            Map<String, CatalogSnapshot.Offer> offers = new TreeMap<>();
            for (ResourceSkuInner sku : skus) {
                if (!ResourceSkus.isVirtualMachine(sku)) {
                    continue;
                }
                zoneNumbers.addAll(ResourceSkus.listedZones(sku, location));
                if (ResourceSkus.restrictedIn(sku, location)) {
                    restricted++;
                    continue;
                }
                allTypes.putIfAbsent(sku.name(), ResourceSkus.instanceType(sku));
                List<String> zones = ResourceSkus.usableZones(sku, location).stream()
                        .map(n -> zoneName(location, n)).sorted().toList();
                Double onDemand;
                Double spot;
                if (priced != null) {
                    onDemand = priced.onDemand(sku.name());
                    spot = priced.spot(sku.name());
                } else {
                    onDemand = fallbackPrice(location, sku.name());
                    spot = fallbackSpot(location, sku.name());
                }
                if (onDemand == null) {
                    unpriced++;
                }
                offers.putIfAbsent(sku.name(), new CatalogSnapshot.Offer(sku.name(), onDemand, spot, zones));
            }
            if (priced != null) {
                rowsRead += priced.rowsRead();
            }
            List<Zone> zones = zoneNumbers.stream()
                    .map(n -> new Zone(zoneName(location, n), n, location, "available")).toList();
            offerCount += offers.size();
            out.add(new CatalogSnapshot.RegionData(region, zones, List.copyOf(offers.values()), images));
        }
        int typeCount = allTypes.size();

        List<String> allNotes = new ArrayList<>(new TreeSet<>(notes));
        allNotes.add("Linux on-demand and Spot prices from " + rowsRead + " Retail Prices API rows"
                + (unpriced == 0 ? "" : "; " + unpriced + " location/size pairs without a Linux price")
                + (restricted == 0 ? "" : "; " + restricted + " location/size pairs left out, not available to the"
                + " subscription there"));
        if (carryOver && wantedRegions != null) {
            Set<String> refreshed = new TreeSet<>();
            regions.forEach(r -> refreshed.add(r.name()));
            CarryOver.regionsNotRefreshed(fallback, refreshed, out, allTypes, allNotes);
        }
        out.sort(Comparator.comparing(CatalogSnapshot.RegionData::name));
        String description = "Azure Resource Manager at " + (endpoint == null ? "https://" + PUBLIC_ARM_HOST
                : endpoint) + " (subscription locations, Microsoft.Compute/skus per location, marketplace image"
                + " versions) and the Azure Retail Prices API at " + prices.baseUrl();
        CatalogSnapshot snapshot = new CatalogSnapshot(CatalogSnapshot.FORMAT, "azure",
                new Catalog.Source(description, takenAt), allNotes, List.copyOf(allTypes.values()), out);
        CatalogRefresher.Stats stats = calls.stats(Duration.ofNanos(System.nanoTime() - t0), regions.size(),
                typeCount, offerCount, images.size());
        return new CatalogRefresher.Result(snapshot, stats);
    }

    /** alto's name of zone {@code number} of a location ({@code eastus-1}), as the shipped catalog names it. */
    static String zoneName(String location, String number) {
        return location + "-" + number;
    }

    private Double fallbackPrice(String location, String size) {
        if (fallback.regions().stream().noneMatch(r -> r.name().equals(location))) {
            return null;
        }
        return fallback.instanceType(location, size).map(InstanceType::pricePerHour).orElse(null);
    }

    private Double fallbackSpot(String location, String size) {
        if (fallback.regions().stream().noneMatch(r -> r.name().equals(location))) {
            return null;
        }
        return fallback.spotPricePerHour(location, size).orElse(null);
    }
}
